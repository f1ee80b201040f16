"""The real clock and zone, given to services by whoever builds them (CLI, app)."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

log = logging.getLogger(__name__)

# Where the zone is configured on Linux, the BSDs and macOS: the files tzlocal
# reads. Their status (not their contents) tells whether a re-read is needed.
ZONE_FILES = (
    "/etc/localtime",
    "/etc/timezone",
    "/var/db/zoneinfo",
    "/etc/sysconfig/clock",
    "/etc/conf.d/clock",
    "/usr/local/etc/localtime",
)

Signature = tuple[object, ...]


def system_clock() -> datetime:
    return datetime.now(UTC)


def local_zone() -> tzinfo:
    """The user's zone (honours $TZ), read once per process by the caller."""
    import tzlocal

    return tzlocal.get_localzone()


def zone_config_signature(files: tuple[str, ...] = ZONE_FILES) -> Signature | None:
    """What the zone configuration looks like from outside: $TZ and each file's
    identity, size and time (a symlink's target too). None where the zone lives
    elsewhere (the Windows registry): then only a full read can tell."""
    if sys.platform == "win32":
        return None
    parts: list[object] = [os.environ.get("TZ")]
    for path in files:
        try:
            st = os.stat(path, follow_symlinks=False)
        except OSError:
            parts.append(None)
            continue
        target = os.readlink(path) if os.path.islink(path) else None
        parts.append((st.st_ino, st.st_size, st.st_mtime_ns, target))
    return tuple(parts)


class SystemZoneSource:
    """The system's current zone, re-read only when its configuration changed.

    Called every few seconds on the GUI thread, so the usual call is a few
    ``stat`` calls; tzlocal (which caches its answer for the process) is asked
    again only when they differ. The C library's own zone is reset too
    (``time.tzset``), so log timestamps follow the new zone. A configuration
    caught half-written (tzlocal refuses conflicting files) keeps the last
    good zone and is read again at the next call.
    """

    def __init__(
        self, files: tuple[str, ...] = ZONE_FILES, read: Callable[[], tzinfo] | None = None
    ) -> None:
        self._files = files
        self._read = read or _reload_localzone
        self._signature: Signature | None = None
        self._zone: tzinfo | None = None

    def __call__(self) -> tzinfo:
        signature = zone_config_signature(self._files)
        if self._zone is not None and signature is not None and signature == self._signature:
            return self._zone
        try:
            zone = self._read()
        except Exception as exc:  # ZoneInfoNotFoundError, a file being replaced
            if self._zone is None:
                raise
            log.debug("cannot read the system time zone yet: %s", exc)
            return self._zone
        self._zone, self._signature = zone, signature
        return zone


def _reload_localzone() -> tzinfo:
    """tzlocal's answer read afresh, with the C library's zone reset first (not on Windows)."""
    import tzlocal

    if hasattr(time, "tzset"):
        time.tzset()
    return tzlocal.reload_localzone()
