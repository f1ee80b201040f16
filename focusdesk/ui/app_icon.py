"""The FocusDesk mark, loaded before anything else is on screen.

Kept apart from the countdown drawing (``icons``), whose painting classes
cost tens of milliseconds to set up: the tray must appear first.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon

from focusdesk.services.resources import resource

SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
TEMPLATE_SIZES = (18, 36)  # the macOS menu bar's 1x and 2x


def tray_mark(platform: str = sys.platform) -> QIcon:
    """The idle tray icon: on macOS a template (black on clear) that the menu bar
    tints for light and dark mode, as native menu-bar items are; elsewhere the mark."""
    if platform == "darwin":
        icon = QIcon()
        for size in TEMPLATE_SIZES:
            path = resource(f"icons/focusdesk-template-{size}.png")
            if path.exists():
                icon.addFile(str(path))
        if not icon.isNull():
            icon.setIsMask(True)
            return icon
    return app_icon()


def app_icon() -> QIcon:
    """PNGs rendered from focusdesk.svg, one per size: decoding a PNG is quick, while
    the first SVG paint loads the SVG plugin while the tray is docking the icon."""
    icon = QIcon()
    for size in SIZES:
        path = resource(f"icons/focusdesk-{size}.png")
        if path.exists():
            icon.addFile(str(path))
    if icon.isNull():
        icon = QIcon(str(resource("icons/focusdesk.svg")))
    if icon.isNull():  # neither PNGs nor an SVG plugin (a trimmed bundle): draw the mark
        from focusdesk.ui.icons import drawn_mark

        return drawn_mark()
    return icon
