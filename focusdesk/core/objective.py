"""Checking a session objective: refuse what cannot be stored, coach what is vague.

Priority 1 of the seeds is "a definite purpose for each session". A person
who types "facebook" has not stated a purpose, but refusing them would only
teach them to type anything; so vagueness earns a hint, never a refusal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from focusdesk.core.errors import ValidationError

MIN_LENGTH = 3
MAX_LENGTH = 200

# Verbs people use for concrete social-media business work. A match anywhere
# (as a word prefix, so "messaging" and "replied" count) means an action.
_ACTION_VERBS = (
    "answer",
    "ask",
    "book",
    "call",
    "chat",
    "check",
    "clean",
    "comment",
    "congratulat",
    "connect",
    "contact",
    "create",
    "delete",
    "draft",
    "edit",
    "engage",
    "film",
    "finish",
    "follow",
    "greet",
    "help",
    "invite",
    "join",
    "like",
    "list",
    "message",
    "meet",
    "pitch",
    "plan",
    "post",
    "prepare",
    "prospect",
    "publish",
    "reach",
    "record",
    "remove",
    "reply",
    "respond",
    "review",
    "schedule",
    "send",
    "share",
    "start",
    "thank",
    "tag",
    "text",
    "update",
    "upload",
    "welcome",
    "write",
    "dm",
    "introduce",
    "offer",
    "research",
    "find",
    "add",
    "close",
    "set",
    "book",
    "sign",
    "onboard",
    "train",
    "teach",
    "host",
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_NUMBER = re.compile(r"\d")
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty "
    "every all each".split()
)


@dataclass(frozen=True, slots=True)
class ObjectiveCheck:
    text: str
    hint: str | None


def check_objective(raw: str | None, *, has_target: bool = False) -> ObjectiveCheck:
    """Normalise an objective; raise ValidationError if it cannot be accepted."""
    if raw is None or not raw.strip():
        raise ValidationError(
            "objective", "An objective is required: what will this session achieve?"
        )
    text = raw.strip()
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise ValidationError(
            "objective", "The objective contains control characters; type it as plain text."
        )
    text = " ".join(text.split())
    if len(text) < MIN_LENGTH:
        raise ValidationError(
            "objective",
            f"The objective is too short ({len(text)} characters; at least {MIN_LENGTH}).",
        )
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            "objective",
            f"The objective is too long ({len(text)} characters; at most {MAX_LENGTH}).",
        )
    return ObjectiveCheck(text, vagueness_hint(text, has_target=has_target))


def vagueness_hint(text: str, *, has_target: bool = False) -> str | None:
    """A coaching sentence when the objective lacks an action or a measure."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) <= 1:
        return (
            "One word is a place, not a purpose. Say what you will do there, "
            'e.g. "Reply to 5 comments in my group".'
        )
    has_verb = any(w.startswith(verb) for w in words for verb in _ACTION_VERBS)
    has_number = has_target or bool(_NUMBER.search(text)) or any(w in _NUMBER_WORDS for w in words)
    if not has_verb and not has_number:
        return 'Add an action and a number, e.g. "Message 5 people who commented".'
    if not has_verb:
        return 'Start with what you will do, e.g. "Send", "Reply to", "Invite".'
    if not has_number:
        return 'Make it measurable: how many? e.g. "… 5 people" (or set a target).'
    return None
