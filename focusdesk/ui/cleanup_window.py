"""The weekly clean-up window: which business pages to clean, and start, later or skip.

Every page is ticked: the routine is one session over all of them, and the
user unticks a page that needs nothing this week. With no business page
registered there is nothing to open, so the window says so and offers
Settings instead of a start button that could only fail.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focusdesk.core.settings import BusinessPage
from focusdesk.ui.settings.feedback import ErrorLabel


class CleanupWindow(QDialog):
    startRequested = Signal(object)  # tuple[BusinessPage, ...]
    laterRequested = Signal()
    skipRequested = Signal()
    settingsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Page clean-up"))
        self.setAccessibleName(self.tr("Weekly page clean-up"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setModal(False)
        self.heading = QLabel(self.tr("Time to clean up your business pages"))
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.page_list = QVBoxLayout()
        self.boxes: list[tuple[QCheckBox, BusinessPage]] = []
        self.error = ErrorLabel()

        self.start_button = QPushButton(self.tr("&Open pages and start"))
        self.start_button.setDefault(True)
        self.settings_button = QPushButton(self.tr("Open &Settings"))
        self.later_button = QPushButton(self.tr("&Later"))
        self.later_button.setAutoDefault(False)
        self.skip_button = QPushButton(self.tr("S&kip this week"))
        self.skip_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.settings_button)
        buttons.addWidget(self.start_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(self.page_list)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setMinimumWidth(440)

        self.start_button.clicked.connect(self._start)
        self.later_button.clicked.connect(self.laterRequested)
        self.skip_button.clicked.connect(self.skipRequested)
        self.settings_button.clicked.connect(self.settingsRequested)

    def show_pages(self, pages: tuple[BusinessPage, ...], minutes: int) -> None:
        """List ``pages`` ticked; with none, explain and offer Settings instead of starting."""
        for box, _page in self.boxes:
            self.page_list.removeWidget(box)
            box.deleteLater()
        self.boxes = []
        for page in pages:
            shown = f"{page.name}  —  {page.url}".replace("&", "&&")  # "&" is no shortcut
            box = QCheckBox(shown)
            box.setChecked(True)
            box.setAccessibleName(self.tr("Clean up %1").replace("%1", page.name))
            box.toggled.connect(lambda _checked: self._ticked())
            self.page_list.addWidget(box)
            self.boxes.append((box, page))
        if pages:
            self.intro.setText(
                self.tr(
                    "Remove the posts that have become irrelevant. FocusDesk opens the pages "
                    "ticked below in your browser and starts a %1-minute clean-up session; "
                    "at the end it asks how many posts you removed."
                ).replace("%1", str(minutes))
            )
        else:
            self.intro.setText(
                self.tr(
                    "You have not registered any business pages yet. Add them in Settings "
                    "and the weekly clean-up will open them for you."
                )
            )
        self.start_button.setVisible(bool(pages))
        self.skip_button.setVisible(bool(pages))
        self.settings_button.setVisible(not pages)
        self.settings_button.setDefault(not pages)
        self.show_error(None)
        self._ticked()

    def chosen(self) -> tuple[BusinessPage, ...]:
        return tuple(page for box, page in self.boxes if box.isChecked())

    def show_error(self, message: str | None) -> None:
        self.error.show_message(message)
        self.adjustSize()  # room for the message without squeezing the wrapped text above

    def _ticked(self) -> None:
        self.start_button.setEnabled(bool(self.chosen()))

    def _start(self) -> None:
        chosen = self.chosen()
        if chosen:
            self.startRequested.emit(chosen)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the window is "later": the tray item brings it back any time.
        self.laterRequested.emit()
        event.accept()
