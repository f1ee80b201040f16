"""The day's sessions, one row each: what was intended and what happened.

A plain QTableWidget: a day has a handful of sessions, so a model class
would add code without adding speed.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from focusdesk.core.enums import Outcome, Purpose
from focusdesk.core.summary import SessionLine
from focusdesk.core.timebox import format_duration
from focusdesk.ui.summary.style import clock_time, short_duration

COLUMNS = 8
OBJECTIVE_COLUMN = 1


class SessionsTable(QTableWidget):
    """Time, objective, purpose, target reached, outcome, overrun, extensions, split."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, COLUMNS, parent)
        self.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Objective"),
                self.tr("Purpose"),
                self.tr("Reached / target"),
                self.tr("Outcome"),
                self.tr("Overrun"),
                self.tr("Extensions"),
                self.tr("Business / casual"),
            ]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OBJECTIVE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.setAccessibleName(self.tr("Sessions of the day"))

    def set_sessions(self, sessions: list[SessionLine], tz: tzinfo) -> None:
        self.setRowCount(len(sessions))
        for row, line in enumerate(sessions):
            cells = [
                self._time_text(line, tz),
                line.objective,
                self.purpose_text(line.purpose),
                self._target_text(line),
                self.outcome_text(line),
                format_duration(line.overrun_s) if line.overrun_s > 0 else self.tr("none"),
                str(line.extensions),
                f"{short_duration(line.business_s)} / {short_duration(line.casual_s)}",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, line.id)
                if column != OBJECTIVE_COLUMN:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if line.outcome_note:
                    item.setToolTip(self.tr("Note: {note}").format(note=line.outcome_note))
                elif column == OBJECTIVE_COLUMN:
                    item.setToolTip(line.objective)
                self.setItem(row, column, item)
        if sessions and self.currentRow() < 0:  # a keyboard start point, not a selection
            self.selectionModel().setCurrentIndex(
                self.model().index(0, OBJECTIVE_COLUMN), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        self.setAccessibleDescription(self.tr("{n} sessions").format(n=len(sessions)))

    def row_texts(self, row: int) -> list[str]:
        """The texts of one row, left to right (handy for tests and screen readers)."""
        return [self.item(row, c).text() for c in range(self.columnCount())]

    def outcome_text(self, line: SessionLine) -> str:
        if line.running:
            return self.tr("running")
        if line.outcome == Outcome.MET:
            return self.tr("met")
        if line.outcome == Outcome.PARTLY:
            return self.tr("partly")
        if line.outcome == Outcome.MISSED:
            return self.tr("missed")
        return self.tr("no outcome")

    def purpose_text(self, purpose: str) -> str:
        names = {
            Purpose.PROSPECTING.value: self.tr("prospecting"),
            Purpose.FOLLOW_UP.value: self.tr("follow-up"),
            Purpose.CONTENT.value: self.tr("content"),
            Purpose.COMMUNITY.value: self.tr("community"),
            Purpose.CLEAN_UP.value: self.tr("page clean-up"),
        }
        return names.get(str(purpose), str(purpose))

    def _target_text(self, line: SessionLine) -> str:
        if line.target is None:
            return str(line.outcome_count) if line.outcome_count is not None else "—"
        reached = "—" if line.outcome_count is None else str(line.outcome_count)
        return self.tr("{reached} of {target}").format(reached=reached, target=line.target)

    def _time_text(self, line: SessionLine, tz: tzinfo) -> str:
        start = clock_time(datetime.fromisoformat(line.started_at), tz)
        if line.ended_at is None:
            return self.tr("{start}–now").format(start=start)
        return f"{start}–{clock_time(datetime.fromisoformat(line.ended_at), tz)}"
