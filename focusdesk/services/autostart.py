"""Start FocusDesk when the user logs in: one small interface, one backend per system.

The system's own mechanism is the only record of the choice (an XDG
autostart entry, a value under the per-user Run key, a LaunchAgent), so
FocusDesk never disagrees with what the desktop's own settings show: a user
who removes the entry there has switched it off here too. Where no backend
fits, a null one says why instead of pretending (as Vorta does).

The command written into the entry is the one that started this FocusDesk:
the bundle's own program when frozen, else the installed ``focusdesk``
launcher beside the interpreter, else ``python -m focusdesk``.
"""

from __future__ import annotations

import os
import sys
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from focusdesk.core.errors import FocusDeskError

APP_ID = "io.focusdesk.FocusDesk"
APP_NAME = "FocusDesk"


class AutostartError(FocusDeskError):
    """The entry could not be written or removed; the message says what to do."""


class AutostartBackend(ABC):
    """Switches starting at log-in on and off, and reports the system's record of it."""

    available = True

    @abstractmethod
    def is_enabled(self) -> bool:
        """Whether the system will start FocusDesk at the next log-in."""

    @abstractmethod
    def enable(self) -> None:
        """Write (or rewrite, with the current command) the system's entry."""

    @abstractmethod
    def disable(self) -> None:
        """Remove the entry; already absent is fine."""

    @abstractmethod
    def describe(self) -> str:
        """Where the entry lives, in words a user can check."""


class FileAutostart(AutostartBackend):
    """An entry that is one file in a folder the system reads at log-in."""

    suffix = ""

    def __init__(self, folder: Path, command: Sequence[str]) -> None:
        self.folder = folder
        self.command = list(command)

    @property
    def path(self) -> Path:
        return self.folder / f"{APP_ID}{self.suffix}"

    @abstractmethod
    def render(self) -> bytes:
        """The file's content for ``self.command``."""

    def read(self) -> bytes | None:
        """The file as it is now; None when there is none."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise AutostartError(f"cannot read {self.path}: {exc.strerror}") from None

    def enable(self) -> None:
        """Written to a temporary file and renamed, so the system never reads half of it."""
        partial = self.path.with_name(f".{self.path.name}.partial")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(self.render())
            os.replace(partial, self.path)
        except OSError as exc:
            with suppress(OSError):
                partial.unlink(missing_ok=True)
            raise AutostartError(f"cannot write {self.path}: {exc.strerror}") from None

    def disable(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise AutostartError(f"cannot remove {self.path}: {exc.strerror}") from None


class NullAutostart(AutostartBackend):
    """No mechanism known here: says why, changes nothing."""

    available = False

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def is_enabled(self) -> bool:
        return False

    def enable(self) -> None:
        raise AutostartError(f"starting at log-in is not available: {self.reason}")

    def disable(self) -> None:
        """Nothing was ever written, so there is nothing to remove."""

    def describe(self) -> str:
        return f"not available: {self.reason}"


def launch_command(
    extra_args: Sequence[str] = (),
    *,
    executable: str | None = None,
    frozen: bool | None = None,
    platform: str | None = None,
) -> list[str]:
    """The argv that starts this FocusDesk's desktop app (see the module docstring)."""
    exe = Path(executable or sys.executable)
    platform = platform or sys.platform
    if getattr(sys, "frozen", False) if frozen is None else frozen:
        if platform == "win32":  # enabled from focusdesk-cli.exe: start the windowed one
            windowed = exe.with_name("FocusDesk.exe")
            exe = windowed if windowed.exists() else exe
        return [str(exe), *extra_args]
    if platform == "win32":
        pythonw = exe.with_name("pythonw.exe")  # no console window at log-in
        return [str(pythonw if pythonw.exists() else exe), "-m", "focusdesk", *extra_args]
    launcher = exe.with_name("focusdesk")
    if launcher.is_file() and os.access(launcher, os.X_OK):
        return [str(launcher), *extra_args]
    return [str(exe), "-m", "focusdesk", *extra_args]


def command_for(data_dir: Path) -> list[str]:
    """The command for this FocusDesk's data: a FocusDesk kept in its own folder (by
    ``--data-dir`` or the environment, neither of which a log-in session repeats)
    starts with that folder; one in the platform's usual place needs nothing."""
    import platformdirs

    from focusdesk.services.paths import APP_NAME

    usual = Path(platformdirs.PlatformDirs(APP_NAME, appauthor=False).user_data_dir)
    if Path(data_dir).resolve() == usual.resolve():
        return launch_command()
    return launch_command(["--data-dir", str(data_dir)])


def autostart_for(
    command: Sequence[str],
    *,
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
    registry: Any = None,
) -> AutostartBackend:
    """The backend for this system; the keyword arguments exist for tests."""
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    home = home or Path.home()
    if platform.startswith("linux") or "bsd" in platform:
        from focusdesk.services.autostart_linux import XdgAutostart

        config = environ.get("XDG_CONFIG_HOME") or str(home / ".config")
        return XdgAutostart(Path(config) / "autostart", command)
    if platform == "win32":
        from focusdesk.services.autostart_windows import RunKeyAutostart

        if registry is None:
            import winreg as registry
        return RunKeyAutostart(registry, command)
    if platform == "darwin":
        from focusdesk.services.autostart_macos import LaunchAgentAutostart

        return LaunchAgentAutostart(home / "Library" / "LaunchAgents", command)
    return NullAutostart(f"FocusDesk does not know how to start programs at log-in on {platform}")
