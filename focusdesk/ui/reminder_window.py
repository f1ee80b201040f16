"""The small window a planned-session reminder opens: start now, snooze, or dismiss.

Non-modal and on top, so it is seen but never blocks the tray's countdown.
"Start now" is the default button: starting the planned session is the
habit; the window itself starts nothing, it says what the user chose.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from focusdesk.core.reminders import DueReminder


class ReminderWindow(QDialog):
    startRequested = Signal(object)  # DueReminder
    snoozeRequested = Signal(object)  # DueReminder
    dismissed = Signal(object)  # DueReminder

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reminder"))  # Qt appends "— FocusDesk"
        self.setAccessibleName(self.tr("Planned session reminder"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setModal(False)
        self.due: DueReminder | None = None

        self.heading = QLabel(self.tr("Time for your planned session"))
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.objective = QLabel()
        self.objective.setWordWrap(True)
        self.objective.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QLabel()
        self.detail.setWordWrap(True)

        self.start_button = QPushButton(self.tr("&Start now"))
        self.start_button.setDefault(True)
        self.snooze_button = QPushButton(self.tr("S&nooze 10 min"))
        self.snooze_button.setAutoDefault(False)
        self.dismiss_button = QPushButton(self.tr("&Dismiss"))
        self.dismiss_button.setAutoDefault(False)
        for button in (self.start_button, self.snooze_button, self.dismiss_button):
            button.setAccessibleName(button.text().replace("&", ""))
        self.start_button.clicked.connect(lambda: self._answer(self.startRequested))
        self.snooze_button.clicked.connect(lambda: self._answer(self.snoozeRequested))
        self.dismiss_button.clicked.connect(lambda: self._answer(self.dismissed))

        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.snooze_button)
        buttons.addStretch(1)
        buttons.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.objective)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)

    def show_reminder(self, due: DueReminder, when: str) -> None:
        """Show ``due`` (replacing an unanswered one); ``when`` is its local time, e.g. 09:00."""
        self.due = due
        if due.objective:
            self.objective.setText(self.tr("“%1”").replace("%1", due.objective))
        else:
            self.objective.setText(self.tr("No objective planned: you will set one on start."))
        detail = self.tr("Planned for %1, a %2 min time box.")
        if due.snoozed:
            detail = self.tr("Snoozed from %1, a %2 min time box.")
        self.detail.setText(detail.replace("%1", when).replace("%2", str(due.minutes)))
        self.show()
        self.raise_()
        self.activateWindow()

    def _answer(self, signal: Signal) -> None:
        due, self.due = self.due, None
        self.hide()
        if due is not None:
            signal.emit(due)  # type: ignore[attr-defined]

    def reject(self) -> None:
        """Escape or the close button: the same as Dismiss."""
        self._answer(self.dismissed)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self._answer(self.dismissed)
