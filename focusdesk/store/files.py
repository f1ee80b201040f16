"""Private files: the database and its backups are readable by the user alone.

Permissions are set explicitly rather than trusted to the umask, which is
commonly 022 and would leave a history of window titles world-readable.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) != DIR_MODE:
        path.chmod(DIR_MODE)
    return path


def ensure_private_file(path: Path) -> Path:
    """Create ``path`` empty with mode 0600 if missing; tighten it if it exists."""
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, FILE_MODE)
        os.close(fd)
    elif os.name == "posix" and stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
        path.chmod(FILE_MODE)
    return path


def tighten_sqlite_sidecars(db_path: Path) -> None:
    """SQLite gives -wal/-shm the database's mode; this covers files made before that."""
    for suffix in ("-wal", "-shm", "-journal"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists() and os.name == "posix" and stat.S_IMODE(side.stat().st_mode) != FILE_MODE:
            side.chmod(FILE_MODE)
