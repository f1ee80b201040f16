"""The summary's top bar: which day is shown, how to get to another, and export.

Kept apart from the view so the rules of moving between days (never past
today, a half-typed date is not a request) live in one small place.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QPushButton, QWidget


class DayNavigator(QWidget):
    """Previous / date picker / next / today, refresh and export; emits requests only."""

    dayRequested = Signal(object)  # datetime.date
    exportClicked = Signal()
    forgetDayClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._day: date | None = None
        self._today: date | None = None
        self.prev_button = self._button(self.tr("◀ &Previous"), self.tr("Previous day"))
        self.prev_button.setToolTip(self.tr("Previous day (Alt+Left)"))
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setKeyboardTracking(False)  # a half-typed date is not a request
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")  # unambiguous in every locale
        self.date_edit.setAccessibleName(self.tr("Day shown"))
        self.next_button = self._button(self.tr("&Next ▶"), self.tr("Next day"))
        self.next_button.setToolTip(self.tr("Next day (Alt+Right)"))
        self.today_button = self._button(self.tr("&Today"), self.tr("Show today"))
        self.refresh_button = self._button(self.tr("&Refresh"), self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the day again (F5)"))
        self.export_button = self._button(self.tr("&Export day…"), self.tr("Export day"))
        self.export_button.setToolTip(self.tr("Save this day's activities as CSV or JSON"))
        self.forget_button = self._button(self.tr("&Forget this day…"), self.tr("Forget this day"))
        self.forget_button.setToolTip(self.tr("Erase this day's activities for good"))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self._go_today)
        self.refresh_button.clicked.connect(self._re_request)
        self.export_button.clicked.connect(self.exportClicked)
        self.forget_button.clicked.connect(self.forgetDayClicked)
        self.date_edit.dateChanged.connect(self._date_edited)
        for keys, slot in (
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left), lambda: self.step(-1)),
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Right), lambda: self.step(1)),
            (QKeySequence(Qt.Key.Key_F5), self._re_request),
        ):
            QShortcut(keys, self, slot)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.prev_button, self.date_edit, self.next_button, self.today_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.refresh_button)
        row.addWidget(self.export_button)
        row.addWidget(self.forget_button)

    def controls(self) -> list[QWidget]:
        """The bar's controls in keyboard order."""
        return [
            self.prev_button,
            self.date_edit,
            self.next_button,
            self.today_button,
            self.refresh_button,
            self.export_button,
            self.forget_button,
        ]

    def set_today(self, today: date) -> None:
        """Days after today have no data; Next and the picker stop there."""
        self._today = today
        self.date_edit.setMaximumDate(_qdate(today))
        self._update()

    def set_day(self, day: date) -> None:
        """Show ``day`` without echoing it back as a request."""
        self._day = day
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(_qdate(day))
        self.date_edit.blockSignals(False)
        self._update()

    def step(self, days: int) -> None:
        if self._day is None:
            return
        wanted = self._day + timedelta(days=days)
        if self._today is not None and wanted > self._today:
            return
        self.dayRequested.emit(wanted)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        return button

    def _go_today(self) -> None:
        if self._today is not None:
            self.dayRequested.emit(self._today)

    def _re_request(self) -> None:
        if self._day is not None:
            self.dayRequested.emit(self._day)

    def _date_edited(self, qdate: QDate) -> None:
        self.dayRequested.emit(date(qdate.year(), qdate.month(), qdate.day()))

    def _update(self) -> None:
        at_today = self._today is not None and self._day is not None and self._day >= self._today
        self.next_button.setEnabled(not at_today)
        self.today_button.setEnabled(self._day != self._today)
        self.export_button.setEnabled(self._day is not None)
        self.forget_button.setEnabled(self._day is not None)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
