from __future__ import annotations

import pytest

from focusdesk.core.errors import ValidationError
from focusdesk.core.objective import MAX_LENGTH, check_objective


@pytest.mark.parametrize(
    "text",
    ["Message 5 prospects who commented", "Reply to every comment in my group", "Invite 3 people"],
)
def test_concrete_objectives_get_no_hint(text: str) -> None:
    result = check_objective(text)
    assert result.text == text
    assert result.hint is None


def test_whitespace_is_trimmed_and_collapsed() -> None:
    assert check_objective("  Send   5 DMs \t ").text == "Send 5 DMs"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("facebook", "One word"),
        ("my group stuff", "action and a number"),
        ("check the group", "measurable"),
        ("5 people", "what you will do"),
    ],
)
def test_vague_objectives_get_a_hint_not_a_refusal(text: str, fragment: str) -> None:
    result = check_objective(text)
    assert result.hint is not None and fragment in result.hint


def test_a_target_makes_an_objective_measurable() -> None:
    assert check_objective("check the group").hint is not None
    assert check_objective("check the group", has_target=True).hint is None


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (None, "required"),
        ("", "required"),
        ("   ", "required"),
        ("ab", "too short"),
        ("x" * (MAX_LENGTH + 1), "too long"),
        ("send\x00 5", "control"),
        ("send\n5 DMs", "control"),
    ],
)
def test_bad_objectives_are_refused_with_a_reason(raw: str | None, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_objective(raw)
    assert fragment in info.value.message
    assert info.value.field == "objective"


def test_length_limits_count_trimmed_text() -> None:
    assert check_objective("  abc  ").text == "abc"
    assert len(check_objective("x" * MAX_LENGTH).text) == MAX_LENGTH
