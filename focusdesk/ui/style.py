"""Small shared widgets whose look must be consistent and readable in any palette."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel


def error_label() -> QLabel:
    """A hidden label for an inline error, in a red readable on light and dark palettes."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #d9534f;")
    label.setAccessibleName("error")
    label.hide()
    return label


def hint_label() -> QLabel:
    """A hidden label for coaching, in the palette's placeholder-text colour."""
    label = QLabel()
    label.setWordWrap(True)
    colour = label.palette().color(QPalette.ColorRole.PlaceholderText).name()
    label.setStyleSheet(f"color: {colour}; font-style: italic;")
    label.setAccessibleName("hint")
    label.hide()
    return label
