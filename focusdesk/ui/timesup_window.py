"""The time's-up window: the objective, how the time went, and moving on.

"Move on" is the default button: pressing Enter ends the session, which is
the habit FocusDesk exists to build. Extending is possible but visibly
limited, and impossible in strict mode.

A page clean-up session asks one thing instead: how many posts were
removed. The count is its outcome; entering it records the clean-up as met.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from focusdesk.core.enums import Outcome, Purpose
from focusdesk.core.session import FocusSession
from focusdesk.core.timebox import format_duration


@dataclass(frozen=True, slots=True)
class OutcomeChoice:
    outcome: Outcome | None
    count: int | None
    note: str | None


class TimesUpWindow(QDialog):
    moveOnRequested = Signal(object)  # OutcomeChoice
    extendRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Time's up"))
        self.setAccessibleName(self.tr("Time's up"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setModal(False)

        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.objective = QLabel()
        self.objective.setWordWrap(True)
        self.objective.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.split = QLabel()
        self.split.setWordWrap(True)

        self.question = question = QLabel(self.tr("Did you reach your objective?"))
        self.outcomes = QButtonGroup(self)
        row = QHBoxLayout()
        for outcome, text in (
            (Outcome.MET, self.tr("&Met")),
            (Outcome.PARTLY, self.tr("&Partly")),
            (Outcome.MISSED, self.tr("M&issed")),
        ):
            button = QRadioButton(text)
            button.setAccessibleName(text.replace("&", ""))
            button.setProperty("outcome", outcome.value)
            self.outcomes.addButton(button)
            row.addWidget(button)
        row.addStretch(1)

        self.count = QSpinBox()
        self.count.setRange(-1, 10_000)
        self.count.setSpecialValueText(self.tr("not counted"))
        self.count.setValue(-1)
        self.count.setAccessibleName(self.tr("How many you achieved"))
        self.note = QLineEdit()
        self.note.setMaxLength(1000)
        self.note.setPlaceholderText(self.tr("Optional: what happened, what's next"))
        self.note.setAccessibleName(self.tr("Note"))
        form = QFormLayout()
        self.count_label = QLabel(self.tr("&Count:"))
        self.count_label.setBuddy(self.count)
        form.addRow(self.count_label, self.count)
        note_label = QLabel(self.tr("&Note:"))
        note_label.setBuddy(self.note)
        form.addRow(note_label, self.note)

        self.extend_button = QPushButton()
        self.extend_button.setAutoDefault(False)
        self.extend_button.setAccessibleName(self.tr("Extend the session"))
        self.extend_reason = QLabel()
        self.extend_reason.setWordWrap(True)
        self.move_on = QPushButton(self.tr("Move &on"))
        self.move_on.setDefault(True)
        self.move_on.setAccessibleName(self.tr("Move on: end the session"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.extend_button)
        buttons.addStretch(1)
        buttons.addWidget(self.move_on)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.objective)
        layout.addWidget(self.split)
        layout.addSpacing(6)
        layout.addWidget(question)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.extend_reason)
        layout.addLayout(buttons)
        self.setMinimumWidth(440)

        self._extend_minutes = 5
        self._cleanup = False
        self.move_on.clicked.connect(self._move_on)
        self.extend_button.clicked.connect(lambda: self.extendRequested.emit(self._extend_minutes))

    def show_session(
        self,
        session: FocusSession,
        *,
        overrun_s: int,
        business_s: int,
        casual_s: int,
        extend_minutes: int,
        extend_refusal: str | None,
        remaining_s: int = 0,
    ) -> None:
        """Fill the window; ``extend_refusal`` explains why Extend is unavailable, if it is.

        ``remaining_s`` > 0: the user stops before the deadline (tray menu), so the
        window says that instead of "time's up", and offers no extension.
        """
        early = remaining_s > 0
        title = self.tr("End the session") if early else self.tr("Time's up")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        if early:
            self.heading.setText(
                self.tr("Ending early — %1 left").replace("%1", format_duration(remaining_s))
            )
        elif overrun_s > 0:
            self.heading.setText(
                self.tr("Time's up — %1 over").replace("%1", format_duration(overrun_s))
            )
        else:
            self.heading.setText(self.tr("Time's up"))
        target = (
            self.tr(" (target: %1)").replace("%1", str(session.target)) if session.target else ""
        )
        self.objective.setText(f"“{session.objective}”{target}")
        self._ask_for_posts(session.purpose is Purpose.CLEAN_UP)
        self.split.setText(
            self.tr("This session: business %1, casual %2.")
            .replace("%1", format_duration(business_s) if business_s else "0m")
            .replace("%2", format_duration(casual_s) if casual_s else "0m")
        )
        self._extend_minutes = extend_minutes
        self.extend_button.setText(self.tr("&Extend %1 min").replace("%1", str(extend_minutes)))
        self.extend_button.setEnabled(extend_refusal is None)
        self.extend_reason.setText(extend_refusal or "")
        self.extend_reason.setVisible(extend_refusal is not None and not early)
        self.extend_button.setVisible(not early)

    def update_overrun(self, overrun_s: int) -> None:
        if overrun_s > 0:
            self.heading.setText(
                self.tr("Time's up — %1 over").replace("%1", format_duration(overrun_s))
            )

    def _ask_for_posts(self, cleanup: bool) -> None:
        """A clean-up session's outcome is the number of posts removed, nothing else."""
        self._cleanup = cleanup
        for button in self.outcomes.buttons():
            button.setVisible(not cleanup)
        if cleanup:
            self.question.setText(self.tr("How many posts did you remove?"))
            self.count_label.setText(self.tr("&Posts removed:"))
            self.count.setAccessibleName(self.tr("How many posts you removed"))
        else:
            self.question.setText(self.tr("Did you reach your objective?"))
            self.count_label.setText(self.tr("&Count:"))
            self.count.setAccessibleName(self.tr("How many you achieved"))

    def choice(self) -> OutcomeChoice:
        checked = self.outcomes.checkedButton()
        outcome = Outcome(checked.property("outcome")) if checked is not None else None
        count = self.count.value() if self.count.value() >= 0 else None
        if self._cleanup:
            outcome = Outcome.MET if count is not None else None
        return OutcomeChoice(outcome, count, self.note.text().strip() or None)

    def reset(self) -> None:
        self.outcomes.setExclusive(False)
        for button in self.outcomes.buttons():
            button.setChecked(False)
        self.outcomes.setExclusive(True)
        self.count.setValue(-1)
        self.note.clear()

    def _move_on(self) -> None:
        self.moveOnRequested.emit(self.choice())

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing is not acknowledging: the nudge comes back until the user moves on or extends.
        event.accept()
