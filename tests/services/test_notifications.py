"""Desktop notifications: the bus probe's reading of both tools, and the send-and-verify flow.

The bus and plyer are stand-ins here; tests/services/test_notifications_live.py
does the same against a real private D-Bus session and dunst.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Mapping
from pathlib import Path

import pytest

from focusdesk.services.notification_bus import (
    BusProbe,
    ServerState,
    probe,
    session_bus_address,
)
from focusdesk.services.notifications import Delivery, DesktopNotifications, route_for

BUS = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus"}

DBUS_SEND = {
    "NameHasOwner": "method return time=1 sender=org.freedesktop.DBus -> destination=:1.9 serial=3 reply_serial=2\n   boolean {owned}\n",
    "GetServerInformation": 'method return time=1 sender=:1.3 -> destination=:1.9 serial=4 reply_serial=2\n   string "dunst"\n   string "knopwob"\n   string "1.9.0 (2022-06-27)"\n   string "1.2"\n',
    "ListActivatableNames": 'method return time=1 sender=org.freedesktop.DBus -> destination=:1.9 serial=3 reply_serial=2\n   array [\n      string "org.freedesktop.DBus"\n{extra}   ]\n',
}
GDBUS = {
    "NameHasOwner": "({owned},)\n",
    "GetServerInformation": "('xfce4-notifyd', 'Xfce', '0.8.2', '1.2')\n",
    "ListActivatableNames": "(['org.freedesktop.DBus'{extra}],)\n",
}


class FakeBus:
    """Answers like dbus-send or gdbus would, and records what was asked."""

    def __init__(
        self, tool: str, *, owned: bool, activatable: bool = False, fails: str = ""
    ) -> None:
        self.tool = tool
        self.owned = owned
        self.activatable = activatable
        self.fails = fails
        self.asked: list[list[str]] = []
        self.envs: list[Mapping[str, str]] = []

    def which(self, name: str) -> str | None:
        return f"/usr/bin/{name}" if name == self.tool else None

    def run(self, argv: list[str], env: Mapping[str, str]) -> tuple[int, str, str]:
        self.asked.append(argv)
        self.envs.append(env)
        if self.fails:
            return 1, "", self.fails
        method = next(m for m in DBUS_SEND if any(a.endswith("." + m) for a in argv))
        table = GDBUS if self.tool == "gdbus" else DBUS_SEND
        if self.tool == "gdbus":
            extra = ", 'org.freedesktop.Notifications'" if self.activatable else ""
        else:
            extra = '      string "org.freedesktop.Notifications"\n' if self.activatable else ""
        return 0, table[method].format(owned=str(self.owned).lower(), extra=extra), ""


@pytest.mark.parametrize("tool", ["dbus-send", "gdbus"])
def test_a_running_server_is_named(tool: str) -> None:
    bus = FakeBus(tool, owned=True)
    found = probe(BUS, run=bus.run, which=bus.which)
    assert found.state is ServerState.PRESENT
    assert found.detail == (
        "dunst 1.9.0 (2022-06-27)" if tool == "dbus-send" else "xfce4-notifyd 0.8.2"
    )
    assert all(
        env["DBUS_SESSION_BUS_ADDRESS"] == BUS["DBUS_SESSION_BUS_ADDRESS"] for env in bus.envs
    )


@pytest.mark.parametrize("tool", ["dbus-send", "gdbus"])
def test_no_server_and_none_to_start(tool: str) -> None:
    bus = FakeBus(tool, owned=False)
    found = probe(BUS, run=bus.run, which=bus.which)
    assert found == BusProbe(ServerState.ABSENT, "no notification server on the session bus")
    # the server itself is never called when nobody owns its name: that would start it
    assert not any(
        "org.freedesktop.Notifications.GetServerInformation" in " ".join(a) for a in bus.asked
    )


@pytest.mark.parametrize("tool", ["dbus-send", "gdbus"])
def test_a_server_the_bus_would_start(tool: str) -> None:
    bus = FakeBus(tool, owned=False, activatable=True)
    assert probe(BUS, run=bus.run, which=bus.which).state is ServerState.ACTIVATABLE


def test_no_bus_address_means_no_bus_and_no_tool_is_run() -> None:
    bus = FakeBus("dbus-send", owned=True)
    found = probe({"DISPLAY": ":0"}, run=bus.run, which=bus.which)
    assert found == BusProbe(ServerState.NO_BUS, "no D-Bus session bus")
    assert bus.asked == []  # dbus-send without an address would autolaunch a bus


def test_a_bus_that_does_not_answer() -> None:
    bus = FakeBus("dbus-send", owned=True, fails="Failed to open connection: No such file")
    found = probe(BUS, run=bus.run, which=bus.which)
    assert found.state is ServerState.NO_BUS
    assert "does not answer (Failed to open connection: No such file)" in found.detail


def test_no_tool_to_ask_with() -> None:
    found = probe(BUS, run=FakeBus("x", owned=True).run, which=lambda name: None)
    assert found.state is ServerState.UNKNOWN
    assert "neither dbus-send nor gdbus" in found.detail


def test_the_user_bus_socket_is_found_without_the_variable(tmp_path: Path) -> None:
    assert session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path)}) is None
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(tmp_path / "bus"))
        assert (
            session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path)}) == f"unix:path={tmp_path}/bus"
        )
    assert session_bus_address(BUS) == BUS["DBUS_SESSION_BUS_ADDRESS"]


def test_route_needs_a_way_to_send() -> None:
    present = BusProbe(ServerState.PRESENT, "dunst 1.9.0")
    assert route_for(present, None).usable
    assert route_for(present, None).detail == "D-Bus server: dunst 1.9.0"
    no_sender = route_for(present, "neither notify-send nor dbus-python is installed")
    assert not no_sender.usable and "neither notify-send" in no_sender.detail
    assert not route_for(BusProbe(ServerState.ABSENT, "no server"), None).usable
    assert route_for(BusProbe(ServerState.UNKNOWN, "cannot ask"), None).usable


class Sequence:
    """Bus answers in order, the last one repeated; counts the questions."""

    def __init__(self, *states: ServerState) -> None:
        self.states = list(states)
        self.calls = 0

    def __call__(self) -> BusProbe:
        state = self.states[min(self.calls, len(self.states) - 1)]
        self.calls += 1
        return BusProbe(state, "dunst 1.9.0" if state is ServerState.PRESENT else f"{state} here")


def make(
    bus: Sequence, sent: list[tuple[str, str]] | None = None, **kwargs: object
) -> DesktopNotifications:
    record = sent if sent is not None else []
    defaults: dict[str, object] = {
        "probe_bus": bus,
        "send": lambda t, m: record.append((t, m)),
        "missing_backend": lambda: None,
        "platform": "linux",
    }
    defaults.update(kwargs)
    return DesktopNotifications(**defaults)  # type: ignore[arg-type]


def test_delivered_when_a_server_runs_before_and_after() -> None:
    sent: list[tuple[str, str]] = []
    outcome = make(Sequence(ServerState.PRESENT), sent).deliver("FocusDesk — time's up", "Move on")
    assert outcome == Delivery(True, "D-Bus server: dunst 1.9.0")
    assert sent == [("FocusDesk — time's up", "Move on")]


def test_nothing_is_sent_without_a_server() -> None:
    sent: list[tuple[str, str]] = []
    outcome = make(Sequence(ServerState.ABSENT), sent).deliver("t", "m")
    assert outcome == Delivery(False, "absent here")
    assert sent == []


def test_a_server_started_on_demand_counts_only_once_it_runs() -> None:
    started = make(Sequence(ServerState.ACTIVATABLE, ServerState.PRESENT)).deliver("t", "m")
    assert started.delivered
    failed = make(Sequence(ServerState.ACTIVATABLE, ServerState.ACTIVATABLE)).deliver("t", "m")
    assert failed == Delivery(False, "sent, but no notification server took it (activatable here)")


def test_plyer_raising_is_a_failure_not_an_exception() -> None:
    def broken(title: str, message: str) -> None:
        raise NotImplementedError

    outcome = make(Sequence(ServerState.PRESENT), send=broken).deliver("t", "m")
    assert outcome == Delivery(False, "plyer failed: NotImplementedError")


def test_a_hung_plyer_call_is_given_up() -> None:
    release = threading.Event()
    try:
        outcome = make(
            Sequence(ServerState.PRESENT), send=lambda t, m: release.wait(), send_timeout_s=0.05
        ).deliver("t", "m")
    finally:
        release.set()
    assert outcome == Delivery(False, "plyer did not return within 0.05 s")


def test_without_a_checking_tool_it_is_sent_and_said_so() -> None:
    outcome = make(Sequence(ServerState.UNKNOWN)).deliver("t", "m")
    assert outcome.delivered
    assert outcome.detail.startswith("sent; whether it arrived cannot be checked here")


def test_off_linux_no_bus_is_asked() -> None:
    bus = Sequence(ServerState.ABSENT)
    outcome = make(bus, platform="win32").deliver("t", "m")
    assert outcome == Delivery(True, "system notifications")
    assert bus.calls == 0


def test_the_answer_is_cached_for_a_while() -> None:
    now = [100.0]
    bus = Sequence(ServerState.ABSENT, ServerState.PRESENT)
    service = make(bus, monotonic=lambda: now[0], ttl_s=30.0)
    assert service.cached_route() is None  # nothing asked yet: the UI thread is not kept waiting
    assert not service.route().usable
    now[0] += 29.0
    assert not service.route().usable and bus.calls == 1
    assert service.cached_route() is not None
    now[0] += 2.0
    assert service.cached_route() is None
    assert service.route().usable and bus.calls == 2


def test_a_probe_that_raises_still_lets_plyer_try() -> None:
    def broken() -> BusProbe:
        raise OSError("no /proc")

    outcome = make(Sequence(ServerState.PRESENT), probe_bus=broken).deliver("t", "m")
    assert outcome.delivered and "could not be asked (no /proc)" in outcome.detail


def test_background_delivery_reports_once() -> None:
    done: list[Delivery] = []
    finished = threading.Event()

    def on_done(outcome: Delivery) -> None:
        done.append(outcome)
        finished.set()

    make(Sequence(ServerState.ABSENT)).deliver_in_background("t", "m", on_done)
    assert finished.wait(10)
    assert done == [Delivery(False, "absent here")]
