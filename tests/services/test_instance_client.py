"""The CLI's side of the line to the running app, against plain-Python fake servers."""

from __future__ import annotations

import json
import os
import socket
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from focusdesk.services.instance_client import (
    MAX_REPLY_BYTES,
    MAX_REQUEST_BYTES,
    PIPE_PREFIX,
    SUN_PATH_MAX,
    InstanceError,
    Reply,
    lock_path,
    pipe_name,
    prepare_socket_dir,
    send_to_app,
    server_address,
    socket_path,
)
from focusdesk.services.paths import AppPaths, resolve_paths

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="AF_UNIX servers")

Serve = Callable[[socket.socket], None]


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "d")


class FakeServer:
    """Accepts connections on the app's socket path and lets ``serve`` talk to each."""

    def __init__(self, paths: AppPaths, serve: Serve) -> None:
        prepare_socket_dir(paths)
        self.requests: list[bytes] = []
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.bind(str(socket_path(paths)))
        self._sock.listen(5)
        self._serve = serve
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            with conn:
                self._serve(conn)

    def close(self) -> None:
        self._sock.close()


@pytest.fixture
def serve(paths: AppPaths) -> Iterator[Callable[[Serve], FakeServer]]:
    servers: list[FakeServer] = []

    def start(handler: Serve) -> FakeServer:
        servers.append(FakeServer(paths, handler))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def read_request(conn: socket.socket) -> dict[str, object]:
    data = b""
    while not data.endswith(b"\n"):
        data += conn.recv(4096)
    return json.loads(data)


def test_no_app_means_none_quickly(paths: AppPaths) -> None:
    started = time.monotonic()
    assert send_to_app(paths, ["status"], "/") is None  # no runtime dir at all
    prepare_socket_dir(paths)
    assert send_to_app(paths, ["status"], "/") is None  # dir, no socket
    assert time.monotonic() - started < 0.5


def test_a_stale_socket_file_with_nobody_listening_means_none(paths: AppPaths) -> None:
    prepare_socket_dir(paths)
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(socket_path(paths)))
    stale.close()  # the file stays, as after kill -9
    assert stat.S_ISSOCK(socket_path(paths).stat().st_mode)
    assert send_to_app(paths, ["stop"], "/") is None


def test_the_request_is_one_json_line_and_the_reply_is_parsed(
    paths: AppPaths, serve: Callable[[Serve], FakeServer]
) -> None:
    seen: list[dict[str, object]] = []

    def handler(conn: socket.socket) -> None:
        seen.append(read_request(conn))
        reply = {"rc": 3, "stdout": "héllo\n", "stderr": "warn\n", "show": "summary", "date": None}
        conn.sendall(json.dumps(reply).encode() + b"\n")

    serve(handler)
    reply = send_to_app(paths, ["log", "value", "--note", "ünïcode"], "/home/me")
    assert reply == Reply(3, "héllo\n", "warn\n", {"show": "summary", "date": None})
    assert seen == [{"argv": ["log", "value", "--note", "ünïcode"], "cwd": "/home/me"}]


def test_a_reply_in_many_small_pieces_is_read_whole(
    paths: AppPaths, serve: Callable[[Serve], FakeServer]
) -> None:
    def handler(conn: socket.socket) -> None:
        read_request(conn)
        data = json.dumps({"rc": 0, "stdout": "x" * 5000, "stderr": ""}).encode() + b"\n"
        for i in range(0, len(data), 700):
            conn.sendall(data[i : i + 700])
            time.sleep(0.005)

    serve(handler)
    reply = send_to_app(paths, [], "/")
    assert reply is not None and reply.stdout == "x" * 5000


def test_an_app_that_does_not_answer_times_out_with_an_error(
    paths: AppPaths, serve: Callable[[Serve], FakeServer]
) -> None:
    release = threading.Event()
    serve(lambda conn: release.wait(5))
    started = time.monotonic()
    with pytest.raises(InstanceError, match=r"did not answer within 0\.3 s"):
        send_to_app(paths, ["stop"], "/", timeout=0.3)
    assert time.monotonic() - started < 2
    release.set()


