"""Rule changes re-label history at once, per window, keeping what the user decided by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from focusdesk.core.activity import WindowKey
from focusdesk.core.days import epoch_day
from focusdesk.core.enums import Category, RuleField, Source
from focusdesk.core.errors import ValidationError
from focusdesk.core.rules import Rule
from focusdesk.core.settings import BusinessPage
from focusdesk.services.context import AppContext
from focusdesk.services.reports import ReportService
from focusdesk.services.rules import PreviewLine, RuleService
from focusdesk.services.timeline import TimelineService
from focusdesk.store.activity import SpanRow, WindowIds, insert_spans, rebuild_day_totals
from focusdesk.store.models import ActivitySpan, Window
from focusdesk.store.types import CATEGORY_BY_CODE, CATEGORY_CODES, SOURCE_BY_CODE, SOURCE_CODES
from tests.support.clock import FakeClock

DAY = date(2026, 11, 25)
CANVA = WindowKey("firefox", "Story Template - Canva")
FEED = WindowKey("firefox", "(3) Facebook")
DOCS = WindowKey("firefox", "Prospect list - Google Sheets")


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=1)


def record(
    ctx: AppContext,
    window: WindowKey,
    start: datetime,
    minutes: int,
    category: Category,
    source: Source = Source.AUTO,
    day: date = DAY,
) -> None:
    """Store a span as the recorder or an import would have, with its day totals."""
    with ctx.db.engine.begin() as conn:
        window_id = WindowIds().get(conn, window)
        row = SpanRow(
            ctx.device_id,
            epoch_day(day),
            int(start.timestamp()),
            minutes * 60,
            window_id,
            CATEGORY_CODES[category],
            SOURCE_CODES[source],
            None,
        )
        insert_spans(conn, [row])
        rebuild_day_totals(conn, ctx.device_id, [epoch_day(day)])


def categories(ctx: AppContext, day: date = DAY) -> list[tuple[str, str, str]]:
    """(title, source, category) of the day's spans in time order."""
    query = (
        select(Window.title, ActivitySpan.source, ActivitySpan.category)
        .join(Window, Window.id == ActivitySpan.window_id)
        .where(ActivitySpan.day == epoch_day(day))
        .order_by(ActivitySpan.start)
    )
    with ctx.db.sessions() as session:
        return [
            (title, SOURCE_BY_CODE[source].value, CATEGORY_BY_CODE[category].value)
            for title, source, category in session.execute(query)
        ]


def totals(ctx: AppContext, day: date = DAY) -> tuple[int, int, int]:
    t = ReportService(ctx).day_summary(day).totals
    return t.business_s, t.casual_s, t.neutral_s


@pytest.fixture
def history(ctx: AppContext, clock: FakeClock) -> AppContext:
    clock.set(at(20))
    record(ctx, CANVA, at(9), 30, Category.NEUTRAL)
    record(ctx, CANVA, at(10), 10, Category.NEUTRAL, Source.IMPORT)
    record(ctx, CANVA, at(11), 20, Category.CASUAL, Source.MANUAL)
    record(ctx, FEED, at(12), 15, Category.CASUAL)
    record(ctx, DOCS, at(13), 5, Category.NEUTRAL)
    record(ctx, CANVA, at(9), 40, Category.NEUTRAL, day=DAY - timedelta(days=1))
    return ctx


def test_adding_a_rule_relabels_automatic_and_imported_spans_not_manual_ones(
    history: AppContext,
) -> None:
    change = RuleService(history).add("title", r"\bcanva\b", "business")
    assert change.rule is not None and change.rule.pattern == r"\bcanva\b"
    assert (change.reclassified.windows, change.reclassified.spans) == (1, 3)
    assert change.reclassified.days == 2
    assert categories(history)[:3] == [
        ("Story Template - Canva", "auto", "business"),
        ("Story Template - Canva", "import", "business"),
        ("Story Template - Canva", "manual", "casual"),
    ]
    assert totals(history) == (40 * 60, 35 * 60, 5 * 60)
    assert totals(history, DAY - timedelta(days=1)) == (40 * 60, 0, 0)


def test_removing_the_rule_puts_history_back(history: AppContext) -> None:
    service = RuleService(history)
    added = service.add("title", r"\bcanva\b", "business").rule
    assert added is not None and added.id is not None
    change = service.remove(added.id)
    assert change.rule is None and change.reclassified.spans == 3
    assert totals(history) == (0, 35 * 60, 45 * 60)


def test_a_rule_that_changes_nothing_writes_nothing(history: AppContext) -> None:
    change = RuleService(history).add("title", "never seen anywhere", "casual")
    assert change.reclassified.spans == 0 and change.reclassified.windows == 0


def test_moving_a_rule_changes_which_rule_wins(history: AppContext) -> None:
    service = RuleService(history)
    service.add("title", "canva", "business")
    last = service.add("title", "story template", "casual").rule
    assert last is not None and last.id is not None
    assert service.test(title=CANVA.title).category is Category.BUSINESS
    change = service.move(last.id, 0)
    assert change.rule is not None and change.rule.position == 0
    assert [r.position for r in service.list()] == list(range(len(service.list())))
    assert service.test(title=CANVA.title).category is Category.CASUAL
    assert change.reclassified.spans == 3
    assert totals(history)[1] == (10 + 30 + 20 + 15) * 60


