"""The guide's reminders page: a planned prospecting time, the day's summary, the weekly clean-up.

Only the first session reminder is asked for here; more can be planned in
Settings. Turning a reminder off here keeps its time, so turning it on later
in Settings brings back what the user chose.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from focusdesk.core.settings import MAX_OBJECTIVE_LENGTH, SessionReminder, Settings

_CLOCK = "HH:mm"
_WORKDAYS = (0, 1, 2, 3, 4)
_FIRST_SESSION = SessionReminder("09:00", _WORKDAYS, "", 25)


def _time_edit(accessible: str) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat(_CLOCK)
    edit.setAccessibleName(accessible)
    return edit


class RemindersPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Reminders"))
        self.setSubTitle(self.tr("FocusDesk reminds you from the tray; you decide when."))
        locale = QLocale()

        self.prospect = QCheckBox(self.tr("Remind me to &prospect at"))
        self.prospect_time = _time_edit(self.tr("Time of the prospecting reminder"))
        self.days: list[QCheckBox] = []
        day_row = QHBoxLayout()
        for day in range(7):
            box = QCheckBox(locale.dayName(day + 1, QLocale.FormatType.ShortFormat))
            box.setAccessibleName(locale.dayName(day + 1, QLocale.FormatType.LongFormat))
            box.toggled.connect(self.completeChanged)
            self.days.append(box)
            day_row.addWidget(box)
        day_row.addStretch(1)
        self.objective = QLineEdit()
        self.objective.setMaxLength(MAX_OBJECTIVE_LENGTH)
        self.objective.setPlaceholderText(
            self.tr("Planned objective, e.g. send 10 connection requests")
        )
        self.objective.setAccessibleName(self.tr("Planned objective for the prospecting session"))
        self.no_day = QLabel(self.tr("Choose at least one day, or turn this reminder off."))
        self.no_day.setAccessibleName(self.no_day.text())
        self.no_day.setVisible(False)

        self.summary = QCheckBox(self.tr("Show my day's &summary at"))
        self.summary_time = _time_edit(self.tr("Time of the end-of-day summary"))
        self.cleanup = QCheckBox(self.tr("Weekly &clean-up of my business pages on"))
        self.cleanup_day = QComboBox()
        self.cleanup_day.setAccessibleName(self.tr("Day of the weekly clean-up"))
        for day in range(7):
            self.cleanup_day.addItem(locale.dayName(day + 1, QLocale.FormatType.LongFormat))
        self.cleanup_time = _time_edit(self.tr("Time of the weekly clean-up"))

        grid = QGridLayout()
        grid.addWidget(self.prospect, 0, 0)
        grid.addWidget(self.prospect_time, 0, 1)
        grid.addLayout(day_row, 1, 0, 1, 3)
        grid.addWidget(self.objective, 2, 0, 1, 3)
        grid.addWidget(self.no_day, 3, 0, 1, 3)
        grid.addWidget(self.summary, 4, 0)
        grid.addWidget(self.summary_time, 4, 1)
        grid.addWidget(self.cleanup, 5, 0)
        grid.addWidget(self.cleanup_day, 5, 1)
        grid.addWidget(self.cleanup_time, 5, 2)
        grid.setColumnStretch(3, 1)
        grid.setRowMinimumHeight(4, 36)
        more = QLabel(self.tr("You can plan more sessions, and change all of this, in Settings."))
        more.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(more)

        self.prospect.toggled.connect(self._enable)
        self.summary.toggled.connect(self._enable)
        self.cleanup.toggled.connect(self._enable)
        self.prospect.toggled.connect(self.completeChanged)

    def set_settings(self, settings: Settings, *, offer_first: bool = True) -> None:
        """Show ``settings``; with none planned, ``offer_first`` proposes a weekday-morning one."""
        first = settings.session_reminders[0] if settings.session_reminders else _FIRST_SESSION
        self.prospect.setChecked(bool(settings.session_reminders) or offer_first)
        self.prospect_time.setTime(QTime.fromString(first.time, _CLOCK))
        for day, box in enumerate(self.days):
            box.setChecked(day in first.weekdays)
        self.objective.setText(first.objective)
        self.summary.setChecked(settings.summary_reminder)
        self.summary_time.setTime(QTime.fromString(settings.summary_time, _CLOCK))
        self.cleanup.setChecked(settings.cleanup_reminder)
        self.cleanup_day.setCurrentIndex(settings.cleanup_weekday)
        self.cleanup_time.setTime(QTime.fromString(settings.cleanup_time, _CLOCK))
        self._rest = settings.session_reminders[1:]
        self._enable()

    def isComplete(self) -> bool:
        complete = not self.prospect.isChecked() or any(box.isChecked() for box in self.days)
        self.no_day.setVisible(not complete)
        return complete

    def values(self, timebox_minutes: int) -> dict[str, Any]:
        """The settings this page decides; a new prospecting reminder gets the chosen time box."""
        reminders: tuple[SessionReminder, ...] = self._rest
        if self.prospect.isChecked():
            days = tuple(day for day, box in enumerate(self.days) if box.isChecked())
            first = SessionReminder(
                self.prospect_time.time().toString(_CLOCK),
                days,
                self.objective.text().strip(),
                timebox_minutes,
            )
            reminders = (first, *reminders)
        return {
            "session_reminders": reminders,
            "summary_reminder": self.summary.isChecked(),
            "summary_time": self.summary_time.time().toString(_CLOCK),
            "cleanup_reminder": self.cleanup.isChecked(),
            "cleanup_weekday": self.cleanup_day.currentIndex(),
            "cleanup_time": self.cleanup_time.time().toString(_CLOCK),
        }

    def _enable(self) -> None:
        on = self.prospect.isChecked()
        for widget in (self.prospect_time, self.objective, *self.days):
            widget.setEnabled(on)
        self.summary_time.setEnabled(self.summary.isChecked())
        self.cleanup_day.setEnabled(self.cleanup.isChecked())
        self.cleanup_time.setEnabled(self.cleanup.isChecked())
