"""Storage problems explained in words a user can act on."""

from __future__ import annotations

from focusdesk.core.errors import FocusDeskError


class StoreError(FocusDeskError):
    """The database cannot be used as it is; the message says why and what to do."""


class CorruptDatabaseError(StoreError):
    """The file is not a readable SQLite database; it is left untouched."""


class NewerSchemaError(StoreError):
    """A newer FocusDesk wrote this database; downgrading it could lose data."""
