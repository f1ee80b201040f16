from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from focusdesk.core.errors import ValidationError
from focusdesk.core.timeparse import parse_date, parse_time

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 11, 26)


def test_clock_time_is_today_in_the_local_zone() -> None:
    assert parse_time("14:30", today=TODAY, tz=BERLIN) == datetime(2026, 11, 26, 13, 30, tzinfo=UTC)
    assert parse_time("8:05:09", today=TODAY, tz=BERLIN) == datetime(
        2026, 11, 26, 7, 5, 9, tzinfo=UTC
    )


def test_date_and_time_and_explicit_offsets() -> None:
    assert parse_time("2026-07-01 10:00", today=TODAY, tz=BERLIN) == datetime(
        2026, 7, 1, 8, 0, tzinfo=UTC
    )
    assert parse_time("2026-07-01T10:00+00:00", today=TODAY, tz=BERLIN) == datetime(
        2026, 7, 1, 10, 0, tzinfo=UTC
    )


def test_a_time_skipped_by_dst_lands_after_the_gap() -> None:
    instant = parse_time("2026-03-29 02:30", today=TODAY, tz=BERLIN)
    assert instant.astimezone(BERLIN).hour == 3


@pytest.mark.parametrize("text", ["25:00", "noon", "14h30", "2026-13-01 10:00", ""])
def test_bad_times_are_explained(text: str) -> None:
    with pytest.raises(ValidationError, match="must be a time like"):
        parse_time(text, today=TODAY, tz=BERLIN, field="--from")


def test_dates() -> None:
    assert parse_date("2026-11-26") == TODAY
    with pytest.raises(ValidationError, match="must be a date like"):
        parse_date("26/11/2026")
