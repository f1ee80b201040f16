"""The Settings dialog, driven as a user would: keyboard, mouse, then Save."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt, QTime, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QLineEdit,
    QTabBar,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from focusdesk.core.errors import ValidationError
from focusdesk.core.settings import MAX_EXIT_LINE, MAX_EXIT_LINES, BusinessPage, Settings
from focusdesk.services.settings import default_settings, load_settings, save_settings
from focusdesk.ui.geometry import GeometryStore
from focusdesk.ui.settings.feedback import contrast, error_colour
from focusdesk.ui.settings_dialog import SettingsDialog

NOW = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)


@pytest.fixture
def dialog(qtbot: QtBot) -> SettingsDialog:
    dlg = SettingsDialog(default_settings())
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def type_into_spin(qtbot: QtBot, spin: QAbstractSpinBox, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def press_enter(qtbot: QtBot, editor: QWidget, view: QAbstractItemView) -> None:
    """Item delegates commit on Enter through a queued call, so wait for the edit to end."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def edit_list_item(qtbot: QtBot, dlg: SettingsDialog, row: int, text: str) -> None:
    """Open the in-place editor as F2 would, replace the text, press Enter."""
    view = dlg.exit_lines.list
    view.setCurrentRow(row)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    if text:
        editor.insert(text)
    else:
        editor.del_()
    press_enter(qtbot, editor, view)


def edit_cell(
    qtbot: QtBot,
    dlg: SettingsDialog,
    row: int,
    column: int,
    text: str,
    table: QTableWidget | None = None,
) -> None:
    """Edit a cell of the business pages table (or of ``table``) as F2 and typing would."""
    table = table if table is not None else dlg.pages.table
    table.setCurrentCell(row, column)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    editor.del_()
    qtbot.keyClicks(editor, text)
    press_enter(qtbot, editor, table)


def test_opens_with_the_given_settings_and_returns_them_unchanged(dialog: SettingsDialog) -> None:
    defaults = default_settings()
    assert dialog.sessions.timebox.value() == defaults.timebox_minutes
    assert dialog.reminders.summary_time.time() == QTime(18, 0)
    assert dialog.exit_lines.list.count() == len(defaults.polite_exit_lines)
    assert dialog.save_button.isEnabled()
    assert dialog.settings() == defaults


