"""The idle tray icon: the full-colour mark, and on macOS a template the menu bar tints."""

from __future__ import annotations

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from focusdesk.ui.app_icon import app_icon, tray_mark


def test_on_macos_the_tray_mark_is_a_black_template_the_menu_bar_can_tint(qtbot: QtBot) -> None:
    icon = tray_mark("darwin")
    assert icon.isMask()
    image = icon.pixmap(18, 18).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    opaque = [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 128
    ]
    assert opaque, "the template draws nothing"
    assert all(max(c.red(), c.green(), c.blue()) < 60 for c in opaque), "a template is black"


def test_elsewhere_the_tray_shows_the_coloured_mark(qtbot: QtBot) -> None:
    icon = tray_mark("linux")
    assert not icon.isMask()
    assert icon.availableSizes() == app_icon().availableSizes()
    assert len(icon.availableSizes()) >= 6
