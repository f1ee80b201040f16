"""The line under the scorecard that names reminders missed while the app was away.

A prospecting session planned for 09:00 that nobody was reminded of is a
habit quietly skipped; the summary says so, and says nothing on days when
every reminder came through (an empty "Missed: none" line would be noise).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from focusdesk.services.reports import MissedLine


class MissedRemindersLabel(QLabel):
    """'Missed while away: 09:00 Prospecting session, 18:00 Day summary', or hidden."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Missed reminders"))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def set_missed(self, missed: list[MissedLine]) -> None:
        if not missed:
            self.clear()
            self.hide()
            return
        text = self.tr("Missed while away: {reminders}").format(
            reminders=", ".join(m.text for m in missed)
        )
        self.setText(text)
        self.setAccessibleDescription(text)
        self.show()
