"""The FocusDesk mark, loaded before anything else is on screen.

Kept apart from the countdown drawing (``icons``), whose painting classes
cost tens of milliseconds to set up: the tray must appear first.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

from focusdesk.services.resources import resource


def app_icon() -> QIcon:
    icon = QIcon(str(resource("icons/focusdesk.svg")))
    if icon.isNull():  # no SVG plugin (a trimmed bundle): draw the mark instead
        from focusdesk.ui.icons import drawn_mark

        return drawn_mark()
    return icon
