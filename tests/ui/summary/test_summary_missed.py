"""The summary window names reminders missed while away, under the scorecard, and only then."""

from __future__ import annotations

from datetime import timedelta

from focusdesk.core.reminders import DueReminder, ReminderKind
from focusdesk.services.context import AppContext
from focusdesk.services.reminders import ReminderService
from focusdesk.ui.summary.presenter import SummaryPresenter
from tests.ui.summary.scenario import DAY, at


def test_no_missed_reminders_no_line(presenter: SummaryPresenter) -> None:
    view = presenter.view
    assert view.isVisible() and view.scorecard.isVisible()
    assert not view.missed.isVisible() and view.missed.text() == ""


def test_missed_reminders_are_listed_under_the_scorecard_for_their_day_only(
    presenter: SummaryPresenter, filled_ctx: AppContext
) -> None:
    ReminderService(filled_ctx).record_missed(
        [
            DueReminder(
                "session-0900-daily", ReminderKind.SESSION, "Prospecting session", "", 25, at(9)
            ),
            DueReminder("cleanup", ReminderKind.CLEANUP, "Weekly page clean-up", "", 15, at(16)),
        ]
    )
    view = presenter.view
    assert presenter.refresh()
    assert view.missed.isVisible()
    assert view.missed.text() == (
        "Missed while away: 09:00 Prospecting session, 16:00 Weekly page clean-up"
    )
    assert view.missed.accessibleDescription() == view.missed.text()
    # It sits in the scorecard's box, below the scorecard.
    assert view.missed.parentWidget() is view.scorecard.parentWidget()
    assert view.missed.geometry().top() >= view.scorecard.geometry().bottom()

    presenter.go_to(DAY - timedelta(days=1))
    assert not view.missed.isVisible() and view.missed.text() == ""
    presenter.go_to(DAY)
    assert view.missed.isVisible()
