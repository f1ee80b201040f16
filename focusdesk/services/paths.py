"""Where FocusDesk keeps things: platformdirs by default, one folder with --data-dir."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "focusdesk"
DATA_DIR_ENV = "FOCUSDESK_DATA_DIR"
DATABASE_URL_ENV = "FOCUSDESK_DATABASE_URL"


@dataclass(frozen=True, slots=True)
class AppPaths:
    data_dir: Path
    config_dir: Path
    log_dir: Path
    runtime_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "focusdesk.db"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def device_file(self) -> Path:
        return self.data_dir / "device-id"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "focusdesk.log"


def resolve_paths(data_dir: Path | str | None = None) -> AppPaths:
    """Everything under ``data_dir`` when given (or $FOCUSDESK_DATA_DIR), else the platform's places."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV) or None
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(root, root / "config", root / "logs", root / "run")
    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
    return AppPaths(
        Path(dirs.user_data_dir),
        Path(dirs.user_config_dir),
        Path(dirs.user_log_dir),
        Path(dirs.user_state_dir) / "run",
    )
