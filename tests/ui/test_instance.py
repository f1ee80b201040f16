"""One app per data dir: the lock, the socket, stale leftovers of kill -9, and the protocol.

Rival apps run as real processes (``tests/support/fake_app.py``). When the
guard under test lives in this process, clients run in threads while the
test spins the Qt event loop, as the app's main thread would.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from pytestqt.qtbot import QtBot

from focusdesk.services.instance_client import (
    MAX_REQUEST_BYTES,
    Reply,
    lock_path,
    send_to_app,
    socket_path,
)
from focusdesk.services.paths import AppPaths, resolve_paths
from focusdesk.ui import instance
from focusdesk.ui.instance import InstanceGuard

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX sockets and signals")

ROOT = Path(__file__).resolve().parents[2]
FAKE_APP = ROOT / "tests" / "support" / "fake_app.py"


def spawn(data_dir: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(FAKE_APP), str(data_dir), *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )


def first_line(proc: subprocess.Popen[str], timeout: float = 20) -> str:
    got: list[str] = []
    assert proc.stdout is not None
    reader = threading.Thread(target=lambda: got.append(proc.stdout.readline()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    reader.join(timeout)
    assert got, f"no line from pid {proc.pid} within {timeout} s"
    return got[0].strip()


def stop(proc: subprocess.Popen[str], paths: AppPaths) -> None:
    if proc.poll() is None:
        try:
            if send_to_app(paths, ["quit"], "/", timeout=5) is None:
                proc.terminate()
            proc.wait(10)
        except Exception:
            proc.kill()
            proc.wait(10)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "d")


@pytest.fixture
def owner(paths: AppPaths) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """A live app in another process; yields it and its PID."""
    proc = spawn(paths.data_dir)
    line = first_line(proc)
    assert line.startswith("owner "), line
    try:
        yield proc, int(line.split()[1])
    finally:
        stop(proc, paths)


def echo(request: dict[str, Any]) -> dict[str, Any]:
    return {"rc": 0, "stdout": f"{request['argv']} in {request['cwd']}", "stderr": ""}


@pytest.fixture
def make_guard(qapp: Any, paths: AppPaths) -> Iterator[Callable[..., InstanceGuard]]:
    guards: list[InstanceGuard] = []

    def make(handler: instance.Handler = echo, where: AppPaths = paths) -> InstanceGuard:
        guards.append(InstanceGuard(where, handler))
        return guards[-1]

    yield make
    for guard in guards:
        guard.release()


def in_thread(qtbot: QtBot, work: Callable[[], Any], timeout_ms: int = 15000) -> Any:
    """Run a blocking client call while this thread keeps serving Qt events."""
    box: list[Any] = []

    def run() -> None:
        try:
            box.append(work())
        except BaseException as exc:
            box.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=timeout_ms)
    if isinstance(box[0], BaseException):
        raise box[0]
    return box[0]


def raw(path: Path, *chunks: bytes, pause: float = 0.0) -> dict[str, Any] | None:
    """Send bytes as given (no framing help); return the decoded reply line, or None on EOF."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(10)
        sock.connect(str(path))
        try:
            for chunk in chunks:
                sock.sendall(chunk)
                time.sleep(pause)
        except OSError:
            pass  # the server may answer and hang up before taking everything
        data = b""
        while not data.endswith(b"\n"):
            chunk = sock.recv(65536)
            if not chunk:
                return None
            data += chunk
    return json.loads(data)


# --- the lock ---------------------------------------------------------------


def test_a_second_guard_does_not_acquire_while_an_app_runs_and_reaches_it(
    make_guard: Callable[..., InstanceGuard], owner: tuple[subprocess.Popen[str], int]
) -> None:
    _proc, pid = owner
    guard = make_guard()
    assert guard.acquire() is False and not guard.is_owner
    reply = guard.acquire_or_forward([], "/here", wait=2)
    assert reply is not None and reply.rc == 0 and reply.extra["pid"] == pid


