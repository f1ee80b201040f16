"""One running app per data dir, and a line to it for the CLI and second launches.

The app holds ``QLockFile(runtime_dir/focusdesk.lock)`` and listens with a
``QLocalServer`` on ``runtime_dir/focusdesk.sock`` (a named pipe on Windows;
see ``focusdesk.services.instance_client`` for the address and protocol).
The lock decides who owns the app; only the owner removes a socket file, and
only after it holds the lock, so a stale socket left by a crash never blocks
a start and the live owner's socket is never removed by a rival.

The lock uses ``setStaleLockTime(0)``: a lock is stale only when its process
is gone (Qt compares the PID and process name and, on Linux, ``flock``), never
because the app has simply been running for a while.

Threads: everything here runs on the Qt main thread. The handler is called
synchronously from ``readyRead``, so it must be quick (CLI commands are) and
may open windows; while it runs, other clients wait in the server's backlog.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QTimer

if TYPE_CHECKING:  # QtNetwork is loaded when the server starts, off the way to the tray
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

from focusdesk.services.instance_client import (
    MAX_REQUEST_BYTES,
    InstanceError,
    Reply,
    encode_message,
    lock_path,
    prepare_socket_dir,
    send_to_app,
    server_address,
)
from focusdesk.services.paths import AppPaths
from focusdesk.store.files import ensure_private_dir, ensure_private_file

log = logging.getLogger("focusdesk.ui.instance")

Handler = Callable[[dict[str, Any]], Mapping[str, Any]]
IDLE_TIMEOUT_MS = 10_000


def error_reply(message: str, rc: int = 2) -> dict[str, Any]:
    return {"rc": rc, "stdout": "", "stderr": f"focusdesk: {message}\n"}


class InstanceGuard(QObject):
    """Owns the app's lock and socket; answers each request with ``handler(request)``.

    ``handler`` gets ``{"argv": list[str], "cwd": str}`` (already checked) and
    returns ``{"rc": int, "stdout": str, "stderr": str, ...}``; an empty argv
    means "a second launch: bring the app to the front".
    """

    def __init__(
        self,
        paths: AppPaths,
        handler: Handler,
        parent: QObject | None = None,
        *,
        listen_later: bool = False,
    ) -> None:
        """``listen_later``: take the lock now, open the socket with ``listen()`` later
        (the app opens it once its tray icon is up; until then rivals retry)."""
        super().__init__(parent)
        self._listen_later = listen_later
        self._paths = paths
        self._handler = handler
        self._lock = QLockFile(str(lock_path(paths)))
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None
        self._connections: set[_Connection] = set()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.release)

    @property
    def is_owner(self) -> bool:
        return self._lock.isLocked()

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def acquire(self) -> bool:
        """Become the running app: True when this process holds the lock (and listens).

        False means another live process holds it. Raises ``InstanceError``
        when the lock cannot be written at all (no permission, disk full).
        A socket that cannot be opened is logged, not fatal: the app still
        runs alone, it just cannot be reached.
        """
        if self._lock.isLocked():
            return True
        try:
            ensure_private_dir(self._paths.runtime_dir)
        except OSError as exc:
            raise InstanceError(f"cannot create {self._paths.runtime_dir}: {exc}") from exc
        if not self._lock.tryLock(0):
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                return False
            raise InstanceError(f"cannot create the lock file {lock_path(self._paths)}")
        ensure_private_file(lock_path(self._paths))  # Qt creates it 0666 & umask
        if not self._listen_later:
            self._listen()
        return True

    def listen(self) -> None:
        """Open the socket now (for a guard made with ``listen_later``)."""
        if self.is_owner and self._server is None:
            self._listen()

    def acquire_or_forward(self, argv: list[str], cwd: str, wait: float = 5.0) -> Reply | None:
        """None when this process became the app, else the running app's reply to ``argv``.

        Two launches at once race for the lock; the loser may reach the winner
        before it listens (or just after it quit), so both steps are retried
        for ``wait`` seconds. A lock whose holder never answers is removed if
        no live process holds it (a PID reused after a crash), else reported.
        """
        deadline = time.monotonic() + wait
        while True:
            if self.acquire():
                return None
            try:
                reply = send_to_app(self._paths, argv, cwd, timeout=max(wait, 1.0))
            except InstanceError as exc:
                return Reply(1, "", f"focusdesk: {exc}\n")
            if reply is not None:
                return reply
            if time.monotonic() >= deadline:
                break
            time.sleep(0.02)
        if self._lock.removeStaleLockFile() and self.acquire():
            log.warning("removed a lock file whose holder did not answer")
            return None
        pid = self._lock.getLockInfo()[0]
        who = f" (process {pid})" if pid else ""
        return Reply(1, "", f"focusdesk: FocusDesk is already running{who} but does not answer\n")

    def release(self) -> None:
        """Stop listening (removing our socket file) and drop the lock; safe to repeat."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        for connection in list(self._connections):
            connection.close()
        if self._lock.isLocked():
            self._lock.unlock()

    def _listen(self) -> None:
        from PySide6.QtNetwork import QLocalServer

        address = server_address(self._paths)
        try:
            prepare_socket_dir(self._paths)
        except OSError as exc:
            log.warning("not listening for other FocusDesk processes: %s", exc)
            return
        # Safe only because we hold the lock: whatever is there was left by a dead owner.
        QLocalServer.removeServer(address)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_new_connection)
        if not server.listen(address):
            log.warning("cannot listen on %s: %s", address, server.errorString())
            server.deleteLater()
            return
        self._server = server

    def _on_new_connection(self) -> None:
        try:
            server = self._server
            while server is not None and server.hasPendingConnections():
                sock = server.nextPendingConnection()
                if sock is not None:
                    self._connections.add(_Connection(self, sock))
        except Exception:
            log.exception("accepting a connection failed")

    def _forget(self, connection: _Connection) -> None:
        self._connections.discard(connection)

    def answer(self, line: bytes) -> dict[str, Any]:
        """The reply to one request line; never raises."""
        try:
            request = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return error_reply("the request is not valid JSON")
        argv = request.get("argv") if isinstance(request, dict) else None
        cwd = request.get("cwd") if isinstance(request, dict) else None
        if not (
            isinstance(argv, list)
            and all(isinstance(a, str) for a in argv)
            and isinstance(cwd, str)
        ):
            return error_reply('the request needs "argv" (a list of strings) and "cwd" (a string)')
        try:
            result = dict(self._handler({"argv": argv, "cwd": cwd}))
        except Exception:
            log.exception("the handler failed on %s", argv[:1])
            return error_reply("the running app failed on this command; see its log", rc=1)
        rc, out, err = result.get("rc"), result.get("stdout", ""), result.get("stderr", "")
        if type(rc) is not int or not isinstance(out, str) or not isinstance(err, str):
            log.error("the handler returned a malformed reply for %s", argv[:1])
            return error_reply("the running app gave a malformed answer", rc=1)
        return {**result, "rc": rc, "stdout": out, "stderr": err}


