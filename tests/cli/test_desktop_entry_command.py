"""focusdesk desktop-entry install|remove|status, in a new process with its own XDG_DATA_HOME."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from focusdesk.cli.desktop_entry_command import run
from tests.support.cli_process import focusdesk_in
from tests.support.desktop_exec import exec_of

ENTRY = "applications/io.focusdesk.FocusDesk.desktop"


class _Context:
    """All the command needs of the app's context: where this FocusDesk keeps its data."""

    def __init__(self, data_dir: Path) -> None:
        self.paths = argparse.Namespace(data_dir=data_dir)


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG menus")


def _focusdesk(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"XDG_DATA_HOME": str(tmp_path / "share"), "XDG_DATA_DIRS": str(tmp_path / "system")}
    return focusdesk_in(tmp_path, *args, env=env)


def test_install_status_remove(tmp_path: Path) -> None:
    entry = tmp_path / "share" / ENTRY
    before = json.loads(_focusdesk(tmp_path, "desktop-entry", "status", "--json").stdout)
    assert before["available"] is True and before["installed"] is False
    assert before["packaged_entry"] is None
    assert {f["state"] for f in before["files"]} == {"missing"}

    done = _focusdesk(tmp_path, "desktop-entry", "install")
    assert done.returncode == 0, done.stderr
    assert "is in the applications menu" in done.stdout and str(entry) in done.stdout
    assert exec_of(entry)[-2:] == ["--data-dir", str(tmp_path / "data")]  # this FocusDesk

    status = json.loads(_focusdesk(tmp_path, "desktop-entry", "status", "--json").stdout)
    assert status["installed"] is True and status["up_to_date"] is True
    assert status["where"] == str(entry) and status["command"] == exec_of(entry)
    assert {f["state"] for f in status["files"]} == {"installed"}
    assert {f["kind"] for f in status["files"]} == {"entry", "icon", "metainfo"}
    text = _focusdesk(tmp_path, "desktop-entry", "status").stdout
    assert "is in the applications menu" in text and "11 of 11 files in place" in text

    again = _focusdesk(tmp_path, "desktop-entry", "install")
    assert again.returncode == 0 and "nothing written" in again.stdout

    gone = _focusdesk(tmp_path, "desktop-entry", "remove")
    assert gone.returncode == 0 and "removed 11 file(s)" in gone.stdout
    assert not entry.exists()
    status = json.loads(_focusdesk(tmp_path, "desktop-entry", "status", "--json").stdout)
    assert status["installed"] is False


def test_someone_elses_entry_is_one_line_and_exit_2(tmp_path: Path) -> None:
    entry = tmp_path / "share" / ENTRY
    entry.parent.mkdir(parents=True)
    entry.write_text("[Desktop Entry]\nType=Application\nName=Mine\nExec=mine\n")
    done = _focusdesk(tmp_path, "desktop-entry", "install")
    assert done.returncode == 2, done.stdout
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("focusdesk: ") and str(entry) in line and "not FocusDesk's" in line
    assert entry.read_text().endswith("Exec=mine\n")
    assert not (tmp_path / "share" / "icons").exists()

    kept = _focusdesk(tmp_path, "desktop-entry", "remove")
    assert kept.returncode == 0 and f"Left alone, not FocusDesk's: {entry}" in kept.stdout
    assert entry.exists()


def test_status_names_the_entry_of_a_package(tmp_path: Path) -> None:
    packaged = tmp_path / "system" / ENTRY
    packaged.parent.mkdir(parents=True)
    packaged.write_text("[Desktop Entry]\nType=Application\nName=FocusDesk\nExec=focusdesk\n")
    done = _focusdesk(tmp_path, "desktop-entry", "status")
    assert f"in the applications menu from a package ({packaged})" in done.stdout
    status = json.loads(_focusdesk(tmp_path, "desktop-entry", "status", "--json").stdout)
    assert status["packaged_entry"] == str(packaged) and status["installed"] is False


def test_bad_action_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = _focusdesk(tmp_path, "desktop-entry", "add")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "install|remove|status" in done.stderr and not (tmp_path / "share").exists()


@pytest.mark.parametrize("as_json", [False, True])
def test_elsewhere_status_says_it_is_not_needed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], as_json: bool
) -> None:
    args = argparse.Namespace(action="status", json=as_json)
    assert run(_Context(tmp_path / "data"), args, platform="win32") == 0
    out = capsys.readouterr().out
    assert "not needed on win32" in out
    if as_json:
        assert json.loads(out)["available"] is False


@pytest.mark.parametrize("action", ["install", "remove"])
def test_elsewhere_install_and_remove_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], action: str
) -> None:
    args = argparse.Namespace(action=action, json=False)
    assert run(_Context(tmp_path / "data"), args, platform="darwin") == 2
    captured = capsys.readouterr()
    [line] = captured.err.strip().splitlines()
    assert line.startswith("focusdesk: ") and "not needed on darwin" in line
    assert captured.out == ""
