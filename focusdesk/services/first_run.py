"""Whether this is the user's first start, so the welcome guide is offered once.

The guide is offered when neither a settings file nor the guide's own mark
exists. The mark is written whether the user finishes or skips the guide:
skipping is an answer too, and asking again at every start would nag.
Settings stay changeable in the Settings dialog at any time.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import TYPE_CHECKING

from focusdesk.services.paths import AppPaths
from focusdesk.store.files import FILE_MODE, ensure_private_dir

if TYPE_CHECKING:  # doctor is imported only when the guide asks: not at every start
    from focusdesk.services.doctor import Check

MARK_NAME = "welcomed"


def needs_welcome(paths: AppPaths) -> bool:
    return not (paths.config_dir / MARK_NAME).exists() and not paths.settings_file.exists()


def mark_welcomed(paths: AppPaths, now: datetime, how: str) -> None:
    """Record that the guide was shown, and how it ended ("finished" or "skipped")."""
    ensure_private_dir(paths.config_dir)
    path = paths.config_dir / MARK_NAME
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(f"{how} {now.isoformat()}\n")


def welcome_checks(tray_available: bool) -> list[Check]:
    """What works here, worded for someone setting FocusDesk up, each with what to do.

    The tray answer comes from the running app (it knows; doctor has to start
    Qt in a child process to find out). Never raises: a check that breaks is
    reported as unknown.
    """
    from focusdesk.services import doctor
    from focusdesk.services.doctor import Check

    found = [
        Check(
            "System tray",
            True,
            "FocusDesk shows its countdown in the system tray.",
        )
        if tray_available
        else Check(
            "System tray",
            False,
            "This desktop has no system tray, so FocusDesk shows a small timer window "
            "instead. A tray extension for your desktop brings the countdown to the panel.",
        )
    ]
    for name, check in (("Notifications", doctor.notifications), ("Tracking", doctor.watcher)):
        try:
            result = check()
        except Exception as exc:  # the guide reports; it never fails
            found.append(Check(name, None, f"Could not be checked ({exc})."))
            continue
        detail = result.detail[:1].upper() + result.detail[1:].rstrip(".")
        if name == "Tracking" and result.ok is not True:
            detail += (
                ". FocusDesk still times your sessions, and the tray's Quick log "
                "records what you did"
            )
        found.append(Check(name, result.ok, detail + "."))
    return found
