"""The closed vocabularies of the domain.

They are string enums so that the values people type on the command line, the
values in exports and the values in the database are one and the same.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from focusdesk.core.errors import ValidationError


class Purpose(StrEnum):
    PROSPECTING = "prospecting"
    FOLLOW_UP = "follow-up"
    CONTENT = "content"
    COMMUNITY = "community"
    CLEAN_UP = "clean-up"


class Outcome(StrEnum):
    MET = "met"
    PARTLY = "partly"
    MISSED = "missed"


class Category(StrEnum):
    BUSINESS = "business"
    CASUAL = "casual"
    NEUTRAL = "neutral"


class Source(StrEnum):
    AUTO = "auto"
    MANUAL = "manual"
    IMPORT = "import"


class InteractionKind(StrEnum):
    VALUE = "value"
    PITCH = "pitch"
    FOLLOW_UP = "follow-up"
    CONVERSATION = "conversation"
    DIALOG_EXIT = "dialog-exit"
    POST_REMOVED = "post-removed"


class RuleField(StrEnum):
    APP = "app"
    TITLE = "title"
    URL = "url"


class EndReason(StrEnum):
    """Why a session ended; a recovered session was closed by the app, not the user."""

    STOPPED = "stopped"
    RECOVERED = "recovered"


E = TypeVar("E", bound=StrEnum)


def parse_choice(enum: type[E], value: str, what: str) -> E:
    """Turn user text into an enum member, with a message that lists the choices."""
    try:
        return enum(value.strip().lower())
    except ValueError:
        choices = ", ".join(m.value for m in enum)
        raise ValidationError(what, f"{what} must be one of: {choices} (got {value!r})") from None
