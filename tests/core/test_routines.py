from __future__ import annotations

from datetime import date

import pytest

from focusdesk.core.routines import (
    CleanupWeek,
    PersonalTime,
    cleanup_objective,
    cleanup_verdict,
    personal_verdict,
    week_start,
)
from focusdesk.core.settings import BusinessPage
from focusdesk.core.summary import scorecard

THURSDAY = date(2026, 11, 26)
FRIDAY = 4


def test_the_week_starts_on_monday() -> None:
    assert week_start(THURSDAY) == date(2026, 11, 23)
    assert week_start(date(2026, 11, 23)) == date(2026, 11, 23)
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)  # Sunday


@pytest.mark.parametrize(
    ("week", "expected"),
    [
        (CleanupWeek(THURSDAY, FRIDAY, 1, 7), ("done: 7 posts removed", True)),
        (CleanupWeek(THURSDAY, FRIDAY, 2, 1), ("done: 1 post removed", True)),
        (CleanupWeek(THURSDAY, FRIDAY, 1, None), ("done (posts removed not recorded)", True)),
        (CleanupWeek(THURSDAY, FRIDAY), ("not done this week (due Friday)", None)),
        (CleanupWeek(THURSDAY, 1), ("not done this week (due Tuesday)", False)),
        (CleanupWeek(THURSDAY, FRIDAY, skipped=True), ("skipped this week", False)),
    ],
)
def test_cleanup_verdict(week: CleanupWeek, expected: tuple[str, bool | None]) -> None:
    assert cleanup_verdict(week) == expected


@pytest.mark.parametrize(
    ("time", "expected"),
    [
        (PersonalTime(0, 0), ("register your personal pages in Settings", None)),
        (PersonalTime(2, 0, any_sessions=False), ("no sessions", None)),
        (PersonalTime(2, 0, tracked=False), ("no activity tracked in sessions", None)),
        (PersonalTime(2, 0), ("0 min", True)),
        (PersonalTime(2, 30), ("under 1 min", True)),
        (PersonalTime(2, 400), ("6 min", False)),
    ],
)
def test_personal_verdict(time: PersonalTime, expected: tuple[str, bool | None]) -> None:
    assert personal_verdict(time) == expected


def test_scorecard_uses_the_routines_when_given_and_says_not_tracked_otherwise() -> None:
    items = scorecard(
        [], cleanup=CleanupWeek(THURSDAY, FRIDAY, 1, 7), personal=PersonalTime(1, 0, False)
    )
    assert (items[3].value, items[3].ok) == ("done: 7 posts removed", True)
    assert items[4].value == "no sessions"
    assert [i.value for i in scorecard([])[3:]] == [None, None]


def page(name: str) -> BusinessPage:
    return BusinessPage(name, "https://example.com/" + name.lower())


def test_cleanup_objective_names_every_page_while_it_fits() -> None:
    assert cleanup_objective([page("Glow")]) == "Remove irrelevant posts from Glow"
    assert cleanup_objective([page("A"), page("B")]) == "Remove irrelevant posts from A and B"
    assert (
        cleanup_objective([page("A"), page("B"), page("C")])
        == "Remove irrelevant posts from A, B and C"
    )
    many = [page("Page number " + str(i) * 10) for i in range(10)]
    assert cleanup_objective(many) == "Remove irrelevant posts from my 10 business pages"
    assert len(cleanup_objective([page("x" * 300)])) == 200
