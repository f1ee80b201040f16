"""The five-priority scorecard: one row per habit, measured or honestly not.

An item whose value is None is shown as "not tracked yet": a made-up number
would teach the user to distrust every other figure in the window. Where a
figure needs something from the user first (priority 5 without personal
pages), the value is the advice instead, shown like any other value.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from focusdesk.core.summary import ScoreItem
from focusdesk.ui.summary.style import bad_color, good_color, muted_text


class ScorecardWidget(QWidget):
    """A grid of priority number, label, value and a ✓ / ✗ / – mark."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(6)
        # The label gets the most room; a long value ("register your personal pages in
        # Settings") wraps in its own column instead of squeezing the label.
        self._grid.setColumnStretch(1, 3)
        self._grid.setColumnStretch(2, 2)
        self._rows: list[tuple[QLabel, QLabel, QLabel, QLabel]] = []
        self._items: list[ScoreItem] = []
        self.setAccessibleName(self.tr("Five-priority scorecard"))

    def set_items(self, items: list[ScoreItem]) -> None:
        self._items = list(items)
        while len(self._rows) < len(items):
            self._add_row()
        for index, row in enumerate(self._rows):
            for label in row:
                label.setVisible(index < len(items))
            if index < len(items):
                self._fill(row, items[index])
        self._recolour()

    def value_texts(self) -> list[str]:
        """What each row shows as its value, in priority order."""
        return [row[2].text() for row, _ in zip(self._rows, self._items, strict=False)]

    def _add_row(self) -> None:
        index = len(self._rows)
        number, label, value, mark = QLabel(), QLabel(), QLabel(), QLabel()
        bold = QFont(number.font())
        bold.setBold(True)
        number.setFont(bold)
        mark.setFont(bold)
        label.setWordWrap(True)
        label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        value.setWordWrap(True)
        value.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for column, widget in enumerate((number, label, value, mark)):
            self._grid.addWidget(widget, index, column, Qt.AlignmentFlag.AlignVCenter)
        self._rows.append((number, label, value, mark))
        # Keep the rows together at the top however tall the box is.
        self._grid.setRowStretch(index, 0)
        self._grid.setRowStretch(index + 1, 1)

    def _fill(self, row: tuple[QLabel, QLabel, QLabel, QLabel], item: ScoreItem) -> None:
        number, label, value, mark = row
        number.setText(f"{item.priority}.")
        label.setText(item.label)
        tracked = item.value is not None
        value.setText(item.value if item.value is not None else self.tr("not tracked yet"))
        font = QFont(value.font())
        font.setItalic(not tracked)
        value.setFont(font)
        if item.ok is True:
            mark.setText("✓")
            verdict = self.tr("kept")
        elif item.ok is False:
            mark.setText("✗")
            verdict = self.tr("not kept")
        else:
            mark.setText("–")
            verdict = self.tr("no verdict")
        spoken = self.tr("Priority {n}: {label}: {value}, {verdict}").format(
            n=item.priority, label=item.label, value=value.text(), verdict=verdict
        )
        for widget in row:
            widget.setAccessibleName(spoken)

    def _recolour(self) -> None:
        palette = self.palette()
        for (_, _, value, mark), item in zip(self._rows, self._items, strict=False):
            if item.ok is True:
                colour = good_color(palette)
            elif item.ok is False:
                colour = bad_color(palette)
            else:
                colour = muted_text(palette)
            mark.setStyleSheet(f"color: {colour.name()};")
            value.setStyleSheet(
                "" if item.value is not None else f"color: {muted_text(palette).name()};"
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour()
        super().changeEvent(event)
