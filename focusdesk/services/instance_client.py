"""Talking to the running desktop app from another process, without Qt.

The app (``focusdesk.ui.instance.InstanceGuard``) holds a lock file and
listens on a local socket in ``paths.runtime_dir``. A CLI command or a
second launch sends one request and reads one reply; importing Qt for that
would cost more than the command itself, so this side is plain ``socket``.

Protocol: one JSON object per line, UTF-8, newline-terminated, one exchange
per connection. Request ``{"argv": [...], "cwd": "/abs"}``; reply
``{"rc": int, "stdout": str, "stderr": str, ...}`` where extra keys (such as
the ``"show"`` marker of ``focusdesk.cli.embedded``) pass through untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from focusdesk.core.errors import FocusDeskError
from focusdesk.services.paths import AppPaths

LOCK_NAME = "focusdesk.lock"
SOCKET_NAME = "focusdesk.sock"
MAX_REQUEST_BYTES = 1 << 20
MAX_REPLY_BYTES = 16 << 20
# sockaddr_un.sun_path holds 104 bytes on macOS and 108 on Linux, NUL included.
SUN_PATH_MAX = 100
PIPE_PREFIX = "\\\\.\\pipe\\"
_ERROR_PIPE_BUSY = 231


class InstanceError(FocusDeskError):
    """The app runs but the exchange failed; the command may or may not have run."""


@dataclass(frozen=True, slots=True)
class Reply:
    rc: int
    stdout: str
    stderr: str
    extra: Mapping[str, Any] = field(default_factory=dict)


def lock_path(paths: AppPaths) -> Path:
    return paths.runtime_dir / LOCK_NAME


def socket_path(paths: AppPaths) -> Path:
    """``runtime_dir/focusdesk.sock``, or a short private stand-in when that is too long.

    A deep ``--data-dir`` would not fit in ``sun_path``; the stand-in is named
    after the runtime dir, so each data dir still has its own app.
    """
    preferred = paths.runtime_dir / SOCKET_NAME
    if os.name == "nt" or len(os.fsencode(preferred)) <= SUN_PATH_MAX:
        return preferred
    digest = hashlib.sha256(os.fsencode(paths.runtime_dir)).hexdigest()[:16]
    return short_socket_dir() / f"focusdesk-{digest}.sock"


def short_socket_dir() -> Path:
    """``$XDG_RUNTIME_DIR`` (private by definition) or ``/tmp/focusdesk-<uid>``."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_absolute() and Path(runtime).is_dir():
        return Path(runtime)
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"focusdesk-{uid}"


def pipe_name(path: Path) -> str:
    """The Windows named pipe standing for ``path`` (pipe names may not contain ``\\``)."""
    key = os.path.normcase(os.path.abspath(str(path))).encode("utf-8")
    return f"{PIPE_PREFIX}focusdesk-{hashlib.sha256(key).hexdigest()[:32]}"


def server_address(paths: AppPaths) -> str:
    """What ``QLocalServer.listen`` gets: the socket path, or a pipe name on Windows."""
    path = socket_path(paths)
    return pipe_name(path) if os.name == "nt" else str(path)


def prepare_socket_dir(paths: AppPaths) -> Path:
    """Make the socket's folder exist, owned by us and private; the app calls this.

    Raises ``OSError`` when a shared fallback folder belongs to someone else,
    since listening there would let them see or replace our socket.
    """
    from focusdesk.store.files import ensure_private_dir

    ensure_private_dir(paths.runtime_dir)
    folder = socket_path(paths).parent
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if folder == paths.runtime_dir or os.name == "nt" or (xdg and folder == Path(xdg)):
        return folder
    folder.mkdir(mode=0o700, exist_ok=True)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise OSError(f"{folder} is not a folder of this user; not listening there")
    if stat.S_IMODE(info.st_mode) != 0o700:
        folder.chmod(0o700)
    return folder


def encode_message(message: Mapping[str, Any]) -> bytes:
    return json.dumps(message, ensure_ascii=False, default=str).encode("utf-8") + b"\n"


