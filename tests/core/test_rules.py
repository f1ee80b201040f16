from __future__ import annotations

import pytest

from focusdesk.core.activity import WindowKey
from focusdesk.core.enums import Category, RuleField
from focusdesk.core.errors import ValidationError
from focusdesk.core.rules import Classifier, Rule, check_pattern


def rule(
    pattern: str, category: Category, position: int, field: RuleField = RuleField.TITLE
) -> Rule:
    return Rule(field, pattern, category, position)


def test_first_matching_rule_in_position_order_wins() -> None:
    classifier = Classifier(
        [rule("facebook", Category.CASUAL, 2), rule(r"messenger", Category.BUSINESS, 1)]
    )
    assert classifier.classify(WindowKey("firefox", "Messenger | Facebook")) is Category.BUSINESS
    assert classifier.classify(WindowKey("firefox", "(3) Facebook")) is Category.CASUAL
    assert classifier.classify(WindowKey("code", "main.py")) is Category.NEUTRAL


def test_rules_match_case_insensitively_on_the_chosen_field() -> None:
    classifier = Classifier(
        [
            rule("^STEAM$", Category.CASUAL, 0, RuleField.APP),
            rule("crm", Category.BUSINESS, 1, RuleField.URL),
        ]
    )
    assert classifier.classify(WindowKey("steam", "Library")) is Category.CASUAL
    assert classifier.classify(WindowKey("firefox", "Steam deals")) is Category.NEUTRAL
    assert (
        classifier.classify(WindowKey("firefox", "Leads", "https://crm.example/leads"))
        is Category.BUSINESS
    )


def test_match_names_the_deciding_rule() -> None:
    decisive = rule("inbox", Category.BUSINESS, 0)
    classifier = Classifier([decisive])
    assert classifier.match(WindowKey("x", "Inbox (2)")) == decisive
    assert classifier.match(WindowKey("x", "Feed")) is None


@pytest.mark.parametrize(
    ("pattern", "fragment"), [("", "empty"), ("(unclosed", "not a valid"), ("a" * 301, "too long")]
)
def test_bad_patterns_are_explained(pattern: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_pattern(pattern)
    assert fragment in info.value.message
