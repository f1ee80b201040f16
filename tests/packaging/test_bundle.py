"""The Linux bundle, built with packaging/build-linux.sh, runs for real on an X desktop.

Why: a frozen app fails in ways the source tree never shows — a data file
not collected, a module imported by name (plyer's backends, Alembic's
migration scripts), a Qt plugin left out, a child process started through
``sys.executable``. So this builds the one-folder bundle exactly as the
documented command does (into a temporary folder), then runs the binary:
``--version``; ``doctor`` with a fresh data folder (which runs the migrations
from their files); and the desktop app under Xvfb with openbox and trayer,
where its icon must dock, a forwarded ``start`` must reach it through the
instance socket, and doctor must find the tray.

Set FOCUSDESK_BUNDLE=dist/focusdesk to test a bundle built beforehand
instead of building one (about a minute and a half here).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from focusdesk import __version__
from tests.support.xserver import unavailable_reason, xserver

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
]

ROOT = Path(__file__).resolve().parents[2]
BUNDLE_ENV = "FOCUSDESK_BUNDLE"
# Measured 186 MB with PySide6 6.11; a bundle far past this has lost its Qt exclusions.
MAX_BUNDLE_MB = 230
UNUSED_QT = ("WebEngine", "Quick", "Qml", "Pdf", "3D", "Multimedia", "VirtualKeyboard")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get(BUNDLE_ENV)
    if given:
        folder = Path(given).resolve()
        assert (folder / "focusdesk").is_file(), f"{BUNDLE_ENV}={given} holds no focusdesk program"
        return folder
    missing = [tool for tool in ("objdump", "ldd") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"PyInstaller needs {', '.join(missing)} (Debian: apt-get install binutils)")
    work = tmp_path_factory.mktemp("bundle")
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "FOCUSDESK_BUILD_DIR": str(work / "build"),
        "FOCUSDESK_DIST_DIR": str(work / "dist"),
    }
    done = subprocess.run(
        [str(ROOT / "packaging" / "build-linux.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, f"build-linux.sh failed:\n{done.stdout}\n{done.stderr[-4000:]}"
    return work / "dist" / "focusdesk"


def _env(**extra: str) -> dict[str, str]:
    """The bundle must need nothing from this Python: no PYTHONPATH, no virtualenv."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "FOCUSDESK_"))}
    # QT_QPA_PLATFORM too: the UI tests' conftest sets "offscreen" for the whole pytest
    # process, and an offscreen Qt has no system tray.
    for name in (
        "DISPLAY",
        "WAYLAND_DISPLAY",
        "VIRTUAL_ENV",
        "DBUS_SESSION_BUS_ADDRESS",
        "QT_QPA_PLATFORM",
    ):
        env.pop(name, None)
    return {**env, **extra}


def _run(bundle: Path, *args: str | Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(bundle / "focusdesk"), *map(str, args)],
        cwd=bundle.parent,
        env=env or _env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"focusdesk {args}: {done.stdout}\n{done.stderr}"
    return done.stdout


def test_version(bundle: Path) -> None:
    assert _run(bundle, "--version").strip() == f"FocusDesk {__version__}"


def test_doctor_with_a_fresh_data_folder(bundle: Path, tmp_path: Path) -> None:
    checks = {
        c["name"]: c for c in json.loads(_run(bundle, "--data-dir", tmp_path, "doctor", "--json"))
    }
    assert checks["database"]["ok"] is True, checks["database"]  # migrations ran from their files
    assert "0 sessions" in checks["database"]["detail"]
    versions = checks["versions"]["detail"]
    assert "not installed" not in versions and f"FocusDesk {__version__}" in versions
    assert checks["display"]["ok"] is False and "no display" in checks["tray"]["detail"]


def test_menu_entry_from_the_bundle_starts_the_bundle(bundle: Path, tmp_path: Path) -> None:
    share = tmp_path / "xdg-data"
    env = _env(XDG_DATA_HOME=str(share), XDG_DATA_DIRS=str(tmp_path / "system"))
    _run(bundle, "--data-dir", tmp_path / "data", "desktop-entry", "install", env=env)
    entry = (share / "applications" / "io.focusdesk.FocusDesk.desktop").read_text()
    assert f"Exec={bundle / 'focusdesk'} --data-dir {tmp_path / 'data'}\n" in entry
    icon = share / "icons/hicolor/48x48/apps/io.focusdesk.FocusDesk.png"
    assert icon.read_bytes() == (ROOT / "resources" / "icons" / "focusdesk-48.png").read_bytes()
    _run(bundle, "--data-dir", tmp_path / "data", "desktop-entry", "remove", env=env)
    assert not any("io.focusdesk" in p.name for p in share.rglob("*"))


