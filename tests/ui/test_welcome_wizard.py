"""The welcome guide, driven page by page as a user would, skipping included."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from focusdesk.core.settings import BusinessPage, PersonalPage, SessionReminder, Settings
from focusdesk.services.context import AppContext
from focusdesk.services.desktop_entry import DesktopEntryError
from focusdesk.services.doctor import Check
from focusdesk.services.first_run import needs_welcome
from focusdesk.ui.welcome.flow import WelcomeFlow
from focusdesk.ui.welcome.wizard import WelcomeWizard
from tests.support.clock import FakeClock

CHECKS = [
    Check("System tray", True, "FocusDesk shows its countdown in the system tray."),
    Check("Tracking", False, "Wayland: no window titles. The tray's Quick log records it."),
]


class RecordingAutostart:
    """Stands in for the OS's log-in start-up so the test's own session is untouched."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def enable(self) -> None:
        self.calls.append("enable")

    def disable(self) -> None:
        self.calls.append("disable")


class RecordingMenuEntry:
    """Stands in for the applications-menu entry so the test's own desktop is untouched."""

    def __init__(self, in_menu: bool = False, fail: bool = False) -> None:
        self.present = in_menu
        self.fail = fail
        self.installs = 0

    def in_menu(self) -> bool:
        return self.present

    def install(self) -> None:
        self.installs += 1
        if self.fail:
            raise DesktopEntryError("cannot write /x/io.focusdesk.FocusDesk.desktop: No space")
        self.present = True


def _wizard(
    qtbot: QtBot,
    settings: Settings | None = None,
    note: str | None = None,
    offer_menu_entry: bool = False,
) -> WelcomeWizard:
    wizard = WelcomeWizard(
        settings or Settings(),
        lambda: list(CHECKS),
        note,
        offer_menu_entry=offer_menu_entry,
    )
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_every_page_answered_becomes_settings(qtbot: QtBot) -> None:
    wizard = _wizard(qtbot)
    assert wizard.currentPage() is wizard.intro
    assert not wizard.button(QWizard.WizardButton.CustomButton1).isVisible()
    wizard.next()

    assert wizard.currentPage() is wizard.pages
    wizard.pages.business.set_pages((BusinessPage("Glow Coaching", "https://facebook.com/glow"),))
    wizard.pages.personal.set_pages((PersonalPage("Me, privately", "", r"\bMy holidays\b"),))
    assert wizard.pages.isComplete()
    wizard.next()

    assert wizard.currentPage() is wizard.timebox
    wizard.timebox.minutes.setValue(40)
    wizard.timebox.strict.setChecked(True)
    wizard.next()

    page = wizard.reminders
    assert wizard.currentPage() is page
    assert page.prospect.isChecked()  # a new user is offered a weekday-morning session
    page.prospect_time.setTime(QTime(8, 30))
    page.days[4].setChecked(False)  # not on Friday
    page.objective.setText("Send 10 connection requests")
    page.cleanup_day.setCurrentIndex(0)
    page.cleanup_time.setTime(QTime(17, 15))
    page.summary.setChecked(False)
    wizard.next()

    assert wizard.currentPage() is wizard.checkup
    assert "Quick log" in wizard.checkup.report.text()
    assert "✗" in wizard.checkup.report.text() and "✓" in wizard.checkup.report.text()
    assert wizard.autostart_wanted() is True

    settings = wizard.settings()
    assert settings.business_pages == (BusinessPage("Glow Coaching", "https://facebook.com/glow"),)
    assert settings.personal_pages == (PersonalPage("Me, privately", "", r"\bMy holidays\b"),)
    assert settings.timebox_minutes == 40 and settings.strict_mode
    assert settings.session_reminders == (
        SessionReminder("08:30", (0, 1, 2, 3), "Send 10 connection requests", 40),
    )
    assert (settings.cleanup_weekday, settings.cleanup_time) == (0, "17:15")
    assert settings.summary_reminder is False


def test_skipping_a_step_puts_back_what_it_showed(qtbot: QtBot) -> None:
    base = Settings(timebox_minutes=30)
    wizard = _wizard(qtbot, base)
    wizard.next()
    wizard.next()
    wizard.timebox.minutes.setValue(90)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CustomButton1), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.reminders
    assert wizard.timebox.minutes.value() == 30
    assert wizard.settings().timebox_minutes == 30


def test_a_prospecting_reminder_needs_a_day_and_says_so(qtbot: QtBot) -> None:
    wizard = _wizard(qtbot)
    for _ in range(3):
        wizard.next()
    page = wizard.reminders
    for box in page.days:
        box.setChecked(False)
    assert not page.isComplete()
    assert page.no_day.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.prospect.setChecked(False)
    assert page.isComplete() and not page.no_day.isVisible()
    assert wizard.settings().session_reminders == ()


