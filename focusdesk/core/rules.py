"""Classification rules: which windows are business, casual or neutral.

Rules are checked in order; the first whose pattern matches the chosen field
wins, and a window no rule matches is neutral. Patterns are Python regular
expressions matched case-insensitively anywhere in the field. The user's
registered business pages come before everything: a page is always business.
Personal pages come next, before every rule: a personal page is always
casual, and the decision says which one it was (for the personal-page
nudge and the scorecard).

Two defences keep a pattern from hanging the tracker: ``check_pattern``
refuses the shapes that backtrack catastrophically (see ``rule_safety``),
and fields are cut to ``MAX_FIELD_LENGTH`` characters before matching, which
bounds the cost of whatever polynomial backtracking the check lets through
(a title is rarely longer than a few hundred characters; some pages put a
whole paragraph in it).

Classifying many windows fast is ``rule_index``'s job: it narrows 200 rules
down to the few that contain a literal the window has, and those are tried
in rule order, so the answer is always the plain first-match answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from re import _parser

from focusdesk.core.activity import WindowKey
from focusdesk.core.enums import Category, RuleField
from focusdesk.core.errors import ValidationError
from focusdesk.core.rule_index import RuleIndex
from focusdesk.core.rule_pages import page_patterns, personal_patterns
from focusdesk.core.rule_prefilter import Requirements, requirements
from focusdesk.core.rule_safety import MAX_GROUP_DEPTH, MAX_PATTERN_LENGTH, checked_pattern
from focusdesk.core.settings import BusinessPage, PersonalPage

__all__ = [
    "MAX_FIELD_LENGTH",
    "MAX_GROUP_DEPTH",
    "MAX_PATTERN_LENGTH",
    "Classifier",
    "Decision",
    "Rule",
    "SkippedRule",
    "check_pattern",
    "field_value",
]

MAX_FIELD_LENGTH = 1000


@dataclass(frozen=True, slots=True)
class Rule:
    field: RuleField
    pattern: str
    category: Category
    position: int = 0
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """What decided a window: a rule, a business page, a personal page, or nothing (neutral)."""

    category: Category
    rule: Rule | None = None
    page: BusinessPage | None = None
    personal: PersonalPage | None = None


@dataclass(frozen=True, slots=True)
class SkippedRule:
    """A stored rule the classifier will not run, and why (it was saved before a stricter check)."""

    rule: Rule
    reason: str


def check_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a user's pattern or explain why it cannot be used (empty, too long, unsafe)."""
    return checked_pattern(pattern)[0]


def field_value(window: WindowKey, field: RuleField) -> str:
    """The text a rule on ``field`` sees: at most ``MAX_FIELD_LENGTH`` characters of it."""
    if field == RuleField.APP:
        value = window.app
    elif field == RuleField.TITLE:
        value = window.title
    else:
        value = window.url
    return value[:MAX_FIELD_LENGTH]


class Classifier:
    """A compiled, ordered rule set with a bounded cache of recent answers.

    Window titles repeat all day long (the same inbox, the same group), so a
    small cache turns most classifications into one dictionary lookup;
    ``cache_size=0`` turns it off (for measuring, or one-off batches).
    """

    def __init__(
        self,
        rules: Iterable[Rule],
        cache_size: int = 4096,
        *,
        business_pages: Iterable[BusinessPage] = (),
        personal_pages: Iterable[PersonalPage] = (),
    ) -> None:
        self.rules: tuple[Rule, ...] = tuple(sorted(rules, key=lambda r: r.position))
        self.business_pages: tuple[BusinessPage, ...] = tuple(business_pages)
        self.personal_pages: tuple[PersonalPage, ...] = tuple(personal_pages)
        decisions: list[Decision] = []
        entries: list[tuple[RuleField, re.Pattern[str], Requirements | None]] = []
        skipped: list[SkippedRule] = []
        for field, pattern, page in page_patterns(self.business_pages):
            tree = _parser.parse(pattern, re.IGNORECASE)
            entries.append((field, re.compile(pattern, re.IGNORECASE), requirements(tree)))
            decisions.append(Decision(Category.BUSINESS, None, page))
        personal, skipped_pages = personal_patterns(self.personal_pages)
        for field, regex, tree, personal_page in personal:
            entries.append((field, regex, requirements(tree)))
            decisions.append(Decision(Category.CASUAL, personal=personal_page))
        self.skipped_pages: tuple[tuple[PersonalPage, str], ...] = tuple(skipped_pages)
        for rule in self.rules:
            try:
                regex, tree = checked_pattern(rule.pattern)
            except ValidationError as exc:
                skipped.append(SkippedRule(rule, exc.message))
                continue
            entries.append((rule.field, regex, requirements(tree)))
            decisions.append(Decision(rule.category, rule))
        self.skipped: tuple[SkippedRule, ...] = tuple(skipped)
        self._decisions = tuple(decisions)
        self._index = RuleIndex(entries)
        self._neutral = Decision(Category.NEUTRAL)
        self._cached = lru_cache(maxsize=cache_size)(self._decide) if cache_size else self._decide

    def classify(self, window: WindowKey) -> Category:
        return self._cached(window).category

    def match(self, window: WindowKey) -> Rule | None:
        """The rule that decides this window, for "why is this casual?" answers."""
        return self._cached(window).rule

    def decide(self, window: WindowKey) -> Decision:
        """The category and what decided it: a rule, a business or personal page, or nothing."""
        return self._cached(window)

    def _decide(self, window: WindowKey) -> Decision:
        values = (window.app, window.title, window.url)
        if len(values[1]) > MAX_FIELD_LENGTH or len(values[2]) > MAX_FIELD_LENGTH:
            values = tuple(value[:MAX_FIELD_LENGTH] for value in values)  # type: ignore[assignment]
        elif len(values[0]) > MAX_FIELD_LENGTH:
            values = (values[0][:MAX_FIELD_LENGTH], values[1], values[2])
        position = self._index.first_match(values)
        return self._neutral if position is None else self._decisions[position]
