"""focusdesk autostart on|off|status, in a new process with its own XDG_CONFIG_HOME."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli_process import focusdesk_in

ENTRY = "autostart/io.focusdesk.FocusDesk.desktop"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG autostart")


def _focusdesk(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return focusdesk_in(tmp_path, *args, env={"XDG_CONFIG_HOME": str(tmp_path / "config")})


def test_on_status_off(tmp_path: Path) -> None:
    entry = tmp_path / "config" / ENTRY
    on = _focusdesk(tmp_path, "autostart", "on")
    assert on.returncode == 0, on.stderr
    assert "starts when you log in" in on.stdout and entry.is_file()
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    assert f"--data-dir {tmp_path / 'data'}" in exec_line  # its own folder comes along
    status = json.loads(_focusdesk(tmp_path, "autostart", "status", "--json").stdout)
    assert status["enabled"] is True and status["available"] is True
    assert str(entry) in status["where"]
    off = _focusdesk(tmp_path, "autostart", "off")
    assert off.returncode == 0 and "does not start" in off.stdout and not entry.exists()
    status = json.loads(_focusdesk(tmp_path, "autostart", "status", "--json").stdout)
    assert status["enabled"] is False


def test_bad_state_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = _focusdesk(tmp_path, "autostart", "maybe")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "on|off|status" in done.stderr and not (tmp_path / "config" / "autostart").exists()


def test_unwritable_place_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "autostart").write_text("a file where the folder should be")
    done = _focusdesk(tmp_path, "autostart", "on")
    assert done.returncode == 2, done.stdout
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("focusdesk: cannot write") and "autostart" in line
