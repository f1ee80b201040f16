from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from focusdesk.core.errors import ValidationError
from focusdesk.core.settings import BusinessPage
from focusdesk.services.settings import default_settings, load_settings, save_settings

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def test_missing_file_gives_defaults_with_shipped_exit_lines(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "settings.toml", NOW)
    assert loaded.problem is None
    assert loaded.settings.timebox_minutes == 25 and loaded.settings.max_extensions == 2
    assert len(loaded.settings.polite_exit_lines) >= 3


def test_round_trip_is_private_and_atomic(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.toml"
    settings = default_settings().with_changes(
        strict_mode=True,
        timebox_minutes=45,
        business_pages=(BusinessPage("My page", "https://facebook.com/me"),),
    )
    save_settings(path, settings)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not path.with_name("settings.toml.tmp").exists()
    assert load_settings(path, NOW).settings == settings


@pytest.mark.parametrize(
    "text",
    [
        "timebox_minutes = ",
        "timebox_minutes = 0",
        "strict_mode = 'yes'",
        "summary_time = '25:00'",
        "colour = 'blue'",
        "business_pages = [{name = 'x', url = 'ftp://x'}]",
        "\xff\xfe",
    ],
)
def test_broken_file_is_kept_aside_reported_once_and_defaults_used(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(text.encode("latin-1"))
    loaded = load_settings(path, NOW)
    assert loaded.settings == default_settings()
    assert loaded.problem and "could not be used" in loaded.problem
    assert loaded.kept_aside is not None and loaded.kept_aside.read_bytes() == text.encode(
        "latin-1"
    )
    assert not path.exists()
    assert load_settings(path, NOW).problem is None  # reported once


def test_invalid_changes_are_refused_with_the_field(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as info:
        default_settings().with_changes(max_extensions=-1)
    assert info.value.field == "max_extensions"
    with pytest.raises(ValidationError, match="one line"):
        default_settings().with_changes(polite_exit_lines=("ok", "two\nlines"))


def test_save_refuses_invalid_settings_and_keeps_the_old_file(tmp_path: Path) -> None:
    from dataclasses import replace

    path = tmp_path / "settings.toml"
    save_settings(path, default_settings())
    before = path.read_bytes()
    with pytest.raises(ValidationError):
        save_settings(path, replace(default_settings(), timebox_minutes=999))
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["settings.toml"]
