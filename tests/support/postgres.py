"""Throwaway PostgreSQL servers for the test suite.

A real server catches what SQLite hides (types, constraints, transactional DDL),
so tests get one built from Debian's binaries in a private temp directory, on a
loopback port nobody else uses, torn down afterwards whatever happens.
"""

from __future__ import annotations

import atexit
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import urllib.parse
from pathlib import Path
from types import TracebackType

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

_REQUIRED_BINARIES = ("initdb", "pg_ctl")
# initdb refuses to run as root, so root (tests and CI) hands the server to one of these.
_UNPRIVILEGED_USERS = ("postgres", "nobody")
_PREFIX = "focusdesk-pg-"


def _version_key(bin_dir: Path) -> tuple[int, ...]:
    """Sort numerically so that 15 beats 9.6."""
    return tuple(int(part) for part in bin_dir.parent.name.split(".") if part.isdigit())


def find_postgres_bin() -> Path | None:
    """Prefer Debian's versioned dirs: Debian puts only wrappers, not initdb, on PATH."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key, reverse=True)
    for bin_dir in candidates:
        if all(os.access(bin_dir / name, os.X_OK) for name in _REQUIRED_BINARIES):
            return bin_dir
    found = [shutil.which(name) for name in _REQUIRED_BINARIES]
    if all(found) and len({Path(str(path)).parent for path in found}) == 1:
        return Path(str(found[0])).parent
    return None


def _server_user() -> pwd.struct_passwd | None:
    """The account to run the server as when we are root; None means "as ourselves"."""
    if os.geteuid() != 0:
        return None
    for name in _UNPRIVILEGED_USERS:
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise LookupError(f"running as root and none of the users {_UNPRIVILEGED_USERS} exist")


def unavailable_reason() -> str | None:
    """Say why no server can be started, so callers can pytest.skip(reason) visibly."""
    if find_postgres_bin() is None:
        return "PostgreSQL binaries (initdb, pg_ctl) not found; apt-get install postgresql"
    try:
        _server_user()
    except LookupError as exc:
        return f"cannot drop root privileges for initdb: {exc}; create a 'postgres' user"
    return None


def _free_port() -> int:
    """Let the kernel pick; the tiny race until postgres binds is retried in start()."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_tool(base_dir: Path, *args: str | Path) -> None:
    """Run a server tool as the unprivileged user; fail loudly with its output and log."""
    owner = _server_user()
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    # cwd is ours: the caller's may be unreadable for the other user (e.g. /root).
    # Output goes to a file, not a pipe: the detached postmaster would hold a pipe open.
    out_path = base_dir / "tool-output.txt"
    with out_path.open("wb") as out:
        result = subprocess.run(
            [str(arg) for arg in args],
            cwd=base_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
            user=None if owner is None else owner.pw_uid,
            group=None if owner is None else owner.pw_gid,
            extra_groups=None if owner is None else [],
        )
    if result.returncode != 0:
        details = out_path.read_text(errors="replace")
        log = base_dir / "postgres.log"
        if log.exists():
            details += "\n--- postgres.log ---\n" + log.read_text(errors="replace")[-4000:]
        raise RuntimeError(f"{Path(args[0]).name} failed ({result.returncode}):\n{details}")


def _tmp_root() -> Path:
    """/tmp is reachable by every user even if $TMPDIR is a private root-only place."""
    return Path("/tmp" if _server_user() is not None else tempfile.gettempdir())


def _stop_and_remove(base_dir: Path, bin_dir: Path | None) -> None:
    if bin_dir is not None and (base_dir / "data" / "postmaster.pid").exists():
        try:
            pg_ctl = [bin_dir / "pg_ctl", "stop", "-D", base_dir / "data"]
            _run_tool(base_dir, *pg_ctl, "-m", "immediate", "-w")
        except RuntimeError:
            pass  # the directory goes anyway; a server that already died is the usual cause
    shutil.rmtree(base_dir, ignore_errors=True)


