"""Real notifications: a private D-Bus session under Xvfb, with and without a real dunst.

The app's own code path sends (DesktopNotifications: bus probe, plyer,
verification) and dbus-monitor and dunst's own count observe what arrived.
The test process talks to the private bus through DBUS_SESSION_BUS_ADDRESS,
set with monkeypatch (plyer's notify-send inherits the environment) and
restored afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from focusdesk.services import doctor
from focusdesk.services.doctor import TrayAnswer
from focusdesk.services.notification_bus import ServerState
from focusdesk.services.notifications import DesktopNotifications, plyer_send
from tests.support import session_bus as sb
from tests.support.xserver import unavailable_reason as x_unavailable
from tests.support.xserver import xserver

TITLE = "FocusDesk — time's up"
MESSAGE = "Message 5 prospects who commented: move on now"
NO_TRAY = TrayAnswer(available=False, messages=False)


@pytest.fixture(autouse=True)
def tools() -> None:
    reason = sb.unavailable_reason() or x_unavailable()
    if reason:
        pytest.skip(reason)


@pytest.fixture
def display() -> Iterator[str]:
    with xserver() as name:
        yield name


def use_bus(monkeypatch: pytest.MonkeyPatch, address: str, display: str | None) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    if display:
        monkeypatch.setenv("DISPLAY", display)
    else:
        monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


def notify_calls(seen: str) -> list[str]:
    """The summaries of the Notify calls dbus-monitor printed (app name, id, icon, then summary)."""
    calls = re.findall(r"member=Notify\n((?:   .*\n){4})", seen)
    return [re.findall(r'string "(.*)"', call)[-1] for call in calls]


def test_delivered_to_a_running_dunst(monkeypatch: pytest.MonkeyPatch, display: str) -> None:
    with sb.session_bus() as address, sb.dunst(address, display), sb.monitor(address) as seen:
        use_bus(monkeypatch, address, display)
        before = sb.dunst_count(address)
        outcome = DesktopNotifications().deliver(TITLE, MESSAGE)
        assert outcome.delivered, outcome.detail
        assert outcome.detail.startswith("D-Bus server: dunst ")
        sb.wait_for(lambda: TITLE in notify_calls(seen()), 10, "no Notify call on the bus")
        assert MESSAGE in seen()
        assert sb.dunst_count(address) == before + 1
        check = doctor.notifications(NO_TRAY)
        assert check.ok is True and re.fullmatch(
            r"desktop \(D-Bus server: dunst [\d.]+.*\)", check.detail
        )


def test_no_daemon_takes_the_fallback_and_plyer_alone_would_not_notice(
    monkeypatch: pytest.MonkeyPatch, display: str
) -> None:
    with sb.session_bus() as address, sb.monitor(address) as seen:
        use_bus(monkeypatch, address, display)
        plyer_send(TITLE, "plyer on its own")  # returns normally: the failure is silent
        outcome = DesktopNotifications().deliver(TITLE, MESSAGE)
        assert not outcome.delivered
        assert outcome.detail == "no notification server on the session bus"
        assert not sb.notification_server_running(address)
        assert MESSAGE not in seen()  # nothing was even tried
        check = doctor.notifications(TrayAnswer(available=True, messages=True))
        assert check.detail == "tray balloon — no notification server on the session bus"
        check = doctor.notifications(NO_TRAY)
        assert (
            check.detail
            == "app window — no notification server on the session bus and no system tray"
        )


def test_a_server_started_on_demand_is_verified(
    monkeypatch: pytest.MonkeyPatch, display: str
) -> None:
    with (
        sb.session_bus(activation=True, env={"DISPLAY": display}) as address,
        sb.monitor(address) as seen,
    ):
        use_bus(monkeypatch, address, display)
        service = DesktopNotifications()
        assert service.route().state is ServerState.ACTIVATABLE
        assert doctor.notifications(NO_TRAY, service).detail.startswith("desktop, probably:")
        outcome = service.deliver(TITLE, MESSAGE)
        assert outcome.delivered, outcome.detail
        assert outcome.detail.startswith("D-Bus server: dunst ")
        assert sb.notification_server_running(address)
        sb.wait_for(lambda: TITLE in notify_calls(seen()), 10, "no Notify call on the bus")
        assert sb.dunst_count(address) == 1


def test_a_server_that_cannot_start_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    """dunst installed and activatable, but no display for it: notify-send fails, plyer says nothing."""
    with sb.session_bus(activation=True, env={"DISPLAY": ""}) as address:
        use_bus(monkeypatch, address, None)
        outcome = DesktopNotifications().deliver(TITLE, MESSAGE)
        assert not outcome.delivered
        assert outcome.detail.startswith("sent, but no notification server took it")
        assert not sb.notification_server_running(address)


def test_no_session_bus_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/nonexistent")
    outcome = DesktopNotifications().deliver(TITLE, MESSAGE)
    assert (outcome.delivered, outcome.detail) == (False, "no D-Bus session bus")
