"""The drift nudge: casual use during a business session, named, with two ways out.

"Back to my objective" simply closes it (and restarts the count); "This is
business" turns the window into a business rule, because a nudge that is
wrong should only be wrong once.

On a personal page the message says so by name (priority 5: casual use has
its own page, and its own time after the session).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class DriftPrompt(QDialog):
    backRequested = Signal()
    businessRequested = Signal(str, str)  # app, title

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Drifting?"))
        self.setAccessibleName(self.tr("Drifting away from the objective"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setModal(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # titles and page names are not HTML
        self.back = QPushButton(self.tr("&Back to my objective"))
        self.back.setDefault(True)
        self.back.setAccessibleName(self.tr("Back to my objective"))
        self.business = QPushButton(self.tr("&This is business"))
        self.business.setAccessibleName(self.tr("This window is business: make it a rule"))
        row = QHBoxLayout()
        row.addWidget(self.business)
        row.addStretch(1)
        row.addWidget(self.back)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.setMinimumWidth(420)
        self._app = ""
        self._title = ""
        self.back.clicked.connect(self._back)
        self.business.clicked.connect(self._business)

    def show_drift(
        self,
        *,
        app: str,
        title: str,
        objective: str,
        casual_s: int,
        personal_page: str | None = None,
    ) -> None:
        from focusdesk.core.timebox import format_duration

        self._app, self._title = app, title
        if personal_page is not None:
            text = (
                self.tr(
                    "This is your personal page %1 — keep casual use there, after the session."
                    "\nYour objective: “%2”."
                )
                .replace("%1", personal_page)
                .replace("%2", objective)
            )
        else:
            text = (
                self.tr("“%1” has been casual for %2 during your session “%3”.")
                .replace("%1", title or app)
                .replace("%2", format_duration(casual_s))
                .replace("%3", objective)
            )
        self.message.setText(text)
        self.show()
        self.raise_()

    def _back(self) -> None:
        self.hide()
        self.backRequested.emit()

    def _business(self) -> None:
        self.hide()
        self.businessRequested.emit(self._app, self._title)
