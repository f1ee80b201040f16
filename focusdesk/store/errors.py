"""Storage problems explained in words a user can act on."""

from __future__ import annotations

from focusdesk.core.errors import FocusDeskError


class StoreError(FocusDeskError):
    """The database cannot be used as it is; the message says why and what to do."""


class CorruptDatabaseError(StoreError):
    pass


class NewerSchemaError(StoreError):
    pass
