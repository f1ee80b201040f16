"""Alt+letter must reach one control: two with the same letter make the key only move
the focus between them (Qt's behaviour), so the keyboard user cannot press either."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from focusdesk.core.settings import BusinessPage, Settings
from focusdesk.ui.cleanup_window import CleanupWindow
from focusdesk.ui.drift_prompt import DriftPrompt
from focusdesk.ui.reminder_window import ReminderWindow
from focusdesk.ui.start_dialog import StartSessionDialog
from focusdesk.ui.timesup_window import TimesUpWindow
from focusdesk.ui.tray import TrayMenu

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def _letter(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _repeated(texts: list[str]) -> dict[str, list[str]]:
    letters = Counter(letter for t in texts if (letter := _letter(t)))
    return {
        letter: [t for t in texts if _letter(t) == letter]
        for letter, count in letters.items()
        if count > 1
    }


def _window_texts(window: QWidget) -> list[str]:
    texts = [b.text() for b in window.findChildren(QAbstractButton) if not b.isHidden()]
    texts += [
        label.text()
        for label in window.findChildren(QLabel)
        if label.buddy() is not None and not label.isHidden()
    ]
    return texts


def _menus(menu: QMenu) -> list[QMenu]:
    found = [menu]
    for action in menu.actions():
        if action.menu() is not None:
            found += _menus(action.menu())
    return found


def test_tray_menu_letters_are_unique_in_each_menu(qtbot: QtBot) -> None:
    menu = TrayMenu()
    menu.build()
    for each in _menus(menu.menu):
        texts = [a.text() for a in each.actions() if not a.isSeparator()]
        assert _repeated(texts) == {}, each.title()


def _cleanup() -> QWidget:
    window = CleanupWindow()
    window.show_pages((BusinessPage("Glow", "https://facebook.com/glow"),), 15)
    return window


@pytest.mark.parametrize(
    "make",
    [
        DriftPrompt,
        ReminderWindow,
        TimesUpWindow,
        _cleanup,
        lambda: StartSessionDialog(Settings(), []),
    ],
    ids=["drift", "reminder", "timesup", "cleanup", "start"],
)
def test_window_letters_are_unique(qtbot: QtBot, make) -> None:  # type: ignore[no-untyped-def]
    window = make()
    qtbot.addWidget(window)
    window.show()
    assert _repeated(_window_texts(window)) == {}