def test_updating_a_rule_relabels_and_checks_like_adding(history: AppContext) -> None:
    service = RuleService(history)
    rule = service.add("title", "canva", "business").rule
    assert rule is not None and rule.id is not None
    change = service.update(rule.id, category="casual")
    assert change.rule is not None and change.rule.category is Category.CASUAL
    assert change.reclassified.spans == 3
    assert service.update(rule.id, pattern="google sheets").reclassified.spans == 4
    assert categories(history)[4] == ("Prospect list - Google Sheets", "auto", "casual")
    with pytest.raises(ValidationError, match="hang"):
        service.update(rule.id, pattern=r"(a+)+$")
    existing = service.list()[0]
    with pytest.raises(ValidationError, match="exists already"):
        service.update(rule.id, field=existing.field.value, pattern=existing.pattern)


def test_a_span_relabelled_by_hand_keeps_its_label(history: AppContext) -> None:
    span = next(s for s in TimelineService(history).day(DAY) if s.title == FEED.title)
    TimelineService(history).relabel(span.id, "business")
    change = RuleService(history).add("title", "facebook", "neutral", position=0)
    assert change.reclassified.spans == 0
    assert categories(history)[3] == ("(3) Facebook", "auto", "business")


def test_windows_without_text_are_left_alone(ctx: AppContext, clock: FakeClock) -> None:
    clock.set(at(20))
    redacted = WindowKey("firefox", "")  # classified from text that was not kept
    record(ctx, redacted, at(9), 10, Category.BUSINESS)
    change = RuleService(ctx).add("app", "^firefox$", "casual", position=0)
    assert change.reclassified.spans == 0


def test_unknown_rules_and_bad_positions_are_explained(ctx: AppContext) -> None:
    service = RuleService(ctx)
    for call in (
        lambda: service.remove(999),
        lambda: service.move(999, 0),
        lambda: service.update(999, category="casual"),
    ):
        with pytest.raises(ValidationError, match="no rule with id 999"):
            call()
    with pytest.raises(ValidationError, match="0 or more"):
        service.move(service.list()[0].id or 0, -1)


def test_preview_shows_exactly_what_adding_the_rule_would_change(history: AppContext) -> None:
    service = RuleService(history)
    proposed = Rule(RuleField.TITLE, r"\bcanva\b", Category.BUSINESS, position=0)
    lines = service.preview(proposed, DAY)
    assert lines == [
        PreviewLine("Story Template - Canva", Category.NEUTRAL, Category.BUSINESS, 30 * 60),
        PreviewLine("Story Template - Canva", Category.NEUTRAL, Category.BUSINESS, 10 * 60),
    ]
    assert lines[0].title == "Story Template - Canva"
    assert service.list() == service.list()  # nothing was written
    with pytest.raises(ValidationError, match="not a valid"):
        service.preview(Rule(RuleField.TITLE, "(oops", Category.CASUAL), DAY)
    change = service.add("title", r"\bcanva\b", "business", position=0)
    assert change.reclassified.spans == len(lines) + 1  # + the day before


def test_preview_of_an_edit_replaces_the_stored_rule(history: AppContext) -> None:
    service = RuleService(history)
    stored = service.add("title", "canva", "business").rule
    assert stored is not None
    edited = Rule(stored.field, stored.pattern, Category.CASUAL, stored.position, stored.id)
    assert {line.new for line in service.preview(edited, DAY)} == {Category.CASUAL}
    assert len(service.preview(edited, DAY)) == 2


def test_business_pages_decide_first_and_reclassify_on_request(history: AppContext) -> None:
    service = RuleService(history)
    before = service.classifier()
    page = BusinessPage("Story Template", "https://www.canva.com/design/abc")
    history.save_settings(history.settings.with_changes(business_pages=(page,)))
    result = service.test(title="Story Template - Canva")
    assert result.category is Category.BUSINESS and result.page == page and result.rule is None
    assert service.test(url="https://canva.com/design/abc/edit").page == page
    done = service.reclassify(before)
    assert (done.windows, done.spans) == (1, 3)
    assert service.reclassify().spans == 0  # history already agrees with the rules


def test_after_every_change_history_agrees_with_the_rules(history: AppContext) -> None:
    """Re-labelling only the windows a change touches leaves nothing for a full pass to fix."""
    service = RuleService(history)
    first = service.add("title", "canva", "business").rule
    second = service.add("title", r"\bstory\b", "casual", position=0).rule
    assert first is not None and first.id is not None
    assert second is not None and second.id is not None
    steps = [
        lambda: service.move(second.id, len(service.list())),
        lambda: service.update(first.id, pattern="template"),
        lambda: service.update(second.id, category="neutral"),
        lambda: service.add("app", "^firefox$", "casual", position=0),
        lambda: service.remove(first.id),
    ]
    assert service.reclassify().spans == 0
    for step in steps:
        step()
        assert service.reclassify().spans == 0


def test_a_personal_page_is_named_as_what_decided(history: AppContext) -> None:
    from focusdesk.core.settings import PersonalPage

    anna = PersonalPage("Anna Private", "https://www.facebook.com/anna.private", r"anna'?s diary")
    history.save_settings(history.settings.with_changes(personal_pages=(anna,)))
    service = RuleService(history)
    result = service.test(url="https://www.facebook.com/anna.private/photos")
    assert result.category is Category.CASUAL and result.personal == anna
    assert result.page is None and result.rule is None
    assert result.to_json() == {
        "category": "casual",
        "page": {
            "kind": "personal",
            "name": "Anna Private",
            "url": "https://www.facebook.com/anna.private",
            "pattern": "anna'?s diary",
        },
        "rule": None,
    }
    assert service.test(title="Anna's diary - Notes").personal == anna
    other = service.test(title="Messenger | Facebook")
    assert other.personal is None and other.to_json()["page"] is None
    assert other.to_json()["rule"] is not None and other.rule is not None
    assert other.to_json()["rule"]["pattern"] == other.rule.pattern
