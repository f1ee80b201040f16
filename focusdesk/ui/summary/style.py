"""Colours and short texts shared by the summary's widgets.

Colours come from the widget's palette so the window reads well in light and
dark themes: each category has a light-theme and a dark-theme shade, and text
drawn on a coloured area picks black or white by the area's luminance instead
of assuming a light background.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette

from focusdesk.core.enums import Category
from focusdesk.core.timebox import format_duration

CATEGORIES: tuple[Category, ...] = (Category.BUSINESS, Category.CASUAL, Category.NEUTRAL)

# (light theme, dark theme) shades; tuples, so nothing here can be changed at run time.
_SHADES: tuple[tuple[Category, str, str], ...] = (
    (Category.BUSINESS, "#2e8b57", "#5cc98a"),
    (Category.CASUAL, "#e0602c", "#ff8a57"),
    (Category.NEUTRAL, "#9aa0a6", "#7d838b"),
)


def is_dark(palette: QPalette) -> bool:
    """A dark theme paints its windows darker than mid-grey."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def category_color(category: Category | str, palette: QPalette) -> QColor:
    """The fill colour of a category, in the shade that suits the palette's theme."""
    dark = is_dark(palette)
    for cat, light_shade, dark_shade in _SHADES:
        if cat == category:
            return QColor(dark_shade if dark else light_shade)
    return QColor(_SHADES[-1][2 if dark else 1])


def good_color(palette: QPalette) -> QColor:
    """Colour for a kept promise (the business shade reads as "good")."""
    return category_color(Category.BUSINESS, palette)


def bad_color(palette: QPalette) -> QColor:
    """Colour for a missed promise or an error message (the casual shade)."""
    return category_color(Category.CASUAL, palette)


def muted_text(palette: QPalette) -> QColor:
    """Secondary text: the palette's text blended halfway toward its background."""
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    return QColor(
        (text.red() + back.red()) // 2,
        (text.green() + back.green()) // 2,
        (text.blue() + back.blue()) // 2,
    )


def category_label(category: Category | str) -> str:
    """The translated name people read for a category."""
    if category == Category.BUSINESS:
        return QCoreApplication.translate("FocusDesk", "Business")
    if category == Category.CASUAL:
        return QCoreApplication.translate("FocusDesk", "Casual")
    if category == Category.NEUTRAL:
        return QCoreApplication.translate("FocusDesk", "Neutral")
    return str(category)


def short_duration(seconds: int) -> str:
    """A total at a glance: 2h15m, 45m, 30s (minutes drop their seconds)."""
    seconds = max(0, int(seconds))
    if 60 <= seconds < 3600:
        return f"{seconds // 60}m"
    return format_duration(seconds)


def zone_named(name: str, fallback: tzinfo | None = None) -> tzinfo:
    """The summary carries its zone by name; fall back to the caller's zone, then UTC."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return fallback or ZoneInfo("UTC")


def clock_time(instant: datetime, tz: tzinfo) -> str:
    """Local wall-clock time of an instant, 24-hour, for tables and tooltips."""
    return instant.astimezone(tz).strftime("%H:%M")
