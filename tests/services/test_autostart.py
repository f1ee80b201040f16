"""Starting at log-in: a real XDG entry on Linux; the Run key and LaunchAgent with the OS mocked."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from focusdesk.services.autostart import (
    APP_ID,
    AutostartError,
    NullAutostart,
    autostart_for,
    launch_command,
)
from focusdesk.services.autostart_linux import XdgAutostart, exec_value
from focusdesk.services.autostart_macos import LaunchAgentAutostart
from focusdesk.services.autostart_windows import RUN_KEY, RunKeyAutostart
from tests.support.desktop_exec import read_exec

COMMAND = ["/opt/FocusDesk/focusdesk", "--data-dir", "/home/me/My Focus"]


def _linux(tmp_path: Path, command: list[str] = COMMAND) -> XdgAutostart:
    backend = autostart_for(
        command, platform="linux", environ={"XDG_CONFIG_HOME": str(tmp_path / "config")}
    )
    assert isinstance(backend, XdgAutostart)
    return backend


# -- Linux, for real -------------------------------------------------------------------------


def test_xdg_entry_appears_and_disappears(tmp_path: Path) -> None:
    backend = _linux(tmp_path)
    entry = tmp_path / "config" / "autostart" / f"{APP_ID}.desktop"
    assert backend.path == entry and not backend.is_enabled()
    backend.enable()
    assert entry.is_file() and backend.is_enabled()
    assert str(entry) in backend.describe()
    backend.disable()
    assert not entry.exists() and not backend.is_enabled()
    backend.disable()  # already off: nothing to do, no error
    assert not backend.is_enabled()


def test_xdg_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    if shutil.which("desktop-file-validate") is None:
        pytest.skip(
            "desktop-file-validate not installed (Debian: apt-get install desktop-file-utils)"
        )
    backend = _linux(tmp_path, [*COMMAND, "--label", 'say "hi" $HOME 100%'])
    backend.enable()
    done = subprocess.run(
        ["desktop-file-validate", str(backend.path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_exec_line_reads_back_as_the_same_argv(tmp_path: Path) -> None:
    argv = ["/opt/Focus Desk/focusdesk", "--data-dir", '/home/me/a$b`c\\d"e', "50%"]
    value = exec_value(argv)
    assert "50%%" in value and '"/opt/Focus Desk/focusdesk"' in value
    assert read_exec(value) == argv
    assert exec_value(["/usr/bin/focusdesk"]) == "/usr/bin/focusdesk"


def test_xdg_default_folder_is_dot_config(tmp_path: Path) -> None:
    backend = autostart_for(["focusdesk"], platform="linux", environ={}, home=tmp_path)
    assert isinstance(backend, XdgAutostart)
    assert backend.path == tmp_path / ".config" / "autostart" / f"{APP_ID}.desktop"


@pytest.mark.parametrize("line", ["Hidden=true", "X-GNOME-Autostart-enabled=false"])
def test_entry_switched_off_in_the_desktop_settings_counts_as_off(
    tmp_path: Path, line: str
) -> None:
    backend = _linux(tmp_path)
    backend.enable()
    backend.path.write_text(
        backend.path.read_text().replace("X-GNOME-Autostart-enabled=true", line)
    )
    assert not backend.is_enabled()
    backend.enable()  # switching on again rewrites the entry
    assert backend.is_enabled()


def test_unwritable_folder_is_a_clear_error_and_leaves_nothing(tmp_path: Path) -> None:
    # A file where the autostart folder should be: unwritable even for root, who
    # writes into read-only folders (CI runs as root, so a chmod would test nothing).
    backend = _linux(tmp_path)
    backend.folder.parent.mkdir(parents=True)
    backend.folder.write_text("not a folder\n")
    with pytest.raises(AutostartError, match="cannot write"):
        backend.enable()
    assert backend.folder.read_text() == "not a folder\n"  # left as it was


def test_a_folder_in_place_of_the_entry_is_a_clear_error(tmp_path: Path) -> None:
    backend = _linux(tmp_path)
    backend.path.mkdir(parents=True)  # something odd where the file should be
    with pytest.raises(AutostartError, match="cannot read"):
        backend.is_enabled()
    with pytest.raises(AutostartError, match="cannot write"):
        backend.enable()
    assert not any(p.name.endswith(".partial") for p in backend.folder.iterdir())


# -- the command written into the entry ---------------------------------------------------------


def test_frozen_bundle_starts_its_own_program(tmp_path: Path) -> None:
    exe = tmp_path / "focusdesk"
    assert launch_command(executable=str(exe), frozen=True, platform="linux") == [str(exe)]
    assert launch_command(["--data-dir", "/d"], executable=str(exe), frozen=True) == [
        str(exe),
        "--data-dir",
        "/d",
    ]


def test_frozen_windows_cli_enables_the_windowed_program(tmp_path: Path) -> None:
    cli = tmp_path / "focusdesk-cli.exe"
    (tmp_path / "FocusDesk.exe").write_bytes(b"")
    command = launch_command(executable=str(cli), frozen=True, platform="win32")
    assert command == [str(tmp_path / "FocusDesk.exe")]


def test_pip_install_uses_the_launcher_beside_python(tmp_path: Path) -> None:
    python = tmp_path / "python"
    assert launch_command(executable=str(python), frozen=False, platform="linux") == [
        str(python),
        "-m",
        "focusdesk",
    ]
    launcher = tmp_path / "focusdesk"
    launcher.write_text("#!/bin/sh\n")
    launcher.chmod(0o755)
    assert launch_command(executable=str(python), frozen=False, platform="linux") == [str(launcher)]


def test_windows_pip_install_starts_without_a_console(tmp_path: Path) -> None:
    (tmp_path / "pythonw.exe").write_bytes(b"")
    command = launch_command(
        executable=str(tmp_path / "python.exe"), frozen=False, platform="win32"
    )
    assert command == [str(tmp_path / "pythonw.exe"), "-m", "focusdesk"]


# -- Windows, registry mocked ----------------------------------------------------------------------


class FakeKey:
    def __init__(self, registry: FakeWinreg, path: str) -> None:
        self.registry = registry
        self.path = path

    def __enter__(self) -> FakeKey:
        return self

    def __exit__(self, *exc: object) -> None:
        self.registry.closed += 1


class FakeWinreg:
    """The part of ``winreg`` the backend uses, over a dict of keys."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_READ = 0x20019
    KEY_SET_VALUE = 0x0002
    REG_SZ = 1

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, tuple[Any, int]]] = {}
        self.closed = 0
        self.fail_writes = False

    def OpenKey(self, root: str, sub: str, reserved: int, access: int) -> FakeKey:
        path = f"{root}\\{sub}"
        if path not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return FakeKey(self, path)

    def CreateKeyEx(self, root: str, sub: str, reserved: int, access: int) -> FakeKey:
        if self.fail_writes:
            raise PermissionError(5, "Access is denied")
        path = f"{root}\\{sub}"
        self.keys.setdefault(path, {})
        return FakeKey(self, path)

    def QueryValueEx(self, key: FakeKey, name: str) -> tuple[Any, int]:
        try:
            return self.keys[key.path][name]
        except KeyError:
            raise FileNotFoundError(2, "The system cannot find the file specified") from None

    def SetValueEx(self, key: FakeKey, name: str, reserved: int, kind: int, value: Any) -> None:
        self.keys[key.path][name] = (value, kind)

    def DeleteValue(self, key: FakeKey, name: str) -> None:
        if name not in self.keys[key.path]:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del self.keys[key.path][name]


