"""What works on this machine, found out without changing anything.

Each check answers in plain words and, when something is missing, says what
to do about it. No check may raise: doctor is what people run when things
are broken.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata

from focusdesk import __version__
from focusdesk.services.context import AppContext
from focusdesk.services.notification_bus import ServerState
from focusdesk.services.notifications import DesktopNotifications


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool | None  # None: works partly, or cannot be known here
    detail: str


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def versions() -> Check:
    parts = [
        f"FocusDesk {__version__}",
        f"Python {platform.python_version()}",
        f"PySide6 {_version('PySide6-Essentials')}",
        f"SQLAlchemy {_version('SQLAlchemy')}",
        f"Alembic {_version('alembic')}",
        f"APScheduler {_version('APScheduler')}",
        f"plyer {_version('plyer')}",
    ]
    return Check("versions", True, ", ".join(parts))


def display() -> Check:
    if sys.platform in ("win32", "darwin"):
        return Check("display", True, f"{platform.system()} desktop")
    if os.environ.get("WAYLAND_DISPLAY"):
        return Check(
            "display",
            None,
            f"Wayland ({os.environ['WAYLAND_DISPLAY']}); X11 apps run through XWayland",
        )
    if os.environ.get("DISPLAY"):
        return Check("display", True, f"X11 display {os.environ['DISPLAY']}")
    return Check(
        "display",
        False,
        "no display (DISPLAY is not set): the desktop app cannot open here; the CLI works",
    )


@dataclass(frozen=True, slots=True)
class TrayAnswer:
    """What Qt says of the system tray here; ``problem`` when Qt could not be asked."""

    available: bool
    messages: bool
    problem: str = ""


def ask_tray(timeout: float = 10.0) -> TrayAnswer:
    """Asks Qt in a child process, so a broken Qt install cannot take doctor down."""
    if display().ok is False:
        return TrayAnswer(False, False, "no display, so no system tray")
    code = (
        "from PySide6.QtWidgets import QApplication, QSystemTrayIcon\n"
        "app = QApplication([])\n"
        "print('yes' if QSystemTrayIcon.isSystemTrayAvailable() else 'no',\n"
        "      'messages' if QSystemTrayIcon.supportsMessages() else 'no-messages')\n"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return TrayAnswer(False, False, f"Qt could not be started ({exc})")
    answer = (done.stdout.strip().splitlines()[-1:] or [""])[0].split()
    if len(answer) == 2 and answer[0] in ("yes", "no"):
        return TrayAnswer(answer[0] == "yes", answer == ["yes", "messages"])
    last = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
    return TrayAnswer(False, False, f"Qt could not start: {last}")


def tray(answer: TrayAnswer | None = None) -> Check:
    found = answer if answer is not None else ask_tray()
    if found.problem:
        return Check("tray", False, found.problem)
    if found.available:
        return Check(
            "tray", True, "a system tray is available; FocusDesk shows its countdown there"
        )
    return Check(
        "tray", False, "no system tray on this desktop; FocusDesk will use a small timer window"
    )


def notifications(
    answer: TrayAnswer | None = None, desktop: DesktopNotifications | None = None
) -> Check:
    """Which path a reminder takes here, and why the ones before it are passed over."""
    route = (desktop if desktop is not None else DesktopNotifications()).route(fresh=True)
    if route.usable:
        if route.state is ServerState.ACTIVATABLE:
            return Check("notifications", None, f"desktop, probably: {route.detail}")
        if route.state is ServerState.UNKNOWN:
            return Check("notifications", None, f"desktop, unverified: {route.detail}")
        return Check("notifications", True, f"desktop ({route.detail})")
    found = answer if answer is not None else ask_tray()
    if found.available and found.messages:
        return Check("notifications", None, f"tray balloon — {route.detail}")
    tray_gap = "the system tray cannot show messages" if found.available else "no system tray"
    if display().ok is False:
        return Check("notifications", False, f"none — {route.detail}, {tray_gap} and no display")
    return Check("notifications", None, f"app window — {route.detail} and {tray_gap}")


def watcher() -> Check:
    """Which backend would track the active window here, or why none can."""
    from focusdesk.watchers.factory import describe, detect_watcher
    from focusdesk.watchers.null import NullWatcher

    found = detect_watcher()
    try:
        window = found.active_window()
        text = describe(found)
        if isinstance(found, NullWatcher):
            return Check("activity tracking", False, text)
        problem = getattr(found, "problem", None)
        if window is None and problem:
            return Check("activity tracking", None, f"{text}: {problem}")
        return Check("activity tracking", True, f"{text}; the active window can be read")
    finally:
        found.close()


def database(ctx: AppContext) -> Check:
    try:
        db = ctx.db
        from sqlalchemy import func, select, text

        from focusdesk.store.migrate import current_revision
        from focusdesk.store.models import ActivitySpan, SessionRow

        with db.sessions() as session:
            sessions = session.scalar(select(func.count()).select_from(SessionRow))
            spans = session.scalar(select(func.count()).select_from(ActivitySpan))
            integrity = "ok"
            if db.dialect == "sqlite":
                integrity = session.execute(text("PRAGMA quick_check")).scalar() or "unknown"
        detail = (
            f"{db.describe()}, schema {current_revision(db)}, {sessions} sessions, {spans} activity spans, "
            f"integrity {integrity}"
        )
        return Check("database", integrity == "ok", detail)
    except Exception as exc:  # doctor reports; it never fails
        return Check("database", False, str(exc))


def run_checks(ctx: AppContext) -> list[Check]:
    tray_answer = ask_tray()
    return [
        versions(),
        Check(
            "data",
            True,
            f"data in {ctx.paths.data_dir}, settings in {ctx.paths.config_dir}, log {ctx.paths.log_file}",
        ),
        database(ctx),
        display(),
        tray(tray_answer),
        notifications(tray_answer),
        watcher(),
    ]
