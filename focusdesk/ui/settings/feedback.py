"""The red text under a field that says what is wrong with it.

The colour is the only one the dialog hard-codes, so it is chosen against
the current palette: a red that is readable on a light window is unreadable
on a dark one, and the other way round.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

# Preferred first; the first that is readable on the window colour wins.
_ERROR_REDS = ("#b3261e", "#ff8a80", "#8c1d18", "#ffb4ab")
_READABLE = 4.5  # WCAG AA contrast for normal text


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def error_colour(palette: QPalette) -> QColor:
    background = palette.color(QPalette.ColorRole.Window)
    candidates = [QColor(name) for name in _ERROR_REDS]
    for colour in candidates:
        if contrast(colour, background) >= _READABLE:
            return colour
    return max(candidates, key=lambda colour: contrast(colour, background))


class ErrorLabel(QLabel):
    """Hidden until there is a problem; also tells screen readers via the field."""

    def __init__(self, field: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._field = field
        self.setWordWrap(True)
        self.setVisible(False)
        self._apply_colour()

    def show_message(self, message: str | None) -> None:
        text = message or ""
        if text != self.text():
            self.setText(text)
        self.setVisible(bool(text))
        if self._field is not None:
            self._field.setAccessibleDescription(text)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._apply_colour()

    def _apply_colour(self) -> None:
        palette = self.palette()
        colour = error_colour(palette)
        if palette.color(QPalette.ColorRole.WindowText) != colour:
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.setPalette(palette)


def sentence(message: str) -> str:
    """Core messages start in lower case so they read well after a prefix."""
    return message[:1].upper() + message[1:] if message else message
