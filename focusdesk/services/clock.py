"""The real clock, given to services by whoever builds them (CLI, app)."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo


def system_clock() -> datetime:
    return datetime.now(UTC)


def local_zone() -> tzinfo:
    """The user's zone (honours $TZ), read once per process by the caller."""
    import tzlocal

    return tzlocal.get_localzone()
