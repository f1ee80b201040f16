from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusdesk.core.days import (
    ensure_utc,
    epoch_day,
    from_epoch_day,
    local_date,
    local_day_bounds,
    next_local_midnight,
    split_at_midnights,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("tz", "day", "hours"),
    [
        (BERLIN, date(2026, 3, 29), 23),  # spring forward
        (BERLIN, date(2026, 10, 25), 25),  # fall back
        (BERLIN, date(2026, 11, 26), 24),
        (NEW_YORK, date(2026, 3, 8), 23),
        (NEW_YORK, date(2026, 11, 1), 25),
        (ZoneInfo("Asia/Kolkata"), date(2026, 6, 1), 24),
    ],
)
def test_local_days_are_23_24_or_25_hours_long(tz: ZoneInfo, day: date, hours: int) -> None:
    start, end = local_day_bounds(day, tz)
    assert end - start == timedelta(hours=hours)
    assert start.tzinfo is UTC
    assert local_date(start, tz) == day
    assert local_date(end - timedelta(microseconds=1), tz) == day
    assert local_date(end, tz) == day + timedelta(days=1)


def test_midnight_in_berlin_is_the_previous_utc_evening() -> None:
    late = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)  # 00:30 on the 27th in Berlin
    assert local_date(late, BERLIN) == date(2026, 11, 27)
    assert local_date(late, UTC) == date(2026, 11, 26)
    assert next_local_midnight(late, BERLIN) == datetime(2026, 11, 27, 23, 0, tzinfo=UTC)


def test_split_across_midnight_and_dst() -> None:
    start = datetime(2026, 10, 24, 21, 0, tzinfo=UTC)  # 23:00 CEST on the 24th
    end = datetime(2026, 10, 26, 0, 30, tzinfo=UTC)  # 01:30 CET on the 26th
    pieces = split_at_midnights(start, end, BERLIN)
    assert [p[0] for p in pieces] == [date(2026, 10, 24), date(2026, 10, 25), date(2026, 10, 26)]
    assert [p[2] - p[1] for p in pieces] == [
        timedelta(hours=1),
        timedelta(hours=25),
        timedelta(hours=1, minutes=30),
    ]


@given(
    st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
    ),
    st.integers(1, 5 * 24 * 3600),
    st.sampled_from([BERLIN, NEW_YORK, UTC, ZoneInfo("Australia/Lord_Howe")]),
)
def test_split_pieces_tile_the_interval_within_single_days(
    start: datetime, seconds: int, tz
) -> None:
    end = start + timedelta(seconds=seconds)
    pieces = split_at_midnights(start, end, tz)
    assert pieces[0][1] == start and pieces[-1][2] == end
    for (_, _, a_end), (_, b_start, _) in itertools.pairwise(pieces):
        assert a_end == b_start
    for day, p_start, p_end in pieces:
        assert p_start < p_end
        assert local_date(p_start, tz) == day
        assert local_date(p_end - timedelta(microseconds=1), tz) == day


def test_epoch_day_round_trip_and_naive_refusal() -> None:
    assert epoch_day(date(1970, 1, 1)) == 0
    assert from_epoch_day(epoch_day(date(2026, 11, 26))) == date(2026, 11, 26)
    with pytest.raises(ValueError, match="naive"):
        ensure_utc(datetime(2026, 1, 1))
