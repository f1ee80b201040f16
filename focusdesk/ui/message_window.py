"""The last resort for telling the user something: a small window of FocusDesk's own.

Used when neither a desktop notification nor the tray balloon can be
delivered. It must not get in the way of what the user is typing: it
never takes the keyboard focus (Qt.WindowDoesNotAcceptFocus, shown without
activating) and is not modal. Messages are kept until dismissed, newest
first, so a second reminder does not wipe out the first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

KEEP = 5


class MessageWindow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, True)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setWindowTitle(self.tr("Message"))  # Qt appends "— FocusDesk"
        self.setAccessibleName(self.tr("FocusDesk message"))
        self.messages: list[tuple[str, str]] = []
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAccessibleName(self.tr("Messages"))
        self.dismiss = QPushButton(self.tr("Dismiss"))
        self.dismiss.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.dismiss.setAccessibleName(self.tr("Dismiss the messages"))
        self.dismiss.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(320)
        self.setMaximumWidth(480)

    def show_message(self, title: str, message: str) -> None:
        """Add the message and show the window in a screen corner, without taking focus."""
        self.messages.insert(0, (title, message))
        del self.messages[KEEP:]
        self.text.setText("\n\n".join(f"{t}\n{m}" for t, m in self.messages))
        self.adjustSize()
        if not self.isVisible():
            self._place()
        self.show()

    def _place(self) -> None:
        """Top right of the screen, where notifications usually appear."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        self.move(area.right() - self.width() - 16, area.top() + 16)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Dismissed messages are read: the next one starts a fresh list."""
        self.messages.clear()
        super().closeEvent(event)