def test_the_live_owners_socket_survives_a_second_start(
    paths: AppPaths,
    make_guard: Callable[..., InstanceGuard],
    owner: tuple[subprocess.Popen[str], int],
) -> None:
    _proc, pid = owner
    before = socket_path(paths).stat().st_ino
    assert make_guard().acquire() is False
    second = spawn(paths.data_dir)
    assert first_line(second).startswith("second ")
    assert second.wait(10) == 0
    assert socket_path(paths).stat().st_ino == before
    reply = send_to_app(paths, ["hello"], "/")
    assert reply is not None and reply.extra["pid"] == pid


def test_a_lock_and_socket_left_by_kill_9_do_not_block_the_next_start(
    paths: AppPaths, make_guard: Callable[..., InstanceGuard], qtbot: QtBot
) -> None:
    proc = spawn(paths.data_dir)
    assert first_line(proc).startswith("owner ")
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert lock_path(paths).exists() and socket_path(paths).exists()
    assert send_to_app(paths, ["status"], "/") is None  # nobody listens on the leftover
    guard = make_guard()
    assert guard.acquire() is True and guard.listening
    reply = in_thread(qtbot, lambda: send_to_app(paths, ["start"], "/w"))
    assert reply == Reply(0, "['start'] in /w", "")


def test_a_stale_socket_file_is_replaced_by_the_new_owner(
    paths: AppPaths, make_guard: Callable[..., InstanceGuard], qtbot: QtBot
) -> None:
    paths.runtime_dir.mkdir(parents=True, mode=0o700)
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(str(socket_path(paths)))
    leftover.close()
    assert send_to_app(paths, ["log"], "/") is None
    guard = make_guard()
    assert guard.acquire()
    assert in_thread(qtbot, lambda: send_to_app(paths, ["log"], "/")).rc == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_lock_whose_pid_was_reused_is_taken_over_after_nobody_answers(
    paths: AppPaths, make_guard: Callable[..., InstanceGuard]
) -> None:
    from PySide6.QtCore import QSysInfo

    # A live process with the same executable name, but no flock and no socket.
    impostor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        paths.runtime_dir.mkdir(parents=True, mode=0o700)
        exe = os.path.basename(os.readlink(f"/proc/{impostor.pid}/exe"))
        host = QSysInfo.machineHostName()
        lock_path(paths).write_text(f"{impostor.pid}\n{exe}\n{host}\n", encoding="utf-8")
        guard = make_guard()
        assert guard.acquire() is False
        assert guard.acquire_or_forward([], "/", wait=0.3) is None
        assert guard.is_owner and guard.listening
    finally:
        impostor.kill()
        impostor.wait(10)


def test_a_live_owner_that_does_not_answer_is_reported_not_removed(
    paths: AppPaths,
    make_guard: Callable[..., InstanceGuard],
    owner: tuple[subprocess.Popen[str], int],
) -> None:
    proc, pid = owner
    socket_path(paths).unlink()  # as if its listen() had failed
    reply = make_guard().acquire_or_forward([], "/", wait=0.3)
    assert reply is not None and reply.rc == 1
    assert f"already running (process {pid}) but does not answer" in reply.stderr
    assert lock_path(paths).exists() and proc.poll() is None


def test_a_busy_owner_times_out_as_an_error_reply(
    paths: AppPaths,
    make_guard: Callable[..., InstanceGuard],
    owner: tuple[subprocess.Popen[str], int],
) -> None:
    busy = threading.Thread(target=lambda: send_to_app(paths, ["sleep", "2"], "/"), daemon=True)
    busy.start()
    time.sleep(0.3)
    reply = make_guard().acquire_or_forward([], "/", wait=0.2)
    assert reply is not None and reply.rc == 1 and "did not answer" in reply.stderr
    busy.join(10)


