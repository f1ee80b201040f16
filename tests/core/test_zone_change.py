"""Zone changes as values: comparing zones, reporting a change once, where a schedule resumes."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from focusdesk.core.zone_change import ZoneWatch, resume_point, same_zone, zone_name

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


def local_file_zone(name: str) -> ZoneInfo:
    """A zone as tzlocal builds it from /etc/localtime when no name is configured."""
    return ZoneInfo.from_file(BytesIO(_tzfile(name).read_bytes()), key="local")


def _tzfile(name: str) -> Path:
    for root in zoneinfo.TZPATH:
        candidate = Path(root) / name
        if candidate.is_file():
            return candidate
    import tzdata  # the package that ships the data where the system has none

    return Path(tzdata.__file__).parent / "zoneinfo" / name


def test_zone_names_are_the_keys_people_know() -> None:
    assert zone_name(BERLIN) == "Europe/Berlin"
    assert zone_name(UTC) == "UTC"
    assert zone_name(timezone(timedelta(hours=2))) == "UTC+02:00"


def test_the_same_named_zone_read_twice_is_the_same_zone() -> None:
    assert same_zone(BERLIN, ZoneInfo.no_cache("Europe/Berlin"), T0)
    assert not same_zone(BERLIN, NY, T0)
    assert same_zone(ZoneInfo("UTC"), UTC, T0)
    assert not same_zone(ZoneInfo("Etc/UTC"), UTC, T0)  # an alias: reported, and harmless


def test_unnamed_zones_from_files_compare_by_their_offsets_in_summer_and_winter() -> None:
    berlin_file, paris_file = local_file_zone("Europe/Berlin"), local_file_zone("Europe/Paris")
    london_file = local_file_zone("Europe/London")
    assert zone_name(berlin_file) == "local"
    assert same_zone(berlin_file, paris_file, T0)  # they keep the same clocks
    assert not same_zone(berlin_file, london_file, T0)
    # Same offset in June, not in December: the half-year check tells them apart.
    assert not same_zone(local_file_zone("Africa/Lagos"), local_file_zone("Europe/London"), T0)


def test_the_watch_takes_its_first_reading_as_the_baseline_and_reports_each_change_once() -> None:
    watch = ZoneWatch()
    assert watch.check(NY, T0) is None
    assert watch.check(ZoneInfo.no_cache("America/New_York"), T0) is None
    change = watch.check(BERLIN, T0)
    assert change is not None
    assert change.new is BERLIN
    assert (change.old_name, change.new_name) == ("America/New_York", "Europe/Berlin")
    assert watch.check(BERLIN, T0 + timedelta(seconds=10)) is None
    back = watch.check(NY, T0 + timedelta(seconds=20))
    assert back is not None and back.new is NY


def ny(hhmm: str, day: int = 10) -> datetime:
    hour, minute = (int(p) for p in hhmm.split(":"))
    return datetime(2026, 6, day, hour, minute, tzinfo=NY)


def test_a_schedule_resumes_at_the_start_of_its_pending_date_in_the_new_zone() -> None:
    # Pending New York 09:00 on the 10th: Berlin takes over from its own midnight of the 10th.
    start = resume_point(ny("09:00"), NY, BERLIN)
    assert start == datetime(2026, 6, 10, 0, 0, tzinfo=BERLIN)
    assert start.tzinfo is UTC
    # Pending Berlin 09:00 on the 11th (03:00 New York): New York resumes on the 11th.
    pending = datetime(2026, 6, 11, 9, 0, tzinfo=BERLIN)
    assert resume_point(pending, BERLIN, NY) == datetime(2026, 6, 11, 0, 0, tzinfo=NY)


def test_resuming_in_the_same_zone_changes_nothing_for_the_pending_run() -> None:
    pending = ny("09:00")
    assert resume_point(pending, NY, NY) <= pending
    assert pending - resume_point(pending, NY, NY) == timedelta(hours=9)
