"""What works on this machine, found out without changing anything.

Each check answers in plain words and, when something is missing, says what
to do about it. No check may raise: doctor is what people run when things
are broken.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata

from focusdesk import __version__
from focusdesk.services.context import AppContext


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


def tray(timeout: float = 10.0) -> Check:
    """Asks Qt in a child process, so a broken Qt install cannot take doctor down."""
    if display().ok is False:
        return Check("tray", False, "no display, so no system tray")
    code = (
        "from PySide6.QtWidgets import QApplication, QSystemTrayIcon\n"
        "app = QApplication([])\n"
        "print('yes' if QSystemTrayIcon.isSystemTrayAvailable() else 'no')\n"
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
        return Check("tray", False, f"Qt could not be started ({exc})")
    answer = done.stdout.strip().splitlines()[-1:] or [""]
    if answer == ["yes"]:
        return Check(
            "tray", True, "a system tray is available; FocusDesk shows its countdown there"
        )
    if answer == ["no"]:
        return Check(
            "tray", False, "no system tray on this desktop; FocusDesk will use a small timer window"
        )
    last = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
    return Check("tray", False, f"Qt could not start: {last}")


def notifications() -> Check:
    if sys.platform == "win32":
        return Check("notifications", True, "Windows toast notifications through plyer")
    if sys.platform == "darwin":
        return Check("notifications", True, "macOS notifications through plyer")
    bus = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    sender = shutil.which("notify-send")
    if not bus:
        return Check(
            "notifications",
            False,
            "no D-Bus session: desktop notifications cannot be sent; the tray balloon is used instead",
        )
    if not sender:
        return Check(
            "notifications",
            None,
            "D-Bus is there but notify-send is missing (apt-get install libnotify-bin); the tray balloon is used instead",
        )
    return Check(
        "notifications",
        True,
        "D-Bus session and notify-send found (delivery depends on a running notification daemon)",
    )


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
    return [
        versions(),
        Check(
            "data",
            True,
            f"data in {ctx.paths.data_dir}, settings in {ctx.paths.config_dir}, log {ctx.paths.log_file}",
        ),
        database(ctx),
        display(),
        tray(),
        notifications(),
        watcher(),
    ]
