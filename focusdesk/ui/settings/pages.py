"""The Pages tab: the user's business pages and personal pages, in two tables.

Both tables work alike (a ``PagesEditor`` with the columns of its kind of
page): cells are edited in place, and a row with every cell empty is a row
the user has not filled in yet, ignored rather than reported, and not saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from focusdesk.core.settings import (
    MAX_PAGES,
    BusinessPage,
    PersonalPage,
    Settings,
    check_settings,
)
from focusdesk.ui.settings.feedback import ErrorLabel, error_colour, sentence
from focusdesk.ui.settings.widgets import beside_buttons, name_corner_button

_NAME = 0


@dataclass(frozen=True, slots=True)
class PageKind:
    """What differs between the two tables: words, columns and the page type."""

    field: str  # the settings field, e.g. "business_pages"
    noun: str  # "business page"
    caption: str
    headers: tuple[str, ...]
    make: Callable[..., Any]  # builds a page from the stripped cell texts
    cells: Callable[[Any], tuple[str, ...]]


BUSINESS = PageKind(
    "business_pages",
    "business page",
    "&Business pages (double-click or F2 to edit a cell):",
    ("Name", "Address (https://…)"),
    BusinessPage,
    lambda page: (page.name, page.url),
)
PERSONAL = PageKind(
    "personal_pages",
    "personal page",
    "P&ersonal pages (address and pattern are optional):",
    ("Name", "Address (optional)", "Pattern (optional)"),
    PersonalPage,
    lambda page: (page.name, page.url, page.pattern),
)


class PagesEditor(QWidget):
    changed = Signal()

    def __init__(self, kind: PageKind = BUSINESS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        noun = kind.noun
        caption = QLabel(self.tr(kind.caption))
        columns = len(kind.headers)
        self.table = QTableWidget(0, columns)
        self.table.setAccessibleName(self.tr(noun.capitalize() + "s"))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in kind.headers])
        self.table.horizontalHeader().setAccessibleName(self.tr(f"{noun.capitalize()}s columns"))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setAccessibleName(self.tr(f"{noun.capitalize()}s rows"))
        name_corner_button(self.table, self.tr(f"Select all {noun}s"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        # Sized in characters, not pixels, so larger fonts still fit a name and an address.
        chars = self.fontMetrics().averageCharWidth()
        widths = (26, 30) if columns == 2 else (18, 24)  # the last column takes the rest
        for column in range(columns - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, chars * widths[column])
        if kind is PERSONAL:
            pattern_header = self.table.horizontalHeaderItem(columns - 1)
            pattern_header.setToolTip(
                self.tr(
                    "A regular expression matched against window titles and addresses, "
                    "for a page the name and address do not catch"
                )
            )
        header.setSectionResizeMode(columns - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumWidth(chars * 58)
        caption.setBuddy(self.table)

        self.add_button = QPushButton(
            self.tr("&Add page") if kind is BUSINESS else self.tr("A&dd page")
        )
        self.add_button.setAccessibleName(self.tr(f"Add a {noun}"))
        self.remove_button = QPushButton(
            self.tr("Re&move page") if kind is BUSINESS else self.tr("Rem&ove page")
        )
        self.remove_button.setAccessibleName(self.tr(f"Remove the selected {noun}"))
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.error = ErrorLabel(self.table)
        self.error.setAccessibleName(self.tr(f"{noun.capitalize()}s problem"))

        delete = QAction(self.tr("Remove page"), self.table)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.remove_current)
        self.table.addAction(delete)

        row = beside_buttons(self.table, self.add_button, self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption)
        layout.addLayout(row, 1)
        layout.addWidget(self.error)

        self.add_button.clicked.connect(self.add_page)
        self.remove_button.clicked.connect(self.remove_current)
        self.table.itemChanged.connect(self._emit_changed)
        self.table.itemDelegate().closeEditor.connect(self._emit_changed)
        self.table.currentCellChanged.connect(self._update_buttons)
        self._update_buttons()

    def pages(self) -> tuple[Any, ...]:
        return tuple(page for _, page in self._filled_rows())

    def set_pages(self, pages: tuple[Any, ...]) -> None:
        with QSignalBlocker(self.table):
            self.table.setRowCount(0)
            for page in pages:
                self._append(self.kind.cells(page))
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
                for column in range(self.table.columnCount()):
                    item = self.table.item(row, column)
                    if item is not None:
                        item.setData(Qt.ItemDataRole.ForegroundRole, colour if bad else None)
                        if column == _NAME:
                            item.setData(Qt.ItemDataRole.DecorationRole, warning if bad else None)

    def add_page(self) -> None:
        row = self._append(("",) * self.table.columnCount())
        self._emit_changed()
        self.table.setCurrentCell(row, _NAME)
        self.table.setFocus()
        self.table.editItem(self.table.item(row, _NAME))

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._emit_changed()

    def _append(self, texts: tuple[str, ...]) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(texts):
            self.table.setItem(row, column, QTableWidgetItem(text))
        return row

    def _editing_row(self) -> int | None:
        if self.table.state() == QAbstractItemView.State.EditingState:
            return self.table.currentRow()
        return None

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _filled_rows(self) -> list[tuple[int, Any]]:
        rows = []
        for row in range(self.table.rowCount()):
            texts = [self._text(row, column) for column in range(self.table.columnCount())]
            if any(texts):
                rows.append((row, self.kind.make(*texts)))
        return rows

    def _first_bad_row(self) -> int | None:
        for row, page in self._filled_rows():
            try:
                check_settings(Settings(**{self.kind.field: (page,)}))
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


def BusinessPagesEditor(parent: QWidget | None = None) -> PagesEditor:
    """The business pages table (kept under its old name for callers)."""
    return PagesEditor(BUSINESS, parent)


class PagesTab(QWidget):
    """Both registers on one tab, business above personal, each saying what it is for."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        business_note = QLabel(
            self.tr(
                "Where you do business: time on these always counts as business, and a "
                "session can open one of them when it starts."
            )
        )
        personal_note = QLabel(
            self.tr(
                "Your own pages for casual use: time on them counts as casual, and using one "
                "during a business session brings a nudge to keep it for after the session."
            )
        )
        for note in (business_note, personal_note):
            note.setWordWrap(True)
        self.business = PagesEditor(BUSINESS)
        self.personal = PagesEditor(PERSONAL)
        layout = QVBoxLayout(self)
        layout.addWidget(business_note)
        layout.addWidget(self.business, 1)
        layout.addSpacing(8)
        layout.addWidget(personal_note)
        layout.addWidget(self.personal, 1)
        self.business.changed.connect(self.changed)
        self.personal.changed.connect(self.changed)