def test_bundle_carries_resources_and_leaves_unused_qt_out(bundle: Path) -> None:
    inside = bundle / "_internal"
    resources = inside / "focusdesk" / "resources"
    for name in (
        "default_rules.toml",
        "polite_exits.txt",
        "icons/focusdesk-22.png",
        "icons/focusdesk.svg",
    ):
        assert (resources / name).is_file(), name
    assert sorted(
        p.name for p in (inside / "focusdesk" / "store" / "migrations" / "versions").glob("0*.py")
    )
    libraries = [p.name for p in inside.rglob("*.so*")]
    assert any("Qt6Charts" in name for name in libraries)
    assert [n for n in libraries if any(f"Qt6{q}" in n for q in UNUSED_QT)] == []
    assert [n for n in libraries if n.startswith("libgtk")] == []
    size_mb = sum(p.lstat().st_size for p in bundle.rglob("*") if not p.is_symlink()) / 1e6
    assert size_mb < MAX_BUNDLE_MB, f"{size_mb:.0f} MB"
    share = bundle / "share"
    assert (share / "applications" / "io.focusdesk.FocusDesk.desktop").is_file()
    assert (share / "icons" / "hicolor" / "48x48" / "apps" / "io.focusdesk.FocusDesk.png").is_file()
    assert (
        share / "icons" / "hicolor" / "scalable" / "apps" / "io.focusdesk.FocusDesk.svg"
    ).is_file()


# -- on a real X desktop -------------------------------------------------------------------------


@pytest.fixture
def desktop() -> Iterator[str]:
    reason = unavailable_reason(wm=True, tray=True)
    if reason:
        pytest.skip(f"needs a real X desktop: {reason}")
    with xserver(wm=True, tray=True) as display:
        yield display


def _docked_icon(display_name: str) -> tuple[int, int] | None:
    """(width, height) of a small viewable FocusDesk window that is not a top-level client."""
    from Xlib.display import Display

    display = Display(display_name)
    try:
        root = display.screen().root
        stack = list(root.query_tree().children)
        while stack:
            window = stack.pop()
            try:
                wm_class = window.get_wm_class() or ()
                geometry = window.get_geometry()
                viewable = window.get_attributes().map_state == 2
                stack.extend(window.query_tree().children)
            except Exception:
                continue
            is_ours = any(part.lower() == "focusdesk" for part in wm_class)
            if is_ours and viewable and geometry.width <= 64 and geometry.height <= 64:
                parent = window.query_tree().parent
                if int(parent.id) != int(root.id):  # embedded in the tray host, not on the desktop
                    return geometry.width, geometry.height
        return None
    finally:
        display.close()


def test_app_docks_in_the_tray_and_takes_forwarded_commands(
    bundle: Path, desktop: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    probe = tmp_path / "docked"
    env = _env(DISPLAY=desktop, QT_QPA_PLATFORM="xcb", FOCUSDESK_STARTUP_PROBE=str(probe))
    log = (tmp_path / "app.log").open("wb")
    app = subprocess.Popen(
        [str(bundle / "focusdesk"), "--data-dir", str(data)],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while not probe.exists() and time.monotonic() < deadline and app.poll() is None:
            time.sleep(0.05)
        output = (tmp_path / "app.log").read_text(errors="replace")
        assert app.poll() is None, f"the bundled app exited with {app.returncode}: {output}"
        assert probe.exists(), f"the tray icon did not dock within 30 s: {output}"
        assert _docked_icon(desktop) is not None

        _app_answers(data)  # the controller is up and listens on the instance socket
        cli_env = _env(DISPLAY=desktop)
        started = _run(bundle, "--data-dir", data, "start", "--objective", "Reply to 3 comments",
                       "--minutes", "25", env=cli_env)  # fmt: skip
        assert "Started" in started
        status = json.loads(_run(bundle, "--data-dir", data, "status", "--json", env=cli_env))
        assert status["running"] is True and status["session"]["objective"] == "Reply to 3 comments"
        assert _app_answers(data)["running"] is True  # the app itself knows: start was forwarded

        checks = {c["name"]: c for c in json.loads(_run(bundle, "doctor", "--json", env=cli_env))}
        assert checks["tray"]["ok"] is True, checks["tray"]  # Qt asked in a child: the -c path
        output = (tmp_path / "app.log").read_text(errors="replace")
        assert "Traceback" not in output, output
    finally:
        app.terminate()
        try:
            app.wait(timeout=15)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
        log.close()


def _app_answers(data: Path) -> dict[str, object]:
    """``status --json`` as the running app answers it over its socket (not this process)."""
    from focusdesk.services.instance_client import send_to_app
    from focusdesk.services.paths import resolve_paths

    deadline = time.monotonic() + 20
    while True:
        reply = send_to_app(resolve_paths(data), ["status", "--json"], str(data))
        if reply is not None and reply.rc == 0:
            return json.loads(reply.stdout)
        assert time.monotonic() < deadline, f"the app does not answer: {reply}"
        time.sleep(0.2)