def test_socket_lock_and_folder_are_private_and_gone_after_release(
    paths: AppPaths, make_guard: Callable[..., InstanceGuard]
) -> None:
    guard = make_guard()
    assert guard.acquire()
    sock_mode = socket_path(paths).stat().st_mode
    assert stat.S_ISSOCK(sock_mode) and stat.S_IMODE(sock_mode) & 0o077 == 0
    assert stat.S_IMODE(paths.runtime_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(lock_path(paths).stat().st_mode) == 0o600
    guard.release()
    assert not socket_path(paths).exists() and not lock_path(paths).exists()
    assert make_guard().acquire()


def test_a_data_dir_too_deep_for_af_unix_still_gets_a_socket(
    tmp_path: Path,
    make_guard: Callable[..., InstanceGuard],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runtime = tmp_path / "xdg"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    deep = resolve_paths(tmp_path / ("x" * 70) / ("y" * 70))
    guard = make_guard(where=deep)
    assert guard.acquire() and guard.listening
    assert socket_path(deep).parent == runtime
    assert in_thread(qtbot, lambda: send_to_app(deep, ["status"], "/")).rc == 0
    guard.release()
    assert list(runtime.iterdir()) == []


# --- the protocol -----------------------------------------------------------


@pytest.fixture
def served(make_guard: Callable[..., InstanceGuard], paths: AppPaths) -> Path:
    def handler(request: dict[str, Any]) -> dict[str, Any]:
        argv = request["argv"]
        if argv == ["crash"]:
            raise RuntimeError("boom")
        if argv == ["malformed"]:
            return {"rc": "0", "stdout": None}
        if argv == ["unserializable"]:
            return {"rc": 0, "stdout": "ok", "stderr": "", "thing": {1, 2}}
        if argv == ["nested"]:  # like a modal dialog: a nested event loop
            loop = QEventLoop()
            QTimer.singleShot(400, loop.quit)
            loop.exec()
        return echo(request)

    assert make_guard(handler).acquire()
    return socket_path(paths)


def request(argv: list[str], cwd: str = "/") -> bytes:
    return json.dumps({"argv": argv, "cwd": cwd}).encode() + b"\n"


def test_a_request_arriving_in_pieces_is_answered(qtbot: QtBot, served: Path) -> None:
    data = request(["start", "-o", "Message 5 prospects"])
    pieces = [data[:5], data[5:20], data[20:]]
    reply = in_thread(qtbot, lambda: raw(served, *pieces, pause=0.05))
    assert reply == {"rc": 0, "stdout": "['start', '-o', 'Message 5 prospects'] in /", "stderr": ""}


def test_many_clients_at_once_each_get_their_own_answer(qtbot: QtBot, served: Path) -> None:
    def many() -> list[dict[str, Any] | None]:
        results: list[dict[str, Any] | None] = [None] * 12

        def one(i: int) -> None:
            results[i] = raw(served, request(["log", str(i)]))

        threads = [threading.Thread(target=one, args=(i,)) for i in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(15)
        return results

    results = in_thread(qtbot, many)
    assert [r["stdout"] if r else None for r in results] == [
        f"['log', '{i}'] in /" for i in range(12)
    ]


def test_clients_that_hang_up_early_do_not_disturb_the_next(
    qtbot: QtBot, served: Path, make_guard: Callable[..., InstanceGuard]
) -> None:
    def rude() -> dict[str, Any] | None:
        for partial in (b"", b'{"argv": ["st', request(["stop"])[:-1]):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.connect(str(served))
                sock.sendall(partial)
        return raw(served, request(["status"]))

    reply = in_thread(qtbot, rude)
    assert reply is not None and reply["stdout"] == "['status'] in /"


def test_a_silent_client_is_dropped_after_the_idle_timeout(
    qtbot: QtBot, served: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(instance, "IDLE_TIMEOUT_MS", 200)

    def silent() -> bytes:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(5)
            sock.connect(str(served))
            return sock.recv(10)

    assert in_thread(qtbot, silent) == b""


@pytest.mark.parametrize("newline", [False, True])
def test_an_oversize_request_gets_an_error_reply(qtbot: QtBot, served: Path, newline: bool) -> None:
    data = b"x" * (MAX_REQUEST_BYTES + 10) + (b"\n" if newline else b"")
    reply = in_thread(qtbot, lambda: raw(served, data))
    assert reply is not None and reply["rc"] == 2 and "larger than 1 MiB" in reply["stderr"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"{not json\n", "not valid JSON"),
        (b"\xff\xfe\n", "not valid JSON"),
        (b'["start"]\n', '"argv" (a list of strings)'),
        (b'{"argv": "start", "cwd": "/"}\n', '"argv" (a list of strings)'),
        (b'{"argv": [1], "cwd": "/"}\n', '"argv" (a list of strings)'),
        (b'{"argv": []}\n', '"cwd" (a string)'),
    ],
)
def test_a_bad_request_gets_an_error_reply(
    qtbot: QtBot, served: Path, line: bytes, message: str
) -> None:
    reply = in_thread(qtbot, lambda: raw(served, line))
    assert reply is not None and reply["rc"] == 2 and message in reply["stderr"]
    assert reply["stderr"].count("\n") == 1


def test_a_failing_or_malformed_handler_is_an_error_reply_and_the_app_goes_on(
    qtbot: QtBot, served: Path
) -> None:
    crash = in_thread(qtbot, lambda: raw(served, request(["crash"])))
    assert crash is not None and crash["rc"] == 1 and "failed on this command" in crash["stderr"]
    malformed = in_thread(qtbot, lambda: raw(served, request(["malformed"])))
    assert malformed is not None and malformed["rc"] == 1
    odd = in_thread(qtbot, lambda: raw(served, request(["unserializable"])))
    assert odd is not None and odd["rc"] == 0 and odd["stdout"] == "ok"
    fine = in_thread(qtbot, lambda: raw(served, request(["status"])))
    assert fine is not None and fine["rc"] == 0


def test_other_clients_are_served_while_a_handler_runs_a_nested_loop(
    qtbot: QtBot, served: Path
) -> None:
    def both() -> tuple[float, float]:
        done: dict[str, float] = {}
        nested = threading.Thread(
            target=lambda: (
                raw(served, request(["nested"])),
                done.setdefault("nested", time.monotonic()),
            )
        )
        nested.start()
        time.sleep(0.1)
        raw(served, request(["plain"]))
        done["plain"] = time.monotonic()
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:  # and one that leaves
            sock.connect(str(served))
            sock.sendall(request(["nested"]))
        nested.join(10)
        return done["plain"], done["nested"]

    plain_at, nested_at = in_thread(qtbot, both)
    assert plain_at < nested_at
    qtbot.wait(600)  # the abandoned nested request finishes without a client


# --- two at once --------------------------------------------------------------


def test_two_instances_started_at_once_exactly_one_runs_20_times_out_of_20(
    paths: AppPaths,
) -> None:
    """Both processes are released by the same stdin byte; every 4th round starts over a
    lock and socket left by a kill -9, so the racers also race to clear them."""
    rounds: list[float] = []
    started = time.monotonic()
    for n in range(20):
        if n % 4 == 3:
            crashed = spawn(paths.data_dir)
            assert first_line(crashed).startswith("owner ")
            crashed.send_signal(signal.SIGKILL)
            crashed.wait(10)
            assert lock_path(paths).exists()
        racers = [spawn(paths.data_dir, "--barrier") for _ in range(2)]
        try:
            assert [first_line(p) for p in racers] == ["ready", "ready"]
            t0 = time.monotonic()
            for p in racers:
                assert p.stdin is not None
                p.stdin.write("go\n")
                p.stdin.flush()
            lines = [first_line(p) for p in racers]
            owners = [i for i, line in enumerate(lines) if line.startswith("owner ")]
            seconds = [i for i, line in enumerate(lines) if line.startswith("second ")]
            assert len(owners) == 1 and len(seconds) == 1, f"round {n}: {lines}"
            owner, second = racers[owners[0]], racers[seconds[0]]
            owner_pid = int(lines[owners[0]].split()[1])
            reply = json.loads(lines[seconds[0]].split(" ", 1)[1])
            assert reply["rc"] == 0 and reply["extra"]["pid"] == owner_pid, reply
            assert reply["stdout"] == f"owner {owner_pid} got []\n"
            assert second.wait(10) == 0 and owner.poll() is None
            rounds.append(time.monotonic() - t0)
            bye = send_to_app(paths, ["quit"], "/")
            assert bye is not None and bye.stdout == "bye\n"
            assert owner.wait(10) == 0
            assert not lock_path(paths).exists() and not socket_path(paths).exists()
        finally:
            for p in racers:
                if p.poll() is None:
                    p.kill()
                    p.wait(10)
    total = time.monotonic() - started
    rounds.sort()
    print(
        f"\n20/20 rounds: total {total:.1f} s; race to reply median {rounds[10] * 1000:.0f} ms, "
        f"max {rounds[-1] * 1000:.0f} ms"
    )
    assert total < 60
