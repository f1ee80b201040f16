from __future__ import annotations

import json
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from focusdesk.cli.main import main
from focusdesk.services.activity import ActivityService
from focusdesk.services.clock import local_zone
from focusdesk.services.context import AppContext
from focusdesk.services.interactions import InteractionService
from focusdesk.services.sessions import SessionService
from tests.support.clock import FakeClock

AW_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "activitywatch_export.json"
NOON = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
# Everything happens between 11:00 and 11:30 UTC: one local day in every zone.
DATE = (NOON - timedelta(hours=1)).astimezone(local_zone()).date().isoformat()
TABLES = ("windows", "spans", "day_totals", "sessions", "interactions", "rules")


def build_history(data_dir: Path) -> None:
    """History written through the services, in the zone the CLI will use."""
    clock = FakeClock(NOON - timedelta(hours=1))
    ctx = AppContext.create(data_dir, clock=clock, tz=local_zone())
    try:
        sessions = SessionService(ctx)
        sessions.start("Message 5 prospects", 30, target=5)
        clock.advance(minutes=10)
        InteractionService(ctx).log("value")
        clock.advance(minutes=25)
        sessions.stop("met", count=5)
        ActivityService(ctx).add_manual(
            "firefox",
            "Messenger | Facebook",
            NOON - timedelta(minutes=55),
            NOON - timedelta(minutes=35),
        )
        ActivityService(ctx).add_manual(
            "firefox",
            "Reels | Facebook",
            NOON - timedelta(minutes=35),
            NOON - timedelta(minutes=30),
        )
    finally:
        ctx.close()


def snapshot(data_dir: Path) -> dict[str, list[str]]:
    ctx = AppContext.create(data_dir)
    try:
        with ctx.db.engine.connect() as conn:
            return {
                table: sorted(repr(tuple(r)) for r in conn.execute(text(f"SELECT * FROM {table}")))
                for table in TABLES
            }
    finally:
        ctx.close()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_export_to_stdout_imports_into_an_empty_dir_with_the_same_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    build_history(source)
    code, out, err = run(capsys, "--data-dir", source, "export", "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["format"] == "focusdesk-export" and data["version"] == 1
    export = tmp_path / "export.json"
    export.write_text(out, encoding="utf-8")

    code, out, err = run(capsys, "--data-dir", target, "import", export)

    assert code == 0, err
    assert out.startswith("Imported 1 session, 2 spans, 1 interaction and 0 rules (")
    summaries = [
        json.loads(run(capsys, "--data-dir", d, "summary", "--date", DATE, "--json")[1])
        for d in (source, target)
    ]
    assert summaries[0] == summaries[1]
    assert summaries[1]["totals"]["total_s"] == 25 * 60
    code, out, _ = run(capsys, "--data-dir", target, "import", export)
    assert code == 0 and "(4 skipped as already present" in out


def test_csv_export_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build_history(tmp_path / "d")

    code, out, _ = run(
        capsys,
        "--data-dir",
        tmp_path / "d",
        "export",
        "--format",
        "csv",
        "--from",
        DATE,
        "--to",
        DATE,
    )

    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    assert lines[0] == "start,end,duration_s,app,title,url,category,source,session_objective"
    assert lines[1] == (
        "2026-11-26T11:05:00+00:00,2026-11-26T11:25:00+00:00,1200,firefox,"
        "Messenger | Facebook,,business,manual,Message 5 prospects"
    )


def test_export_file_is_private_and_an_existing_file_needs_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = tmp_path / "d"
    build_history(d)
    target = tmp_path / "week.json"

    code, out, _ = run(capsys, "--data-dir", d, "export", "--format", "json", "-o", target)
    assert code == 0
    assert out == f"Exported 2 spans, 1 session, 1 interaction and 8 rules to {target}.\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.write_text("keep me", encoding="utf-8")

    code, out, err = run(capsys, "--data-dir", d, "export", "--format", "csv", "-o", target)
    assert code == 2 and out == ""
    assert err == f"focusdesk: {target} exists already; choose another name or add --force.\n"
    assert target.read_text(encoding="utf-8") == "keep me"

    code, out, _ = run(
        capsys, "--data-dir", d, "export", "--format", "csv", "-o", target, "--force"
    )
    assert code == 0 and out == f"Exported 2 spans to {target}.\n"
    assert target.read_text(encoding="utf-8").startswith("start,end,duration_s,")


def test_activitywatch_import_reports_counts_and_is_idempotent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = tmp_path / "d"
    original = AW_FIXTURE.read_bytes()

    code, out, err = run(capsys, "--data-dir", d, "import", AW_FIXTURE)

    assert code == 0, err
    # 5 spans in Berlin (one crosses its midnight), 4 where 23:00 UTC is not midnight
    count = int(out.split()[1])
    assert count in (4, 5)
    assert out == (
        f"Imported {count} spans (1 afk bucket ignored, 1 other bucket ignored, "
        "3 empty or overlapped events dropped).\n"
    )
    code, out, _ = run(capsys, "--data-dir", d, "import", AW_FIXTURE)
    assert code == 0
    assert out.startswith(f"Imported 0 spans ({count} skipped as already present, 1 afk bucket")
    assert AW_FIXTURE.read_bytes() == original


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "{tmp}/missing.json"], "no such file"),
        (["import", "{tmp}/broken.json"], "is not valid JSON"),
        (["import", "{tmp}/other.json"], "unknown format"),
        (["export", "--format", "json", "--from", "26.11.2026"], "--from must be a date"),
        (["export", "--format", "json", "--from", DATE, "--to", "2026-11-01"], "before its start"),
        (["export", "--format", "json", "-o", "{tmp}/exists.json"], "exists already"),
        (["export", "--format", "json", "-o", "{tmp}/no/such/dir.json"], "does not exist"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    d = tmp_path / "d"
    build_history(d)
    (tmp_path / "broken.json").write_text('{"buckets": {', encoding="utf-8")
    (tmp_path / "other.json").write_text('{"format": "csv"}', encoding="utf-8")
    (tmp_path / "exists.json").write_text("mine", encoding="utf-8")
    before = snapshot(d)

    code, out, err = run(capsys, "--data-dir", d, *(a.format(tmp=tmp_path) for a in args))

    assert code == 2 and out == ""
    assert err.startswith("focusdesk: ") and err.count("\n") == 1 and message in err
    assert snapshot(d) == before
    assert (tmp_path / "exists.json").read_text(encoding="utf-8") == "mine"


def test_export_needs_a_known_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(tmp_path / "d"), "export", "--format", "xml"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid choice: 'xml'" in err
