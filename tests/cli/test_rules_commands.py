"""`focusdesk rules add|remove` say how much of history they re-labelled; `rules test` takes a URL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from focusdesk.cli.main import main
from focusdesk.core.activity import WindowKey
from focusdesk.core.days import epoch_day
from focusdesk.services.clock import local_zone
from focusdesk.services.context import AppContext
from focusdesk.store.activity import SpanRow, WindowIds, insert_spans, rebuild_day_totals
from tests.support.clock import FakeClock

START = datetime(2026, 11, 26, 11, 0, tzinfo=UTC)


def recorded_history(data_dir: Path) -> None:
    """Two automatic spans of one window, as the tracker would have stored them."""
    ctx = AppContext.create(data_dir, clock=FakeClock(START), tz=local_zone())
    try:
        day = epoch_day(START.astimezone(ctx.tz).date())
        with ctx.db.engine.begin() as conn:
            window_id = WindowIds().get(conn, WindowKey("firefox", "Story Template - Canva"))
            rows = [
                SpanRow(
                    ctx.device_id, day, int(START.timestamp()) + i * 600, 300, window_id, 0, 0, None
                )
                for i in range(2)
            ]
            insert_spans(conn, rows)
            rebuild_day_totals(conn, ctx.device_id, [day])
    finally:
        ctx.close()


def test_add_and_remove_report_the_reclassified_past(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(tmp_path / "d")
    recorded_history(tmp_path / "d")
    add = ["--data-dir", d, "rules", "add", "--field", "title", "--pattern", r"\bcanva\b"]
    assert main([*add, "--category", "business"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Added rule ") and out[0].endswith("is business.")
    assert out[1] == "Reclassified 2 past spans (1 window, 1 day)."
    rule_id = out[0].split()[2].rstrip(":")

    assert main(["--data-dir", d, "rules", "remove", rule_id]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Removed rule {rule_id}.",
        "Reclassified 2 past spans (1 window, 1 day).",
    ]
    assert main([*add[:-1], "nothing like this", "--category", "casual"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "No past activity changed category."


def test_rules_test_accepts_a_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = str(tmp_path / "d")
    url = "https://www.facebook.com/groups/123/"
    assert main(["--data-dir", d, "rules", "test", "--url", url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("business: rule ") and "url matches" in out


def rule_ids(d: str, capsys: pytest.CaptureFixture[str]) -> list[int]:
    import json

    assert main(["--data-dir", d, "rules", "list", "--json"]) == 0
    return [r["id"] for r in json.loads(capsys.readouterr().out)]


def test_move_puts_a_rule_at_a_position(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = str(tmp_path / "d")
    recorded_history(tmp_path / "d")
    ids = rule_ids(d, capsys)
    last = ids[-1]
    assert main(["--data-dir", d, "rules", "move", str(last), "0"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"Moved rule {last} to position 0."
    assert rule_ids(d, capsys) == [last, *ids[:-1]]


def test_update_changes_a_rule_and_reports_the_reclassified_past(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(tmp_path / "d")
    recorded_history(tmp_path / "d")
    add = ["--data-dir", d, "rules", "add", "--field", "title", "--pattern", "nothing like this"]
    assert main([*add, "--category", "casual", "--position", "0"]) == 0
    rule_id = capsys.readouterr().out.split()[2].rstrip(":")
    update = ["--data-dir", d, "rules", "update", rule_id, "--pattern", r"\bcanva\b"]
    assert main([*update, "--category", "business"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Rule {rule_id}: title matching '\\\\bcanva\\\\b' is business.",
        "Reclassified 2 past spans (1 window, 1 day).",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["move", "999", "0"], "no rule with id 999"),
        (["move", "1", "-1"], "0 or more"),
        (["move", "1", "x"], "expected a whole number"),
        (["update", "1"], "give at least one of --field, --pattern, --category"),
        (["update", "999", "--category", "casual"], "no rule with id 999"),
        (["update", "1", "--pattern", "^(a+)+$"], "could make matching hang"),
        (["update", "1", "--category", "fun"], "invalid choice"),
    ],
)
def test_move_and_update_errors_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    d = str(tmp_path / "d")
    assert main(["--data-dir", d, "rules", "list"]) == 0
    capsys.readouterr()
    try:  # argument errors end in argparse's SystemExit, service errors in a return code
        with_code = main(["--data-dir", d, "rules", *argv])
    except SystemExit as exit_info:
        with_code = int(exit_info.code or 0)
    err = capsys.readouterr().err
    assert with_code == 2
    assert message in err and err.count("\n") == 1


def test_rules_test_names_the_business_or_personal_page_that_matched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from focusdesk.core.settings import BusinessPage, PersonalPage

    d = tmp_path / "d"
    ctx = AppContext.create(d, tz=local_zone())
    try:
        ctx.save_settings(
            ctx.settings.with_changes(
                business_pages=(BusinessPage("Glow & Grow", "https://www.facebook.com/glowgrow"),),
                personal_pages=(PersonalPage("Anna Private", "https://www.facebook.com/anna.p"),),
            )
        )
    finally:
        ctx.close()
    base = ["--data-dir", str(d), "rules", "test", "--url"]
    assert main([*base, "https://www.facebook.com/anna.p/photos"]) == 0
    assert capsys.readouterr().out == (
        "casual: personal page 'Anna Private' (https://www.facebook.com/anna.p)\n"
    )
    assert main([*base, "https://www.facebook.com/anna.p/photos", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "category": "casual",
        "page": {
            "kind": "personal",
            "name": "Anna Private",
            "url": "https://www.facebook.com/anna.p",
            "pattern": "",
        },
        "rule": None,
    }
    assert main([*base, "https://www.facebook.com/glowgrow/posts/1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["page"] == {
        "kind": "business",
        "name": "Glow & Grow",
        "url": "https://www.facebook.com/glowgrow",
    }
    assert main([*base, "https://www.facebook.com/glowgrow/posts/1"]) == 0
    assert capsys.readouterr().out.startswith("business: business page 'Glow & Grow'")
