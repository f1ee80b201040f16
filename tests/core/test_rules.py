from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusdesk.core.activity import WindowKey
from focusdesk.core.enums import Category, RuleField
from focusdesk.core.errors import ValidationError
from focusdesk.core.rule_prefilter import FOLDS_TO_ASCII, UNSPLITTABLE, fold, requirements
from focusdesk.core.rule_safety import checked_pattern
from focusdesk.core.rules import MAX_FIELD_LENGTH, Classifier, Rule, check_pattern, field_value
from focusdesk.core.settings import BusinessPage


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


def test_a_stored_rule_that_is_now_refused_is_skipped_not_fatal() -> None:
    hanging = rule(r"^(a+)+$", Category.CASUAL, 0)
    classifier = Classifier([hanging, rule("inbox", Category.BUSINESS, 1)])
    assert [s.rule for s in classifier.skipped] == [hanging]
    assert "hang" in classifier.skipped[0].reason
    assert classifier.classify(WindowKey("x", "a" * 5000 + "!")) is Category.NEUTRAL
    assert classifier.classify(WindowKey("x", "Inbox")) is Category.BUSINESS


def test_rules_see_at_most_the_first_thousand_characters() -> None:
    classifier = Classifier([rule("needle", Category.CASUAL, 0)])
    early = "needle " + "x" * 2000
    late = "x" * MAX_FIELD_LENGTH + " needle"
    assert classifier.classify(WindowKey("x", early)) is Category.CASUAL
    assert classifier.classify(WindowKey("x", late)) is Category.NEUTRAL
    assert field_value(WindowKey("x", late), RuleField.TITLE) == "x" * MAX_FIELD_LENGTH


def test_the_cache_can_be_turned_off_without_changing_answers() -> None:
    rules = [rule(r"\binbox\b", Category.BUSINESS, 0), rule("reels", Category.CASUAL, 1)]
    cached, uncached = Classifier(rules), Classifier(rules, cache_size=0)
    for title in ("Inbox", "Reels | Facebook", "Docs", "Inbox"):
        window = WindowKey("x", title)
        assert cached.decide(window) == uncached.decide(window)


# --------------------------------------------------------------------------- business pages

PAGE = BusinessPage("Glow & Grow", "https://www.facebook.com/glowgrow/")


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        ("Anything", "https://facebook.com/glowgrow", True),
        ("Anything", "http://www.facebook.com/glowgrow/posts/123?ref=x", True),
        ("Anything", "https://m.facebook.com/glowgrowing", False),
        ("Anything", "https://www.facebook.com/glowgrowing", False),
        ("(3) glow  &  GROW | Facebook", "", True),
        ("Glow & Growth Hacks | Facebook", "", False),
        ("MyGlow & Grow", "", False),
    ],
)
def test_business_pages_are_business_by_address_or_name(
    title: str, url: str, expected: bool
) -> None:
    casual_everything = rule(".", Category.CASUAL, 0)
    classifier = Classifier([casual_everything], business_pages=[PAGE])
    decision = classifier.decide(WindowKey("firefox", title, url))
    if expected:
        assert decision.category is Category.BUSINESS and decision.page == PAGE
        assert decision.rule is None and classifier.match(WindowKey("firefox", title, url)) is None
    else:
        assert decision.category is Category.CASUAL and decision.page is None


def test_a_page_name_that_ends_in_a_symbol_still_needs_whole_words() -> None:
    classifier = Classifier([], business_pages=[BusinessPage("Coach+", "https://coach.example")])
    assert classifier.classify(WindowKey("x", "Coach+ | Facebook")) is Category.BUSINESS
    assert classifier.classify(WindowKey("x", "Coach+x | Facebook")) is Category.NEUTRAL
    assert classifier.classify(WindowKey("x", "Coaching")) is Category.NEUTRAL


# --------------------------------------------------------------------------- fast == simple

PATTERNS = (
    r"\b(messenger|inbox|messages|chats?)\b",
    r"\bgroups?\b.*\b(facebook|linkedin)\b|\b(facebook|linkedin)\b.*\bgroups?\b",
    r"^(\(\d+\+?\) )?(facebook|instagram|x)( [-–—] [^-–—]*)?$",
    r"^(steam|spotify)$",
    r"^Team Alpha \| Facebook Groups$",
    r"(^|\.)paypal\.(com|de)/",
    r"canva",
    r"sales nav",
    r"\bbusiness suite\b",
    r"(?<!\w)glow & grow(?!\w)",
    r"x{0,3}y",
    r"\d\d",
    r"2024",
    r"\bab\d",
    r"(?a)\bcaf\b",
    r"(?m)^foo$",
    r"foo$",
    r"^\w+ \w+$",
    r"^$",
    r"\.com/",
    r"straße",
    r"\bſtop\b",
    r"^İstanbul",
    r"σ",
    r"K",
    r"ǅ",
    r"µ",
    r"[a-c]at\b",
    r"(?-i:Inbox)",
    r"\x00",
)
WORDS = (
    "messenger", "inbox", "chat", "Chats", "facebook", "FACEBOOK", "x", "groups", "linkedin",
    "team alpha", "paypal.com/", "canva", "sales", "navigator", "business", "suite", "glow & grow",
    "y", "xxy", "12", "2024", "ab1", "caf", "café", "foo", "straße", "STOP", "ſtop", "İstanbul",
    "istanbul", "σ", "Σ", "ς", "K", "k", "ǅ", "ǆ", "µ", "μ", "bat", "cat", "Inbox", "\x00", "xͅy",
)  # fmt: skip
SEPARATORS = (" ", "", " | ", " - ", "\n", ".", " • ", "(3) ", "_", "·")
texts = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(WORDS), st.text(alphabet="abcikstxyzKİıσςµ0 _-|.\n", max_size=5)),
        st.sampled_from(SEPARATORS),
    ),
    max_size=8,
).map(lambda parts: "".join(word + sep for word, sep in parts))
rule_specs = st.lists(
    st.tuples(
        st.sampled_from(list(RuleField)), st.sampled_from(PATTERNS), st.sampled_from(list(Category))
    ),
    min_size=1,
    max_size=25,
)


