"""The editable list of polite exit lines shown in the tray menu.

Lines are edited in place, like any list the user already knows. A line that
is being added and is still empty is not a mistake yet, so it is left out of
validation until its editor closes, and dropped if it is still empty then.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from focusdesk.core.errors import ValidationError
from focusdesk.core.settings import MAX_EXIT_LINES, Settings, check_settings
from focusdesk.ui.settings.feedback import ErrorLabel, error_colour, sentence
from focusdesk.ui.settings.widgets import beside_buttons


class ExitLinesEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pending: QListWidgetItem | None = None

        intro = QLabel(
            self.tr(
                "One click in the tray menu copies a line to the clipboard, so leaving a "
                "conversation that is going nowhere stays polite and quick."
            )
        )
        intro.setWordWrap(True)
        caption = QLabel(self.tr("Polite exit &lines (double-click or F2 to edit):"))

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Polite exit lines"))
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        caption.setBuddy(self.list)

        self.add_button = self._button(self.tr("&Add"), self.tr("Add a polite exit line"))
        self.edit_button = self._button(self.tr("&Edit"), self.tr("Edit the selected line"))
        self.remove_button = self._button(self.tr("Re&move"), self.tr("Remove the selected line"))
        self.up_button = self._button(self.tr("Move &up"), self.tr("Move the selected line up"))
        self.down_button = self._button(
            self.tr("Move &down"), self.tr("Move the selected line down")
        )
        self.error = ErrorLabel(self.list)
        self.error.setAccessibleName(self.tr("Polite exit lines problem"))

        delete = QAction(self.tr("Remove line"), self.list)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.remove_current)
        self.list.addAction(delete)

        row = beside_buttons(
            self.list,
            self.add_button,
            self.edit_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(caption)
        layout.addLayout(row, 1)
        layout.addWidget(self.error)

        self.add_button.clicked.connect(self.add_line)
        self.edit_button.clicked.connect(self.edit_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.itemChanged.connect(self._emit_changed)
        self.list.itemDelegate().closeEditor.connect(self._editor_closed)
        # Only moves (drag and drop) are taken from the model: it also removes rows
        # while being destroyed, after the buttons are gone.
        self.list.model().rowsMoved.connect(self._emit_changed)
        self._update_buttons()

    def _button(self, text: str, accessible: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible)
        button.setAutoDefault(False)
        return button

    def lines(self) -> tuple[str, ...]:
        return tuple(item.text().strip() for _, item in self._counted_items())

    def set_lines(self, lines: tuple[str, ...]) -> None:
        self._pending = None
        with QSignalBlocker(self.list):
            self.list.clear()
            for line in lines:
                self.list.addItem(self._item(line))
        self.list.setCurrentRow(0 if lines else -1)
        self._update_buttons()
        self.changed.emit()

    def show_problem(self, message: str | None) -> None:
        """Say what is wrong and point at the first line that is wrong on its own."""
        bad_row = self._first_bad_row() if message else None
        if message and bad_row is not None:
            message = self.tr("Line {number}: {problem}").format(
                number=bad_row + 1, problem=message
            )
        self.error.show_message(sentence(message) if message else None)
        colour = error_colour(self.list.palette())
        # An icon as well as the colour: an empty line has no text to colour.
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        with QSignalBlocker(self.list):
            for row in range(self.list.count()):
                item = self.list.item(row)
                bad = row == bad_row
                item.setData(Qt.ItemDataRole.ForegroundRole, colour if bad else None)
                item.setData(Qt.ItemDataRole.DecorationRole, warning if bad else None)

    def add_line(self) -> None:
        item = self._item("")
        self._pending = item  # before adding, so the check the insertion triggers skips it
        self.list.addItem(item)
        self._emit_changed()
        self.list.setCurrentItem(item)
        self.list.setFocus()
        self.list.editItem(item)

    def edit_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.setFocus()
            self.list.editItem(item)

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            item = self.list.takeItem(row)
            if item is self._pending:
                self._pending = None
            self._emit_changed()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._emit_changed()

    def _item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    def _counted_items(self) -> list[tuple[int, QListWidgetItem]]:
        items = [(row, self.list.item(row)) for row in range(self.list.count())]
        return [
            (row, item) for row, item in items if item is not self._pending or item.text().strip()
        ]

    def _first_bad_row(self) -> int | None:
        for row, item in self._counted_items():
            try:
                check_settings(Settings(polite_exit_lines=(item.text().strip(),)))
            except ValidationError:
                return row
        return None

    def _editor_closed(self, _editor: QWidget, _hint: QAbstractItemDelegate.EndEditHint) -> None:
        if not shiboken6.isValid(self.add_button):
            return  # as in _emit_changed
        pending, self._pending = self._pending, None
        if pending is not None and not pending.text().strip():
            self.list.takeItem(self.list.row(pending))
        self._update_buttons()
        self.changed.emit()

    def _emit_changed(self, *_args: object) -> None:
        if not shiboken6.isValid(self.add_button):
            return  # an open editor committing while the whole dialog is torn down
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self, *_args: object) -> None:
        row = self.list.currentRow()
        count = self.list.count()
        self.add_button.setEnabled(count < MAX_EXIT_LINES)
        self.edit_button.setEnabled(row >= 0)
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
