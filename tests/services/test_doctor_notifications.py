"""doctor's notifications line: which path a reminder takes here, and why.

The bus is a stand-in here; test_notifications_live.py asks a real private
session bus, with and without dunst.
"""

from __future__ import annotations

import pytest

from focusdesk.services import doctor
from focusdesk.services.doctor import TrayAnswer
from focusdesk.services.notification_bus import BusProbe, ServerState
from focusdesk.services.notifications import DesktopNotifications

TRAY = TrayAnswer(available=True, messages=True)
NO_TRAY = TrayAnswer(available=False, messages=False)
MUTE_TRAY = TrayAnswer(available=True, messages=False)


def service(state: ServerState, detail: str, missing: str | None = None) -> DesktopNotifications:
    return DesktopNotifications(
        probe_bus=lambda: BusProbe(state, detail),
        missing_backend=lambda: missing,
        platform="linux",
    )


@pytest.fixture(autouse=True)
def a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


@pytest.mark.parametrize(
    ("state", "detail", "tray", "ok", "line"),
    [
        (ServerState.PRESENT, "dunst 1.9.0", NO_TRAY, True, "desktop (D-Bus server: dunst 1.9.0)"),
        (
            ServerState.ABSENT,
            "no notification server on the session bus",
            TRAY,
            None,
            "tray balloon — no notification server on the session bus",
        ),
        (
            ServerState.NO_BUS,
            "no D-Bus session bus",
            NO_TRAY,
            None,
            "app window — no D-Bus session bus and no system tray",
        ),
        (
            ServerState.NO_BUS,
            "no D-Bus session bus",
            MUTE_TRAY,
            None,
            "app window — no D-Bus session bus and the system tray cannot show messages",
        ),
        (
            ServerState.ACTIVATABLE,
            "no notification server runs; the session bus starts one on the first notification",
            NO_TRAY,
            None,
            "desktop, probably: no notification server runs; the session bus starts one on the first notification",
        ),
    ],
)
def test_the_path_and_its_reason(
    state: ServerState, detail: str, tray: TrayAnswer, ok: bool | None, line: str
) -> None:
    check = doctor.notifications(tray, service(state, detail))
    assert (check.name, check.ok, check.detail) == ("notifications", ok, line)


def test_a_server_but_nothing_to_send_with() -> None:
    check = doctor.notifications(
        TRAY,
        service(
            ServerState.PRESENT, "dunst 1.9.0", "neither notify-send nor dbus-python is installed"
        ),
    )
    assert check.detail == (
        "tray balloon — a server runs (dunst 1.9.0) but neither notify-send nor dbus-python is installed"
    )


def test_no_display_means_no_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY")
    check = doctor.notifications(NO_TRAY, service(ServerState.NO_BUS, "no D-Bus session bus"))
    assert (check.ok, check.detail) == (
        False,
        "none — no D-Bus session bus, no system tray and no display",
    )


def test_without_a_bus_for_real(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real probe, with no bus address and no user bus socket: nothing is started."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    check = doctor.notifications(TRAY)
    assert check.detail == "tray balloon — no D-Bus session bus"


def test_the_tray_line_reads_the_same_answer() -> None:
    assert doctor.tray(TRAY).ok is True
    assert doctor.tray(NO_TRAY).detail.startswith("no system tray on this desktop")
    assert (
        doctor.tray(TrayAnswer(False, False, "Qt could not start: boom")).detail
        == "Qt could not start: boom"
    )


@pytest.mark.parametrize("with_tray", [True, False])
def test_qt_is_asked_about_the_tray_on_a_real_display(
    monkeypatch: pytest.MonkeyPatch, with_tray: bool
) -> None:
    """The child-process question doctor asks Qt, answered by Xvfb with and without trayer."""
    from tests.support.xserver import unavailable_reason, xserver

    reason = unavailable_reason(wm=True, tray=True)
    if reason:
        pytest.skip(reason)
    with xserver(wm=True, tray=with_tray) as display:
        monkeypatch.setenv("DISPLAY", display)
        monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
        answer = doctor.ask_tray()
    assert answer.problem == ""
    assert answer.available is with_tray
    assert answer.messages is with_tray
