"""A focus session as the domain sees it, and the rules for extending it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from focusdesk.core.enums import EndReason, Outcome, Purpose
from focusdesk.core.errors import ConflictError, ValidationError
from focusdesk.core.timebox import TimeBox

MAX_TARGET = 10_000
MAX_NOTE = 1_000


@dataclass(frozen=True, slots=True)
class ExtensionPolicy:
    """How far a box may be stretched; strict mode allows no extension at all."""

    max_extensions: int = 2
    strict: bool = False

    def refusal(self, extensions_so_far: int) -> str | None:
        """Why another extension is not allowed, or None when it is."""
        if self.strict:
            return "Strict mode is on: this session cannot be extended."
        if extensions_so_far >= self.max_extensions:
            return (
                f"This session has already been extended {extensions_so_far} time(s); "
                f"the limit is {self.max_extensions}. Time to move on."
            )
        return None

    def check(self, extensions_so_far: int) -> None:
        reason = self.refusal(extensions_so_far)
        if reason is not None:
            raise ConflictError(reason)


@dataclass(frozen=True, slots=True)
class FocusSession:
    id: int
    objective: str
    purpose: Purpose
    target: int | None
    planned_minutes: int
    started_at: datetime
    deadline: datetime
    ended_at: datetime | None = None
    extensions: int = 0
    outcome: Outcome | None = None
    outcome_count: int | None = None
    outcome_note: str | None = None
    end_reason: EndReason | None = None
    device: str | None = None

    @property
    def box(self) -> TimeBox:
        return TimeBox(self.started_at, self.deadline)

    @property
    def running(self) -> bool:
        return self.ended_at is None

    @property
    def planned_s(self) -> int:
        return self.planned_minutes * 60

    def overrun(self, now: datetime) -> timedelta:
        """Overrun so far for a running session, final overrun for an ended one."""
        return self.box.overrun(self.ended_at or now)

    def remaining(self, now: datetime) -> timedelta:
        return timedelta(0) if self.ended_at else self.box.remaining(now)


def check_target(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_TARGET:
        raise ValidationError("target", f"target must be a whole number from 1 to {MAX_TARGET}")
    return value


def check_outcome_count(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_TARGET:
        raise ValidationError("count", f"count must be a whole number from 0 to {MAX_TARGET}")
    return value


def check_note(value: str | None, field: str = "note") -> str | None:
    if value is None:
        return None
    text = value.strip()
    if len(text) > MAX_NOTE:
        raise ValidationError(
            field, f"{field} is too long ({len(text)} characters; at most {MAX_NOTE})"
        )
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in text):
        raise ValidationError(field, f"{field} contains control characters")
    return text or None