@pytest.mark.parametrize(
    "raw",
    [
        b"not json\n",
        b"[1, 2]\n",
        b'{"stdout": "", "stderr": ""}\n',
        b'{"rc": true, "stdout": "", "stderr": ""}\n',
        b'{"rc": 0, "stdout": 5, "stderr": ""}\n',
        b"\xff\xfe\n",
        b'{"rc": 0, "stdout": "cut off',
        b"",
    ],
    ids=["text", "list", "no-rc", "bool-rc", "int-stdout", "bad-utf8", "no-newline", "hangup"],
)
def test_a_bad_reply_is_an_error_not_a_crash(
    paths: AppPaths, serve: Callable[[Serve], FakeServer], raw: bytes
) -> None:
    def handler(conn: socket.socket) -> None:
        read_request(conn)
        conn.sendall(raw)

    serve(handler)
    with pytest.raises(InstanceError):
        send_to_app(paths, ["stop"], "/", timeout=2)


def test_an_oversize_reply_is_refused(
    paths: AppPaths, serve: Callable[[Serve], FakeServer]
) -> None:
    def handler(conn: socket.socket) -> None:
        read_request(conn)
        chunk = b"x" * 65536
        try:
            for _ in range(MAX_REPLY_BYTES // len(chunk) + 2):
                conn.sendall(chunk)
        except OSError:
            pass  # the client hung up, as it should

    serve(handler)
    with pytest.raises(InstanceError, match="oversize"):
        send_to_app(paths, ["stop"], "/", timeout=10)


def test_an_oversize_request_is_refused_before_connecting(paths: AppPaths) -> None:
    with pytest.raises(InstanceError, match="too long"):
        send_to_app(paths, ["log", "value", "--note", "x" * MAX_REQUEST_BYTES], "/")


def test_socket_and_lock_live_in_the_runtime_dir(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "d")
    assert paths.runtime_dir == tmp_path / "d" / "run"
    assert lock_path(paths) == paths.runtime_dir / "focusdesk.lock"
    assert socket_path(paths) == paths.runtime_dir / "focusdesk.sock"
    assert server_address(paths) == str(paths.runtime_dir / "focusdesk.sock")


def test_a_path_too_long_for_af_unix_gets_a_short_private_stand_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    deep = tmp_path / ("x" * 60) / ("y" * 60)
    one, two = resolve_paths(deep / "a"), resolve_paths(deep / "b")
    assert len(os.fsencode(one.runtime_dir / "focusdesk.sock")) > SUN_PATH_MAX
    assert socket_path(one) != socket_path(two)
    assert socket_path(one) == socket_path(resolve_paths(deep / "a"))
    assert len(os.fsencode(socket_path(one))) <= SUN_PATH_MAX
    folder = prepare_socket_dir(one)
    assert folder == socket_path(one).parent
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert folder.stat().st_uid == os.getuid()
    runtime = tmp_path / "xdg"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert socket_path(one).parent == runtime


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs chown")
def test_a_shared_fallback_folder_of_another_user_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    paths = resolve_paths(tmp_path / ("x" * 60) / ("y" * 60))
    squatted = socket_path(paths).parent
    squatted.mkdir(mode=0o777)
    os.chown(squatted, 12345, 12345)
    with pytest.raises(OSError, match="not a folder of this user"):
        prepare_socket_dir(paths)


def test_windows_pipe_names_derive_from_the_full_path() -> None:
    one = pipe_name(Path("/home/me/.local/state/focusdesk/run/focusdesk.sock"))
    two = pipe_name(Path("/home/you/.local/state/focusdesk/run/focusdesk.sock"))
    assert one.startswith(PIPE_PREFIX + "focusdesk-")
    assert one != two
    assert one == pipe_name(Path("/home/me/.local/state/focusdesk/run/focusdesk.sock"))
    assert "\\" not in one[len(PIPE_PREFIX) :] and len(one) < 256
    assert len(pipe_name(Path("/" + "z" * 4000))) == len(one)
