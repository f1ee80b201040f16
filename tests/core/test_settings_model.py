"""The reminder and personal-page settings: what the file may say and what it may not."""

from __future__ import annotations

import pytest

from focusdesk.core.errors import ValidationError
from focusdesk.core.settings import (
    PersonalPage,
    SessionReminder,
    Settings,
    parse_weekday,
    settings_from_dict,
)

DEFAULTS = Settings()


def test_session_reminders_round_trip_through_the_dictionary_form() -> None:
    reminders = (
        SessionReminder("09:00", (0, 2, 4), "Send 10 connection requests", 30),
        SessionReminder("14:30", (1,), "", 25),
    )
    settings = DEFAULTS.with_changes(session_reminders=reminders)
    data = settings.to_dict()
    assert data["session_reminders"][0]["weekdays"] == ["mon", "wed", "fri"]
    assert settings_from_dict(data, DEFAULTS) == settings


def test_weekday_names_are_read_in_any_case_and_numbers_are_accepted() -> None:
    assert parse_weekday("Monday") == 0
    assert parse_weekday("SUN") == 6
    assert parse_weekday(3) == 3
    with pytest.raises(ValidationError, match="not a weekday"):
        parse_weekday("someday")
    with pytest.raises(ValidationError, match="not a weekday"):
        parse_weekday(7)


@pytest.mark.parametrize(
    ("reminder", "message"),
    [
        (SessionReminder("9am"), "time like 09:00"),
        (SessionReminder("09:00", ()), "at least one weekday"),
        (SessionReminder("09:00", (0,), "x" * 201), "at most 200"),
        (SessionReminder("09:00", (0,), "", 0), "whole number of minutes"),
    ],
)
def test_a_bad_session_reminder_is_refused_with_its_reason(
    reminder: SessionReminder, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        DEFAULTS.with_changes(session_reminders=(reminder,))
    assert caught.value.field == "session_reminders"


def test_clean_up_day_and_time_are_checked() -> None:
    with pytest.raises(ValidationError) as caught:
        DEFAULTS.with_changes(cleanup_weekday=7)
    assert caught.value.field == "cleanup_weekday"
    with pytest.raises(ValidationError) as caught:
        DEFAULTS.with_changes(cleanup_time="25:00")
    assert caught.value.field == "cleanup_time"


def test_personal_pages_need_a_name_a_web_address_and_a_safe_pattern() -> None:
    ok = DEFAULTS.with_changes(
        personal_pages=(PersonalPage("Me", "https://facebook.com/me.private", r"\bMy Life\b"),)
    )
    assert ok.personal_pages[0].pattern == r"\bMy Life\b"
    for page, message in [
        (PersonalPage(" "), "needs a name"),
        (PersonalPage("Me", "facebook.com/me"), "http:// or https://"),
        (PersonalPage("Me", "", "^(a+)+$"), "hang"),
    ]:
        with pytest.raises(ValidationError, match=message) as caught:
            DEFAULTS.with_changes(personal_pages=(page,))
        assert caught.value.field == "personal_pages"


def test_personal_pages_must_be_tables_in_the_file() -> None:
    with pytest.raises(ValidationError, match="personal_pages must be a list"):
        settings_from_dict({"personal_pages": ["Me"]}, DEFAULTS)
