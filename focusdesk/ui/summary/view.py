"""The summary window's layout: it shows plain data and reports what the user asked for.

The view never calls a service. It receives a DaySummary and the day's spans
through :meth:`SummaryView.set_day` and emits ``dayRequested``,
``relabelRequested`` and ``exportRequested``; the presenter does the work.
That keeps every decision testable without a window, and the window testable
without a database.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, QStandardPaths, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from focusdesk.core.summary import SessionLine
from focusdesk.services.reports import DaySummary
from focusdesk.services.timeline import TimelineSpan
from focusdesk.ui.summary.activity_table import ActivityTable
from focusdesk.ui.summary.day_nav import DayNavigator
from focusdesk.ui.summary.missed_label import MissedRemindersLabel
from focusdesk.ui.summary.relabel_menu import build_relabel_menu
from focusdesk.ui.summary.scorecard import ScorecardWidget
from focusdesk.ui.summary.sessions_table import SessionsTable
from focusdesk.ui.summary.style import (
    CATEGORIES,
    bad_color,
    category_color,
    category_label,
    zone_named,
)
from focusdesk.ui.summary.timeline_strip import SessionBar, TimelineStrip
from focusdesk.ui.summary.totals_panel import TotalsPanel
from focusdesk.ui.summary.trend_chart import TrendChart


class SummaryView(QWidget):
    """The end-of-day window; layout and signals only."""

    dayRequested = Signal(object)  # datetime.date
    relabelRequested = Signal(int, str, bool)  # span id, category, always
    forgetRequested = Signal(int)  # span id, confirmed by the user
    forgetDayRequested = Signal(object)  # datetime.date, confirmed by the user
    exportRequested = Signal(str, str, bool)  # format, path, overwrite confirmed in the dialog
    closing = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._day: date | None = None
        self._spans: dict[int, TimelineSpan] = {}
        self.setAccessibleName(self.tr("Day summary"))
        self.nav = DayNavigator(self)
        self.nav.dayRequested.connect(self.dayRequested)
        self.nav.exportClicked.connect(self.choose_export_target)
        self.nav.forgetDayClicked.connect(self.confirm_forget_day)
        self.prev_button, self.date_edit, self.next_button = self.nav.controls()[:3]
        self.today_button, self.refresh_button, self.export_button = self.nav.controls()[3:6]
        self.forget_day_button = self.nav.forget_button
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.totals = TotalsPanel(self)
        self.timeline = TimelineStrip(self)
        self.timeline.spanMenuRequested.connect(self.open_relabel_menu)
        self.legend = QLabel(self)
        self.legend.setAccessibleName(self.tr("Timeline legend"))
        self.sessions_table = SessionsTable(self)
        self.activity_table = ActivityTable(self)
        self.activity_table.spanMenuRequested.connect(self.open_relabel_menu)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Sessions and activities"))
        self.tabs.addTab(self.sessions_table, self.tr("Sessions"))
        self.tabs.addTab(self.activity_table, self.tr("Activities"))
        self.scorecard = ScorecardWidget(self)
        self.missed = MissedRemindersLabel(self)
        self.trend = TrendChart(self)
        self._lay_out()
        self._set_tab_order()
        self._paint_legend()

    # --- construction -----------------------------------------------------

    def _lay_out(self) -> None:
        timeline_box = QGroupBox(self.tr("Timeline"), self)
        timeline_layout = QVBoxLayout(timeline_box)
        timeline_layout.addWidget(self.timeline)
        timeline_layout.addWidget(self.legend)
        score_box = QGroupBox(self.tr("Five priorities"), self)
        score_layout = QVBoxLayout(score_box)
        score_layout.addWidget(self.scorecard, 1)
        score_layout.addWidget(self.missed)
        trend_box = QGroupBox(self.tr("Last 7 days"), self)
        trend_layout = QVBoxLayout(trend_box)
        trend_layout.setContentsMargins(4, 4, 4, 4)
        trend_layout.addWidget(self.trend)
        bottom = QWidget(self)
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(score_box, 1)
        bottom_layout.addWidget(trend_box, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        root = QVBoxLayout(self)
        root.addWidget(self.nav)
        root.addWidget(self.message)
        root.addWidget(self.totals)
        root.addWidget(timeline_box)
        root.addWidget(self.splitter, 1)

    def _set_tab_order(self) -> None:
        chain = [
            *self.nav.controls(),
            self.tabs,
            self.sessions_table,
            self.activity_table,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- showing data -----------------------------------------------------

    def set_today(self, today: date) -> None:
        """Days after today have no data; Next stops there."""
        self.nav.set_today(today)

    def set_day(
        self,
        summary: DaySummary,
        spans: list[TimelineSpan],
        *,
        tz: tzinfo | None = None,
        now: datetime | None = None,
    ) -> None:
        """Show one day; ``tz`` cuts its hours and ``now`` ends a running session's bar."""
        zone = tz or zone_named(summary.timezone)
        self._day = summary.date
        self._spans = {s.id: s for s in spans}
        self.nav.set_day(summary.date)
        shown = QLocale().toString(_qdate(summary.date), QLocale.FormatType.LongFormat)
        # Qt appends the application name ("— FocusDesk") itself.
        self.setWindowTitle(self.tr("Summary of {day}").format(day=shown))
        self.totals.set_totals(summary.totals)
        self.totals.set_ratio(
            summary.value_pitch_ratio,
            summary.interactions.get("value", 0),
            summary.interactions.get("pitch", 0),
        )
        bars = [_session_bar(line, now) for line in summary.sessions]
        self.timeline.set_data(summary.date, spans, bars, zone)
        self.sessions_table.set_sessions(summary.sessions, zone)
        self.activity_table.set_spans(spans, zone)
        self.tabs.setTabText(0, self.tr("Sessions ({n})").format(n=len(summary.sessions)))
        self.tabs.setTabText(1, self.tr("Activities ({n})").format(n=len(spans)))
        self.scorecard.set_items(summary.scorecard)
        self.missed.set_missed(summary.missed_reminders)
        self.trend.set_trend(summary.trend)

    def day(self) -> date | None:
        return self._day

    def show_message(self, text: str, *, error: bool = False) -> None:
        """Errors in the casual colour, news in the normal text colour; never a crash."""
        colour = bad_color(self.palette()).name() if error else ""
        self.message.setStyleSheet(f"color: {colour}; font-weight: bold;" if error else "")
        self.message.setProperty("error", error)
        self.message.setText(text)
        self.message.setAccessibleDescription(text)
        self.message.show()

    def clear_message(self) -> None:
        self.message.clear()
        self.message.hide()

    # --- user requests ----------------------------------------------------

    def open_relabel_menu(self, span_id: int, global_pos: QPoint) -> QMenu | None:
        """Pop up the relabel menu for a span; returns it so tests can pick an action."""
        span = self._spans.get(span_id)
        if span is None:
            return None
        menu = build_relabel_menu(self, span, self.relabelRequested.emit, self.confirm_forget)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(global_pos)
        return menu

    def confirm_forget(self, span_id: int) -> None:
        """Forgetting cannot be undone: ask first."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            self.tr("Forget this activity?"),
            self.tr("It will be erased from your history for good, with its window title."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.forgetRequested.emit(span_id)

    def confirm_forget_day(self) -> None:
        """Forgetting a day cannot be undone: say what goes, and ask first (No is the default)."""
        from PySide6.QtWidgets import QMessageBox

        if self._day is None:
            return
        day = self._day
        shown = QLocale().toString(_qdate(day), QLocale.FormatType.LongFormat)
        answer = QMessageBox.question(
            self,
            self.tr("Forget {day}?").format(day=shown),
            self.tr(
                "Every activity of {day} ({n} in all) will be erased from your history for "
                "good, with the window titles. Sessions and logged interactions stay. "
                "This cannot be undone."
            ).format(day=shown, n=len(self._spans)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.forgetDayRequested.emit(day)

    def export_filters(self) -> tuple[str, str]:
        """The file dialog's CSV and JSON filters, as translated."""
        return self.tr("CSV files (*.csv)"), self.tr("JSON files (*.json)")

    def choose_export_target(self) -> None:
        """Ask where to save; the dialog itself asks before replacing a file."""
        if self._day is None:
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        suggested = str(Path(folder) / f"focusdesk-{self._day.isoformat()}.csv")
        csv_filter, json_filter = self.export_filters()
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export day"), suggested, f"{csv_filter};;{json_filter}", csv_filter
        )
        if not path:
            return
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix in (".csv", ".json"):
            fmt = suffix[1:]
            confirmed = target.exists()  # it existed, so the dialog asked and the user agreed
        else:
            fmt = "json" if chosen == json_filter else "csv"
            target = target.with_name(f"{target.name}.{fmt}")
            confirmed = False  # the name we completed was never shown in the dialog
        self.exportRequested.emit(fmt, str(target), confirmed)

    def _paint_legend(self) -> None:
        palette = self.palette()
        parts = [
            f'<span style="color:{category_color(c, palette).name()}">■</span> {category_label(c)}'
            for c in CATEGORIES
        ]
        accent = palette.color(palette.ColorRole.Highlight).name()
        parts.append(f'<span style="color:{accent}">▭</span> {self.tr("Session")}')
        self.legend.setText("&nbsp;&nbsp;&nbsp;".join(parts))

    # --- Qt events --------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_legend()
            if self.message.property("error"):
                self.show_message(self.message.text(), error=True)
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _session_bar(line: SessionLine, now: datetime | None) -> SessionBar:
    start = datetime.fromisoformat(line.started_at)
    if line.ended_at is not None:
        end = datetime.fromisoformat(line.ended_at)
    elif now is not None:
        end = max(start, now)
    else:
        end = start + timedelta(seconds=line.planned_s + max(0, line.overrun_s))
    return SessionBar(start, end, line.objective, running=line.running)