def decode_reply(line: bytes) -> Reply:
    """Parse and check one reply line; anything malformed is an ``InstanceError``."""
    try:
        data = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise InstanceError("FocusDesk answered with something unreadable") from None
    if not isinstance(data, dict):
        raise InstanceError("FocusDesk answered with something unreadable")
    rc, out, err = data.get("rc"), data.get("stdout", ""), data.get("stderr", "")
    if type(rc) is not int or not isinstance(out, str) or not isinstance(err, str):
        raise InstanceError("FocusDesk answered with something unreadable")
    extra = {k: v for k, v in data.items() if k not in ("rc", "stdout", "stderr")}
    return Reply(rc, out, err, extra)


def send_to_app(paths: AppPaths, argv: list[str], cwd: str, timeout: float = 10.0) -> Reply | None:
    """Hand ``argv`` to the running app; None when no app is running.

    "Not running" is: no socket file, or nobody listening on it (a stale file
    left by a crash). A running app that does not answer in ``timeout``
    seconds, or answers garbage, raises ``InstanceError``: the command may
    have run there, so running it again locally could do it twice.
    """
    payload = encode_message({"argv": list(argv), "cwd": cwd})
    if len(payload) > MAX_REQUEST_BYTES:
        raise InstanceError("the command is too long to hand to the running FocusDesk")
    if os.name == "nt":
        line = _exchange_pipe(pipe_name(socket_path(paths)), payload, timeout)
    else:
        line = _exchange_unix(socket_path(paths), payload, timeout)
    return None if line is None else decode_reply(line)


def _exchange_unix(path: Path, payload: bytes, timeout: float) -> bytes | None:
    deadline = time.monotonic() + timeout
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        try:
            sock.connect(os.fsencode(path))
        except (FileNotFoundError, ConnectionRefusedError, NotADirectoryError):
            return None
        except TimeoutError:
            raise InstanceError(_no_answer(timeout)) from None
        except OSError as exc:
            raise InstanceError(f"cannot reach the running FocusDesk: {exc.strerror}") from None

        def recv(n: int) -> bytes:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            sock.settimeout(remaining)
            return sock.recv(n)

        try:
            sock.settimeout(max(deadline - time.monotonic(), 0.001))
            sock.sendall(payload)
            return read_line(recv, MAX_REPLY_BYTES)
        except TimeoutError:
            raise InstanceError(_no_answer(timeout)) from None
        except OSError as exc:
            raise InstanceError(f"the running FocusDesk hung up: {exc.strerror}") from None


def _exchange_pipe(name: str, payload: bytes, timeout: float) -> bytes | None:
    """Windows: the pipe is a file; a reader thread gives the read a deadline."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            pipe = open(name, "r+b", buffering=0)  # noqa: SIM115 - closed below
            break
        except FileNotFoundError:
            return None
        except OSError as exc:
            if getattr(exc, "winerror", None) == _ERROR_PIPE_BUSY and time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            raise InstanceError(f"cannot reach the running FocusDesk: {exc}") from None
    result: list[bytes | BaseException] = []

    def exchange() -> None:
        try:
            pipe.write(payload)
            result.append(read_line(pipe.read, MAX_REPLY_BYTES))
        except (OSError, InstanceError) as exc:
            result.append(exc)

    worker = threading.Thread(target=exchange, name="focusdesk-pipe", daemon=True)
    worker.start()
    worker.join(max(deadline - time.monotonic(), 0.0))
    pipe.close()
    if not result:
        raise InstanceError(_no_answer(timeout))
    if isinstance(result[0], InstanceError):
        raise result[0]
    if isinstance(result[0], BaseException):
        raise InstanceError(f"the running FocusDesk hung up: {result[0]}")
    return result[0]


def read_line(recv: Callable[[int], bytes], limit: int) -> bytes:
    """Read up to the first newline, however the bytes arrive; EOF first is an error."""
    buffer = bytearray()
    while True:
        chunk = recv(65536)
        if not chunk:
            raise InstanceError("the running FocusDesk closed the connection without answering")
        buffer += chunk
        end = buffer.find(b"\n")
        if end >= 0:
            return bytes(buffer[:end])
        if len(buffer) > limit:
            raise InstanceError("the running FocusDesk sent an oversize answer")


def _no_answer(timeout: float) -> str:
    return f"FocusDesk is running but did not answer within {timeout:g} s; try again, or quit it from the tray"
