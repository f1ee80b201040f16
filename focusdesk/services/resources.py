"""Files shipped with FocusDesk (default rules, exit lines, icons)."""

from __future__ import annotations

import tomllib
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any


def resource(name: str) -> Traversable:
    """A shipped file: from the installed package, or from the source checkout."""
    try:
        candidate = resources.files("focusdesk.resources").joinpath(name)
        if candidate.is_file():
            return candidate
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[2] / "resources" / name


def read_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(resource(name).read_text(encoding="utf-8"))


def read_lines(name: str) -> list[str]:
    text = resource(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