def test_keyboard_and_mouse_changes_come_back_after_save(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    type_into_spin(qtbot, dialog.sessions.timebox, "45")
    dialog.sessions.extensions.setValue(3)
    type_into_spin(qtbot, dialog.sessions.extension_length, "10")
    type_into_spin(qtbot, dialog.sessions.nudge, "4")
    qtbot.mouseClick(dialog.sessions.compact, Qt.MouseButton.LeftButton)
    dialog.tabs.setCurrentWidget(dialog.reminders)
    dialog.reminders.summary_time.setFocus()
    dialog.reminders.summary_time.setSelectedSection(QDateTimeEdit.Section.HourSection)
    qtbot.keyClicks(dialog.reminders.summary_time, "1730")
    dialog.tabs.setCurrentWidget(dialog.pages_tab)
    qtbot.mouseClick(dialog.pages.add_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Coaching page")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # on to the address cell's editor
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "https://facebook.com/coaching")
    press_enter(qtbot, editor, dialog.pages.table)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.settings() == default_settings().with_changes(
        timebox_minutes=45,
        max_extensions=3,
        extension_minutes=10,
        nudge_repeat_minutes=4,
        show_compact_window=True,
        summary_time="17:30",
        business_pages=(BusinessPage("Coaching page", "https://facebook.com/coaching"),),
    )


def test_exec_returns_accepted_and_the_new_settings(qtbot: QtBot) -> None:
    dlg = SettingsDialog(default_settings())
    qtbot.addWidget(dlg)

    def press_save() -> None:
        dlg.sessions.timebox.setValue(60)
        qtbot.keyClick(dlg.save_button, Qt.Key.Key_Space)

    QTimer.singleShot(0, press_save)
    assert dlg.exec() == QDialog.DialogCode.Accepted
    assert dlg.settings().timebox_minutes == 60


def test_cancel_rejects(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.sessions.timebox.setValue(90)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_strict_mode_disables_the_extension_fields_and_says_why(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    sessions = dialog.sessions
    assert sessions.extensions.isEnabled() and sessions.extension_length.isEnabled()
    assert not sessions.strict_note.isVisible()

    sessions.strict.setFocus()
    qtbot.keyClick(sessions.strict, Qt.Key.Key_Space)

    assert sessions.strict.isChecked()
    assert not sessions.extensions.isEnabled()
    assert not sessions.extension_length.isEnabled()
    assert sessions.strict_note.isVisible()
    assert sessions.strict_note.text() == "Strict mode: no extensions"
    assert dialog.settings().strict_mode is True

    qtbot.keyClick(sessions.strict, Qt.Key.Key_Space)
    assert sessions.extensions.isEnabled() and not sessions.strict_note.isVisible()


def test_strict_mode_from_the_settings_disables_on_open(qtbot: QtBot) -> None:
    dlg = SettingsDialog(default_settings().with_changes(strict_mode=True))
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.sessions.extensions.isEnabled()
    assert dlg.sessions.strict_note.isVisible()


def test_bad_page_address_is_explained_beside_the_table_until_fixed(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    dialog.tabs.setCurrentWidget(dialog.pages_tab)
    qtbot.mouseClick(dialog.pages.add_button, Qt.MouseButton.LeftButton)
    assert not dialog.pages.error.isVisible()  # an untouched new row is not an error yet
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Shop")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert dialog.pages.table.state() == QAbstractItemView.State.EditingState
    assert not dialog.pages.error.isVisible()  # still typing the address: no scolding yet
    assert not dialog.save_button.isEnabled()  # ...but nothing half-typed can be saved
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "www.example.com/shop")
    press_enter(qtbot, editor, dialog.pages.table)

    error = dialog.pages.error
    assert error.isVisible()
    assert "http:// or https://" in error.text() and "Shop" in error.text()
    assert error.parentWidget() is dialog.pages
    assert not dialog.save_button.isEnabled()
    with pytest.raises(ValidationError):
        dialog.settings()

    edit_cell(qtbot, dialog, 0, 1, "https://www.example.com/shop")
    assert not error.isVisible()
    assert dialog.save_button.isEnabled()
    assert dialog.settings().business_pages == (
        BusinessPage("Shop", "https://www.example.com/shop"),
    )


def test_a_page_without_a_name_names_its_row(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.tabs.setCurrentWidget(dialog.pages_tab)
    dialog.pages.set_pages((BusinessPage("Shop", "https://example.com"),))
    dialog.pages.add_page()
    edit_cell(qtbot, dialog, 1, 1, "https://example.com/other")
    assert dialog.pages.error.text().startswith("Row 2:")
    assert not dialog.save_button.isEnabled()

    dialog.pages.table.setCurrentCell(1, 0)
    qtbot.mouseClick(dialog.pages.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.save_button.isEnabled()
    assert dialog.settings().business_pages == (BusinessPage("Shop", "https://example.com"),)


@pytest.mark.parametrize("bad", ["", "   ", "x" * (MAX_EXIT_LINE + 1)])
def test_empty_or_too_long_exit_line_is_refused_with_a_message(
    qtbot: QtBot, dialog: SettingsDialog, bad: str
) -> None:
    dialog.tabs.setCurrentWidget(dialog.exit_lines)
    edit_list_item(qtbot, dialog, 1, bad)

    error = dialog.exit_lines.error
    assert error.isVisible()
    assert error.text().startswith("Line 2:")
    assert f"1 to {MAX_EXIT_LINE} characters" in error.text()
    assert not dialog.save_button.isEnabled()

    edit_list_item(qtbot, dialog, 1, "Lovely to meet you — back to work for me!")
    assert not error.isVisible()
    assert dialog.save_button.isEnabled()
    assert dialog.settings().polite_exit_lines[1] == "Lovely to meet you — back to work for me!"


def test_exit_lines_add_edit_move_remove(qtbot: QtBot, dialog: SettingsDialog) -> None:
    editor_widget = dialog.exit_lines
    dialog.tabs.setCurrentWidget(editor_widget)
    before = default_settings().polite_exit_lines

    qtbot.mouseClick(editor_widget.add_button, Qt.MouseButton.LeftButton)
    assert dialog.save_button.isEnabled()  # a new, still empty line is not an error yet
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Must dash, speak soon!")
    press_enter(qtbot, editor, editor_widget.list)
    assert dialog.settings().polite_exit_lines == (*before, "Must dash, speak soon!")

    qtbot.mouseClick(editor_widget.up_button, Qt.MouseButton.LeftButton)
    lines = dialog.settings().polite_exit_lines
    assert lines[-2] == "Must dash, speak soon!" and lines[-1] == before[-1]

    editor_widget.list.setCurrentRow(0)
    assert not editor_widget.up_button.isEnabled()
    qtbot.mouseClick(editor_widget.down_button, Qt.MouseButton.LeftButton)
    assert dialog.settings().polite_exit_lines[:2] == (before[1], before[0])

    editor_widget.list.setFocus()
    qtbot.keyClick(editor_widget.list, Qt.Key.Key_Delete)
    assert before[0] not in dialog.settings().polite_exit_lines
    assert len(dialog.settings().polite_exit_lines) == len(before)


def test_an_added_line_left_empty_is_dropped(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.tabs.setCurrentWidget(dialog.exit_lines)
    count = dialog.exit_lines.list.count()
    qtbot.mouseClick(dialog.exit_lines.add_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert dialog.exit_lines.list.count() == count
    assert dialog.save_button.isEnabled()


def test_no_more_than_the_maximum_of_exit_lines(qtbot: QtBot) -> None:
    full = default_settings().with_changes(
        polite_exit_lines=tuple(f"Line {n}" for n in range(MAX_EXIT_LINES))
    )
    dlg = SettingsDialog(full)
    qtbot.addWidget(dlg)
    assert not dlg.exit_lines.add_button.isEnabled()


def test_an_emptied_number_box_is_explained_and_blocks_save(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    spin = dialog.sessions.timebox
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClick(spin, Qt.Key.Key_Backspace)
    error = dialog.sessions.errors["timebox_minutes"]
    assert error.isVisible() and "1 to 240" in error.text()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(spin, "30")
    assert not error.isVisible() and dialog.save_button.isEnabled()
    assert dialog.settings().timebox_minutes == 30


def test_every_problem_is_shown_at_once(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.exit_lines.set_lines(("",))
    dialog.pages.set_pages((BusinessPage("Shop", "ftp://example.com"),))
    assert set(dialog.problems()) == {"polite_exit_lines", "business_pages"}
    assert dialog.exit_lines.error.text() and dialog.pages.error.text()


def test_restore_defaults_puts_every_field_back(qtbot: QtBot) -> None:
    custom = default_settings().with_changes(
        timebox_minutes=90,
        strict_mode=True,
        summary_time="07:15",
        polite_exit_lines=("Bye!",),
        business_pages=(BusinessPage("Shop", "https://example.com"),),
    )
    dlg = SettingsDialog(custom)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.settings() == custom
    dlg.exit_lines.set_lines(("",))  # even an invalid state is cleared
    assert not dlg.save_button.isEnabled()

    qtbot.mouseClick(dlg.restore_button, Qt.MouseButton.LeftButton)

    assert dlg.settings() == default_settings()
    assert dlg.sessions.extensions.isEnabled()
    assert dlg.save_button.isEnabled()
    assert dlg.isVisible()  # restoring is not saving


INTERACTIVE = (QAbstractButton, QAbstractSpinBox, QAbstractItemView, QLineEdit, QComboBox, QTabBar)


def interactive_widgets(dlg: QDialog) -> list[QWidget]:
    """Controls a user reaches, leaving out the parts Qt builds inside a spin box."""
    found = []
    for widget in dlg.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE):
            continue
        if isinstance(widget.parentWidget(), QAbstractSpinBox):
            continue
        found.append(widget)
    return found


def test_every_control_has_an_accessible_name(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.pages.set_pages((BusinessPage("Shop", "https://example.com"),))
    widgets = interactive_widgets(dialog)
    kinds = {type(w).__name__ for w in widgets}
    assert {"QSpinBox", "QTimeEdit", "QCheckBox", "QPushButton", "QListWidget"} <= kinds
    assert {"QTableWidget", "QTabBar"} <= kinds
    assert len(widgets) >= 20
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r} {getattr(w, 'text', lambda: '')()!r}"
        for w in widgets
        if not w.accessibleName().strip()
    ]
    assert unnamed == []


def test_every_control_takes_keyboard_focus(dialog: SettingsDialog) -> None:
    for widget in interactive_widgets(dialog):
        if isinstance(widget, QTabBar) or not widget.isVisibleTo(dialog):
            continue
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget.accessibleName()


def test_labels_have_buddies_for_their_mnemonics(dialog: SettingsDialog) -> None:
    """Alt+letter on a form label must land on its field, not on an empty cell."""
    from PySide6.QtWidgets import QLabel

    with_mnemonic = [
        label for label in dialog.findChildren(QLabel) if "&" in label.text() and label.text()
    ]
    assert len(with_mnemonic) >= 7
    for label in with_mnemonic:
        buddy = label.buddy()
        assert buddy is not None, label.text()
        assert isinstance(buddy, INTERACTIVE), label.text()


def test_mnemonic_letters_do_not_clash_within_a_tab(dialog: SettingsDialog) -> None:
    from PySide6.QtWidgets import QLabel

    def letter(text: str) -> str | None:
        index = text.replace("&&", "").find("&")
        return text.replace("&&", "")[index + 1].lower() if index >= 0 else None

    always = [letter(dialog.tabs.tabText(i)) for i in range(dialog.tabs.count())]
    always += [letter(b.text()) for b in (dialog.save_button, dialog.restore_button)]
    for index in range(dialog.tabs.count()):
        page = dialog.tabs.widget(index)
        texts = [w.text() for w in page.findChildren(QLabel)]
        texts += [w.text() for w in page.findChildren(QAbstractButton)]
        letters = [letter(t) for t in texts if letter(t)] + [a for a in always if a]
        assert len(letters) == len(set(letters)), (dialog.tabs.tabText(index), letters)


def test_mnemonic_moves_focus_to_the_field(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.cancel_button.setFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.sessions.nudge
    qtbot.keyClick(dialog, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentWidget() is dialog.exit_lines


@pytest.mark.parametrize("window", ["#ffffff", "#efefef", "#2b2b2b", "#000000", "#3c3f41"])
def test_error_colour_is_readable_on_light_and_dark_windows(window: str) -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    colour = error_colour(palette)
    assert contrast(colour, QColor(window)) >= 4.5
    assert colour.red() > colour.green() and colour.red() > colour.blue()


def test_error_label_follows_a_dark_palette(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.exit_lines.set_lines(("",))
    error = dialog.exit_lines.error
    dark = QPalette(dialog.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dialog.setPalette(dark)
    shown = error.palette().color(QPalette.ColorRole.WindowText)
    assert contrast(shown, QColor("#202020")) >= 4.5


def test_round_trip_through_the_settings_file(qtbot: QtBot, tmp_path: Path) -> None:
    dlg = SettingsDialog(default_settings())
    qtbot.addWidget(dlg)
    dlg.sessions.timebox.setValue(50)
    dlg.sessions.strict.setChecked(True)
    dlg.reminders.summary_time.setTime(QTime(21, 5))
    dlg.exit_lines.set_lines(("Gotta go — thanks!", 'She said "bye" \\ then left'))
    dlg.pages.set_pages((BusinessPage("Café Ü", "https://example.com/ü?x=1&y=2"),))
    result = dlg.settings()

    path = tmp_path / "config" / "settings.toml"
    save_settings(path, result)
    loaded = load_settings(path, NOW)

    assert loaded.problem is None
    assert loaded.settings == result
    assert isinstance(loaded.settings, Settings)


def test_window_size_is_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    store = GeometryStore(tmp_path / "config")
    first = SettingsDialog(default_settings(), geometry=store)
    qtbot.addWidget(first)
    first.show()
    first.resize(QSize(777, 555))
    qtbot.waitUntil(lambda: first.size() == QSize(777, 555))
    first.reject()

    second = SettingsDialog(default_settings(), geometry=store)
    qtbot.addWidget(second)
    assert second.size() == QSize(777, 555)


def test_tracking_thresholds_are_edited_on_the_tracking_tab(qtbot) -> None:  # type: ignore[no-untyped-def]
    from focusdesk.services.settings import default_settings
    from focusdesk.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(default_settings())
    qtbot.addWidget(dialog)
    dialog.tracking.drift.setValue(90)
    dialog.tracking.budget.setValue(45)
    dialog.tracking.away.setValue(5)
    chosen = dialog.settings()
    assert (
        chosen.drift_after_seconds,
        chosen.casual_budget_minutes,
        chosen.away_after_minutes,
    ) == (90, 45, 5)
