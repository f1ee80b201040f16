"""Classification rules: which windows are business, casual or neutral.

Rules are checked in order; the first whose pattern matches the chosen field
wins, and a window no rule matches is neutral. Patterns are Python regular
expressions matched case-insensitively anywhere in the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from focusdesk.core.activity import WindowKey
from focusdesk.core.enums import Category, RuleField
from focusdesk.core.errors import ValidationError

MAX_PATTERN_LENGTH = 300


@dataclass(frozen=True, slots=True)
class Rule:
    field: RuleField
    pattern: str
    category: Category
    position: int = 0
    id: int | None = None


def check_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a user's pattern or explain why it cannot be used."""
    if not pattern or not pattern.strip():
        raise ValidationError("pattern", "The pattern is empty.")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ValidationError(
            "pattern",
            f"The pattern is too long ({len(pattern)} characters; at most {MAX_PATTERN_LENGTH}).",
        )
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValidationError(
            "pattern", f"The pattern is not a valid regular expression: {exc}"
        ) from None


class Classifier:
    """A compiled, ordered rule set with a bounded cache of recent answers.

    Window titles repeat all day long (the same inbox, the same group), so a
    small cache turns most classifications into one dictionary lookup.
    """

    def __init__(self, rules: Iterable[Rule], cache_size: int = 4096) -> None:
        ordered = sorted(rules, key=lambda r: r.position)
        self.rules: tuple[Rule, ...] = tuple(ordered)
        self._compiled = tuple((r.field, check_pattern(r.pattern), r.category) for r in ordered)
        self._cached = lru_cache(maxsize=cache_size)(self._classify)

    def classify(self, window: WindowKey) -> Category:
        return self._cached(window)

    def match(self, window: WindowKey) -> Rule | None:
        """The rule that decides this window, for "why is this casual?" answers."""
        for rule, (field, regex, _category) in zip(self.rules, self._compiled, strict=True):
            if regex.search(_field_value(window, field)):
                return rule
        return None

    def _classify(self, window: WindowKey) -> Category:
        for field, regex, category in self._compiled:
            if regex.search(_field_value(window, field)):
                return category
        return Category.NEUTRAL


def _field_value(window: WindowKey, field: RuleField) -> str:
    if field == RuleField.APP:
        return window.app
    if field == RuleField.TITLE:
        return window.title
    return window.url
