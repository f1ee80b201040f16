"""Asking the D-Bus session bus whether a notification server is really there.

plyer cannot tell: on Linux without dbus-python it runs ``notify-send`` and
ignores its exit code, so a desktop with no notification daemon swallows
every reminder in silence. The bus itself knows, cheaply: the name
``org.freedesktop.Notifications`` either has an owner (a running server,
whose name ``GetServerInformation`` gives) or can be started on demand
(D-Bus activation), or neither.

The questions go through ``dbus-send`` (or ``gdbus``), the command-line
tools every desktop with a session bus has, in a subprocess of a few
milliseconds: no D-Bus library is needed in-process. Only the bus driver is
asked, and the server only once it is known to run, so probing never starts
a daemon or changes anything. Blocking: call it off the UI thread.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

NOTIFICATIONS = "org.freedesktop.Notifications"
_DRIVER = ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus")
_SERVER = (NOTIFICATIONS, "/org/freedesktop/Notifications", NOTIFICATIONS)
_QUOTED = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)'")
_BOOLEAN = re.compile(r"\b(true|false)\b")

# argv, environment -> (exit code, standard output, standard error)
Runner = Callable[[list[str], Mapping[str, str]], tuple[int, str, str]]


class ServerState(StrEnum):
    PRESENT = "present"  # a server owns the name now
    ACTIVATABLE = "activatable"  # none runs; the bus would start one for the first notification
    ABSENT = "absent"  # a bus, but no server and none it could start
    NO_BUS = "no-bus"  # no session bus to ask, or it does not answer
    UNKNOWN = "unknown"  # a bus, but nothing here to ask it with


@dataclass(frozen=True, slots=True)
class BusProbe:
    state: ServerState
    detail: str  # the server ("dunst 1.9.0") when present, otherwise why not, in plain words


def run_tool(
    argv: list[str], env: Mapping[str, str], timeout_s: float = 2.0
) -> tuple[int, str, str]:
    """The default runner: a time limit, and a missing or hung tool is an answer, not a crash."""
    try:
        done = subprocess.run(
            argv,
            env=dict(env),
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return 124, "", f"{os.path.basename(argv[0])} did not answer within {timeout_s:g} s"
    except OSError as exc:
        return 127, "", str(exc)
    return done.returncode, done.stdout, done.stderr


def session_bus_address(environ: Mapping[str, str]) -> str | None:
    """The session bus libdbus and GIO would use, without their X11 autolaunch.

    Asking ``dbus-send`` with no address while DISPLAY is set would start a
    new bus daemon (autolaunch): a probe must not do that, so only the two
    places a real session bus announces itself are looked at.
    """
    address = environ.get("DBUS_SESSION_BUS_ADDRESS", "").strip()
    if address:
        return address
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    if runtime:
        try:
            if stat.S_ISSOCK(os.stat(os.path.join(runtime, "bus")).st_mode):
                return f"unix:path={os.path.join(runtime, 'bus')}"
        except OSError:
            pass
    return None


def _command(tool: str, target: tuple[str, str, str], method: str, args: list[str]) -> list[str]:
    dest, path, interface = target
    if os.path.basename(tool) == "gdbus":
        return [
            tool, "call", "--session", "--timeout", "1", "--dest", dest,
            "--object-path", path, "--method", f"{interface}.{method}", *args,
        ]  # fmt: skip
    return [
        tool, "--session", "--print-reply", "--reply-timeout=1000", f"--dest={dest}",
        path, f"{interface}.{method}", *(f"string:{a}" for a in args),
    ]  # fmt: skip


def _reply_words(out: str) -> list[str]:
    """The strings and booleans of a reply, from either tool's print-out.

    dbus-send prints a header line (no quotes in it) and then one value a
    line; gdbus prints a tuple, e.g. ``('dunst', 'knopwob', '1.9.0', '1.2')``.
    """
    body = out.split("\n", 1)[1] if out.startswith("method return") else out
    words: list[str] = []
    for line in body.splitlines():
        quoted = [a or b for a, b in _QUOTED.findall(line)]
        words.extend(quoted or _BOOLEAN.findall(line))
    return words


def probe(
    environ: Mapping[str, str] | None = None,
    *,
    run: Runner = run_tool,
    which: Callable[[str], str | None] = shutil.which,
) -> BusProbe:
    """Where desktop notifications stand on this session bus right now."""
    env = dict(os.environ if environ is None else environ)
    address = session_bus_address(env)
    if address is None:
        return BusProbe(ServerState.NO_BUS, "no D-Bus session bus")
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    tool = which("dbus-send") or which("gdbus")
    if tool is None:
        return BusProbe(
            ServerState.UNKNOWN,
            "a D-Bus session bus, but neither dbus-send nor gdbus to ask it whether a "
            "notification server runs",
        )

    def ask(target: tuple[str, str, str], method: str, *args: str) -> tuple[bool, list[str]]:
        rc, out, err = run(_command(tool, target, method, list(args)), env)
        return rc == 0, (_reply_words(out) if rc == 0 else (err.strip().splitlines() or [""]))

    ok, words = ask(_DRIVER, "NameHasOwner", NOTIFICATIONS)
    if not ok:
        return BusProbe(ServerState.NO_BUS, f"the D-Bus session bus does not answer ({words[-1]})")
    if words[:1] == ["true"]:
        ok, info = ask(_SERVER, "GetServerInformation")
        if ok and info:
            name, version = info[0], (info[2] if len(info) > 2 else "")
            return BusProbe(ServerState.PRESENT, f"{name} {version}".strip())
        return BusProbe(ServerState.PRESENT, "a server that does not say its name")
    ok, names = ask(_DRIVER, "ListActivatableNames")
    if ok and NOTIFICATIONS in names:
        return BusProbe(
            ServerState.ACTIVATABLE,
            "no notification server runs; the session bus starts one on the first notification",
        )
    return BusProbe(ServerState.ABSENT, "no notification server on the session bus")
