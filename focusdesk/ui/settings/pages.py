"""The table of business pages (name and address) the user works from.

A row with neither a name nor an address is a row the user has not filled
in yet: it is ignored rather than reported, and not saved.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from focusdesk.core.errors import ValidationError
from focusdesk.core.settings import MAX_PAGES, BusinessPage, Settings, check_settings
from focusdesk.ui.settings.feedback import ErrorLabel, error_colour, sentence

_NAME, _URL = 0, 1


class BusinessPagesEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            self.tr(
                "The pages and accounts where you do business. Keep casual use on a "
                "separate, personal page; a session can open one of these when it starts."
            )
        )
        intro.setWordWrap(True)
        caption = QLabel(self.tr("&Pages (double-click or F2 to edit a cell):"))

        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName(self.tr("Business pages"))
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Address (https://…)")])
        self.table.horizontalHeader().setAccessibleName(self.tr("Business pages columns"))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setAccessibleName(self.tr("Business pages rows"))
        corner = self.table.findChild(QAbstractButton)
        if corner is not None:  # Qt's select-all button in the table's corner
            corner.setAccessibleName(self.tr("Select all business pages"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(_NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(_URL, QHeaderView.ResizeMode.Stretch)
        # Sized in characters, not pixels, so larger fonts still fit a name and an address.
        chars = self.fontMetrics().averageCharWidth()
        header.resizeSection(_NAME, chars * 26)
        self.table.setMinimumWidth(chars * 58)
        caption.setBuddy(self.table)

        self.add_button = QPushButton(self.tr("&Add page"))
        self.add_button.setAccessibleName(self.tr("Add a business page"))
        self.remove_button = QPushButton(self.tr("Re&move page"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected business page"))
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.error = ErrorLabel(self.table)
        self.error.setAccessibleName(self.tr("Business pages problem"))

        delete = QAction(self.tr("Remove page"), self.table)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.remove_current)
        self.table.addAction(delete)

        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(caption)
        layout.addLayout(row, 1)
        layout.addWidget(self.error)

        self.add_button.clicked.connect(self.add_page)
        self.remove_button.clicked.connect(self.remove_current)
        self.table.itemChanged.connect(self._emit_changed)
        self.table.itemDelegate().closeEditor.connect(self._emit_changed)
        self.table.currentCellChanged.connect(self._update_buttons)
        self._update_buttons()

    def pages(self) -> tuple[BusinessPage, ...]:
        return tuple(page for _, page in self._filled_rows())

    def set_pages(self, pages: tuple[BusinessPage, ...]) -> None:
        with QSignalBlocker(self.table):
            self.table.setRowCount(0)
            for page in pages:
                self._append(page.name, page.url)
        self._update_buttons()
        self.changed.emit()

    def show_problem(self, message: str | None) -> None:
        """Say what is wrong and colour the first row that is wrong on its own.

        The core's message names the page; only a nameless row needs its number.
        A row still being typed in is not scolded (Save stays disabled all the
        same); its problem shows once the editor closes.
        """
        bad_row = self._first_bad_row() if message else None
        if bad_row is not None and self._editing_row() == bad_row:
            message, bad_row = None, None
        if message and bad_row is not None and not self._text(bad_row, _NAME):
            message = self.tr("Row {number}: {problem}").format(number=bad_row + 1, problem=message)
        self.error.show_message(sentence(message) if message else None)
        colour = error_colour(self.table.palette())
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        with QSignalBlocker(self.table):
            for row in range(self.table.rowCount()):
                bad = row == bad_row
                for column in (_NAME, _URL):
                    item = self.table.item(row, column)
                    if item is not None:
                        item.setData(Qt.ItemDataRole.ForegroundRole, colour if bad else None)
                        if column == _NAME:
                            item.setData(Qt.ItemDataRole.DecorationRole, warning if bad else None)

    def add_page(self) -> None:
        row = self._append("", "")
        self._emit_changed()
        self.table.setCurrentCell(row, _NAME)
        self.table.setFocus()
        self.table.editItem(self.table.item(row, _NAME))

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._emit_changed()

    def _append(self, name: str, url: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, _NAME, QTableWidgetItem(name))
        self.table.setItem(row, _URL, QTableWidgetItem(url))
        return row

    def _editing_row(self) -> int | None:
        if self.table.state() == QAbstractItemView.State.EditingState:
            return self.table.currentRow()
        return None

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _filled_rows(self) -> list[tuple[int, BusinessPage]]:
        rows = [
            (row, BusinessPage(self._text(row, _NAME), self._text(row, _URL)))
            for row in range(self.table.rowCount())
        ]
        return [(row, page) for row, page in rows if page.name or page.url]

    def _first_bad_row(self) -> int | None:
        for row, page in self._filled_rows():
            try:
                check_settings(Settings(business_pages=(page,)))
            except ValidationError:
                return row
        return None

    def _emit_changed(self, *_args: object) -> None:
        if not shiboken6.isValid(self.add_button):
            return  # an open editor committing while the whole dialog is torn down
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self, *_args: object) -> None:
        self.add_button.setEnabled(self.table.rowCount() < MAX_PAGES)
        self.remove_button.setEnabled(self.table.currentRow() >= 0)