class _Connection:
    """One client: collect bytes up to the first newline, answer once, hang up."""

    def __init__(self, guard: InstanceGuard, sock: QLocalSocket) -> None:
        self._guard = guard
        self._sock: QLocalSocket | None = sock
        self._buffer = bytearray()
        self._answered = False
        self._busy = False
        self._gone = False
        self._timer = QTimer(sock)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expire)
        self._timer.start(IDLE_TIMEOUT_MS)
        sock.readyRead.connect(self._on_ready_read)
        sock.disconnected.connect(self._on_disconnected)
        if sock.bytesAvailable() > 0:
            self._on_ready_read()

    def _on_ready_read(self) -> None:
        try:
            sock = self._sock
            if sock is None:
                return
            chunk = bytes(sock.readAll().data())
            if self._answered:
                return
            self._buffer += chunk
            end = self._buffer.find(b"\n")
            if end < 0 and len(self._buffer) <= MAX_REQUEST_BYTES:
                return
            if end < 0 or end > MAX_REQUEST_BYTES:
                self._send(error_reply("the request is larger than 1 MiB"))
                return
            line = bytes(self._buffer[:end])
            self._buffer.clear()
            self._answered = self._busy = True
            try:
                reply = self._guard.answer(line)
            finally:
                self._busy = False
            self._send(reply)
        except Exception:
            log.exception("serving a connection failed")
            self.close()

    def _send(self, reply: dict[str, Any]) -> None:
        self._answered = True
        sock = self._sock
        if sock is None:  # closed meanwhile (release() during a nested event loop)
            return
        if self._gone:
            self.close()
            return
        self._timer.stop()
        try:
            data = encode_message(reply)
        except (TypeError, ValueError):
            data = encode_message({k: reply.get(k) for k in ("rc", "stdout", "stderr")})
        sock.write(data)
        sock.flush()
        sock.disconnectFromServer()  # waits for the bytes to go out, then "disconnected"

    def _expire(self) -> None:
        try:
            log.info("a client stayed silent for %d ms; hanging up", IDLE_TIMEOUT_MS)
            self.close()
        except Exception:
            log.exception("closing an idle connection failed")

    def _on_disconnected(self) -> None:
        try:
            self._gone = True
            if not self._busy:  # the handler may be in a nested event loop; _send cleans up
                self.close()
        except Exception:
            log.exception("closing a connection failed")

    def close(self) -> None:
        sock, self._sock = self._sock, None
        self._guard._forget(self)
        if sock is not None:
            self._timer.stop()
            sock.abort()
            sock.deleteLater()
