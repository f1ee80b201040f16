"""The day as a picture: activity coloured by category, sessions outlined above it.

A custom QPainter widget because a chart library would either hide the
hundreds of small spans of a real day or make them slow; drawing rectangles
straight from a sorted list stays fast and lets hover and right-click find
the span under the mouse with a binary search.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from focusdesk.core.enums import Category
from focusdesk.core.timebox import format_duration
from focusdesk.services.timeline import TimelineSpan
from focusdesk.ui.summary.style import category_color, category_label, clock_time, muted_text

BAND_H = 22  # session brackets
STRIP_H = 30  # activity
AXIS_H = 18  # hour labels
MARGIN = 8


@dataclass(frozen=True, slots=True)
class SessionBar:
    """A session as the strip draws it: where it lies and what it was for."""

    start: datetime
    end: datetime
    objective: str
    running: bool = False


class TimelineStrip(QWidget):
    """Paints one local day; emits ``spanMenuRequested`` on right-click of a span."""

    spanMenuRequested = Signal(int, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spans: list[TimelineSpan] = []
        self._starts: list[datetime] = []
        self._sessions: list[SessionBar] = []
        self._tz: tzinfo = UTC
        self._lo = datetime(2000, 1, 1, 8, tzinfo=UTC)
        self._hi = self._lo + timedelta(hours=10)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the activity table is the keyboard path
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Timeline of the day"))

    def sizeHint(self) -> QSize:
        return QSize(600, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(200, BAND_H + STRIP_H + AXIS_H + 2 * MARGIN)

    # --- data -------------------------------------------------------------

    def set_data(
        self, day: date, spans: list[TimelineSpan], sessions: list[SessionBar], tz: tzinfo
    ) -> None:
        """Show ``day`` in ``tz``; the visible hours hug the recorded activity."""
        self._tz = tz
        self._spans = sorted(spans, key=lambda s: s.start)
        self._starts = [s.start for s in self._spans]
        self._sessions = list(sessions)
        self._lo, self._hi = self._visible_range(day)
        busy = sum(s.seconds for s in self._spans)
        self.setAccessibleDescription(
            self.tr("{count} activities, {time} recorded, {sessions} sessions").format(
                count=len(self._spans), time=format_duration(busy), sessions=len(self._sessions)
            )
        )
        self.update()

    def visible_range(self) -> tuple[datetime, datetime]:
        return self._lo, self._hi

    def _visible_range(self, day: date) -> tuple[datetime, datetime]:
        day_lo = datetime.combine(day, time(0), tzinfo=self._tz).astimezone(UTC)
        day_hi = datetime.combine(day + timedelta(days=1), time(0), tzinfo=self._tz).astimezone(UTC)
        edges = [s.start for s in self._spans] + [s.end for s in self._spans]
        edges += [b.start for b in self._sessions] + [b.end for b in self._sessions]
        if not edges:
            lo = datetime.combine(day, time(8), tzinfo=self._tz).astimezone(UTC)
            return lo, lo + timedelta(hours=10)
        lo = max(day_lo, _floor_hour(min(edges), self._tz))
        hi = min(day_hi, _floor_hour(max(edges), self._tz) + timedelta(hours=1))
        while hi - lo < timedelta(hours=4):  # a short day still gets some context
            lo, hi = max(day_lo, lo - timedelta(hours=1)), min(day_hi, hi + timedelta(hours=1))
            if lo == day_lo and hi == day_hi:
                break
        return lo, hi

    # --- geometry ---------------------------------------------------------

    def _track(self) -> QRectF:
        return QRectF(MARGIN, MARGIN, max(1.0, self.width() - 2 * MARGIN), 0)

    def x_of(self, instant: datetime) -> float:
        """Horizontal pixel of an instant (public so tests can probe the picture)."""
        track = self._track()
        span = (self._hi - self._lo).total_seconds() or 1.0
        ratio = (instant - self._lo).total_seconds() / span
        return track.left() + max(0.0, min(1.0, ratio)) * track.width()

    def strip_rect(self) -> QRectF:
        return QRectF(MARGIN, MARGIN + BAND_H, self._track().width(), STRIP_H)

    def band_rect(self) -> QRectF:
        return QRectF(MARGIN, MARGIN, self._track().width(), BAND_H - 4)

    def _instant_at(self, x: float) -> datetime:
        track = self._track()
        ratio = (x - track.left()) / track.width()
        return self._lo + (self._hi - self._lo) * max(0.0, min(1.0, ratio))

    def span_at(self, pos: QPointF) -> TimelineSpan | None:
        """The span under ``pos`` in the activity strip (a pixel of slack for thin ones)."""
        strip = self.strip_rect()
        if not (strip.top() <= pos.y() <= strip.bottom()) or not self._spans:
            return None
        slack = (self._hi - self._lo) * (1.5 / max(1.0, strip.width()))
        instant = self._instant_at(pos.x())
        index = bisect.bisect_right(self._starts, instant + slack)
        for span in reversed(self._spans[max(0, index - 50) : index]):
            if span.start - slack <= instant <= span.end + slack:
                return span
        return None

    def session_at(self, pos: QPointF) -> SessionBar | None:
        if not (self.band_rect().top() <= pos.y() <= self.strip_rect().bottom()):
            return None
        instant = self._instant_at(pos.x())
        return next((b for b in self._sessions if b.start <= instant <= b.end), None)

    # --- painting ---------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        strip = self.strip_rect()
        painter.fillRect(strip, palette.color(palette.ColorRole.Base))
        colours = {c: category_color(c, palette) for c in {s.category for s in self._spans}}
        for category, x0, x1 in self._runs():
            rect = QRectF(x0, strip.top(), max(1.0, x1 - x0), strip.height())
            painter.fillRect(rect, colours[category])
        painter.setPen(QPen(palette.color(palette.ColorRole.Mid), 1))
        painter.drawRect(strip)
        if not self._spans:
            painter.setPen(muted_text(palette))
            painter.drawText(
                strip, Qt.AlignmentFlag.AlignCenter, self.tr("No activity recorded on this day.")
            )
        self._paint_sessions(painter)
        self._paint_axis(painter)
        painter.end()

    def _runs(self) -> list[tuple[Category, float, float]]:
        """Neighbouring spans of one category merged, to the pixel: a dense day of thousands
        of heartbeat spans becomes a few dozen rectangles to fill."""
        runs: list[tuple[Category, float, float]] = []
        for span in self._spans:
            x0, x1 = self.x_of(span.start), max(self.x_of(span.end), self.x_of(span.start) + 1)
            if runs and runs[-1][0] == span.category and x0 <= runs[-1][2] + 1.0:
                runs[-1] = (span.category, runs[-1][1], max(runs[-1][2], x1))
            else:
                runs.append((span.category, x0, x1))
        return runs

    def _paint_sessions(self, painter: QPainter) -> None:
        palette = self.palette()
        accent = palette.color(palette.ColorRole.Highlight)
        fill = QColor(accent)
        fill.setAlpha(60)
        band, strip = self.band_rect(), self.strip_rect()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for bar in self._sessions:
            x0, x1 = self.x_of(bar.start), self.x_of(bar.end)
            width = max(3.0, x1 - x0)
            rect = QRectF(x0, band.top(), width, band.height())
            pen = QPen(accent, 2)
            if bar.running:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 4, 4)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(x0, strip.top() - 1, width, strip.height() + 2))
            if width > 24:
                painter.setPen(palette.color(palette.ColorRole.WindowText))
                text_rect = rect.adjusted(5, 0, -4, 0)
                text = painter.fontMetrics().elidedText(
                    bar.objective, Qt.TextElideMode.ElideRight, int(text_rect.width())
                )
                painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, text)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _paint_axis(self, painter: QPainter) -> None:
        palette = self.palette()
        strip = self.strip_rect()
        metrics = painter.fontMetrics()
        hours = max(1, round((self._hi - self._lo).total_seconds() / 3600))
        per_hour = strip.width() / hours
        step = 1
        while step * per_hour < metrics.horizontalAdvance("00:00") * 1.6 and step < 12:
            step += 1
        tick = self._lo
        index = 0
        while tick <= self._hi:
            x = self.x_of(tick)
            painter.setPen(QPen(palette.color(palette.ColorRole.Mid), 1))
            painter.drawLine(QPointF(x, strip.bottom()), QPointF(x, strip.bottom() + 4))
            if index % step == 0:
                label = clock_time(tick, self._tz)
                width = metrics.horizontalAdvance(label)
                left = min(max(x - width / 2, 0.0), self.width() - width - 1.0)
                painter.setPen(palette.color(palette.ColorRole.WindowText))
                painter.drawText(QPointF(left, strip.bottom() + 5 + metrics.ascent()), label)
            tick += timedelta(hours=1)
            index += 1

    # --- interaction ------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_at(self, pos: QPointF) -> str:
        """What hovering shows: the span's window and length, and the session's objective."""
        lines: list[str] = []
        span = self.span_at(pos)
        if span is not None:
            window = self.tr("{app} — {title}").format(app=span.app, title=span.title)
            lines.append(window if span.title else span.app)
            lines.append(
                self.tr("{start}–{end} · {duration} · {category}").format(
                    start=clock_time(span.start, self._tz),
                    end=clock_time(span.end, self._tz),
                    duration=format_duration(span.seconds),
                    category=category_label(span.category),
                )
            )
        bar = self.session_at(pos)
        if bar is not None:
            lines.append(self.tr("Session: {objective}").format(objective=bar.objective))
        return "\n".join(lines)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        span = self.span_at(QPointF(event.pos()))
        if span is None:
            event.ignore()
            return
        self.spanMenuRequested.emit(span.id, event.globalPos())


def _floor_hour(instant: datetime, tz: tzinfo) -> datetime:
    local = instant.astimezone(tz)
    return local.replace(minute=0, second=0, microsecond=0).astimezone(UTC)
