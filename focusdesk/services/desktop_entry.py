"""FocusDesk in the applications menu of a Linux desktop, for a pip install or the bundle.

A distribution package puts the desktop entry, icons and AppStream metainfo
under /usr/share; someone who ran ``pip install .`` or unpacked the bundle
has none of that, so no menu shows FocusDesk. Desktops also read
``$XDG_DATA_HOME`` (by default ~/.local/share), which needs no root: the
entry goes to ``applications/``, the icons to ``icons/hicolor/``, the
metainfo to ``metainfo/``, each named by the application ID.

The entry's Exec is the command that started this FocusDesk (the same one
the log-in entry uses), so the menu starts this install with its own data.

Those paths may hold someone else's file: FocusDesk replaces or removes only
files it can tell are its own (see desktop_entry_files).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from focusdesk.services.autostart import APP_ID
from focusdesk.services.desktop_entry_files import (
    DesktopEntryError,
    FileState,
    PlannedFile,
    planned_files,
    recorded_digests,
    state_of,
)

__all__ = ["DesktopEntry", "DesktopEntryError", "FileState", "desktop_entry_for"]

log = logging.getLogger(__name__)

FILE_MODE = 0o644  # menus, icon themes and software centres of every user may read these

ToolRunner = Callable[[Sequence[str]], None]


@dataclass(frozen=True)
class FoundFile:
    kind: str
    path: Path
    state: FileState


@dataclass(frozen=True)
class Outcome:
    """What install or remove did; ``kept`` are others' files left where they were."""

    changed: tuple[Path, ...]
    kept: tuple[Path, ...] = ()


def is_xdg_platform(platform: str | None = None) -> bool:
    """Desktops that read freedesktop.org menus: Linux and the BSDs."""
    platform = platform or sys.platform
    return platform.startswith("linux") or "bsd" in platform


def not_needed_reason(platform: str | None = None) -> str:
    return (
        f"the applications-menu entry is for Linux desktops; it is not needed on "
        f"{platform or sys.platform} (start FocusDesk from where you put it, or from its installer's shortcut)"
    )


def data_home(environ: Mapping[str, str] | None = None, home: Path | None = None) -> Path:
    """``$XDG_DATA_HOME``; the spec says a relative value is invalid and to be ignored."""
    environ = os.environ if environ is None else environ
    value = environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return (home or Path.home()) / ".local" / "share"


def data_dirs(environ: Mapping[str, str] | None = None) -> list[Path]:
    """``$XDG_DATA_DIRS``, where packages put their entries; relative values are ignored."""
    environ = os.environ if environ is None else environ
    value = environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    return [Path(part) for part in value.split(":") if part and Path(part).is_absolute()]


