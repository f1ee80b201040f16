"""The live countdown drawn into the tray icon.

The countdown is drawn at several pixel sizes into one QIcon so that every
tray (16 px on Windows, 22-24 px on Linux panels, 2x on high-DPI screens)
gets crisp digits instead of a scaled blur.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

SIZES = (16, 22, 24, 32, 48, 64)
RUNNING = "#1f7a5a"
LAST_MINUTES = "#c98a12"
OVERRUN = "#c0392b"


@dataclass(frozen=True, slots=True)
class CountdownFace:
    """What the icon shows; equal faces need no repaint."""

    text: str
    colour: str


def countdown_face(remaining_s: int, overrun_s: int) -> CountdownFace:
    """Minutes left (rounded up, so 0:59 shows 1), or +minutes over in red."""
    if overrun_s > 0:
        minutes = max(1, overrun_s // 60)
        return CountdownFace(f"+{minutes}" if minutes < 100 else "+99", OVERRUN)
    minutes = (remaining_s + 59) // 60
    colour = LAST_MINUTES if remaining_s <= 120 else RUNNING
    return CountdownFace(str(minutes) if minutes < 1000 else "999", colour)


def countdown_icon(face: CountdownFace) -> QIcon:
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(_draw(face, size))
    return icon


def _draw(face: CountdownFace, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(face.colour))
    radius = size * 0.22
    painter.drawRoundedRect(QRectF(0, 0, size, size), radius, radius)
    font = QFont()
    font.setBold(True)
    # Fit the text: three characters need a smaller font than one or two.
    font.setPixelSize(max(7, int(size * (0.62 if len(face.text) <= 2 else 0.46))))
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, face.text)
    painter.end()
    return pixmap


def drawn_mark() -> QIcon:
    """The app mark without the SVG plugin."""
    return countdown_icon(CountdownFace("F", RUNNING))
