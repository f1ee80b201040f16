"""The sdist and the wheel built from it carry everything; an install from it works.

Why: the tests otherwise run against the source folder, where every file is
at hand. A user's ``pip install .`` (not editable) gets only what the wheel
carries, and a forgotten package-data pattern shows only there — as an app
that cannot find its default rules, icons or migrations. So this builds the
sdist and then the wheel from the sdist (``python -m build``), installs the
wheel with its dependencies into a fresh virtual environment, and runs the
installed ``focusdesk`` from a folder outside the checkout: ``doctor``, a
session, the summary, autostart. About a minute (pip's cache holds PySide6).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from focusdesk import __version__

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)


@dataclass
class Install:
    work: Path
    venv: Path
    sdist: Path
    wheel: Path

    @property
    def focusdesk(self) -> Path:
        return self.venv / "bin" / "focusdesk"

    def site_package(self) -> Path:
        [found] = self.venv.glob("lib/python3*/site-packages/focusdesk")
        return found


def _run(
    argv: list[str | Path], cwd: Path, env: dict[str, str] | None = None, timeout: int = 600
) -> str:
    done = subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{' '.join(map(str, argv))}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _clean_env(**extra: str) -> dict[str, str]:
    """No display (doctor stays quick), nothing pointing back at the checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOCUSDESK_", "PYTHON"))}
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "VIRTUAL_ENV"):
        env.pop(name, None)
    return {**env, **extra}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Install:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy: building writes egg-info and build/ next to the sources
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", venv], work)
    python = venv / "bin" / "python"
    pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    _run([*pip, "build"], work)
    _run([python, "-m", "build", "--outdir", work / "dist", source], work)
    [sdist] = (work / "dist").glob("focusdesk-*.tar.gz")
    [wheel] = (work / "dist").glob("focusdesk-*.whl")
    _run([*pip, wheel], work)
    return Install(work, venv, sdist, wheel)


def _shipped_files() -> set[str]:
    """Every file the app reads at run time, as paths inside the installed package."""
    found = set()
    for folder, inside in ((ROOT / "resources", "resources"), (ROOT / "focusdesk" / "store" / "migrations", "store/migrations")):  # fmt: skip
        for path in folder.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                found.add(f"{inside}/{path.relative_to(folder).as_posix()}")
    assert {"resources/default_rules.toml", "resources/polite_exits.txt"} <= found
    assert "resources/desktop/io.focusdesk.FocusDesk.desktop" in found
    assert "store/migrations/env.py" in found and "store/migrations/script.py.mako" in found
    return found


def test_sdist_carries_every_shipped_file(installed: Install) -> None:
    with tarfile.open(installed.sdist) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    expected = {
        f"resources/{name.removeprefix('resources/')}"
        if name.startswith("resources/")
        else f"focusdesk/{name}"
        for name in _shipped_files()
    }
    assert expected - names == set()
    assert {"pyproject.toml", "README.md"} <= names


def test_wheel_and_install_carry_every_shipped_file(installed: Install) -> None:
    expected = _shipped_files()
    with zipfile.ZipFile(installed.wheel) as wheel:
        in_wheel = {
            n.removeprefix("focusdesk/") for n in wheel.namelist() if n.startswith("focusdesk/")
        }
    assert expected - in_wheel == set()
    package = installed.site_package()
    on_disk = {p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()}
    assert expected - on_disk == set()
    assert not (package / "tests").exists() and not any(n.startswith("tests/") for n in in_wheel)


def test_installed_app_finds_its_resources_not_the_checkout(installed: Install) -> None:
    code = (
        "import focusdesk.services.resources as r\n"
        "print(r.resource_dir())\n"
        "print(len(r.read_lines('polite_exits.txt')))\n"
    )
    where, lines = _run(
        [installed.venv / "bin" / "python", "-c", code], installed.work, _clean_env()
    ).split()
    assert Path(where) == installed.site_package() / "resources"
    assert int(lines) > 0


def test_version_and_doctor_from_the_install(installed: Install) -> None:
    env = _clean_env()
    assert (
        _run([installed.focusdesk, "--version"], installed.work, env).strip()
        == f"FocusDesk {__version__}"
    )
    data = installed.work / "doctor-data"
    checks = {
        c["name"]: c
        for c in json.loads(
            _run([installed.focusdesk, "--data-dir", data, "doctor", "--json"], installed.work, env)
        )
    }
    assert checks["database"]["ok"] is True, checks["database"]
    assert "schema 000" in checks["database"]["detail"]
    assert "not installed" not in checks["versions"]["detail"].split("plyer")[0]
    assert checks["display"]["ok"] is False  # no DISPLAY here: said, not crashed


def test_a_session_from_the_install(installed: Install) -> None:
    env = _clean_env()
    data = installed.work / "session-data"

    def focusdesk(*args: str) -> str:
        return _run(
            [installed.focusdesk, "--data-dir", data, *args], installed.work, env, timeout=60
        )

    focusdesk("start", "--objective", "Reply to the 4 people who commented", "--minutes", "25")
    status = json.loads(focusdesk("status", "--json"))
    assert status["running"] is True and status["session"]["objective"].startswith("Reply to the 4")
    assert "Outcome: met" in focusdesk("stop", "--outcome", "met")
    summary = json.loads(focusdesk("summary", "--json"))
    [session] = summary["sessions"]
    assert session["outcome"] == "met" and session["planned_s"] == 1500
    rules = focusdesk("rules", "list")
    assert "business" in rules and "casual" in rules  # the shipped default rules were loaded


def test_autostart_from_the_install_points_at_its_launcher(installed: Install) -> None:
    config = installed.work / "xdg-config"
    env = _clean_env(XDG_CONFIG_HOME=str(config))
    _run([installed.focusdesk, "autostart", "on"], installed.work, env, timeout=60)
    entry = (config / "autostart" / "io.focusdesk.FocusDesk.desktop").read_text(encoding="utf-8")
    assert f"Exec={installed.focusdesk}\n" in entry
    _run([installed.focusdesk, "autostart", "off"], installed.work, env, timeout=60)
    assert not (config / "autostart" / "io.focusdesk.FocusDesk.desktop").exists()


def test_menu_entry_from_the_install_starts_its_launcher(installed: Install) -> None:
    share = installed.work / "xdg-data"
    env = _clean_env(XDG_DATA_HOME=str(share), XDG_DATA_DIRS=str(installed.work / "system"))
    _run([installed.focusdesk, "desktop-entry", "install"], installed.work, env, timeout=60)
    entry = (share / "applications" / "io.focusdesk.FocusDesk.desktop").read_text(encoding="utf-8")
    assert f"Exec={installed.focusdesk}\n" in entry
    icon = share / "icons/hicolor/256x256/apps/io.focusdesk.FocusDesk.png"
    shipped = installed.site_package() / "resources" / "icons" / "focusdesk-256.png"
    assert icon.read_bytes() == shipped.read_bytes()  # the wheel's own files
    _run([installed.focusdesk, "desktop-entry", "remove"], installed.work, env, timeout=60)
    assert not any("io.focusdesk" in p.name for p in share.rglob("*"))
