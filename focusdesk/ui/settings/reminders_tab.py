"""The Reminders tab: planned sessions, the end-of-day summary and the weekly page clean-up.

Each reminder has a switch; a reminder that is off keeps its day and time
(greyed out), so turning it on again brings back what the user chose.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from focusdesk.core.settings import Settings
from focusdesk.core.timebox import MAX_MINUTES, MIN_MINUTES
from focusdesk.ui.settings.session_reminders import SessionRemindersEditor
from focusdesk.ui.settings.tabs import Form, with_error

_CLOCK_FORMAT = "HH:mm"
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _row(*widgets: QWidget) -> QWidget:
    cell = QWidget()
    layout = QHBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return cell


class RemindersTab(Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sessions = SessionRemindersEditor()
        self.sessions.changed.connect(self.changed)
        self.outer.insertWidget(0, self.sessions, 100)
        self.outer.insertSpacing(1, 8)

        self.summary_reminder = QCheckBox(self.tr("End-of-day s&ummary at"))
        self.summary_reminder.setAccessibleName(self.tr("Remind me of the end-of-day summary"))
        self.summary_time = self._time(self.tr("Time of the end-of-day summary"))
        self.summary_reminder.toggled.connect(self.summary_time.setEnabled)
        self.summary_reminder.toggled.connect(self.changed)
        self.form.addRow(
            with_error(
                _row(self.summary_reminder, self.summary_time),
                self._error_for("summary_time", self.summary_time, self.tr("Summary time problem")),
                self.tr("The day's summary window opens at this time."),
            )
        )

        self.cleanup_reminder = QCheckBox(self.tr("Weekly page &clean-up on"))
        self.cleanup_reminder.setAccessibleName(self.tr("Remind me of the weekly page clean-up"))
        self.cleanup_weekday = QComboBox()
        self.cleanup_weekday.addItems([self.tr(name) for name in _DAY_NAMES])
        self.cleanup_weekday.setAccessibleName(self.tr("Day of the weekly clean-up"))
        self.cleanup_weekday.view().setAccessibleName(self.tr("Days of the week"))
        self.cleanup_weekday.currentIndexChanged.connect(self.changed)
        self.cleanup_time = self._time(self.tr("Time of the weekly clean-up"))
        self.cleanup_minutes = QSpinBox()
        self.cleanup_minutes.setRange(MIN_MINUTES, MAX_MINUTES)
        self.cleanup_minutes.setPrefix(self.tr("for "))
        self.cleanup_minutes.setSuffix(self.tr(" min"))
        self.cleanup_minutes.setAccessibleName(self.tr("Length of the clean-up session"))
        self.cleanup_minutes.valueChanged.connect(self.changed)
        at = QLabel(self.tr("at"))
        parts = (self.cleanup_weekday, at, self.cleanup_time, self.cleanup_minutes)
        self._cleanup_parts = parts
        for part in parts:
            self.cleanup_reminder.toggled.connect(part.setEnabled)
        self.cleanup_reminder.toggled.connect(self.changed)
        self.form.addRow(
            with_error(
                _row(self.cleanup_reminder, *parts),
                self._error_for("cleanup_time", self.cleanup_time, self.tr("Clean-up problem")),
                self.tr("Opens your business pages and a short session to remove stale posts."),
            )
        )

    def _time(self, accessible: str) -> QTimeEdit:
        edit = QTimeEdit()
        edit.setDisplayFormat(_CLOCK_FORMAT)
        edit.setAccessibleName(accessible)
        edit.setMinimumWidth(90)
        edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        edit.timeChanged.connect(self.changed)
        return edit

    def set_settings(self, settings: Settings) -> None:
        self.sessions.set_reminders(settings.session_reminders)
        self.summary_time.setTime(QTime.fromString(settings.summary_time, _CLOCK_FORMAT))
        self.summary_reminder.setChecked(settings.summary_reminder)
        self.summary_time.setEnabled(settings.summary_reminder)
        self.cleanup_weekday.setCurrentIndex(settings.cleanup_weekday)
        self.cleanup_time.setTime(QTime.fromString(settings.cleanup_time, _CLOCK_FORMAT))
        self.cleanup_minutes.setValue(settings.cleanup_minutes)
        self.cleanup_reminder.setChecked(settings.cleanup_reminder)
        for part in self._cleanup_parts:
            part.setEnabled(settings.cleanup_reminder)

    def values(self) -> dict[str, Any]:
        return {
            "session_reminders": self.sessions.reminders(),
            "summary_reminder": self.summary_reminder.isChecked(),
            "summary_time": self.summary_time.time().toString(_CLOCK_FORMAT),
            "cleanup_reminder": self.cleanup_reminder.isChecked(),
            "cleanup_weekday": self.cleanup_weekday.currentIndex(),
            "cleanup_time": self.cleanup_time.time().toString(_CLOCK_FORMAT),
            "cleanup_minutes": self.cleanup_minutes.value(),
        }
