"""Patterns that could hang the tracker are refused; the ones that pass stay fast.

The timing checks use generous limits (a realistic pattern takes
microseconds; the limits are tenths of a second) so a busy machine does
not make them flaky, and a SIGALRM guard turns a real hang into a failure
instead of a stuck test run (``re`` checks for signals while it backtracks).
"""

from __future__ import annotations

import random
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from focusdesk.core.activity import WindowKey
from focusdesk.core.enums import Category, RuleField
from focusdesk.core.errors import ValidationError
from focusdesk.core.rule_safety import MAX_GROUP_DEPTH, group_depth
from focusdesk.core.rules import Classifier, Rule, check_pattern

REFUSED = [
    (r"^(a+)+$", "repeat inside a repeat"),
    (r"(a+)+", "repeat inside a repeat"),
    (r"(\w+\s?)+$", "repeat inside a repeat"),
    (r"(a{1,2})+$", "repeat inside a repeat"),
    (r"(a?a)+", "repeat inside a repeat"),
    (r"(a*)*", "can match nothing"),
    (r"(.*)*", "can match nothing"),
    (r"(|a)+", "can match nothing"),
    (r"(a|a)*", "alternatives"),
    (r"(a|ab)+c", "alternatives"),
    (r"(foo|bar|fizz)+x", "alternatives"),
    (r".*a.*b", "two unlimited repeats"),
    (r"a+a+b", "two unlimited repeats"),
    (r"\w+\s*\w+x", "two unlimited repeats"),
    (r"foo.*bar.*baz", "two unlimited repeats"),
    (r"\w+$|.*\d+x", "two unlimited repeats"),
    (r"a.*\w+$", "two unlimited repeats"),
    (r"((((((deep))))))", "nests groups too deeply"),
    ("x" * 301, "too long"),
]

REALISTIC = [
    r"\b(messenger|inbox|messages|chats?)\b",
    r"\bgroups?\b.*\b(facebook|linkedin)\b|\b(facebook|linkedin)\b.*\bgroups?\b",
    r"^(\(\d+\+?\) )?(facebook|instagram|linkedin|x|twitter)( [-–—] [^-–—]*)?$",
    r"\b(youtube|netflix|tiktok|reddit)( [-–—] [^-–—]*)?$",
    r"^https?://(www\.|m\.)?facebook\.com/(groups|messages)",
    r"^(steam|spotify|solitaire|minecraft)$",
    r"^Team Alpha \| Facebook Groups$",
    r"\(\d+\) new messages",
    r"^\w+ \w+$",
    r"invoice \d{4,6}",
    r"\bsales navigator\b",
    r"canva",
    r"^inbox \(\d+\) - .* - gmail",
    r".*foo.*",
    r"foo.*bar",
    r"(foo|bar)+",
    r"[a-z]+\d+",
    r"(\d{2}:)+\d{2}",
    r"(?<!\w)glow & grow(?!\w)",
    r"\bweek of \w+ \d{1,2}, \d{4}\b",
    r"(^|\.)paypal\.(com|de|org)/",
    r"\.(docx?|xlsx?|odt|ods)\b",
    r"^[^|]+\| facebook$",
    r"^(re|fwd?): ",
]


@contextmanager
def alarm(seconds: float) -> Iterator[None]:
    """Fail instead of hanging when a match runs away."""

    def expire(*_: object) -> None:
        raise TimeoutError(f"matching took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(("pattern", "fragment"), REFUSED)
def test_dangerous_patterns_are_refused_with_the_reason(pattern: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_pattern(pattern)
    assert fragment in info.value.message


@pytest.mark.parametrize("pattern", REALISTIC)
def test_realistic_patterns_are_accepted(pattern: str) -> None:
    check_pattern(pattern)


def test_group_depth_counts_what_the_user_wrote() -> None:
    assert group_depth(r"(?:(?:(?:a)))") == 3  # the parser flattens these; the user did not
    assert group_depth(r"\(\(\([(]") == 0  # escaped and in a class: not groups
    assert group_depth("(" * MAX_GROUP_DEPTH + ")" * MAX_GROUP_DEPTH) == MAX_GROUP_DEPTH
    check_pattern("(" * MAX_GROUP_DEPTH + "a" + ")" * MAX_GROUP_DEPTH)


def test_the_classic_catastrophe_is_refused_and_cannot_slow_classification() -> None:
    title = "a" * 5_000 + "!"
    with pytest.raises(ValidationError, match="hang"):
        check_pattern(r"^(a+)+$")
    classifier = Classifier([Rule(RuleField.TITLE, r"^(a+)+$", Category.CASUAL)], cache_size=0)
    started = time.perf_counter()
    with alarm(5):
        assert classifier.classify(WindowKey("x", title)) is Category.NEUTRAL
    assert time.perf_counter() - started < 0.5


def hostile_titles() -> st.SearchStrategy[str]:
    """Long runs of what the realistic patterns look for, broken at the end."""
    pieces = st.sampled_from(["a", "ab", " ", "1", "facebook ", "group", "(3) ", "- ", ".", "x"])
    return st.tuples(pieces, st.integers(100, 3_000), st.sampled_from(["!", "", " |", "\n"])).map(
        lambda t: t[0] * (t[1] // len(t[0])) + t[2]
    )


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(REALISTIC), hostile_titles())
def test_accepted_realistic_patterns_match_long_hostile_titles_quickly(
    pattern: str, title: str
) -> None:
    classifier = Classifier([Rule(RuleField.TITLE, pattern, Category.CASUAL)], cache_size=0)
    started = time.perf_counter()
    with alarm(5):
        classifier.classify(WindowKey("x", title))
    assert time.perf_counter() - started < 0.1


def random_pattern(rng: random.Random, depth: int = 0) -> str:
    atoms = ["a", "b", ".", r"\w", r"\s", "[ab]", r"\d", " ", "[^b]", r"\b", "x"]
    quantifiers = ["*", "+", "?", "{2,5}", "{0,20}", "*?", "+?", "", ""]
    roll = rng.random()
    if depth > 2 or roll < 0.4:
        return rng.choice(atoms) + rng.choice(quantifiers)
    if roll < 0.7:
        return "".join(random_pattern(rng, depth + 1) for _ in range(rng.randint(2, 4)))
    inner = "|".join(random_pattern(rng, depth + 1) for _ in range(rng.randint(1, 3)))
    return f"({inner}){rng.choice(quantifiers)}"


def test_random_patterns_that_pass_the_check_stay_fast_on_hostile_titles() -> None:
    """Fuzz: whatever the check lets through finishes quickly on the worst titles we know."""
    rng = random.Random(20260101)
    titles = ["a" * 1000 + "!", "ab" * 500 + "!", " a" * 500 + "!", "1" * 1000, "x" * 999 + "!"]
    accepted = 0
    for _ in range(600):
        pattern = ("^" if rng.random() < 0.3 else "") + random_pattern(rng)
        pattern += "$" if rng.random() < 0.3 else ""
        try:
            regex = check_pattern(pattern)
        except ValidationError:
            continue
        accepted += 1
        for title in titles:
            started = time.perf_counter()
            with alarm(5):
                regex.search(title)
            assert time.perf_counter() - started < 2, pattern
    assert accepted > 150  # the check is not simply refusing everything
