"""The Linux desktop files validate, and the icons they name exist in every hicolor size.

Why: a desktop entry or metainfo file with one wrong key is silently ignored
by menus and software centres; the validators Debian ships catch that. The
Windows and macOS icon files are generated from the PNGs
(packaging/make_icons.py) and must not fall behind them.
"""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "resources" / "desktop"
ICONS = ROOT / "resources" / "icons"
APP_ID = "io.focusdesk.FocusDesk"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} not installed (Debian: apt-get install {package})")
    return path


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)


def test_desktop_entry_validates() -> None:
    done = _run(
        _tool("desktop-file-validate", "desktop-file-utils"), str(DESKTOP / f"{APP_ID}.desktop")
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_desktop_entry_starts_the_installed_command_with_our_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP / f"{APP_ID}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"] == "focusdesk"  # the console script of pyproject.toml
    assert section["Icon"] == APP_ID and section["Type"] == "Application"


def test_metainfo_validates_offline() -> None:
    done = _run(
        _tool("appstreamcli", "appstream"),
        "validate",
        "--no-net",
        str(DESKTOP / f"{APP_ID}.metainfo.xml"),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Validation was successful" in done.stdout


def test_metainfo_screenshots_are_the_ones_in_docs() -> None:
    tree = ET.parse(DESKTOP / f"{APP_ID}.metainfo.xml")
    assert tree.findtext("id") == APP_ID
    assert tree.findtext("launchable") == f"{APP_ID}.desktop"
    images = [image.text or "" for image in tree.iter("image")]
    assert len(images) >= 3
    for url in images:
        assert url.startswith("https://") and "/docs/screenshots/" in url, url
        assert (ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[1]).is_file(), url
    assert tree.find("screenshots/screenshot[@type='default']") is not None


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n"), path
    return struct.unpack(">II", data[16:24])


def test_an_icon_for_every_hicolor_size_and_an_svg() -> None:
    for size in HICOLOR_SIZES:
        assert _png_size(ICONS / f"focusdesk-{size}.png") == (size, size)
    for svg in ("focusdesk.svg", "focusdesk-template.svg"):
        root = ET.parse(ICONS / svg).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 64 64"


def test_macos_template_mark_is_black_on_transparent() -> None:
    """macOS tints a template image itself; colour in it would show as a grey smear."""
    svg = (ICONS / "focusdesk-template.svg").read_text(encoding="utf-8")
    colours = {part.split('"')[1] for part in svg.split("=")[1:] if part.startswith('"#')}
    assert colours == {"#000000"}
    for size in (18, 36):
        assert _png_size(ICONS / f"focusdesk-template-{size}.png") == (size, size)


def _make_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_icons", ROOT / "packaging" / "make_icons.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ico_and_icns_are_up_to_date_with_the_pngs() -> None:
    make_icons = _make_icons()
    ico = (ICONS / "focusdesk.ico").read_bytes()
    icns = (ICONS / "focusdesk.icns").read_bytes()
    assert ico == make_icons.ico_bytes(), "run python packaging/make_icons.py"
    assert icns == make_icons.icns_bytes(), "run python packaging/make_icons.py"
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_ico_reads_back_in_imagemagick() -> None:
    identify = _tool("identify", "imagemagick")
    done = _run(identify, str(ICONS / "focusdesk.ico"))
    assert done.returncode == 0, done.stderr
    assert "256x256" in done.stdout and "16x16" in done.stdout


def test_make_icons_refuses_a_png_of_the_wrong_size(tmp_path: Path) -> None:
    make_icons = _make_icons()
    for size in make_icons.ICO_SIZES:
        shutil.copy(ICONS / f"focusdesk-{size}.png", tmp_path / f"focusdesk-{size}.png")
    shutil.copy(ICONS / "focusdesk-32.png", tmp_path / "focusdesk-48.png")
    with pytest.raises(ValueError, match=r"focusdesk-48\.png is 32x32"):
        make_icons.ico_bytes(tmp_path)
