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
