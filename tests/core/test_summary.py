from __future__ import annotations

from datetime import date

from focusdesk.core.summary import Bucket, SessionLine, bucket_start, scorecard, value_pitch_ratio


def line(**kw: object) -> SessionLine:
    base = dict(
        id=1,
        objective="Send 5 DMs",
        purpose="prospecting",
        target=5,
        started_at="",
        ended_at="",
        planned_s=1500,
        business_s=1200,
        casual_s=0,
        neutral_s=0,
        overrun_s=0,
        extensions=0,
        outcome="met",
        outcome_count=5,
        outcome_note=None,
        running=False,
    )
    base.update(kw)
    return SessionLine(**base)  # type: ignore[arg-type]


def test_value_pitch_ratio() -> None:
    assert value_pitch_ratio(7, 2) == 3.5
    assert value_pitch_ratio(3, 0) is None


def test_buckets() -> None:
    thursday = date(2026, 11, 26)
    assert bucket_start(thursday, Bucket.DAY) == thursday
    assert bucket_start(thursday, Bucket.WEEK) == date(2026, 11, 23)
    assert bucket_start(thursday, Bucket.MONTH) == date(2026, 11, 1)


def test_scorecard_measures_what_it_can_and_says_what_it_cannot() -> None:
    items = scorecard([line(), line(id=2, overrun_s=600, casual_s=420), line(id=3, running=True)])
    by_priority = {i.priority: i for i in items}
    assert by_priority[1].value == "3 of 3"
    assert by_priority[2].value == "1 of 2" and by_priority[2].ok is False
    assert by_priority[3].value == "7 min" and by_priority[3].ok is False
    assert by_priority[4].value is None and by_priority[5].value is None


def test_empty_day_scorecard_has_no_fake_numbers() -> None:
    items = scorecard([])
    assert all(i.ok is None for i in items)
