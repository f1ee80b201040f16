"""The day's headline: business, casual and neutral time, and value before selling.

Big numbers with a colour swatch, so the answer to "how did today go?" is
readable from across the room; the exact figures are in the tables below.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from focusdesk.core.enums import Category
from focusdesk.core.summary import Totals
from focusdesk.ui.summary.style import CATEGORIES, category_color, category_label, short_duration


class _Tile(QFrame):
    """A caption over a big figure, with a coloured bar on the left."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.swatch = QFrame(self)
        self.swatch.setFixedWidth(6)
        self.caption = QLabel(caption, self)
        self.figure = QLabel("—", self)
        self.detail = QLabel("", self)
        big = QFont(self.figure.font())
        big.setPointSizeF(big.pointSizeF() * 1.9)
        big.setBold(True)
        self.figure.setFont(big)
        for label in (self.caption, self.figure, self.detail):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column = QVBoxLayout()
        column.setSpacing(0)
        column.addWidget(self.caption)
        column.addWidget(self.figure)
        column.addWidget(self.detail)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 6, 10, 6)
        row.addWidget(self.swatch)
        row.addLayout(column, 1)

    def set_swatch(self, colour: str) -> None:
        self.swatch.setStyleSheet(f"background-color: {colour}; border-radius: 3px;")


class TotalsPanel(QWidget):
    """Three category tiles and a value : pitch tile."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self._tiles: dict[Category, _Tile] = {}
        for category in CATEGORIES:
            tile = _Tile(category_label(category), self)
            tile.figure.setObjectName(f"total-{category.value}")
            self._tiles[category] = tile
            row.addWidget(tile, 1)
        self._ratio = _Tile(self.tr("Value : pitch"), self)
        self._ratio.figure.setObjectName("value-pitch")
        row.addWidget(self._ratio, 1)
        self._recolour()

    def set_totals(self, totals: Totals) -> None:
        for category, tile in self._tiles.items():
            seconds = getattr(totals, f"{category.value}_s")
            tile.figure.setText(short_duration(seconds))
            share = round(100 * seconds / totals.total_s) if totals.total_s else 0
            tile.detail.setText(self.tr("{share} % of tracked time").format(share=share))
            tile.setAccessibleName(self.total_text(category, seconds))

    def total_text(self, category: Category, seconds: int) -> str:
        """The tile read as one phrase, e.g. "Business 2h15m"."""
        return f"{category_label(category)} {short_duration(seconds)}"

    def set_ratio(self, ratio: float | None, value: int, pitch: int) -> None:
        if ratio is None:
            self._ratio.figure.setText(self.tr("no pitch yet"))
        else:
            self._ratio.figure.setText(f"{ratio:g} : 1")
        self._ratio.detail.setText(
            self.tr("{value} value · {pitch} pitch").format(value=value, pitch=pitch)
        )
        self._ratio.setAccessibleName(
            self.tr("Value to pitch ratio: {ratio} ({value} value, {pitch} pitch)").format(
                ratio=self._ratio.figure.text(), value=value, pitch=pitch
            )
        )

    def figure_text(self, key: Category | str) -> str:
        """The big figure of a tile: a category, or "ratio"."""
        if key == "ratio":
            return self._ratio.figure.text()
        return self._tiles[Category(key)].figure.text()

    def detail_text(self, key: Category | str) -> str:
        if key == "ratio":
            return self._ratio.detail.text()
        return self._tiles[Category(key)].detail.text()

    def _recolour(self) -> None:
        palette = self.palette()
        for category, tile in self._tiles.items():
            tile.set_swatch(category_color(category, palette).name())
        self._ratio.set_swatch(palette.color(palette.ColorRole.Highlight).name())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour()
        super().changeEvent(event)
