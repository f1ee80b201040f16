"""Files shipped with FocusDesk (default rules, exit lines, icons).

Resolved as plain paths through the import system's spec of
``focusdesk.resources`` (the top-level resources/ folder, installed inside
the package): cheaper at start-up than importlib.resources, and a frozen
bundle ships them as real files too.
"""

from __future__ import annotations

import tomllib
from importlib.util import find_spec
from pathlib import Path
from typing import Any


def resource_dir() -> Path:
    spec = find_spec("focusdesk.resources")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parents[2] / "resources"  # a source checkout, not installed


def resource(name: str) -> Path:
    return resource_dir() / name


def read_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(resource(name).read_text(encoding="utf-8"))


def read_lines(name: str) -> list[str]:
    text = resource(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