def simple_decision(rules: list[Rule], window: WindowKey) -> tuple[Category, Rule | None]:
    """The plain definition: try every rule in order."""
    for candidate in sorted(rules, key=lambda r: r.position):
        if check_pattern(candidate.pattern).search(field_value(window, candidate.field)):
            return candidate.category, candidate
    return Category.NEUTRAL, None


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_specs, texts, texts, texts)
def test_the_index_gives_the_same_answer_as_trying_every_rule(
    specs: list[tuple[RuleField, str, Category]], app: str, title: str, url: str
) -> None:
    rules = [Rule(f, p, c, i) for i, (f, p, c) in enumerate(specs)]
    window = WindowKey(app, title, url)
    classifier = Classifier(rules, cache_size=0)
    assert (classifier.classify(window), classifier.match(window)) == simple_decision(rules, window)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (
            r"\b(inbox|chats?)\b",
            {(("token", "inbox"),), (("token", "chat"),), (("token", "chats"),)},
        ),
        (r"^Team Alpha \| Groups$", {(("exact", "team alpha | groups"),)}),
        (r"canva", {(("infix", "canva"),)}),
        (r"\bsales nav", {(("token", "sales"), ("prefix", "nav"))}),
        (r"(^|\.)paypal\.com/", {(("token", "paypal"), ("token", "com"))}),
        (r"\) - ", {(("substr", ") - "),)}),
        (r"^\d+$", None),
    ],
)
def test_patterns_are_read_for_the_literal_text_they_need(
    pattern: str, expected: set[tuple[tuple[str, str], ...]] | None
) -> None:
    found = requirements(checked_pattern(pattern)[1])
    assert (set(found) if found is not None else None) == expected


def test_words_beyond_the_remembered_ones_still_count(monkeypatch: pytest.MonkeyPatch) -> None:
    from focusdesk.core import rule_words

    monkeypatch.setattr(rule_words, "MAX_CACHED_WORDS", 3)
    patterns = ["canva", "trello", "notion", "asana", "slack", r"\bzoom\b", "sales nav"]
    rules = [Rule(RuleField.TITLE, p, Category.BUSINESS, i) for i, p in enumerate(patterns)]
    classifier = Classifier(rules, cache_size=0)
    titles = [f"{word}{n} board - Canvas {n} | Sales Navigator" for n in range(5) for word in WORDS]
    for title in titles * 2:
        window = WindowKey("x", title)
        assert (classifier.classify(window), classifier.match(window)) == simple_decision(
            rules, window
        )


def test_the_index_files_a_rule_under_its_least_shared_word() -> None:
    """Not under "https" or "com", which every address has, nor a path several rules share."""
    patterns = [rf"^https?://(www\.)?{site}\.com/groups/" for site in ("zoom", "asana", "loom")]
    rules = [Rule(RuleField.URL, p, Category.CASUAL, i) for i, p in enumerate(patterns)]
    index = Classifier(rules, cache_size=0)._index
    assert index.candidates(("", "", "https://www.example.com/groups/1")) == set()
    assert index.candidates(("", "", "https://www.asana.com/")) == {1}


def test_fold_agrees_with_how_re_ignores_case_for_every_character() -> None:
    """Whatever ``re.IGNORECASE`` treats as equal, ``fold`` maps to one character.

    ``re`` equates two characters when their simple lower-case forms are
    equal or listed together in ``_EXTRA_CASES``; so fold must be constant
    on both, and must not turn a non-word character into a word character
    (the index splits folded text into words) except for the few it gives
    up on.
    """
    import _sre
    from re import _compiler

    codes = range(sys.maxunicode + 1)
    everything = "".join(map(chr, codes))
    folded = fold(everything)
    assert len(folded) == len(everything)
    assert fold("".join(chr(_sre.unicode_tolower(c)) for c in codes)) == folded
    for key, extras in _compiler._EXTRA_CASES.items():
        assert {folded[c] for c in (key, *extras)} == {folded[key]}
    to_ascii = {c for c in range(128, len(codes)) if folded[c].isascii()}
    assert to_ascii == {c for c in to_ascii if FOLDS_TO_ASCII.match(everything[c])}
    for code in (c for c in codes if folded[c] != everything[c]):
        ch, to = everything[code], folded[code]
        if ch not in UNSPLITTABLE:
            assert (to.isalnum() or to == "_") == (ch.isalnum() or ch == "_"), hex(code)
        assert re.fullmatch(re.escape(to), ch, re.IGNORECASE), hex(code)
