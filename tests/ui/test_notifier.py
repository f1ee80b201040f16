"""The Notifier's chain: desktop, else tray balloon (only a tray that shows messages), else its window.

The desktop service is the real one with a stand-in bus and plyer, so its
worker thread and the queued hand-over to the UI thread are exercised.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from focusdesk.services.notification_bus import BusProbe, ServerState
from focusdesk.services.notifications import DesktopNotifications
from focusdesk.ui.notifier import Notifier


class FakeTray:
    """What the Notifier uses of TrayIcon: the icon's visibility and the balloon."""

    def __init__(self, *, visible: bool = True, broken: bool = False) -> None:
        self.balloons: list[tuple[str, str]] = []
        self.broken = broken
        self.icon = self
        self._visible = visible

    def isVisible(self) -> bool:  # Qt's name
        return self._visible

    def balloon(self, title: str, message: str) -> None:
        if self.broken:
            raise RuntimeError("tray gone")
        self.balloons.append((title, message))


def desktop(
    state: ServerState, sent: list[tuple[str, str]], send: Callable[[str, str], None] | None = None
) -> DesktopNotifications:
    return DesktopNotifications(
        probe_bus=lambda: BusProbe(
            state, "dunst 1.9.0" if state is ServerState.PRESENT else "no server here"
        ),
        send=send or (lambda t, m: sent.append((t, m))),
        missing_backend=lambda: None,
        platform="linux",
    )


def notifier(
    qtbot: QtBot, state: ServerState, tray: Any = None, **kwargs: Any
) -> tuple[Notifier, list]:
    sent: list[tuple[str, str]] = []
    made = Notifier(
        tray,
        None,
        desktop=kwargs.pop("service", None) or desktop(state, sent, kwargs.pop("send", None)),
        tray_messages=kwargs.pop("tray_messages", lambda: True),
    )
    return made, sent


def deliver(qtbot: QtBot, made: Notifier, title: str, message: str) -> tuple[str, str]:
    """Notify and wait for the final path (the desktop outcome arrives from a worker)."""
    with qtbot.waitSignal(made.delivered, timeout=10_000) as blocker:
        made.notify(title, message)
    return blocker.args[0], blocker.args[1]


def test_desktop_when_a_server_takes_it(qtbot: QtBot) -> None:
    tray = FakeTray()
    made, sent = notifier(qtbot, ServerState.PRESENT, tray)
    assert deliver(qtbot, made, "FocusDesk — time's up", "Move on") == (
        "desktop",
        "FocusDesk — time's up",
    )
    assert sent == [("FocusDesk — time's up", "Move on")]
    assert tray.balloons == [] and made.message_window is None
    assert made.last_path == "desktop" and made.last_problem == ""


def test_tray_balloon_when_no_server(qtbot: QtBot) -> None:
    tray = FakeTray()
    made, sent = notifier(qtbot, ServerState.ABSENT, tray)
    assert deliver(qtbot, made, "Reminder", "Prospecting at 10:00") == ("tray", "Reminder")
    assert sent == []
    assert tray.balloons == [("Reminder", "Prospecting at 10:00")]
    assert made.last_problem == "no server here"


def test_once_known_unusable_the_fallback_is_immediate(qtbot: QtBot) -> None:
    tray = FakeTray()
    made, _ = notifier(qtbot, ServerState.ABSENT, tray)
    deliver(qtbot, made, "first", "m")
    assert made.notify("second", "m") == "tray"  # no worker: the cached answer says no
    assert tray.balloons[-1] == ("second", "m")


def test_plyer_failure_falls_back(qtbot: QtBot) -> None:
    def broken(title: str, message: str) -> None:
        raise RuntimeError("no usable implementation")

    tray = FakeTray()
    made, _ = notifier(qtbot, ServerState.PRESENT, tray, send=broken)
    assert made.notify("t", "m") == "desktop"  # on its way...
    with qtbot.waitSignal(made.delivered, timeout=10_000) as blocker:
        pass
    assert blocker.args == ["tray", "t"]  # ...and when it failed, the balloon followed
    assert "no usable implementation" in made.last_problem


@pytest.mark.parametrize(
    ("tray", "tray_messages"),
    [
        (None, True),  # no tray at all
        (FakeTray(), False),  # a tray that cannot show messages
        (FakeTray(visible=False), True),  # our icon is not in it
        (FakeTray(broken=True), True),  # the balloon itself fails
    ],
)
def test_window_when_the_tray_cannot_say_it(
    qtbot: QtBot, tray: FakeTray | None, tray_messages: bool
) -> None:
    made, _ = notifier(qtbot, ServerState.NO_BUS, tray, tray_messages=lambda: tray_messages)
    assert deliver(qtbot, made, "Reminder", "Clean up your page") == ("window", "Reminder")
    window = made.message_window
    assert window is not None
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.text.text() == "Reminder\nClean up your page"
    assert tray is None or tray.balloons == []


def test_the_window_keeps_earlier_messages_and_asks_not_to_take_focus(qtbot: QtBot) -> None:
    """The offscreen platform activates every window it shows, so whether the focus
    really stays put is checked under Xvfb and openbox (test_notifier_live.py)."""
    made, _ = notifier(qtbot, ServerState.NO_BUS, None)
    deliver(qtbot, made, "First", "one")
    deliver(qtbot, made, "Second", "two")
    window = made.message_window
    assert window is not None
    qtbot.addWidget(window)
    assert window.text.text() == "Second\ntwo\n\nFirst\none"
    assert window.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert not window.isModal()
    assert window.dismiss.focusPolicy() == Qt.FocusPolicy.NoFocus
    window.dismiss.click()
    assert not window.isVisible() and window.messages == []
    deliver(qtbot, made, "Third", "three")
    assert window.text.text() == "Third\nthree"


def test_a_broken_service_never_reaches_the_caller(qtbot: QtBot) -> None:
    class Broken(DesktopNotifications):
        def deliver_in_background(self, *args: Any, **kwargs: Any) -> None:
            raise OSError("cannot start a thread")

    tray = FakeTray()
    made, _ = notifier(qtbot, ServerState.PRESENT, tray, service=Broken())
    assert made.notify("t", "m") == "tray"
    assert made.last_problem == "cannot start a thread"
