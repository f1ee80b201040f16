"""The files of FocusDesk's applications-menu entry, and how to tell them from others'.

Every path is named by the application ID, but a file there may still be
someone else's (a hand-made entry, a customised icon). FocusDesk counts as
its own: exactly what it would write now, the files as shipped (copied by
hand from the bundle's share/), an entry carrying its mark, and the files
that marked entry lists by their digest, which is what lets an upgrade
replace the icons of an earlier version without trusting anything else.

Reads only FocusDesk's own shipped files; what is in place is read (and written)
by desktop_entry, which hands the contents in here.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from focusdesk.core.errors import FocusDeskError
from focusdesk.services.autostart import APP_ID
from focusdesk.services.autostart_linux import exec_value

MARK_KEY = "X-FocusDesk-Files"
_ICON_NAME = re.compile(r"^focusdesk-(\d+)\.png$")
_DIGEST_CHARS = 16  # tells our own files apart from others', not a security check


class DesktopEntryError(FocusDeskError):
    """The menu entry could not be written or removed; the message says what to do."""


class FileState(Enum):
    CURRENT = "installed"  # exactly what install writes
    OUTDATED = "outdated"  # FocusDesk's, from another version or for another command
    MISSING = "missing"
    FOREIGN = "not FocusDesk's"

    @property
    def ours(self) -> bool:
        return self in (FileState.CURRENT, FileState.OUTDATED)


@dataclass(frozen=True)
class PlannedFile:
    """One file of the menu entry: where it goes, what it holds, what counts as ours there."""

    kind: str  # "entry", "icon", "metainfo"
    relative: str  # below $XDG_DATA_HOME
    content: bytes
    shipped: bytes  # the resource as shipped


def planned_files(resources: Path, command: Sequence[str]) -> list[PlannedFile]:
    """Every file, the entry last: a menu never shows it before its icon is there."""
    companions = [*_icons(resources / "icons"), _metainfo(resources / "desktop")]
    return [*companions, _entry(resources / "desktop", command, companions)]


def state_of(planned: PlannedFile, content: bytes | None, recorded: Mapping[str, str]) -> FileState:
    """``content``: the file in place (None: none); ``recorded``: see ``recorded_digests``."""
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


def recorded_digests(entry: bytes | None) -> dict[str, str]:
    """The files the entry in place says it brought, by their digest."""
    record = _mark_of(entry) if entry is not None else None
    digests = {}
    for item in (record or "").split(";"):
        relative, _, digest = item.rpartition(":")
        if relative:
            digests[relative] = digest
    return digests


def _icons(folder: Path) -> list[PlannedFile]:
    sizes = sorted(
        int(match.group(1))
        for match in (_ICON_NAME.match(png.name) for png in folder.glob("focusdesk-*.png"))
        if match
    )
    planned = [
        _shipped("icon", f"icons/hicolor/{n}x{n}/apps/{APP_ID}.png", folder / f"focusdesk-{n}.png")
        for n in sizes
    ]
    planned.append(
        _shipped("icon", f"icons/hicolor/scalable/apps/{APP_ID}.svg", folder / "focusdesk.svg")
    )
    return planned


def _metainfo(folder: Path) -> PlannedFile:
    source = folder / f"{APP_ID}.metainfo.xml"
    return _shipped("metainfo", f"metainfo/{APP_ID}.metainfo.xml", source)


def _entry(folder: Path, command: Sequence[str], companions: Sequence[PlannedFile]) -> PlannedFile:
    """The shipped entry with this FocusDesk's command, and the mark listing its files."""
    shipped = _read_resource(folder / f"{APP_ID}.desktop")
    lines = [
        f"Exec={exec_value(command)}" if line.startswith("Exec=") else line
        for line in shipped.decode("utf-8").splitlines()
    ]
    record = ";".join(f"{p.relative}:{_digest(p.content)}" for p in companions)
    lines.append(f"{MARK_KEY}={record};")
    content = ("\n".join(lines) + "\n").encode("utf-8")
    return PlannedFile("entry", f"applications/{APP_ID}.desktop", content, shipped)


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


def _mark_of(content: bytes) -> str | None:
    for line in content.decode("utf-8", errors="replace").splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() == MARK_KEY:
            return value.strip()
    return None


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:_DIGEST_CHARS]
