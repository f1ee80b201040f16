"""The system zone source: re-read only when the configuration changed, $TZ honoured.

Most tests point it at configuration files of their own (a symlink standing
in for /etc/localtime) and count the reads; one asks the real tzlocal with
$TZ set, and puts the process's zone back afterwards.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest

from focusdesk.services.clock import SystemZoneSource, local_zone, zone_config_signature

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


class Reads:
    """Answers the zone the fake configuration names; counts how often it was asked."""

    def __init__(self, link: Path) -> None:
        self.link = link
        self.count = 0
        self.fail = False

    def __call__(self) -> tzinfo:
        self.count += 1
        if self.fail:
            raise ZoneInfoNotFoundError("Multiple conflicting time zone configurations found")
        return ZoneInfo(os.readlink(self.link).split("zoneinfo/", 1)[1])


def point(link: Path, zone: str) -> None:
    """Re-point the link the way timedatectl does: a new link renamed over the old one."""
    fresh = link.with_name(link.name + ".new")
    fresh.symlink_to(f"/usr/share/zoneinfo/{zone}")
    fresh.replace(link)


@pytest.fixture
def config(tmp_path: Path) -> tuple[Path, Path]:
    link, named = tmp_path / "localtime", tmp_path / "timezone"
    point(link, "America/New_York")
    named.write_text("America/New_York\n", encoding="ascii")
    return link, named


@pytest.mark.skipif(os.name == "nt", reason="the zone lives in the registry on Windows")
def test_an_unchanged_configuration_is_not_read_again(config) -> None:  # type: ignore[no-untyped-def]
    link, named = config
    reads = Reads(link)
    source = SystemZoneSource((str(link), str(named)), reads)
    assert source() is NY
    assert source() is NY
    assert reads.count == 1
    point(link, "Europe/Berlin")
    assert source() is BERLIN
    assert source() is BERLIN
    assert reads.count == 2


@pytest.mark.skipif(os.name == "nt", reason="the zone lives in the registry on Windows")
def test_a_file_rewritten_in_place_is_noticed(config) -> None:  # type: ignore[no-untyped-def]
    link, named = config
    before = zone_config_signature((str(link), str(named)))
    named.write_text("Europe/Berlin\n", encoding="ascii")
    assert zone_config_signature((str(link), str(named))) != before


@pytest.mark.skipif(os.name == "nt", reason="the zone lives in the registry on Windows")
def test_a_half_written_configuration_keeps_the_last_zone_and_is_read_again(config) -> None:  # type: ignore[no-untyped-def]
    link, named = config
    reads = Reads(link)
    source = SystemZoneSource((str(link), str(named)), reads)
    assert source() is NY
    point(link, "Europe/Berlin")
    reads.fail = True
    assert source() is NY
    reads.fail = False
    assert source() is BERLIN  # the failed read was not remembered as done
    assert reads.count == 3


def test_the_first_read_failing_is_not_hidden(config) -> None:  # type: ignore[no-untyped-def]
    link, named = config
    reads = Reads(link)
    reads.fail = True
    with pytest.raises(ZoneInfoNotFoundError):
        SystemZoneSource((str(link), str(named)), reads)()


@pytest.fixture
def tz_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """$TZ for one test; afterwards the C library and tzlocal read the real zone again."""
    import tzlocal

    yield monkeypatch
    monkeypatch.undo()
    if hasattr(time, "tzset"):
        time.tzset()
    tzlocal.reload_localzone()


def test_the_real_source_honours_tz_like_local_zone(tz_env) -> None:  # type: ignore[no-untyped-def]
    tz_env.setenv("TZ", "America/New_York")
    source = SystemZoneSource()
    assert str(source()) == "America/New_York"
    tz_env.setenv("TZ", "Europe/Berlin")
    assert str(source()) == "Europe/Berlin"
    assert str(local_zone()) == "Europe/Berlin"  # tzlocal's cache was refreshed too
