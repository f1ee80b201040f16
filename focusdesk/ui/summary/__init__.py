"""The end-of-day summary window: totals, timeline, sessions, scorecard, trend.

Importing this package is cheap on purpose: the tray app imports it when the
user first asks for the summary, and the heavy QtCharts module is only loaded
when :class:`SummaryPresenter` or :class:`SummaryView` is first looked up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from focusdesk.ui.summary.presenter import SummaryPresenter
    from focusdesk.ui.summary.view import SummaryView

__all__ = ["SummaryPresenter", "SummaryView"]


def __getattr__(name: str) -> Any:
    """Load the window's modules (and QtCharts) on first use, not on import."""
    if name == "SummaryPresenter":
        from focusdesk.ui.summary.presenter import SummaryPresenter

        return SummaryPresenter
    if name == "SummaryView":
        from focusdesk.ui.summary.view import SummaryView

        return SummaryView
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
