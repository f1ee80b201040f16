"""The last seven days as stacked bars of business, casual and neutral hours.

QtCharts is imported here and nowhere else in the app: it costs tens of
megabytes and noticeable start-up time, so it loads only when the summary
window is first built.
"""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QEvent, QLocale, QMargins, QSize, Qt
from PySide6.QtGui import QBrush, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from focusdesk.core.summary import Totals
from focusdesk.ui.summary.style import CATEGORIES, category_color, category_label, muted_text


class TrendChart(QChartView):
    """Stacked hours per day; one bar set per category, in the summary's colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        super().__init__(chart, parent)
        self._chart = chart
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture; the numbers are in its description
        self.setAccessibleName(self.tr("Hours per category, last 7 days"))
        self._series = QStackedBarSeries()
        self._sets: list[QBarSet] = []
        for category in CATEGORIES:
            bar_set = QBarSet(category_label(category))
            self._series.append(bar_set)
            self._sets.append(bar_set)
        chart.addSeries(self._series)
        self._x_axis = QBarCategoryAxis()
        self._y_axis = QValueAxis()
        self._y_axis.setTitleText(self.tr("Hours"))
        self._y_axis.setLabelFormat("%.0f")
        chart.addAxis(self._x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._y_axis, Qt.AlignmentFlag.AlignLeft)
        self._series.attachAxis(self._x_axis)
        self._series.attachAxis(self._y_axis)
        self.apply_palette()

    def sizeHint(self) -> QSize:
        return QSize(380, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 200)

    def bar_sets(self) -> list[QBarSet]:
        """Business, casual, neutral — in that order (tests read the values here)."""
        return list(self._sets)

    def categories(self) -> list[str]:
        return list(self._x_axis.categories())

    def set_trend(self, trend: list[tuple[date, Totals]]) -> None:
        """Replace the bars with ``trend``'s days, oldest first, in hours."""
        locale = QLocale()
        labels = [
            f"{locale.dayName(QDate(d.year, d.month, d.day).dayOfWeek(), QLocale.FormatType.ShortFormat)}<br>{d.day}"
            for d, _ in trend
        ]
        for bar_set, category in zip(self._sets, CATEGORIES, strict=True):
            bar_set.remove(0, bar_set.count())
            bar_set.append([getattr(t, f"{category.value}_s") / 3600 for _, t in trend])
        self._x_axis.clear()
        self._x_axis.append(labels)
        peak = max((t.total_s / 3600 for _, t in trend), default=0.0)
        top = max(1.0, math.ceil(peak))
        self._y_axis.setRange(0.0, top)
        self._y_axis.setTickCount(int(top) + 1 if top <= 6 else 5)
        self._y_axis.setLabelFormat("%.0f" if top <= 6 or top % 4 == 0 else "%.1f")
        described = "; ".join(
            self.tr("{day}: {b:.1f} h business, {c:.1f} h casual, {n:.1f} h neutral").format(
                day=d.isoformat(),
                b=t.business_s / 3600,
                c=t.casual_s / 3600,
                n=t.neutral_s / 3600,
            )
            for d, t in trend
        )
        self.setAccessibleDescription(described)

    def apply_palette(self) -> None:
        """Recolour bars, labels and grid from the current palette (light or dark)."""
        palette = self.palette()
        text = palette.color(palette.ColorRole.WindowText)
        grid = muted_text(palette)
        grid.setAlpha(90)
        for bar_set, category in zip(self._sets, CATEGORIES, strict=True):
            colour = category_color(category, palette)
            bar_set.setColor(colour)
            bar_set.setBorderColor(colour)
        for axis in (self._x_axis, self._y_axis):
            axis.setLabelsBrush(QBrush(text))
            axis.setTitleBrush(QBrush(text))
            axis.setGridLinePen(QPen(grid, 1))
            axis.setLinePen(QPen(grid, 1))
        self._x_axis.setGridLineVisible(False)
        self._chart.legend().setLabelColor(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette()
        super().changeEvent(event)
