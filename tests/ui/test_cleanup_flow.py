"""The clean-up routine through the windows: open pages and start, later, skip, no pages,
the time's-up question about posts removed, and the scorecard that shows the result."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from focusdesk.core.enums import Purpose
from focusdesk.core.settings import BusinessPage
from focusdesk.core.summary import ScoreItem
from focusdesk.services.cleanup import CleanupService
from focusdesk.services.context import AppContext
from focusdesk.services.reports import ReportService
from focusdesk.services.sessions import SessionService
from focusdesk.ui.cleanup_flow import CleanupFlow
from focusdesk.ui.geometry import GeometryStore
from focusdesk.ui.summary.scorecard import ScorecardWidget
from focusdesk.ui.timesup_flow import TimesUpFlow
from tests.support.clock import FakeClock
from tests.support.controller import Controllers
from tests.support.notes import Notes

GLOW = BusinessPage("Glow & Grow", "https://www.facebook.com/glowgrow/")
SHOP = BusinessPage("Glow Shop", "https://instagram.com/glowshop")
FRIDAY_4PM = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # 16:00 in Berlin


def flow(qtbot: QtBot, ctx: AppContext, pages=(GLOW, SHOP)) -> tuple[CleanupFlow, list[str]]:  # type: ignore[no-untyped-def]
    ctx.save_settings(ctx.settings.with_changes(business_pages=tuple(pages)))
    opened: list[str] = []
    f = CleanupFlow(ctx, opener=opened.append)
    f.show_now()
    assert f.window is not None
    qtbot.addWidget(f.window)
    return f, opened


def test_open_pages_and_start_opens_the_ticked_pages_and_starts_one_session(
    qtbot: QtBot, sqlite_ctx: AppContext, clock: FakeClock
) -> None:
    clock.set(FRIDAY_4PM)
    f, opened = flow(qtbot, sqlite_ctx)
    window = f.window
    assert window is not None and window.isVisible()
    assert [box.text().split("  —  ")[0] for box, _ in window.boxes] == [
        "Glow && Grow",
        "Glow Shop",
    ]
    assert [page for _, page in window.boxes] == [GLOW, SHOP]
    assert "15-minute clean-up session" in window.intro.text()
    window.boxes[1][0].setChecked(False)  # the shop needs nothing this week
    with qtbot.waitSignal(f.started):
        window.start_button.click()
    assert opened == [GLOW.url] and not window.isVisible()
    running = SessionService(sqlite_ctx).current()
    assert running is not None and running.purpose is Purpose.CLEAN_UP
    assert running.objective == "Remove irrelevant posts from Glow & Grow"


def test_start_is_refused_politely_while_another_session_runs_and_nothing_opens(
    qtbot: QtBot, sqlite_ctx: AppContext, clock: FakeClock
) -> None:
    clock.set(FRIDAY_4PM)
    SessionService(sqlite_ctx).start("Message 5 prospects", 25)
    f, opened = flow(qtbot, sqlite_ctx)
    assert f.window is not None
    f.window.start_button.click()
    assert opened == [] and f.window.isVisible()
    message = f.window.error.text()
    assert "“Message 5 prospects” is still running" in message, message
    assert "tray menu" in message and "focusdesk stop" not in message  # GUI words, not CLI ones
    assert f.window.error.isVisibleTo(f.window)
    assert f.window.intro.height() >= f.window.intro.heightForWidth(f.window.intro.width())


def test_unticking_every_page_disables_start(
    qtbot: QtBot, sqlite_ctx: AppContext, clock: FakeClock
) -> None:
    f, _ = flow(qtbot, sqlite_ctx)
    assert f.window is not None
    for box, _page in f.window.boxes:
        box.setChecked(False)
    assert not f.window.start_button.isEnabled()


def test_later_closes_and_the_next_reminder_shows_again(
    qtbot: QtBot, sqlite_ctx: AppContext, clock: FakeClock
) -> None:
    clock.set(FRIDAY_4PM)
    f, opened = flow(qtbot, sqlite_ctx)
    assert f.window is not None
    f.window.later_button.click()
    assert not f.window.isVisible() and opened == []
    assert SessionService(sqlite_ctx).current() is None
    assert f.due() is True and f.window.isVisible()


def test_skip_this_week_silences_this_weeks_reminders_only(
    qtbot: QtBot, sqlite_ctx: AppContext, clock: FakeClock
) -> None:
    clock.set(FRIDAY_4PM)
    f, _ = flow(qtbot, sqlite_ctx)
    assert f.window is not None
    f.window.skip_button.click()
    assert not f.window.isVisible()
    assert f.should_remind() is False
    assert f.due() is False and not f.window.isVisible()
    clock.advance(days=7)
    assert f.should_remind() is True
    assert f.due() is True and f.window.isVisible()


def test_without_business_pages_it_says_so_and_offers_settings(
    qtbot: QtBot, sqlite_ctx: AppContext
) -> None:
    f, _ = flow(qtbot, sqlite_ctx, pages=())
    window = f.window
    assert window is not None
    assert "not registered any business pages" in window.intro.text()
    assert window.boxes == []
    assert not window.start_button.isVisibleTo(window)
    assert window.settings_button.isVisibleTo(window)
    with qtbot.waitSignal(f.settingsRequested):
        window.settings_button.click()
    assert not window.isVisible()


def test_cleanup_ends_with_posts_removed_and_the_scorecard_shows_it(
    qtbot: QtBot, sqlite_ctx: AppContext, clock: FakeClock
) -> None:
    clock.set(FRIDAY_4PM)
    f, _ = flow(qtbot, sqlite_ctx)
    assert f.window is not None
    f.window.start_button.click()
    session = SessionService(sqlite_ctx).current()
    assert session is not None
    timesup = TimesUpFlow(
        sqlite_ctx,
        sessions=lambda: SessionService(sqlite_ctx),
        notifier=Notes(),
        geometry=GeometryStore(sqlite_ctx.paths.config_dir),
    )
    clock.advance(minutes=15)
    timesup.due(session, clock(), 0)
    window = timesup.window
    assert window is not None
    qtbot.addWidget(window)
    assert window.question.text() == "How many posts did you remove?"
    assert window.count_label.text() == "&Posts removed:"
    assert not any(b.isVisibleTo(window) for b in window.outcomes.buttons())
    window.count.setValue(7)
    window.move_on.click()
    assert SessionService(sqlite_ctx).latest().outcome_count == 7  # type: ignore[union-attr]

    card = ScorecardWidget()
    qtbot.addWidget(card)
    card.set_items(ReportService(sqlite_ctx).day_summary().scorecard)
    assert card.value_texts()[3] == "done: 7 posts removed"
    assert not CleanupService(sqlite_ctx).reminder_wanted()
    assert f.due() is False

    # The next ordinary session asks the usual question again.
    clock.advance(minutes=5)
    ordinary = SessionService(sqlite_ctx).start("Message 5 prospects", 25).session
    clock.advance(minutes=25)
    timesup.due(ordinary, clock(), 0)
    assert window.question.text() == "Did you reach your objective?"
    assert all(b.isVisibleTo(window) for b in window.outcomes.buttons())


def test_scorecard_widget_shows_advice_and_verdicts_for_priorities_four_and_five(
    qtbot: QtBot,
) -> None:
    card = ScorecardWidget()
    qtbot.addWidget(card)
    card.set_items(
        [
            ScoreItem(4, "Page clean-up done this week", "not done this week (due Friday)", None),
            ScoreItem(5, "Personal-page time", "3 min", False),
        ]
    )
    assert card.value_texts() == ["not done this week (due Friday)", "3 min"]
    spoken = {label.accessibleName() for label in card.findChildren(QLabel)}
    assert "Priority 5: Personal-page time: 3 min, not kept" in spoken
    assert (
        "Priority 4: Page clean-up done this week: not done this week (due Friday), no verdict"
        in spoken
    )
    advice = "register your personal pages in Settings"
    card.set_items([ScoreItem(5, "Personal-page time", advice, None)])
    assert card.value_texts() == [advice]


def test_the_tray_item_opens_the_window_and_the_started_session_shows(
    qtbot: QtBot, sqlite_ctx: AppContext, clock: FakeClock, make_controller: Controllers
) -> None:
    clock.set(FRIDAY_4PM)
    sqlite_ctx.save_settings(sqlite_ctx.settings.with_changes(business_pages=(GLOW,)))
    controller, _ = make_controller(sqlite_ctx, tray=False)
    menu = controller.menu
    opened: list[str] = []
    controller.cleanup_flow.opener = opened.append  # no browser in tests
    menu.cleanup_action.trigger()
    window = controller.cleanup_flow.window
    qtbot.addWidget(window)
    assert window.isVisible()
    window.start_button.click()
    assert opened == [GLOW.url]
    assert controller.session is not None and controller.session.purpose is Purpose.CLEAN_UP
