"""The Reminders tab (planned sessions, summary, clean-up) and the personal pages table."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from focusdesk.core.settings import PersonalPage, SessionReminder
from focusdesk.services.settings import default_settings, load_settings, save_settings
from focusdesk.ui.settings_dialog import SettingsDialog
from tests.ui.test_settings_dialog import edit_cell


@pytest.fixture
def dialog(qtbot: QtBot) -> SettingsDialog:
    dlg = SettingsDialog(default_settings())
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.tabs.setCurrentWidget(dlg.reminders)
    return dlg


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)


def test_a_planned_session_is_added_checked_and_saved(qtbot: QtBot, dialog: SettingsDialog) -> None:
    plans = dialog.reminders.sessions
    error = plans.error
    qtbot.mouseClick(plans.add_button, Qt.MouseButton.LeftButton)
    assert plans.time.hasFocus() and plans.table.rowCount() == 1
    assert dialog.save_button.isEnabled()  # a new plan starts valid: 09:00, Monday to Friday

    retype(qtbot, plans.time, "25:00")
    assert error.isVisible() and "needs a time like 09:00" in error.text()
    assert not dialog.save_button.isEnabled()
    retype(qtbot, plans.time, "9:30")  # what people type; saved as 09:30
    assert not error.isVisible() and dialog.save_button.isEnabled()

    for box in plans.days[:5]:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert error.isVisible() and "choose at least one weekday" in error.text()
    assert plans.table.item(0, 1).text() == "no day"
    assert not dialog.save_button.isEnabled()
    for day in (0, 2):
        qtbot.mouseClick(plans.days[day], Qt.MouseButton.LeftButton)
    assert plans.table.item(0, 1).text() == "Mon, Wed"
    qtbot.keyClicks(plans.objective, "Message 5 people who commented")
    plans.minutes.setValue(45)
    assert not error.isVisible()

    qtbot.mouseClick(plans.add_button, Qt.MouseButton.LeftButton)
    retype(qtbot, plans.time, "7")
    plans.table.setCurrentCell(0, 0)  # the other plan's problem names it
    assert error.text().startswith("Plan 2:")
    plans.table.setCurrentCell(1, 0)
    qtbot.mouseClick(plans.remove_button, Qt.MouseButton.LeftButton)

    assert dialog.save_button.isEnabled()
    assert dialog.settings().session_reminders == (
        SessionReminder("09:30", (0, 2), "Message 5 people who commented", 45),
    )


def test_summary_and_clean_up_reminders(qtbot: QtBot, dialog: SettingsDialog) -> None:
    tab = dialog.reminders
    qtbot.mouseClick(tab.summary_reminder, Qt.MouseButton.LeftButton)
    assert not tab.summary_time.isEnabled()
    tab.cleanup_weekday.setCurrentIndex(0)
    tab.cleanup_time.setTime(QTime(8, 15))
    tab.cleanup_minutes.setValue(20)
    chosen = dialog.settings()
    assert (chosen.summary_reminder, chosen.summary_time) == (False, "18:00")
    assert (chosen.cleanup_reminder, chosen.cleanup_weekday) == (True, 0)
    assert (chosen.cleanup_time, chosen.cleanup_minutes) == ("08:15", 20)
    qtbot.mouseClick(tab.cleanup_reminder, Qt.MouseButton.LeftButton)
    assert not tab.cleanup_weekday.isEnabled()
    assert dialog.settings().cleanup_reminder is False


def edit_personal_cell(
    qtbot: QtBot, dialog: SettingsDialog, row: int, column: int, text: str
) -> None:
    edit_cell(qtbot, dialog, row, column, text, dialog.personal_pages.table)


def test_personal_pages_are_edited_beside_the_business_pages(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    dialog.tabs.setCurrentWidget(dialog.pages_tab)
    personal = dialog.personal_pages
    qtbot.mouseClick(personal.add_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "My own profile")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: personal.table.state() != QAbstractItemView.State.EditingState)
    assert dialog.settings().personal_pages == (PersonalPage("My own profile"),)

    edit_personal_cell(qtbot, dialog, 0, 1, "facebook.com/me")
    assert personal.error.isVisible() and "http:// or https://" in personal.error.text()
    assert not dialog.save_button.isEnabled()
    edit_personal_cell(qtbot, dialog, 0, 1, "https://facebook.com/me")
    edit_personal_cell(qtbot, dialog, 0, 2, "^(a+)+$")
    assert "could make matching hang" in personal.error.text()
    edit_personal_cell(qtbot, dialog, 0, 2, r"\bme\b")
    assert not personal.error.isVisible() and dialog.save_button.isEnabled()
    assert dialog.settings().personal_pages == (
        PersonalPage("My own profile", "https://facebook.com/me", r"\bme\b"),
    )
    assert dialog.settings().business_pages == ()


def test_round_trip_of_the_new_settings_through_the_file(qtbot: QtBot, tmp_path: Path) -> None:
    chosen = default_settings().with_changes(
        session_reminders=(SessionReminder("08:05", (5, 6), "Reply to comments", 15),),
        summary_reminder=False,
        cleanup_weekday=2,
        cleanup_time="07:45",
        cleanup_minutes=30,
        exclude_private_windows=False,
        personal_pages=(PersonalPage("Me", "", "my name"),),
    )
    dlg = SettingsDialog(chosen)
    qtbot.addWidget(dlg)
    assert dlg.settings() == chosen
    path = tmp_path / "settings.toml"
    save_settings(path, dlg.settings())
    loaded = load_settings(path, datetime(2026, 11, 26, tzinfo=UTC))
    assert loaded.problem is None and loaded.settings == chosen