def test_a_bad_page_address_holds_the_guide_with_a_message(qtbot: QtBot) -> None:
    wizard = _wizard(qtbot)
    wizard.next()
    wizard.pages.business.set_pages((BusinessPage("Shop", "shop.example"),))
    assert not wizard.pages.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.pages.business.set_pages(())
    wizard.pages.personal.set_pages((PersonalPage("Me", "", "^(a+)+$"),))
    assert not wizard.pages.isComplete()
    wizard.pages.personal.set_pages(())
    assert wizard.pages.isComplete()


def test_without_a_way_to_start_at_log_in_the_box_is_off_and_explained(qtbot: QtBot) -> None:
    wizard = _wizard(qtbot, note="Starting at log-in is not supported here.")
    for _ in range(4):
        wizard.next()
    assert not wizard.checkup.autostart.isEnabled()
    assert wizard.checkup.autostart_note.isVisible()
    assert wizard.autostart_wanted() is None


def test_the_menu_entry_is_offered_checked_where_it_is_missing(qtbot: QtBot) -> None:
    wizard = _wizard(qtbot, offer_menu_entry=True)
    for _ in range(4):
        wizard.next()
    box = wizard.checkup.menu_entry
    assert box.isVisible() and box.isChecked() and box.isEnabled()
    assert wizard.menu_entry_wanted() is True
    box.setChecked(False)
    assert wizard.menu_entry_wanted() is False


def test_the_menu_entry_is_not_offered_where_it_would_change_nothing(qtbot: QtBot) -> None:
    wizard = _wizard(qtbot)
    for _ in range(4):
        wizard.next()
    assert not wizard.checkup.menu_entry.isVisible()
    assert wizard.menu_entry_wanted() is None


@pytest.fixture
def ctx(tmp_path: Path, clock: FakeClock) -> Iterator[AppContext]:
    context = AppContext.create(tmp_path / "data", None, clock=clock, tz=ZoneInfo("Europe/Berlin"))
    yield context
    context.close()


def test_finishing_the_guide_saves_turns_on_log_in_start_and_is_not_offered_again(
    qtbot: QtBot, ctx: AppContext
) -> None:
    applied: list[Settings] = []
    autostart = RecordingAutostart()

    def apply(settings: Settings) -> None:
        applied.append(settings)
        ctx.save_settings(settings)

    menu = RecordingMenuEntry()
    flow = WelcomeFlow(ctx, apply, tray_available=True, autostart=autostart, menu_entry=menu)
    assert flow.offer()
    wizard = flow.wizard
    assert wizard is not None
    qtbot.addWidget(wizard)
    wizard.next()
    wizard.next()
    wizard.timebox.minutes.setValue(20)
    for _ in range(2):
        wizard.next()
    with qtbot.waitSignal(flow.finished) as done:
        wizard.accept()
    assert done.args == ["finished"]
    assert applied and applied[0].timebox_minutes == 20
    assert autostart.calls == ["enable"]
    assert menu.installs == 1
    assert not needs_welcome(ctx.paths)
    assert not flow.offer()


def test_skipping_the_guide_changes_nothing_and_is_remembered(
    qtbot: QtBot, ctx: AppContext
) -> None:
    applied: list[Settings] = []
    autostart = RecordingAutostart()
    menu = RecordingMenuEntry()
    flow = WelcomeFlow(
        ctx, applied.append, tray_available=False, autostart=autostart, menu_entry=menu
    )
    assert flow.offer()
    assert flow.wizard is not None
    qtbot.addWidget(flow.wizard)
    with qtbot.waitSignal(flow.finished) as done:
        flow.wizard.reject()
    assert done.args == ["skipped"]
    assert applied == [] and autostart.calls == [] and menu.installs == 0
    assert not ctx.paths.settings_file.exists()
    assert not needs_welcome(ctx.paths)


def _finish(qtbot: QtBot, flow: WelcomeFlow) -> WelcomeWizard:
    assert flow.offer()
    wizard = flow.wizard
    assert wizard is not None
    qtbot.addWidget(wizard)
    for _ in range(4):
        wizard.next()
    with qtbot.waitSignal(flow.finished):
        wizard.accept()
    return wizard


def test_a_menu_entry_already_there_is_not_offered_nor_written_again(
    qtbot: QtBot, ctx: AppContext
) -> None:
    menu = RecordingMenuEntry(in_menu=True)
    flow = WelcomeFlow(ctx, ctx.save_settings, tray_available=True, autostart=None, menu_entry=menu)
    wizard = _finish(qtbot, flow)
    assert not wizard.checkup.menu_entry.isEnabled() and menu.installs == 0


def test_a_menu_entry_that_cannot_be_written_keeps_the_other_answers(
    qtbot: QtBot, ctx: AppContext, caplog: pytest.LogCaptureFixture
) -> None:
    menu = RecordingMenuEntry(fail=True)
    flow = WelcomeFlow(ctx, ctx.save_settings, tray_available=True, autostart=None, menu_entry=menu)
    with caplog.at_level(logging.WARNING, "focusdesk.ui.welcome.flow"):
        _finish(qtbot, flow)
    assert menu.installs == 1 and "No space" in caplog.text
    assert ctx.paths.settings_file.exists() and not needs_welcome(ctx.paths)