class DesktopEntry:
    """Installs, removes and reports the menu entry below one data folder."""

    def __init__(
        self,
        data_home: Path,
        command: Sequence[str],
        resources: Path,
        *,
        system_dirs: Sequence[Path] = (),
        run_tool: ToolRunner | None = None,
        which: Callable[[str], str | None] = shutil.which,
    ) -> None:
        self.data_home = data_home
        self.system_dirs = list(system_dirs)
        self.command = list(command)
        self.resources = resources
        self._run_tool = run_tool or _run_quietly
        self._which = which

    @property
    def entry_path(self) -> Path:
        return self.data_home / "applications" / f"{APP_ID}.desktop"

    def plan(self) -> list[PlannedFile]:
        return planned_files(self.resources, self.command)

    def status(self) -> list[FoundFile]:
        recorded = recorded_digests(_read(self.entry_path))
        found = []
        for planned in self.plan():
            path = self.data_home / planned.relative
            found.append(FoundFile(planned.kind, path, state_of(planned, _read(path), recorded)))
        return found

    def is_installed(self) -> bool:
        """Whether a menu shows FocusDesk from this folder (in any version)."""
        return any(f.kind == "entry" and f.state.ours for f in self.status())

    def packaged_entry(self) -> Path | None:
        """An entry a package (or Flatpak) put in the system's folders, if any."""
        for folder in self.system_dirs:
            candidate = folder / "applications" / f"{APP_ID}.desktop"
            if candidate.is_file():
                return candidate
        return None

    def in_menu(self) -> bool:
        """Whether a menu shows FocusDesk already, from this folder or from a package;
        the welcome guide offers the entry only when not, since one here would hide the
        package's (same ID) and with it the package's future changes."""
        return self.is_installed() or self.packaged_entry() is not None

    def install(self) -> Outcome:
        """All or nothing as far as others' files go: one of them in the way stops
        everything before a byte is written."""
        found = self.status()
        foreign = [f.path for f in found if f.state is FileState.FOREIGN]
        if foreign:
            more = f" (and {len(foreign) - 1} more)" if len(foreign) > 1 else ""
            raise DesktopEntryError(
                f"{foreign[0]}{more} exists and is not FocusDesk's; move it away, then try again"
            )
        written = []
        for planned, now in zip(self.plan(), found, strict=True):
            if now.state is not FileState.CURRENT:
                _write_public(now.path, planned.content)
                written.append(now.path)
        self._refresh_caches()
        return Outcome(tuple(written))

    def remove(self) -> Outcome:
        """The entry goes first, so the menu never offers FocusDesk without its files."""
        removed, kept = [], []
        for found in reversed(self.status()):
            if found.state is FileState.FOREIGN:
                kept.append(found.path)
            elif found.state is not FileState.MISSING:
                _remove(found.path)
                removed.append(found.path)
        for path in removed:
            self._prune_empty(path.parent)
        self._refresh_caches()
        return Outcome(tuple(removed), tuple(kept))

    # -- around the files --------------------------------------------------------------------

    def _refresh_caches(self) -> None:
        """Menus and icon themes that keep caches see the change at once; without the
        tools (or when they fail) desktops still find the files, a little later."""
        tools = [
            ["update-desktop-database", "-q", str(self.data_home / "applications")],
            ["gtk-update-icon-cache", "-q", "-t", "-f", str(self.data_home / "icons" / "hicolor")],
        ]
        for argv in tools:
            if not Path(argv[-1]).is_dir():
                continue
            program = self._which(argv[0])
            if program is None:
                log.info("%s is not installed; menus pick up the change later", argv[0])
                continue
            try:
                self._run_tool([program, *argv[1:]])
            except (OSError, subprocess.SubprocessError) as exc:
                log.warning("%s failed (ignored, the menu entry is in place): %s", argv[0], exc)

    def _prune_empty(self, folder: Path) -> None:
        """Folders the install made and nothing else uses; never above the data folder."""
        while folder != self.data_home and self.data_home in folder.parents:
            try:
                folder.rmdir()
            except OSError:
                return
            folder = folder.parent


def desktop_entry_for(
    command: Sequence[str],
    *,
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
) -> DesktopEntry | None:
    """The menu entry for this system; None where menus do not work this way."""
    if not is_xdg_platform(platform):
        return None
    from focusdesk.services.resources import resource_dir

    return DesktopEntry(
        data_home(environ, home), command, resource_dir(), system_dirs=data_dirs(environ)
    )


def _read(path: Path) -> bytes | None:
    """The file now; None when there is none. A folder reads as an empty file: no file
    of FocusDesk's is empty, so it counts as someone else's and stays."""
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # a file where a folder should be
        return None  # is not there either; writing will say what is in the way
    except IsADirectoryError:
        return b""
    except OSError as exc:
        raise DesktopEntryError(f"cannot read {path}: {exc.strerror}") from None


def _write_public(path: Path, content: bytes) -> None:
    """Written beside the target and renamed, so a menu never reads half a file; 0644
    whatever the umask, since the desktop's indexers may run as other users."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), FILE_MODE)
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, path)
    except OSError as exc:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        raise DesktopEntryError(f"cannot write {path}: {exc.strerror}") from None


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise DesktopEntryError(f"cannot remove {path}: {exc.strerror}") from None


def _run_quietly(argv: Sequence[str]) -> None:
    done = subprocess.run(list(argv), capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0:
        log.warning(
            "%s exited with %d (ignored): %s",
            Path(argv[0]).name,
            done.returncode,
            (done.stderr or done.stdout).strip()[:300],
        )
