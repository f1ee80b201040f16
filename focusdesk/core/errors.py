"""Errors the domain raises for people, not for programmers.

Every message is written to be shown as is: beside a field in the UI or as
the one line on stderr of the CLI.
"""

from __future__ import annotations


class FocusDeskError(Exception):
    """Base of all errors that carry a message meant for the user."""


class ValidationError(FocusDeskError):
    """Input that cannot be accepted; ``field`` names what to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class ConflictError(FocusDeskError):
    """The request clashes with the current state (a session already runs, none runs)."""
