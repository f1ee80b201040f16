from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from focusdesk.services.first_run import mark_welcomed, needs_welcome, welcome_checks
from focusdesk.services.paths import resolve_paths

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def test_the_guide_is_offered_once_whether_finished_or_skipped(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    assert needs_welcome(paths)
    mark_welcomed(paths, NOW, "skipped")
    assert not needs_welcome(paths)
    mark = (paths.config_dir / "welcomed").read_text(encoding="utf-8")
    assert mark.startswith("skipped 2026-11-26T09:00:00")
    assert (paths.config_dir / "welcomed").stat().st_mode & 0o777 == 0o600


def test_someone_who_already_has_settings_is_not_welcomed_again(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text("timebox_minutes = 30\n", encoding="utf-8")
    assert not needs_welcome(paths)


def test_checks_name_the_tray_and_explain_what_to_do_without_one() -> None:
    with_tray = welcome_checks(True)
    without = welcome_checks(False)
    assert [c.name for c in with_tray] == ["System tray", "Notifications", "Tracking"]
    assert with_tray[0].ok is True and without[0].ok is False
    assert "timer window" in without[0].detail
    for check in with_tray:
        assert check.detail.endswith(".") and check.detail[0].isupper()


def test_tracking_that_cannot_work_points_to_the_quick_log(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    tracking = welcome_checks(True)[2]
    assert tracking.ok is False
    assert "Quick log" in tracking.detail