def test_run_key_value_is_written_quoted_and_removed() -> None:
    registry = FakeWinreg()
    command = [r"C:\Program Files\FocusDesk\FocusDesk.exe", "--data-dir", r"C:\Users\me\Focus"]
    backend = autostart_for(command, platform="win32", registry=registry)
    assert isinstance(backend, RunKeyAutostart)
    assert not backend.is_enabled()  # no Run key at all yet
    backend.disable()  # nothing to remove: fine
    backend.enable()
    value, kind = registry.keys[f"HKCU\\{RUN_KEY}"]["FocusDesk"]
    assert kind == FakeWinreg.REG_SZ
    assert value == r'"C:\Program Files\FocusDesk\FocusDesk.exe" --data-dir C:\Users\me\Focus'
    assert backend.is_enabled() and "HKEY_CURRENT_USER" in backend.describe()
    backend.disable()
    assert "FocusDesk" not in registry.keys[f"HKCU\\{RUN_KEY}"] and not backend.is_enabled()
    backend.disable()
    assert registry.closed >= 5  # every key opened was closed again


def test_run_key_access_denied_is_a_clear_error() -> None:
    registry = FakeWinreg()
    registry.fail_writes = True
    backend = autostart_for(["FocusDesk.exe"], platform="win32", registry=registry)
    with pytest.raises(AutostartError, match=r"cannot write the Run key: .*Access is denied"):
        backend.enable()


# -- macOS, paths redirected -------------------------------------------------------------------------


def test_launch_agent_appears_and_disappears(tmp_path: Path) -> None:
    command = ["/Applications/FocusDesk.app/Contents/MacOS/focusdesk"]
    backend = autostart_for(command, platform="darwin", home=tmp_path)
    assert isinstance(backend, LaunchAgentAutostart)
    plist = tmp_path / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    assert backend.path == plist and not backend.is_enabled()
    backend.enable()
    agent = plistlib.loads(plist.read_bytes())
    assert agent["Label"] == APP_ID and agent["ProgramArguments"] == command
    assert agent["RunAtLoad"] is True and backend.is_enabled()
    backend.disable()
    assert not plist.exists() and not backend.is_enabled()


def test_launch_agent_disabled_or_damaged(tmp_path: Path) -> None:
    backend = autostart_for(["focusdesk"], platform="darwin", home=tmp_path)
    backend.enable()
    assert isinstance(backend, LaunchAgentAutostart)
    agent = plistlib.loads(backend.path.read_bytes())
    backend.path.write_bytes(plistlib.dumps({**agent, "Disabled": True}))
    assert not backend.is_enabled()
    backend.path.write_bytes(b"not a plist")
    with pytest.raises(AutostartError, match="cannot read"):
        backend.is_enabled()


# -- elsewhere ---------------------------------------------------------------------------------------


def test_unknown_system_gets_a_null_backend_that_says_why() -> None:
    backend = autostart_for(["focusdesk"], platform="haiku1")
    assert isinstance(backend, NullAutostart) and not backend.available
    assert not backend.is_enabled() and "haiku1" in backend.describe()
    backend.disable()
    with pytest.raises(AutostartError, match="not available"):
        backend.enable()


def test_a_focusdesk_in_its_own_folder_starts_at_log_in_with_that_folder(tmp_path: Path) -> None:
    import platformdirs

    from focusdesk.services.autostart import command_for

    usual = Path(platformdirs.PlatformDirs("focusdesk", appauthor=False).user_data_dir)
    assert "--data-dir" not in command_for(usual)
    own = command_for(tmp_path / "focus")
    assert own[-2:] == ["--data-dir", str(tmp_path / "focus")]
