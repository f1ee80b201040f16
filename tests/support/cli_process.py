"""The real ``focusdesk`` command in a new process, with its data in a test's folder."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def focusdesk_in(
    tmp_path: Path, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run with ``--data-dir tmp_path/data`` and ``env`` added (say, an XDG folder),
    so nothing of the user's own FocusDesk or desktop is read or touched."""
    environ = {**os.environ, **(env or {})}
    environ.pop("FOCUSDESK_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "focusdesk", "--data-dir", str(tmp_path / "data"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=environ,
        check=False,
    )
