"""The applications-menu entry, written for real into a temporary XDG_DATA_HOME."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from focusdesk.services.autostart import APP_ID, command_for
from focusdesk.services.desktop_entry import (
    DesktopEntry,
    DesktopEntryError,
    FileState,
    data_dirs,
    data_home,
    desktop_entry_for,
)
from focusdesk.services.resources import resource_dir
from tests.support.desktop_exec import exec_of

COMMAND = ["/opt/Focus Desk/focusdesk", "--data-dir", '/home/me/My "Focus" 100%']
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="XDG menus are for Linux and the BSDs")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "share"


def _entry(home: Path, command: Sequence[str] = COMMAND, **kwargs: object) -> DesktopEntry:
    environ = {"XDG_DATA_HOME": str(home), "XDG_DATA_DIRS": str(home.parent / "system")}
    entry = desktop_entry_for(command, platform="linux", environ=environ)
    assert entry is not None
    if kwargs:  # the same place, with a stand-in for the cache tools
        return DesktopEntry(entry.data_home, command, entry.resources, **kwargs)  # type: ignore[arg-type]
    return entry


def _files_mentioning_us(home: Path) -> list[Path]:
    return [
        p
        for p in home.rglob("*")
        if APP_ID in p.name or (p.is_file() and APP_ID.encode() in p.read_bytes())
    ]


@pytest.fixture
def strict_umask() -> Iterator[None]:
    old = os.umask(0o077)
    yield
    os.umask(old)


def test_install_puts_entry_icons_and_metainfo_where_desktops_look(
    home: Path, strict_umask: None
) -> None:
    entry = _entry(home)
    assert not entry.is_installed()
    done = entry.install()
    resources = resource_dir()
    icons = [home / f"icons/hicolor/{n}x{n}/apps/{APP_ID}.png" for n in ICON_SIZES]
    for size, icon in zip(ICON_SIZES, icons, strict=True):
        assert icon.read_bytes() == (resources / "icons" / f"focusdesk-{size}.png").read_bytes()
    svg = home / f"icons/hicolor/scalable/apps/{APP_ID}.svg"
    assert svg.read_bytes() == (resources / "icons" / "focusdesk.svg").read_bytes()
    metainfo = home / f"metainfo/{APP_ID}.metainfo.xml"
    shipped_meta = resources / "desktop" / f"{APP_ID}.metainfo.xml"
    assert metainfo.read_bytes() == shipped_meta.read_bytes()
    desktop = home / f"applications/{APP_ID}.desktop"
    assert set(done.changed) == {*icons, svg, metainfo, desktop}
    assert done.changed[-1] == desktop  # the menu sees it only once its icon is there
    text = desktop.read_text()
    assert f"Icon={APP_ID}\n" in text and "Name=FocusDesk\n" in text
    assert "Categories=Office;ProjectManagement;" in text  # the shipped entry, but for this install
    assert exec_of(desktop) == COMMAND
    for path in done.changed:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path  # not private, whatever the umask
    assert not list(home.rglob("*.partial"))
    assert entry.is_installed()
    assert {f.state for f in entry.status()} == {FileState.CURRENT}


def test_the_written_entry_passes_desktop_file_validate(home: Path) -> None:
    if shutil.which("desktop-file-validate") is None:
        pytest.skip(
            "desktop-file-validate not installed (Debian: apt-get install desktop-file-utils)"
        )
    entry = _entry(home)
    entry.install()
    done = subprocess.run(
        ["desktop-file-validate", str(entry.entry_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_exec_starts_this_focusdesk_with_its_own_data(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "my data"
    entry = _entry(home, command_for(data))
    entry.install()
    argv = exec_of(entry.entry_path)
    assert argv == command_for(data)
    assert argv[-2:] == ["--data-dir", str(data)]


def test_installing_again_writes_nothing(home: Path) -> None:
    entry = _entry(home)
    entry.install()
    assert entry.install().changed == ()


def test_remove_leaves_nothing_of_focusdesk(home: Path) -> None:
    entry = _entry(home)
    entry.install()
    done = entry.remove()
    assert len(done.changed) == len(ICON_SIZES) + 3 and done.kept == ()
    assert done.changed[0] == entry.entry_path  # out of the menu first
    assert _files_mentioning_us(home) == []  # the tools' caches were rebuilt without it too
    assert not (home / "icons/hicolor/48x48").exists()  # folders it made, emptied, go too
    assert not entry.is_installed()
    assert entry.remove().changed == ()  # nothing there: nothing to do, no error


def test_someone_elses_entry_is_refused_and_left_whole(home: Path) -> None:
    mine = "[Desktop Entry]\nType=Application\nName=My FocusDesk\nExec=/home/me/bin/fd\n"
    path = home / f"applications/{APP_ID}.desktop"
    path.parent.mkdir(parents=True)
    path.write_text(mine)
    entry = _entry(home)
    assert [f.state for f in entry.status() if f.kind == "entry"] == [FileState.FOREIGN]
    assert not entry.is_installed()
    with pytest.raises(DesktopEntryError, match="is not FocusDesk's") as refused:
        entry.install()
    assert str(path) in str(refused.value)
    assert path.read_text() == mine
    assert not (home / "icons").exists()  # nothing written before the refusal
    done = entry.remove()
    assert done.kept == (path,) and path.read_text() == mine


def test_a_custom_icon_is_neither_replaced_nor_removed(home: Path) -> None:
    entry = _entry(home)
    entry.install()
    icon = home / f"icons/hicolor/48x48/apps/{APP_ID}.png"
    icon.write_bytes(b"\x89PNG my own drawing")
    with pytest.raises(DesktopEntryError, match=r"48x48.*is not FocusDesk's"):
        entry.install()
    done = entry.remove()
    assert done.kept == (icon,) and icon.read_bytes() == b"\x89PNG my own drawing"
    assert not entry.entry_path.exists()


def test_a_folder_in_place_of_the_entry_is_refused(home: Path) -> None:
    entry = _entry(home)
    entry.entry_path.mkdir(parents=True)
    with pytest.raises(DesktopEntryError, match="is not FocusDesk's"):
        entry.install()
    assert entry.entry_path.is_dir()


def test_an_older_install_and_another_command_are_updated(home: Path, tmp_path: Path) -> None:
    old_resources = tmp_path / "old"
    shutil.copytree(resource_dir(), old_resources)
    (old_resources / "icons" / "focusdesk-32.png").write_bytes(b"\x89PNG the old mark")
    old = DesktopEntry(home, ["/old/focusdesk"], old_resources)
    old.install()

    entry = _entry(home)
    states = {
        f.path.name if f.kind != "icon" else f.path.parts[-3]: f.state for f in entry.status()
    }
    assert states["32x32"] is FileState.OUTDATED  # listed by the old entry: ours
    assert states[f"{APP_ID}.desktop"] is FileState.OUTDATED
    assert states["48x48"] is FileState.CURRENT
    assert entry.is_installed()
    changed = entry.install().changed
    assert set(changed) == {home / f"icons/hicolor/32x32/apps/{APP_ID}.png", entry.entry_path}
    assert exec_of(entry.entry_path) == COMMAND


def test_files_copied_by_hand_from_the_bundle_count_as_ours(home: Path) -> None:
    """packaging/build-linux.sh lays out share/ for copying into ~/.local/share."""
    shipped = resource_dir() / "desktop" / f"{APP_ID}.desktop"
    entry = _entry(home)
    entry.entry_path.parent.mkdir(parents=True)
    shutil.copy(shipped, entry.entry_path)
    assert entry.is_installed()
    entry.install()
    assert exec_of(entry.entry_path) == COMMAND
    entry.remove()
    assert _files_mentioning_us(home) == []


def test_a_file_where_a_folder_should_be_is_one_clear_error(home: Path) -> None:
    home.mkdir()
    (home / "applications").write_text("not a folder")
    with pytest.raises(DesktopEntryError, match=r"^cannot write .*applications"):
        _entry(home).install()


class RecordingTools:
    def __init__(self, fail: bool = False) -> None:
        self.calls: list[list[str]] = []
        self.fail = fail

    def __call__(self, argv: Sequence[str]) -> None:
        self.calls.append(list(argv))
        if self.fail:
            raise OSError("exec format error")


def test_cache_tools_run_when_present(home: Path) -> None:
    tools = RecordingTools()
    entry = _entry(home, run_tool=tools, which=lambda name: f"/usr/bin/{name}")
    entry.install()
    assert tools.calls == [
        ["/usr/bin/update-desktop-database", "-q", str(home / "applications")],
        ["/usr/bin/gtk-update-icon-cache", "-q", "-t", "-f", str(home / "icons/hicolor")],
    ]


def test_missing_tools_are_skipped(home: Path) -> None:
    tools = RecordingTools()
    entry = _entry(home, run_tool=tools, which=lambda name: None)
    entry.install()
    assert tools.calls == [] and entry.is_installed()


def test_a_failing_tool_is_logged_and_the_entry_stays(
    home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    tools = RecordingTools(fail=True)
    entry = _entry(home, run_tool=tools, which=lambda name: f"/usr/bin/{name}")
    with caplog.at_level(logging.WARNING, "focusdesk.services.desktop_entry"):
        entry.install()
    assert entry.is_installed() and len(tools.calls) == 2
    assert "update-desktop-database failed" in caplog.text
    assert "gtk-update-icon-cache failed" in caplog.text


def test_only_freedesktop_systems_have_the_entry(tmp_path: Path) -> None:
    assert desktop_entry_for(COMMAND, platform="win32") is None
    assert desktop_entry_for(COMMAND, platform="darwin") is None
    assert desktop_entry_for(COMMAND, platform="freebsd14", environ={}, home=tmp_path) is not None


def test_data_home_defaults_and_ignores_a_relative_value(tmp_path: Path) -> None:
    assert data_home({}, tmp_path) == tmp_path / ".local" / "share"
    assert data_home({"XDG_DATA_HOME": "relative/share"}, tmp_path) == tmp_path / ".local/share"
    assert data_home({"XDG_DATA_HOME": "/x/share"}, tmp_path) == Path("/x/share")


def test_a_packaged_entry_means_freedesktop_menus_show_it_already(home: Path) -> None:
    packaged = home.parent / "system" / "applications" / f"{APP_ID}.desktop"
    packaged.parent.mkdir(parents=True)
    packaged.write_text("[Desktop Entry]\nType=Application\nName=FocusDesk\nExec=focusdesk\n")
    entry = _entry(home)
    assert entry.packaged_entry() == packaged
    assert entry.in_menu() and not entry.is_installed()
    packaged.unlink()
    assert not entry.in_menu()


def test_system_data_dirs_default_and_ignore_relative_parts() -> None:
    assert data_dirs({}) == [Path("/usr/local/share"), Path("/usr/share")]
    assert data_dirs({"XDG_DATA_DIRS": "rel/share::/opt/share"}) == [Path("/opt/share")]
