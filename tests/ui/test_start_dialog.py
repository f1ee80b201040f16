from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from focusdesk.core.enums import Purpose
from focusdesk.core.settings import BusinessPage
from focusdesk.services.settings import default_settings
from focusdesk.ui.start_dialog import StartSessionDialog


@pytest.fixture
def dialog(qtbot) -> StartSessionDialog:  # type: ignore[no-untyped-def]
    settings = default_settings().with_changes(
        business_pages=(BusinessPage("My page", "https://facebook.com/mybiz"),)
    )
    d = StartSessionDialog(settings, ["Message 5 prospects", "Reply to 10 comments"])
    qtbot.addWidget(d)
    d.show()
    return d


def type_objective(qtbot, dialog: StartSessionDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    dialog.objective.lineEdit().clear()
    qtbot.keyClicks(dialog.objective.lineEdit(), text)


def test_start_is_disabled_until_an_objective_is_typed(qtbot, dialog: StartSessionDialog) -> None:  # type: ignore[no-untyped-def]
    assert not dialog.start_button.isEnabled()
    assert dialog.objective_error.isHidden()  # empty is not yet an error, just not startable
    type_objective(qtbot, dialog, "Message 5 people who commented")
    assert dialog.start_button.isEnabled()
    assert dialog.objective_hint.isHidden()


@pytest.mark.parametrize(("text", "message"), [("ab", "too short"), ("x" * 201, "too long")])
def test_invalid_objectives_are_explained_beside_the_field(qtbot, dialog, text, message) -> None:  # type: ignore[no-untyped-def]
    type_objective(qtbot, dialog, text)
    assert not dialog.start_button.isEnabled()
    assert dialog.objective_error.isVisible() and message in dialog.objective_error.text()


def test_vague_objective_gets_an_inline_hint_but_can_start(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    type_objective(qtbot, dialog, "facebook")
    assert dialog.objective_hint.isVisible() and "One word" in dialog.objective_hint.text()
    assert dialog.start_button.isEnabled()


@pytest.mark.parametrize(
    ("typed", "ok"), [("30", True), ("240", True), ("0", False), ("241", False), ("abc", False)]
)
def test_custom_durations(qtbot, dialog, typed: str, ok: bool) -> None:  # type: ignore[no-untyped-def]
    type_objective(qtbot, dialog, "Send 5 invitations")
    qtbot.keyClicks(dialog.custom, typed)
    assert dialog.start_button.isEnabled() is ok
    assert dialog.minutes_error.isVisible() is (not ok)
    if not ok:
        assert "240" in dialog.minutes_error.text() or "whole number" in dialog.minutes_error.text()
    else:
        assert dialog.presets.checkedButton() is None  # typing replaced the preset


def test_presets_and_request(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    type_objective(qtbot, dialog, "Reply to every comment")
    qtbot.mouseClick(dialog.presets.button(45), Qt.MouseButton.LeftButton)
    dialog.purpose.setCurrentIndex(dialog.purpose.findData(Purpose.COMMUNITY))
    dialog.target.setValue(12)
    dialog.page.setCurrentIndex(1)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    request = dialog.request()
    assert (request.objective, request.minutes, request.target) == (
        "Reply to every comment",
        45,
        12,
    )
    assert request.purpose is Purpose.COMMUNITY and request.page_url == "https://facebook.com/mybiz"


def test_default_time_box_comes_from_settings(qtbot) -> None:  # type: ignore[no-untyped-def]
    d = StartSessionDialog(default_settings().with_changes(timebox_minutes=50), [])
    qtbot.addWidget(d)
    assert d.custom.text() == "50" and d.presets.checkedButton() is None
    d2 = StartSessionDialog(default_settings().with_changes(timebox_minutes=15), [])
    qtbot.addWidget(d2)
    assert d2.presets.checkedId() == 15


def test_recent_objectives_are_offered(dialog) -> None:  # type: ignore[no-untyped-def]
    assert [dialog.objective.itemText(i) for i in range(dialog.objective.count())] == [
        "Message 5 prospects",
        "Reply to 10 comments",
    ]


def test_every_control_has_an_accessible_name(dialog) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit

    controls = [
        w
        for w in dialog.findChildren(QWidget)
        if isinstance(w, (QAbstractButton, QComboBox, QAbstractSpinBox))
    ]
    # Line edits inside spin and combo boxes are named through their owner.
    controls += [
        w
        for w in dialog.findChildren(QLineEdit)
        if not isinstance(w.parent(), (QAbstractSpinBox, QComboBox))
    ]
    assert controls
    for control in controls:
        assert control.accessibleName(), control


def test_enter_after_typing_the_objective_starts(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    # Seen by hand: Start was disabled while the field was empty, Qt passed "default"
    # to Cancel, and Enter then cancelled the session the user had just described.
    dialog.objective.lineEdit().setFocus()
    type_objective(qtbot, dialog, "Comment on 5 posts in the coaches group")
    with qtbot.waitSignal(dialog.finished) as done:
        qtbot.keyClick(dialog.objective.lineEdit(), Qt.Key.Key_Return)
    assert done.args == [1]
    assert dialog.request().objective == "Comment on 5 posts in the coaches group"


def test_escape_cancels(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    type_objective(qtbot, dialog, "Comment on 5 posts in the coaches group")
    with qtbot.waitSignal(dialog.finished) as done:
        qtbot.keyClick(dialog.objective.lineEdit(), Qt.Key.Key_Escape)
    assert done.args == [0]
