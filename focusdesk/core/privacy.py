"""Privacy rules: windows that are never recorded, or recorded without their text.

``exclude`` keeps nothing but the fact that some time was excluded (the app
becomes "excluded", no title, no URL, neutral). ``redact`` keeps the app and
the category (classified from the real window first) and drops title and URL.
Private and incognito browser windows are excluded by default. The filter runs
before anything is written, so excluded text never reaches the database, the
log, an export or a backup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from focusdesk.core.activity import WindowKey
from focusdesk.core.enums import RuleField
from focusdesk.core.errors import ValidationError
from focusdesk.core.rules import check_pattern

EXCLUDED = WindowKey("excluded", "")

# Title markers browsers put on private windows (Firefox, Chrome/Chromium/Brave, Edge, Safari).
PRIVATE_WINDOW_PATTERNS = (
    r"private browsing",
    r"\(incognito\)|incognito - ",
    r"\[inprivate\]|inprivate",
    r"\(private\)$|^private browsing",
    r"private window",
)


class PrivacyAction(StrEnum):
    EXCLUDE = "exclude"
    REDACT = "redact"


@dataclass(frozen=True, slots=True)
class PrivacyRule:
    field: RuleField
    pattern: str
    action: PrivacyAction
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Filtered:
    """What may be stored for a window; ``classify_as`` is the window to classify."""

    stored: WindowKey
    classify_as: WindowKey | None
    action: PrivacyAction | None


class PrivacyFilter:
    def __init__(
        self, rules: tuple[PrivacyRule, ...] | list[PrivacyRule], *, private_windows: bool = True
    ) -> None:
        self.rules = tuple(rules)
        self.skipped: list[PrivacyRule] = []
        self._compiled = []
        for rule in self.rules:
            try:
                self._compiled.append((rule.field, check_pattern(rule.pattern), rule.action))
            except ValidationError:
                # Stored before a stricter check: skipped (and shown), never a crash in tracking.
                self.skipped.append(rule)
        self._private = (
            re.compile("|".join(f"(?:{p})" for p in PRIVATE_WINDOW_PATTERNS), re.IGNORECASE)
            if private_windows
            else None
        )

    def apply(self, window: WindowKey) -> Filtered:
        if self._private is not None and self._private.search(window.title):
            return Filtered(EXCLUDED, None, PrivacyAction.EXCLUDE)
        for field, regex, action in self._compiled:
            if regex.search(_value(window, field)):
                if action is PrivacyAction.EXCLUDE:
                    return Filtered(EXCLUDED, None, action)
                return Filtered(WindowKey(window.app, ""), window, action)
        return Filtered(window, window, None)


def _value(window: WindowKey, field: RuleField) -> str:
    if field == RuleField.APP:
        return window.app
    if field == RuleField.TITLE:
        return window.title
    return window.url
