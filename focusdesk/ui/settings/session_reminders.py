"""Planned prospecting sessions: when to be reminded, on which days, and what to prefill.

A table lists the plans; the form under it edits the selected one. Every
check is the core's (``check_settings``), so the reminder file loader and
this editor say the same thing about a time like 25:00 or a plan with no day.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from focusdesk.core.errors import ValidationError
from focusdesk.core.settings import (
    ALL_WEEKDAYS,
    MAX_OBJECTIVE_LENGTH,
    MAX_SESSION_REMINDERS,
    SessionReminder,
    Settings,
    check_settings,
)
from focusdesk.core.timebox import MAX_MINUTES, MIN_MINUTES
from focusdesk.ui.settings.feedback import ErrorLabel, sentence
from focusdesk.ui.settings.widgets import action_button, beside_buttons, read_only_table

DAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAYS = (0, 1, 2, 3, 4)


def days_text(days: tuple[int, ...]) -> str:
    chosen = tuple(sorted(set(days)))
    if chosen == ALL_WEEKDAYS:
        return "Every day"
    if chosen == WEEKDAYS:
        return "Mon–Fri"
    return ", ".join(DAY_LABELS[d] for d in chosen) or "no day"


def normal_time(text: str) -> str:
    """``9:30`` is what people type for 09:30; anything else is left for the check."""
    text = text.strip()
    hours, sep, _minutes = text.partition(":")
    if sep and len(hours) == 1 and hours.isdigit():
        return f"0{text}"
    return text


class SessionRemindersEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._drafts: list[SessionReminder] = []
        caption = QLabel(self.tr("Planned &prospecting sessions:"))
        self.table = read_only_table(
            ("Time", "Days", "Objective", "Time box"), self.tr("Planned sessions")
        )
        self.table.setMinimumHeight(self.fontMetrics().height() * 5)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        caption.setBuddy(self.table)
        self.add_button = action_button(self.tr("&Add plan"), self.tr("Add a planned session"))
        self.remove_button = action_button(
            self.tr("Remove p&lan"), self.tr("Remove the selected planned session")
        )
        self.time = QLineEdit()
        self.time.setAccessibleName(self.tr("Planned session time"))
        self.time.setPlaceholderText("09:00")
        self.time.setMaximumWidth(self.fontMetrics().averageCharWidth() * 10)
        self.days = [QCheckBox(self.tr(label)) for label in DAY_LABELS]
        for box, label in zip(self.days, DAY_LABELS, strict=True):
            box.setAccessibleName(self.tr("Remind on {day}").format(day=label))
        self.objective = QLineEdit()
        self.objective.setAccessibleName(self.tr("Planned objective"))
        self.objective.setMaxLength(MAX_OBJECTIVE_LENGTH + 1)  # one over, so the check can say so
        self.objective.setPlaceholderText(self.tr("e.g. Message 5 people who commented"))
        self.minutes = QSpinBox()
        self.minutes.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Planned time box in minutes"))
        self.error = ErrorLabel(self.time)
        self.error.setAccessibleName(self.tr("Planned sessions problem"))

        top = beside_buttons(self.table, self.add_button, self.remove_button)
        day_row = QHBoxLayout()
        for box in self.days:
            day_row.addWidget(box)
        day_row.addStretch(1)
        when = QHBoxLayout()
        when.addWidget(self.time)
        when.addLayout(day_row, 1)
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self._buddy(self.tr("At (HH:MM) on:"), self.time), when)
        form.addRow(self._buddy(self.tr("Ob&jective:"), self.objective), self.objective)
        form.addRow(self._buddy(self.tr("Ti&me box:"), self.minutes), self.minutes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption)
        layout.addLayout(top, 1)
        layout.addWidget(self.form)
        layout.addWidget(self.error)

        self.add_button.clicked.connect(self.add_reminder)
        self.remove_button.clicked.connect(self.remove_current)
        self.table.currentCellChanged.connect(self._selected)
        self.time.textEdited.connect(self._form_edited)
        self.objective.textEdited.connect(self._form_edited)
        self.minutes.valueChanged.connect(self._form_edited)
        for box in self.days:
            box.toggled.connect(self._form_edited)
        self._selected(-1)

    @staticmethod
    def _buddy(text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        return label

    def reminders(self) -> tuple[SessionReminder, ...]:
        return tuple(replace(r, time=normal_time(r.time)) for r in self._drafts)

    def set_reminders(self, reminders: tuple[SessionReminder, ...]) -> None:
        self._drafts = list(reminders)
        self._fill_table()
        self._select(0 if reminders else -1)
        self.changed.emit()

    def show_problem(self, message: str | None) -> None:
        """The selected plan's problem as it is; another plan's with its number."""
        current = self.table.currentRow()
        if message and self._row_problem(current) is None:
            bad = next((r for r in range(len(self._drafts)) if self._row_problem(r)), None)
            if bad is not None:
                message = self.tr("Plan {n}: {problem}").format(n=bad + 1, problem=message)
        self.error.show_message(sentence(message) if message else None)

    def add_reminder(self) -> None:
        self._drafts.append(SessionReminder("09:00", WEEKDAYS))
        self._fill_table()
        self._select(len(self._drafts) - 1)
        self.time.setFocus()
        self.time.selectAll()
        self._emit_changed()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            del self._drafts[row]
            self._fill_table()
            self._select(min(row, len(self._drafts) - 1))
            self._emit_changed()

    def _row_problem(self, row: int) -> str | None:
        if not 0 <= row < len(self._drafts):
            return None
        reminder = replace(self._drafts[row], time=normal_time(self._drafts[row].time))
        try:
            check_settings(Settings(session_reminders=(reminder,)))
        except ValidationError as exc:
            return exc.message
        return None

    def _form_edited(self, *_args: object) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self._drafts[row] = SessionReminder(
            self.time.text(),
            tuple(day for day, box in enumerate(self.days) if box.isChecked()),
            self.objective.text(),
            self.minutes.value(),
        )
        self._fill_row(row)
        self._emit_changed()

    def _select(self, row: int) -> None:
        self.table.setCurrentCell(row, 0)
        self._selected(row)

    def _selected(self, row: int, *_rest: object) -> None:
        reminder = self._drafts[row] if 0 <= row < len(self._drafts) else None
        self.form.setEnabled(reminder is not None)
        self.remove_button.setEnabled(reminder is not None)
        self.add_button.setEnabled(len(self._drafts) < MAX_SESSION_REMINDERS)
        shown = reminder or SessionReminder("", ())
        blockers = [
            QSignalBlocker(w) for w in (self.time, self.objective, self.minutes, *self.days)
        ]
        self.time.setText(shown.time)
        self.objective.setText(shown.objective)
        self.minutes.setValue(shown.minutes)
        for day, box in enumerate(self.days):
            box.setChecked(day in shown.weekdays)
        del blockers
        self.changed.emit()

    def _fill_table(self) -> None:
        with QSignalBlocker(self.table):
            self.table.setRowCount(len(self._drafts))
            for row in range(len(self._drafts)):
                self._fill_row(row)

    def _fill_row(self, row: int) -> None:
        r = self._drafts[row]
        texts = (r.time, days_text(r.weekdays), r.objective, f"{r.minutes} min")
        for column, text in enumerate(texts):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def _emit_changed(self) -> None:
        self.add_button.setEnabled(len(self._drafts) < MAX_SESSION_REMINDERS)
        self.remove_button.setEnabled(self.table.currentRow() >= 0)
        self.changed.emit()
