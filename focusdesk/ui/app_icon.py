"""The FocusDesk mark, loaded before anything else is on screen.

Kept apart from the countdown drawing (``icons``), whose painting classes
cost tens of milliseconds to set up: the tray must appear first.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

from focusdesk.services.resources import resource

SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


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
