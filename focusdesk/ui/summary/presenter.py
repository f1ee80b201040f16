"""Wires the summary window to the report, timeline and export services.

The presenter is the only part of the window that calls services. Every
call is guarded: a FocusDeskError becomes a message in the window (the
services word them for people), and anything unexpected is logged and
reported in one line instead of escaping into Qt's event loop, where it
would vanish into stderr while the window showed stale data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Slot

from focusdesk.core.errors import FocusDeskError
from focusdesk.services.context import AppContext
from focusdesk.services.exchange import ExchangeService
from focusdesk.services.reports import ReportService
from focusdesk.services.timeline import TimelineService, TimelineSpan
from focusdesk.ui.geometry import GeometryStore
from focusdesk.ui.summary.relabel_menu import window_name
from focusdesk.ui.summary.style import category_label
from focusdesk.ui.summary.view import SummaryView

GEOMETRY_KEY = "summary"
DEFAULT_SIZE = (1000, 760)

log = logging.getLogger(__name__)
T = TypeVar("T")


class SummaryPresenter(QObject):
    """Owns the summary window; ``show_day`` opens it, ``refresh`` re-reads the day."""

    def __init__(
        self, ctx: AppContext, geometry: GeometryStore | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._geometry = geometry
        self._reports = ReportService(ctx)
        self._timeline = TimelineService(ctx)
        self._exchange = ExchangeService(ctx)
        self._day: date | None = None
        self._spans: dict[int, TimelineSpan] = {}
        self._view = SummaryView()
        self._view.dayRequested.connect(self.go_to)
        self._view.relabelRequested.connect(self.relabel)
        self._view.forgetRequested.connect(self.forget)
        self._view.forgetDayRequested.connect(self.forget_day)
        self._view.exportRequested.connect(self.export_day)
        self._view.closing.connect(self._save_geometry)
        if geometry is None or not geometry.restore(self._view, GEOMETRY_KEY):
            self._view.resize(*DEFAULT_SIZE)

    @property
    def view(self) -> SummaryView:
        return self._view

    @property
    def day(self) -> date | None:
        """The day on screen (None until the first ``show_day``)."""
        return self._day

    def show_day(self, day: date | None = None) -> None:
        """Show ``day`` (today in the user's zone when None) and bring the window forward."""
        self.go_to(day)
        view = self._view
        if view.isMinimized():
            view.setWindowState(view.windowState() & ~Qt.WindowState.WindowMinimized)
        view.show()
        view.raise_()
        view.activateWindow()

    @Slot(object)
    def go_to(self, day: date | None) -> None:
        """Load another day into the window without raising it (date picker, buttons)."""
        today = self._guard(self._reports.today)
        self._day = day or today or self._day
        self._view.clear_message()
        self.refresh()

    @Slot()
    def refresh(self) -> bool:
        """Read the shown day again, e.g. after a relabel or when activity came in."""

        def load() -> bool:
            today = self._reports.today()
            day = self._day or today
            summary = self._reports.day_summary(day)
            spans = self._timeline.day(day)
            self._day = day
            self._spans = {s.id: s for s in spans}
            self._view.set_today(today)
            self._view.set_day(summary, spans, tz=self._ctx.tz, now=self._ctx.clock())
            return True

        return bool(self._guard(load))

    @Slot(int, str, bool)
    def relabel(self, span_id: int, category: str, always: bool = False) -> bool:
        """Relabel one span, or with ``always`` write a rule for its window; then re-read."""
        span = self._spans.get(span_id)
        result = self._guard(lambda: self._timeline.relabel(span_id, category, always=always))
        if result is None:
            self.refresh()  # the span may be gone: show what is there now
            return False
        self.refresh()
        label = category_label(category)
        if always and span is not None:
            self._view.show_message(
                self.tr(
                    "“{window}” now always counts as {category} ({n} activities updated)."
                ).format(window=window_name(span), category=label, n=result.spans)
            )
        else:
            self._view.show_message(self.tr("Relabelled as {category}.").format(category=label))
        return True

    @Slot(int)
    def forget(self, span_id: int) -> bool:
        """Erase one activity (and its window text, if nothing else uses it)."""
        from focusdesk.services.privacy import PrivacyService

        result = self._guard(lambda: PrivacyService(self._ctx).forget_span(span_id))
        self.refresh()
        if result is None:
            return False
        self._view.show_message(self.tr("Forgotten."))
        return True

    @Slot(object)
    def forget_day(self, day: date) -> bool:
        """Erase a whole day's activities (after the view asked), then say how much went."""
        from focusdesk.services.privacy import PrivacyService

        result = self._guard(lambda: PrivacyService(self._ctx).forget_day(day))
        self.refresh()
        if result is None:
            return False
        if result.spans == 0:
            self._view.show_message(self.tr("There was no activity to forget on that day."))
        else:
            what = (
                self.tr("1 activity")
                if result.spans == 1
                else self.tr("{n} activities").format(n=result.spans)
            )
            self._view.show_message(
                self.tr("Forgot {what} of {day}.").format(what=what, day=day.isoformat())
            )
        return True

    @Slot(str, str, bool)
    def export_day(self, fmt: str, path: str, overwrite: bool = False) -> bool:
        """Export the shown day; an existing file is replaced only if the user agreed."""
        if self._day is None:
            return False
        day = self._day
        target = Path(path)
        if target.exists() and not overwrite:
            self._view.show_message(
                self.tr("{path} exists already; choose another name.").format(path=target),
                error=True,
            )
            return False
        result = self._guard(
            lambda: self._exchange.export_to_file(target, fmt, day, day, force=overwrite)
        )
        if result is None:
            return False
        self._view.show_message(
            self.tr("Exported {n} activities of {day} to {path}.").format(
                n=result.spans, day=day.isoformat(), path=target
            )
        )
        return True

    def _guard(self, action: Callable[[], T]) -> T | None:
        """Run a service call; on failure say so in the window and return None."""
        try:
            return action()
        except FocusDeskError as exc:
            self._view.show_message(str(exc), error=True)
        except Exception:
            log.exception("summary window: unexpected error")
            self._view.show_message(
                self.tr("Something went wrong; details are in the FocusDesk log."), error=True
            )
        return None

    @Slot()
    def _save_geometry(self) -> None:
        if self._geometry is not None:
            self._geometry.save(self._view, GEOMETRY_KEY)