def _reap_orphans(bin_dir: Path) -> None:
    """SIGTERM/SIGKILL skip atexit and leave a server running; the next start ends it."""
    for base_dir in _tmp_root().glob(f"{_PREFIX}*"):
        try:
            os.kill(int((base_dir / "owner.pid").read_text()), 0)
        except ProcessLookupError:
            _stop_and_remove(base_dir, bin_dir)
        except (OSError, ValueError):
            continue  # owner alive (or not ours to judge), or still being set up


class PostgresServer:
    """One private cluster; use as a context manager or call start()/stop() yourself."""

    def __init__(self, dbname: str = "focusdesk_test", user: str = "postgres") -> None:
        self.dbname = dbname
        self.user = user  # the cluster superuser, fixed so URLs don't depend on who ran us
        self.port: int | None = None
        self.base_dir: Path | None = None

    @property
    def url(self) -> str:
        return self._url(self.dbname)

    def _url(self, dbname: str) -> str:
        if self.port is None:
            raise RuntimeError("PostgresServer is not started")
        name = urllib.parse.quote(dbname, safe="")  # per-test names may hold "[", "/", ...
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{name}"

    def conninfo(self, dbname: str | None = None) -> str:
        """psycopg cannot parse SQLAlchemy's '+psycopg' URLs, so offer its own form too."""
        if self.port is None:
            raise RuntimeError("PostgresServer is not started")
        return make_conninfo(
            host="127.0.0.1", port=self.port, user=self.user, dbname=dbname or self.dbname
        )

    def start(self) -> PostgresServer:
        reason = unavailable_reason()
        if reason is not None:
            raise RuntimeError(reason)
        bin_dir = find_postgres_bin()
        assert bin_dir is not None
        _reap_orphans(bin_dir)
        owner = _server_user()
        self.base_dir = Path(tempfile.mkdtemp(prefix=_PREFIX, dir=_tmp_root()))
        atexit.register(self.stop)  # finalizers can be skipped; atexit still runs on Ctrl-C
        try:
            (self.base_dir / "owner.pid").write_text(str(os.getpid()))
            if owner is not None:
                os.chown(self.base_dir, owner.pw_uid, owner.pw_gid)
            data = self.base_dir / "data"
            initdb = [bin_dir / "initdb", "-D", data, "-U", self.user, "-A", "trust", "-E", "UTF8"]
            _run_tool(self.base_dir, *initdb, "--no-locale", "--no-sync", "--no-instructions")
            with (data / "postgresql.conf").open("a") as conf:
                # Durability is worthless for a server that is deleted afterwards; speed is not.
                conf.write(
                    f"\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.base_dir}'"
                    "\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                )
            self._start_on_free_port(self.base_dir, bin_dir)
            with psycopg.connect(self.conninfo("postgres"), autocommit=True) as conn:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.dbname)))
        except BaseException:
            self.stop()
            raise
        return self

    def _start_on_free_port(self, base_dir: Path, bin_dir: Path, attempts: int = 3) -> None:
        """Retry because another process may grab the port between our probe and postgres."""
        pg_ctl = [bin_dir / "pg_ctl", "start", "-D", base_dir / "data", "-w", "-t", "60"]
        pg_ctl += ["-l", base_dir / "postgres.log"]
        for attempt in range(attempts):
            self.port = _free_port()
            try:
                _run_tool(base_dir, *pg_ctl, "-o", f"-p {self.port}")
                return
            except RuntimeError:
                if attempt == attempts - 1:
                    raise

    def create_database(self, name: str) -> str:
        """A fresh database per test isolates tests far cheaper than a fresh cluster."""
        with psycopg.connect(self.conninfo("postgres"), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self._url(name)

    def stop(self) -> None:
        """Idempotent, so the fixture finalizer and atexit can both call it."""
        base_dir, self.base_dir = self.base_dir, None
        atexit.unregister(self.stop)
        if base_dir is None:
            return
        self.port = None
        _stop_and_remove(base_dir, find_postgres_bin())

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
