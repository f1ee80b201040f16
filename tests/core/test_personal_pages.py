"""Personal pages in the classifier: casual, named, after business pages, before rules."""

from __future__ import annotations

import pytest

from focusdesk.core.activity import WindowKey
from focusdesk.core.enums import Category, RuleField
from focusdesk.core.rules import Classifier, Rule
from focusdesk.core.settings import BusinessPage, PersonalPage

BUSINESS = BusinessPage("Glow & Grow", "https://www.facebook.com/glowgrow/")
MINE = PersonalPage("Anna Private", "https://facebook.com/anna.private")
CATS = PersonalPage("Cat pictures", pattern=r"\bkitten(s)?\b")
BUSINESS_RULE = Rule(RuleField.TITLE, "facebook", Category.BUSINESS, 0)


def classifier(*rules: Rule) -> Classifier:
    return Classifier(list(rules), business_pages=[BUSINESS], personal_pages=[MINE, CATS])


@pytest.mark.parametrize(
    ("title", "url", "page"),
    [
        ("Anything", "https://www.facebook.com/anna.private/photos", MINE),
        ("(2) anna  PRIVATE | Facebook", "", MINE),
        ("Kittens | Facebook", "", CATS),
        ("Facebook", "https://facebook.com/groups/kitten", CATS),
    ],
)
def test_personal_pages_are_casual_and_named_by_address_name_or_pattern(
    title: str, url: str, page: PersonalPage
) -> None:
    decision = classifier(BUSINESS_RULE).decide(WindowKey("firefox", title, url))
    assert decision.category is Category.CASUAL
    assert decision.personal == page and decision.rule is None and decision.page is None


def test_windows_that_are_not_personal_pages_fall_through_to_the_rules() -> None:
    decision = classifier(BUSINESS_RULE).decide(
        WindowKey("firefox", "Messenger | Facebook", "https://facebook.com/anna.privateer")
    )
    assert decision.category is Category.BUSINESS and decision.rule == BUSINESS_RULE
    assert decision.personal is None


def test_business_pages_win_over_personal_pages() -> None:
    decision = classifier().decide(WindowKey("firefox", "Glow & Grow: kittens for sale", ""))
    assert decision.category is Category.BUSINESS and decision.page == BUSINESS
    assert decision.personal is None


def test_an_unsafe_stored_pattern_is_skipped_but_the_page_still_matches_by_address() -> None:
    risky = PersonalPage("Old", "https://old.example/me", pattern=r"(a+)+$")
    c = Classifier([], personal_pages=[risky])
    assert [page for page, _reason in c.skipped_pages] == [risky]
    assert c.decide(WindowKey("x", "aaaa", "")).personal is None
    assert c.decide(WindowKey("x", "t", "https://old.example/me/feed")).personal == risky


def test_a_page_with_only_a_pattern_matches_nothing_else() -> None:
    c = Classifier([], personal_pages=[CATS])
    assert c.decide(WindowKey("x", "Cat pictures", "")).personal == CATS  # its name
    assert c.decide(WindowKey("x", "Dogs", "")).category is Category.NEUTRAL
