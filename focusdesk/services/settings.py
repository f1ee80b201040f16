"""Reading and writing settings.toml without ever losing the user's file.

A file that cannot be used (bad TOML, a wrong value) is moved aside with a
timestamp, the defaults are used, and the problem is returned once so the
app can say so; the next start finds no broken file and stays quiet.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import tomli_w

from focusdesk.core.errors import ValidationError
from focusdesk.core.settings import Settings, check_settings, settings_from_dict
from focusdesk.services.resources import read_lines
from focusdesk.store.files import FILE_MODE, ensure_private_dir


@dataclass(frozen=True, slots=True)
class LoadedSettings:
    settings: Settings
    problem: str | None = None
    kept_aside: Path | None = None


def default_settings() -> Settings:
    return Settings(polite_exit_lines=tuple(read_lines("polite_exits.txt")))


def load_settings(path: Path, now: datetime) -> LoadedSettings:
    defaults = default_settings()
    if not path.exists():
        return LoadedSettings(defaults)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return LoadedSettings(settings_from_dict(data, defaults))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        reason = f"it is not valid TOML ({exc})"
    except ValidationError as exc:
        reason = exc.message
    except OSError as exc:
        return LoadedSettings(
            defaults, f"The settings file {path} cannot be read ({exc.strerror}); using defaults."
        )
    aside = path.with_name(f"{path.name}.broken-{now.strftime('%Y%m%dT%H%M%S')}")
    path.replace(aside)
    return LoadedSettings(
        defaults,
        f"The settings file could not be used: {reason}. It was kept as {aside.name}; defaults are in use.",
        aside,
    )


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically with mode 0600: a crash mid-save leaves the old file whole."""
    check_settings(settings)
    ensure_private_dir(path.parent)
    temp = path.with_name(path.name + ".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as fh:
        tomli_w.dump(settings.to_dict(), fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temp, path)
