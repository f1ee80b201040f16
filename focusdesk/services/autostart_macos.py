"""Starting at log-in on macOS: a LaunchAgent in ~/Library/LaunchAgents.

launchd reads the folder at every log-in, so writing the plist is enough for
the next one (no ``launchctl load``: that would start a second FocusDesk
now). System Settings > General > Login Items lists it under "Allow in the
Background", where the user can switch it off.
"""

from __future__ import annotations

import plistlib
from collections.abc import Sequence

from focusdesk.services.autostart import APP_ID, AutostartError, FileAutostart


def agent_plist(argv: Sequence[str]) -> bytes:
    return plistlib.dumps(
        {
            "Label": APP_ID,
            "ProgramArguments": list(argv),
            "RunAtLoad": True,
            "KeepAlive": False,
            "ProcessType": "Interactive",  # a user-facing app: not throttled like a daemon
            "LimitLoadToSessionType": "Aqua",  # the graphical session, not ssh log-ins
        }
    )


class LaunchAgentAutostart(FileAutostart):
    suffix = ".plist"

    def render(self) -> bytes:
        return agent_plist(self.command)

    def is_enabled(self) -> bool:
        content = self.read()
        if content is None:
            return False
        try:
            agent = plistlib.loads(content)
        except (plistlib.InvalidFileException, ValueError) as exc:
            raise AutostartError(f"cannot read {self.path}: {exc}") from None
        return bool(agent.get("RunAtLoad")) and not agent.get("Disabled", False)

    def describe(self) -> str:
        return f"LaunchAgent {self.path}"
