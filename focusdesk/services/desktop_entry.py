"""FocusDesk in the applications menu of a Linux desktop, for a pip install or the bundle.

A distribution package puts the desktop entry, icons and AppStream metainfo
under /usr/share; someone who ran ``pip install .`` or unpacked the bundle
has none of that, so no menu shows FocusDesk. Desktops also read
``$XDG_DATA_HOME`` (by default ~/.local/share), which needs no root: the
entry goes to ``applications/``, the icons to ``icons/hicolor/``, the
metainfo to ``metainfo/``, each named by the application ID.

The entry's Exec is the command that started this FocusDesk (the same one
the log-in entry uses), so the menu starts this install with its own data.

Those paths may hold someone else's file (a hand-made entry, a customised
icon); FocusDesk replaces or removes only files it can tell are its own: the
ones shipped with it, the entry it wrote (marked with ``X-FocusDesk-Files``),
and the files that entry lists by their digest, which keeps an upgrade
(with new icons) possible without trusting anything else at those names.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from focusdesk.core.errors import FocusDeskError
from focusdesk.services.autostart import APP_ID
from focusdesk.services.autostart_linux import exec_value

log = logging.getLogger(__name__)

FILE_MODE = 0o644  # menus, icon themes and software centres of every user may read these
_MARK_KEY = "X-FocusDesk-Files"
_ICON_NAME = re.compile(r"^focusdesk-(\d+)\.png$")
_DIGEST_CHARS = 16  # tells our own files apart from others', not a security check

ToolRunner = Callable[[Sequence[str]], None]


class DesktopEntryError(FocusDeskError):
    """The menu entry could not be written or removed; the message says what to do."""


class FileState(Enum):
    CURRENT = "installed"  # exactly what install writes
    OUTDATED = "outdated"  # FocusDesk's, from another version or for another command
    MISSING = "missing"
    FOREIGN = "not FocusDesk's"


@dataclass(frozen=True)
class PlannedFile:
    """One file of the menu entry: where it goes, what it holds, what counts as ours there."""

    kind: str  # "entry", "icon", "metainfo"
    relative: str  # below $XDG_DATA_HOME
    content: bytes
    shipped: bytes  # the resource as shipped (copied by hand from the bundle's share/)


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


class DesktopEntry:
    """Installs, removes and reports the menu entry below one data folder."""

    def __init__(
        self,
        data_home: Path,
        command: Sequence[str],
        resources: Path,
        *,
        run_tool: ToolRunner | None = None,
        which: Callable[[str], str | None] = shutil.which,
    ) -> None:
        self.data_home = data_home
        self.command = list(command)
        self.resources = resources
        self._run_tool = run_tool or _run_quietly
        self._which = which

    @property
    def entry_path(self) -> Path:
        return self.data_home / "applications" / f"{APP_ID}.desktop"

    def plan(self) -> list[PlannedFile]:
        """Every file, the entry last: a menu never shows it before its icon is there."""
        companions = [*self._icons(), self._metainfo()]
        return [*companions, self._entry(companions)]

    def status(self) -> list[FoundFile]:
        planned = self.plan()
        recorded = self._recorded_digests()
        return [
            FoundFile(p.kind, self.data_home / p.relative, self._state(p, recorded))
            for p in planned
        ]

    def is_installed(self) -> bool:
        """Whether a menu shows FocusDesk from this folder (in any version)."""
        return any(
            f.kind == "entry" and f.state in (FileState.CURRENT, FileState.OUTDATED)
            for f in self.status()
        )

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

    # -- the files ---------------------------------------------------------------------------

    def _icons(self) -> list[PlannedFile]:
        icons = self.resources / "icons"
        sizes = sorted(
            int(match.group(1))
            for match in (_ICON_NAME.match(png.name) for png in icons.glob("focusdesk-*.png"))
            if match
        )
        planned = [
            _shipped(
                "icon", f"icons/hicolor/{n}x{n}/apps/{APP_ID}.png", icons / f"focusdesk-{n}.png"
            )
            for n in sizes
        ]
        planned.append(
            _shipped("icon", f"icons/hicolor/scalable/apps/{APP_ID}.svg", icons / "focusdesk.svg")
        )
        return planned

    def _metainfo(self) -> PlannedFile:
        source = self.resources / "desktop" / f"{APP_ID}.metainfo.xml"
        return _shipped("metainfo", f"metainfo/{APP_ID}.metainfo.xml", source)

    def _entry(self, companions: Sequence[PlannedFile]) -> PlannedFile:
        """The shipped entry with this FocusDesk's command, and the mark listing its files."""
        shipped = _read_resource(self.resources / "desktop" / f"{APP_ID}.desktop")
        lines = [
            f"Exec={exec_value(self.command)}" if line.startswith("Exec=") else line
            for line in shipped.decode("utf-8").splitlines()
        ]
        record = ";".join(f"{p.relative}:{_digest(p.content)}" for p in companions)
        lines.append(f"{_MARK_KEY}={record};")
        content = ("\n".join(lines) + "\n").encode("utf-8")
        return PlannedFile("entry", f"applications/{APP_ID}.desktop", content, shipped)

    # -- whose file is it --------------------------------------------------------------------

    def _state(self, planned: PlannedFile, recorded: Mapping[str, str]) -> FileState:
        path = self.data_home / planned.relative
        content = _read(path)
        if content is None:
            return FileState.MISSING
        if content == planned.content:
            return FileState.CURRENT
        if content == planned.shipped:
            return FileState.OUTDATED
        if planned.kind == "entry":
            return FileState.OUTDATED if _mark_of(content) is not None else FileState.FOREIGN
        if recorded.get(planned.relative) == _digest(content):
            return FileState.OUTDATED
        return FileState.FOREIGN

    def _recorded_digests(self) -> dict[str, str]:
        """The files the entry in place says it brought, by their digest."""
        content = _read(self.entry_path)
        record = _mark_of(content) if content is not None else None
        digests = {}
        for item in (record or "").split(";"):
            relative, _, digest = item.rpartition(":")
            if relative:
                digests[relative] = digest
        return digests

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

    return DesktopEntry(data_home(environ, home), command, resource_dir())


def _shipped(kind: str, relative: str, source: Path) -> PlannedFile:
    content = _read_resource(source)
    return PlannedFile(kind, relative, content, content)


def _read_resource(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DesktopEntryError(
            f"cannot read {path}: {exc.strerror}; this FocusDesk is missing its files, reinstall it"
        ) from None


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


def _mark_of(content: bytes) -> str | None:
    for line in content.decode("utf-8", errors="replace").splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() == _MARK_KEY:
            return value.strip()
    return None


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:_DIGEST_CHARS]


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
