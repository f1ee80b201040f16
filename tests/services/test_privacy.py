from __future__ import annotations

import logging
from pathlib import Path

import pytest

from focusdesk.core.errors import ValidationError
from focusdesk.services.context import AppContext
from focusdesk.services.exchange import ExchangeService
from focusdesk.services.logging_setup import setup_logging
from focusdesk.services.privacy import PrivacyService
from focusdesk.services.recording import Recorder
from focusdesk.services.rules import RuleService
from focusdesk.services.timeline import TimelineService
from focusdesk.services.tracking import Tracker
from focusdesk.watchers.base import WindowInfo
from focusdesk.watchers.fake import FakeWatcher
from tests.support.clock import FakeClock

SECRET = "Secret Project Falcon"
HEALTH = "Messages with my doctor about the results"
INCOGNITO = "Gift ideas for Anna - Google Chrome (Incognito)"
NORMAL = "Messenger | Facebook"


def track(ctx: AppContext, clock: FakeClock, script: list[tuple[WindowInfo, int]]) -> None:
    watcher = FakeWatcher(None, idle=0.0)
    tracker = Tracker(
        watcher_factory=lambda: watcher,
        recorder_factory=lambda: Recorder(
            ctx.db, device_id=ctx.device_id, classifier=RuleService(ctx).classifier(), tz=ctx.tz
        ),
        classifier_factory=lambda: RuleService(ctx).classifier(),
        privacy_factory=lambda: PrivacyService(ctx).filter(),
        clock=clock,
        tz=ctx.tz,
        on_event=lambda event: None,
    )
    for window, seconds in script:
        watcher.window = window
        for _ in range(seconds):
            tracker.step()
            clock.advance(seconds=1)
    tracker.close()


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_excluded_and_redacted_text_appears_nowhere(
    ctx: AppContext, clock: FakeClock, tmp_path: Path
) -> None:
    log_file = tmp_path / "logs" / "focusdesk.log"
    setup_logging(log_file, verbose=True)
    try:
        privacy = PrivacyService(ctx)
        privacy.add("title", "falcon", "exclude")
        privacy.add("title", r"\bdoctor\b", "redact")
        track(
            ctx,
            clock,
            [
                (WindowInfo("firefox", NORMAL), 20),
                (WindowInfo("code", f"{SECRET} — notes.md"), 20),
                (WindowInfo("firefox", f"{HEALTH} | Messenger"), 20),
                (WindowInfo("chrome", INCOGNITO), 20),
                (WindowInfo("firefox", NORMAL), 5),
            ],
        )
        spans = TimelineService(ctx).day(clock().astimezone(ctx.tz).date())
        assert [(s.app, s.title, s.category.value) for s in spans] == [
            ("firefox", NORMAL, "business"),
            ("excluded", "", "neutral"),
            (
                "firefox",
                "",
                "business",
            ),  # redacted: app and category kept (classified from the real title)
            ("excluded", "", "neutral"),
            ("firefox", NORMAL, "business"),
        ]
        exports = tmp_path / "exports"
        exports.mkdir()
        ExchangeService(ctx).export_to_file(exports / "all.json", "json")
        ExchangeService(ctx).export_to_file(exports / "all.csv", "csv")
        for handler in logging.getLogger().handlers:
            handler.flush()
        places = [all_bytes(exports), log_file.read_bytes()]
        if ctx.database_url is None:
            places.append(all_bytes(ctx.paths.data_dir))
        else:  # PostgreSQL: the rows themselves
            with ctx.db.engine.connect() as conn:
                places.append(
                    repr(conn.exec_driver_sql("SELECT app, title, url FROM windows").all()).encode()
                )
        for place in places:
            # (the patterns themselves, "falcon" and "doctor", are the user's own rules)
            for text in (b"Secret Project", b"about the results", b"Gift ideas", b"Incognito"):
                assert text not in place
        assert any(NORMAL.encode() in place for place in places)  # the search itself can find text
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_focusdesk", False):
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_forgetting_a_day_removes_its_spans_and_their_text(
    ctx: AppContext, clock: FakeClock
) -> None:
    distinct = "Conversation with a client named Zebulon"
    track(ctx, clock, [(WindowInfo("firefox", distinct), 30), (WindowInfo("firefox", NORMAL), 10)])
    day = clock().astimezone(ctx.tz).date()
    result = PrivacyService(ctx).forget_day(day)
    assert result.spans == 2 and result.windows == 2
    assert TimelineService(ctx).day(day) == []
    if ctx.database_url is None:
        assert b"Zebulon" not in all_bytes(ctx.paths.data_dir)
    from focusdesk.services.reports import ReportService

    assert ReportService(ctx).day_summary(day).totals.total_s == 0


def test_forgetting_one_span_keeps_the_others(ctx: AppContext, clock: FakeClock) -> None:
    track(
        ctx,
        clock,
        [
            (WindowInfo("firefox", NORMAL), 10),
            (WindowInfo("code", "plan.md"), 10),
            (WindowInfo("firefox", NORMAL), 5),
        ],
    )
    day = clock().astimezone(ctx.tz).date()
    spans = TimelineService(ctx).day(day)
    result = PrivacyService(ctx).forget_span(spans[1].id)
    assert result.spans == 1 and result.windows == 1
    assert [s.title for s in TimelineService(ctx).day(day)] == [NORMAL, NORMAL]
    with pytest.raises(ValidationError, match="no activity"):
        PrivacyService(ctx).forget_span(spans[1].id)


def test_privacy_rules_are_checked(ctx: AppContext) -> None:
    service = PrivacyService(ctx)
    with pytest.raises(ValidationError, match="not a valid"):
        service.add("title", "(unclosed", "exclude")
    with pytest.raises(ValidationError, match="action must be one of"):
        service.add("title", "bank", "hide")
    rule = service.add("app", "^keepassxc$", "exclude")
    with pytest.raises(ValidationError, match="exists already"):
        service.add("app", "^keepassxc$", "redact")
    service.remove(rule.id or 0)
    assert service.list() == []


def test_activitywatch_imports_obey_the_privacy_rules(ctx: AppContext, tmp_path: Path) -> None:
    import json

    PrivacyService(ctx).add("app", "^keepassxc$", "exclude")
    events = [
        {
            "timestamp": "2024-01-15T09:00:00Z",
            "duration": 60,
            "data": {"app": "keepassxc", "title": "Vault Zebulon"},
        },
        {
            "timestamp": "2024-01-15T09:01:00Z",
            "duration": 60,
            "data": {"app": "chrome", "title": "Gifts - Google Chrome (Incognito)"},
        },
        {
            "timestamp": "2024-01-15T09:02:00Z",
            "duration": 60,
            "data": {"app": "firefox", "title": NORMAL},
        },
    ]
    bucket = {"id": "aw-watcher-window_x", "type": "currentwindow", "events": events}
    source = tmp_path / "aw.json"
    source.write_text(json.dumps({"buckets": {"aw-watcher-window_x": bucket}}), encoding="utf-8")
    ExchangeService(ctx).import_file(source)
    with ctx.db.engine.connect() as conn:
        titles = {t for (t,) in conn.exec_driver_sql("SELECT title FROM windows")}
        apps = {a for (a,) in conn.exec_driver_sql("SELECT app FROM windows")}
    assert titles == {"", NORMAL} and "keepassxc" not in apps and "excluded" in apps
