"""A small always-on-top timer: the optional compact view of a running session,
and the app's face on desktops without a system tray.

It must never leave FocusDesk running invisibly: when there is no tray the
window carries the menu too (a "…" button), and closing it quits the app.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget


class TimerWindow(QWidget):
    plusOneRequested = Signal()
    closedByUser = Signal()

    def __init__(self, *, standalone: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool if not standalone else Qt.WindowType.Window)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setWindowTitle(self.tr("Timer"))  # Qt appends "— FocusDesk"
        self.setAccessibleName(self.tr("FocusDesk timer"))
        self._standalone = standalone

        self.time_left = QLabel("—")
        font = QFont(self.time_left.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.time_left.setFont(font)
        self.time_left.setAccessibleName(self.tr("Time left"))
        self.objective = QLabel()
        self.objective.setWordWrap(True)
        self.objective.setAccessibleName(self.tr("Objective"))
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Target count"))
        self.plus_one = QPushButton(self.tr("+1"))
        self.plus_one.setAccessibleName(self.tr("Add one towards the target"))
        self.plus_one.setToolTip(self.tr("One more towards the target"))
        self.plus_one.clicked.connect(self.plusOneRequested)
        self.menu_button = QPushButton(self.tr("…"))
        self.menu_button.setAccessibleName(self.tr("FocusDesk menu"))
        self.menu_button.setVisible(standalone)

        row = QHBoxLayout()
        row.addWidget(self.time_left)
        row.addStretch(1)
        row.addWidget(self.count)
        row.addWidget(self.plus_one)
        row.addWidget(self.menu_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.objective)
        self.setMinimumWidth(300)

    def set_menu(self, menu: QMenu) -> None:
        self.menu_button.setMenu(menu)

    def show_state(
        self, *, time_text: str, objective: str, count_text: str | None, overrun: bool
    ) -> None:
        self.time_left.setText(time_text)
        self.time_left.setStyleSheet("color: #c0392b;" if overrun else "")
        changed = (
            objective != self.objective.text() or (count_text is None) == self.count.isVisible()
        )
        self.objective.setText(objective)
        self.count.setText(count_text or "")
        self.count.setVisible(count_text is not None)
        self.plus_one.setVisible(count_text is not None)
        if changed:
            self._fit()

    def _fit(self) -> None:
        """Grow or shrink to the wrapped objective: a long one takes two or three lines."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
            height = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
            self.resize(self.width(), max(height, layout.totalMinimumSize().height()))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closedByUser.emit()
        event.accept()
