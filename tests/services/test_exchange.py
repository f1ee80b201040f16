from __future__ import annotations

import csv
import io
import json
import os
import stat
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from focusdesk.core.errors import FocusDeskError
from focusdesk.services.activity import ActivityService
from focusdesk.services.context import AppContext
from focusdesk.services.exchange import CSV_COLUMNS, ExchangeService
from focusdesk.services.interactions import InteractionService
from focusdesk.services.reports import ReportService
from focusdesk.services.rules import RuleService
from focusdesk.services.sessions import SessionService
from tests.conftest import BERLIN
from tests.support.clock import FakeClock

DAY = date(2026, 11, 26)
AW_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "activitywatch_export.json"
TABLES = (
    "devices",
    "windows",
    "spans",
    "day_totals",
    "sessions",
    "session_extensions",
    "interactions",
    "rules",
)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    """A Berlin wall time (UTC+1 in November and January) as a UTC instant."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=1)


@pytest.fixture
def fresh(
    request: pytest.FixtureRequest, tmp_path: Path, database_url: str | None, clock: FakeClock
) -> Iterator[AppContext]:
    """A second, empty FocusDesk on the same kind of database as ``ctx``."""
    url = None
    if database_url is not None:
        url = request.getfixturevalue("postgres_server").create_database(
            f"t_{uuid.uuid4().hex[:12]}"
        )
    context = AppContext.create(tmp_path / "fresh", url, clock=clock, tz=BERLIN)
    try:
        yield context
    finally:
        context.close()


def snapshot(ctx: AppContext) -> dict[str, list[str]]:
    with ctx.db.engine.connect() as conn:
        return {
            table: sorted(repr(tuple(row)) for row in conn.execute(text(f"SELECT * FROM {table}")))
            for table in TABLES
        }


def build_history(ctx: AppContext, clock: FakeClock) -> None:
    """A day with an extended, finished session, activity inside and outside it,
    interactions, a custom rule, and activity across local midnight."""
    sessions, activity = SessionService(ctx), ActivityService(ctx)
    clock.set(at(9))
    sessions.start("Message 5 prospects", 30, target=5)
    clock.set(at(9, 25))
    sessions.extend(10)
    InteractionService(ctx).log("value", "Shared a tip, no link")
    InteractionService(ctx).log("pitch")
    clock.set(at(9, 50))
    sessions.stop("met", count=5, note="Two asked for details")
    activity.add_manual("firefox", "Messenger | Facebook", at(9, 5), at(9, 30))
    activity.add_manual("firefox", "Reels | Facebook", at(9, 30), at(9, 45))
    RuleService(ctx).add("title", "canva", "business")
    clock.set(at(1, day=DAY + timedelta(days=1)))
    activity.add_manual("phone", "Instagram", at(23, 30), at(0, 30, DAY + timedelta(days=1)))
    activity.add_manual(
        "Canva",
        "Design a post - canva",
        at(0, 30, DAY + timedelta(days=1)),
        at(0, 50, DAY + timedelta(days=1)),
    )


def figures(ctx: AppContext) -> list[dict[str, Any]]:
    reports = ReportService(ctx)
    return [
        reports.day_summary(DAY).to_json(),
        reports.day_summary(DAY + timedelta(days=1)).to_json(),
        reports.report(DAY - timedelta(days=2), DAY + timedelta(days=2), "day").to_json(),
    ]


def export_json(ctx: AppContext, first: date | None = None, last: date | None = None) -> Any:
    out = io.StringIO()
    ExchangeService(ctx).export(out, "json", first, last)
    return json.loads(out.getvalue())


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_json_round_trip_gives_the_same_summaries_and_reports(
    ctx: AppContext, fresh: AppContext, clock: FakeClock, tmp_path: Path
) -> None:
    build_history(ctx, clock)
    path = tmp_path / "history.json"
    exported = ExchangeService(ctx).export_to_file(path, "json")
    assert (exported.sessions, exported.interactions) == (1, 2)
    assert exported.spans == 5  # the midnight activity is two spans

    imported = ExchangeService(fresh).import_file(path)

    assert (imported.sessions, imported.spans, imported.interactions) == (1, 5, 2)
    assert imported.rules == 1 and imported.rules_skipped == 8  # defaults exist in both
    assert figures(fresh) == figures(ctx)
    assert figures(ctx)[0]["sessions"][0]["extensions"] == 1
    assert "canva" in [r.pattern for r in RuleService(fresh).list()]
    again = export_json(fresh)
    original = json.loads(path.read_text(encoding="utf-8"))
    for key in ("sessions", "spans", "interactions"):
        assert [{**x, "device": None} for x in again[key]] == [
            {**x, "device": None} for x in original[key]
        ]


def test_importing_the_same_export_twice_changes_nothing(
    ctx: AppContext, fresh: AppContext, clock: FakeClock, tmp_path: Path
) -> None:
    build_history(ctx, clock)
    path = tmp_path / "history.json"
    ExchangeService(ctx).export_to_file(path, "json")
    ExchangeService(fresh).import_file(path)
    before = snapshot(fresh)

    second = ExchangeService(fresh).import_file(path)

    assert (second.sessions, second.spans, second.interactions, second.rules) == (0, 0, 0, 0)
    assert (second.sessions_skipped, second.spans_skipped, second.interactions_skipped) == (1, 5, 2)
    assert snapshot(fresh) == before
    # and importing a database's own export into itself adds nothing either
    assert ExchangeService(ctx).import_file(path).spans == 0


def test_devices_are_kept_so_history_from_another_computer_stays_its_own(
    ctx: AppContext, fresh: AppContext, clock: FakeClock, tmp_path: Path
) -> None:
    shared_url = ctx.database_url or f"sqlite:///{ctx.db.path}"
    laptop = AppContext.create(tmp_path / "laptop", shared_url, clock=clock, tz=BERLIN)
    laptop.device_name = "laptop"
    try:
        clock.set(at(12))
        ActivityService(ctx).add_manual("firefox", "Messenger", at(10), at(10, 30))
        ActivityService(laptop).add_manual("firefox", "Messenger", at(11), at(11, 30))
    finally:
        laptop.close()
    data = export_json(ctx)
    assert len(data["devices"]) == 2 and len({s["device"] for s in data["spans"]}) == 2

    ExchangeService(fresh).import_file(write_json(tmp_path / "two.json", data))

    names = {d["name"] for d in export_json(fresh)["devices"]}
    assert "laptop" in names and len(names) >= 2
    assert figures(fresh)[0]["totals"] == figures(ctx)[0]["totals"]


def test_a_running_session_is_imported_as_ended_and_never_as_a_second_running_one(
    ctx: AppContext, fresh: AppContext, clock: FakeClock, tmp_path: Path
) -> None:
    clock.set(at(9))
    SessionService(ctx).start("Reply to 10 comments", 20)
    clock.set(at(9, 10))
    SessionService(ctx).touch()
    clock.set(at(9, 45))
    path = tmp_path / "running.json"
    ExchangeService(ctx).export_to_file(path, "json")
    assert json.loads(path.read_text(encoding="utf-8"))["sessions"][0]["running"] is True
    SessionService(fresh).start("Send 3 follow-ups", 30)

    ExchangeService(fresh).import_file(path)

    current = SessionService(fresh).current()
    assert current is not None and current.objective == "Send 3 follow-ups"
    [imported] = [s for s in figures(fresh)[0]["sessions"] if s["objective"].startswith("Reply")]
    assert imported["running"] is False
    # seen at 9:10, deadline 9:20: ended at the deadline, as recovery would have done
    assert imported["ended_at"] == at(9, 20).isoformat()


def test_rules_are_merged_by_field_and_pattern(
    ctx: AppContext, fresh: AppContext, clock: FakeClock, tmp_path: Path
) -> None:
    RuleService(ctx).add("app", "^canva$", "business")
    RuleService(fresh).add("app", "^canva$", "casual")
    RuleService(fresh).add("url", "example", "neutral")
    path = tmp_path / "rules.json"
    ExchangeService(ctx).export_to_file(path, "json")

    result = ExchangeService(fresh).import_file(path)

    assert (result.rules, result.rules_skipped) == (0, 9)
    rules = {(r.field.value, r.pattern): r.category.value for r in RuleService(fresh).list()}
    assert rules[("app", "^canva$")] == "casual"  # the existing rule is kept
    assert rules[("url", "example")] == "neutral"


def test_export_range_keeps_its_days_and_the_sessions_they_refer_to(
    ctx: AppContext, clock: FakeClock
) -> None:
    build_history(ctx, clock)
    next_day = DAY + timedelta(days=1)

    data = export_json(ctx, next_day, next_day)

    assert (data["from"], data["to"], data["timezone"]) == (
        next_day.isoformat(),
        next_day.isoformat(),
        "Europe/Berlin",
    )
    assert {s["day"] for s in data["spans"]} == {next_day.isoformat()}
    assert [s["app"] for s in data["spans"]] == ["phone", "Canva"]
    assert data["sessions"] == [] and data["interactions"] == []
    whole = export_json(ctx, DAY, DAY)
    assert len(whole["sessions"]) == 1 and len(whole["interactions"]) == 2
    session_ref = whole["sessions"][0]["id"]
    assert any(s["session"] == session_ref for s in whole["spans"])


def test_csv_has_one_row_per_span_with_utc_instants(ctx: AppContext, clock: FakeClock) -> None:
    build_history(ctx, clock)
    out = io.StringIO(newline="")
    result = ExchangeService(ctx).export(out, "csv", DAY, DAY)

    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    records = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert len(records) == result.spans == 3  # two in the morning, the evening piece
    first = records[0]
    assert first == {
        "start": "2026-11-26T08:05:00+00:00",
        "end": "2026-11-26T08:30:00+00:00",
        "duration_s": "1500",
        "app": "firefox",
        "title": "Messenger | Facebook",
        "url": "",
        "category": "business",
        "source": "manual",
        "session_objective": "Message 5 prospects",
    }
    assert records[1]["category"] == "casual"
    assert records[2]["session_objective"] == "" and records[2]["duration_s"] == "1800"


def test_export_file_is_private_and_never_overwritten_without_force(
    ctx: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "out.csv"
    ExchangeService(ctx).export_to_file(path, "csv")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.write_text("precious", encoding="utf-8")

    with pytest.raises(FocusDeskError, match="exists already"):
        ExchangeService(ctx).export_to_file(path, "json")

    assert path.read_text(encoding="utf-8") == "precious"
    ExchangeService(ctx).export_to_file(path, "json", force=True)
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "focusdesk-export"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_activitywatch_import_sorts_trims_classifies_and_splits_at_midnight(
    ctx: AppContext,
) -> None:
    result = ExchangeService(ctx).import_file(AW_FIXTURE)

    assert (result.spans, result.spans_skipped) == (5, 0)
    assert (result.afk_buckets, result.other_buckets, result.dropped_events) == (1, 1, 3)
    spans = export_json(ctx)["spans"]
    assert [(s["start"], s["end"], s["app"], s["category"]) for s in spans] == [
        ("2024-01-15T09:00:00+00:00", "2024-01-15T09:05:00+00:00", "firefox", "casual"),
        ("2024-01-15T09:05:00+00:00", "2024-01-15T09:06:00+00:00", "Code", "neutral"),
        ("2024-01-15T10:00:00+00:00", "2024-01-15T10:10:00+00:00", "Slack", "neutral"),
        ("2024-01-15T22:50:00+00:00", "2024-01-15T23:00:00+00:00", "firefox", "business"),
        ("2024-01-15T23:00:00+00:00", "2024-01-15T23:10:00+00:00", "firefox", "business"),
    ]
    assert {s["source"] for s in spans} == {"import"}
    assert [s["day"] for s in spans][-2:] == ["2024-01-15", "2024-01-16"]
    reports = ReportService(ctx)
    assert reports.day_summary(date(2024, 1, 15)).to_json()["totals"] == {
        "business_s": 600,
        "casual_s": 300,
        "neutral_s": 660,
        "total_s": 1560,
    }
    assert reports.day_summary(date(2024, 1, 16)).totals.business_s == 600


def test_activitywatch_reimport_skips_what_is_already_there(ctx: AppContext) -> None:
    ExchangeService(ctx).import_file(AW_FIXTURE)
    before = snapshot(ctx)

    again = ExchangeService(ctx).import_file(AW_FIXTURE)

    assert (again.spans, again.spans_skipped) == (0, 5)
    assert snapshot(ctx) == before


def test_a_single_activitywatch_bucket_is_accepted_and_joins_the_covering_session(
    ctx: AppContext, clock: FakeClock, tmp_path: Path
) -> None:
    bucket = json.loads(AW_FIXTURE.read_text(encoding="utf-8"))["buckets"][
        "aw-watcher-window_laptop"
    ]
    bucket["events"] = [
        {
            "timestamp": "2026-11-26T08:10:00",  # ActivityWatch may drop the UTC offset
            "duration": 900,
            "data": {"app": "firefox", "title": "Messenger | Facebook"},
        }
    ]
    clock.set(at(9))
    SessionService(ctx).start("Message 5 prospects", 30)
    clock.set(at(9, 40))
    SessionService(ctx).stop("met")

    result = ExchangeService(ctx).import_file(write_json(tmp_path / "bucket.json", bucket))

    assert result.spans == 1 and result.afk_buckets == 0
    [line] = ReportService(ctx).day_summary(DAY).sessions
    assert line.business_s == 900


def own_export(**extra: Any) -> dict[str, Any]:
    return {
        "format": "focusdesk-export",
        "version": 1,
        "exported_at": "2026-11-26T12:00:00+00:00",
        **extra,
    }


def good_span(**changes: Any) -> dict[str, Any]:
    return {
        "start": "2026-11-26T08:00:00+00:00",
        "end": "2026-11-26T08:10:00+00:00",
        "app": "firefox",
        "title": "Messenger",
        "category": "business",
        **changes,
    }


BAD_FILES: dict[str, tuple[bytes | None, str]] = {
    "missing": (None, "no such file"),
    "invalid json": (b'{"format": "focusdesk-export", ', "not valid JSON"),
    "not utf-8": (b'{"a": "\xff\xfe"}', "not UTF-8"),
    "unknown format": (b'{"format": "toggl-export", "entries": []}', "unknown format"),
    "a bare list": (b"[1, 2, 3]", "unknown format"),
    "newer version": (json.dumps(own_export(version=2)).encode(), "newer FocusDesk"),
    "span without start": (
        json.dumps(own_export(spans=[good_span(), good_span(start=None)])).encode(),
        r"spans\[1\]\.start is missing",
    ),
    "naive instant": (
        json.dumps(own_export(spans=[good_span(end="2026-11-26T09:00:00")])).encode(),
        "with an offset",
    ),
    "unknown category": (
        json.dumps(own_export(spans=[good_span(category="fun")])).encode(),
        "must be one of",
    ),
    "dangling session": (
        json.dumps(own_export(spans=[good_span(session=7)])).encode(),
        "refers to session 7",
    ),
    "broken rule": (
        json.dumps(
            own_export(
                spans=[good_span()],
                rules=[{"field": "title", "pattern": "(", "category": "casual"}],
            )
        ).encode(),
        r"rules\[0\]\.pattern is not usable",
    ),
    "aw bad timestamp": (
        json.dumps(
            {
                "buckets": {
                    "w": {
                        "type": "currentwindow",
                        "events": [
                            {
                                "timestamp": "2024-01-15T09:00:00Z",
                                "duration": 5,
                                "data": {"app": "a"},
                            },
                            {"timestamp": "yesterday", "duration": 5, "data": {"app": "a"}},
                        ],
                    }
                }
            }
        ).encode(),
        "event 1: the timestamp 'yesterday'",
    ),
    "aw bad duration": (
        json.dumps(
            {
                "events": [
                    {"timestamp": "2024-01-15T09:00:00Z", "duration": "5", "data": {"app": "a"}}
                ]
            }
        ).encode(),
        "not a number of seconds",
    ),
    "aw event without data": (
        json.dumps(
            {"type": "currentwindow", "events": [{"timestamp": "2024-01-15", "duration": 1}]}
        ).encode(),
        "event 0 has no data object",
    ),
    "aw bucket without events": (b'{"buckets": {"w": {"type": "currentwindow"}}}', "no list"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_in_one_line_and_nothing_is_written(
    ctx: AppContext, clock: FakeClock, tmp_path: Path, case: str
) -> None:
    build_history(ctx, clock)
    content, message = BAD_FILES[case]
    path = tmp_path / "input.json"
    if content is not None:
        path.write_bytes(content)
        os.utime(path, (1_000_000_000, 1_000_000_000))
    before = snapshot(ctx)

    with pytest.raises(FocusDeskError, match=message) as caught:
        ExchangeService(ctx).import_file(path)

    assert "\n" not in str(caught.value)
    assert snapshot(ctx) == before
    if content is not None:
        assert path.read_bytes() == content and path.stat().st_mtime == 1_000_000_000


def test_a_hand_made_export_without_days_ids_or_devices_is_cut_in_the_local_zone(
    ctx: AppContext, tmp_path: Path
) -> None:
    span = good_span(start="2026-11-26T22:30:00Z", end="2026-11-26T23:30:00Z")
    session = {
        "objective": "Plan 3 posts",
        "purpose": "content",
        "planned_minutes": 30,
        "started_at": "2026-11-26T22:00:00Z",
        "deadline": "2026-11-26T22:30:00Z",
        "ended_at": "2026-11-26T23:45:00Z",
    }
    path = write_json(tmp_path / "hand.json", own_export(sessions=[session], spans=[span]))

    result = ExchangeService(ctx).import_file(path)

    assert (result.sessions, result.spans) == (1, 2)
    spans = export_json(ctx)["spans"]
    assert [(s["day"], s["source"]) for s in spans] == [
        ("2026-11-26", "import"),
        ("2026-11-27", "import"),
    ]
    assert {s["session"] for s in spans} == {None}  # no reference, no session


def test_csv_cells_that_look_like_formulas_are_neutralised(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io
    from datetime import timedelta

    from focusdesk.services.activity import ActivityService
    from focusdesk.services.exchange import ExchangeService

    now = clock()
    ActivityService(ctx).add_manual(
        "=cmd", '=HYPERLINK("http://x")', now - timedelta(minutes=30), now
    )
    out = io.StringIO()
    ExchangeService(ctx).export(out, "csv")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[-1]["app"] == "'=cmd" and rows[-1]["title"].startswith("'=HYPERLINK")
