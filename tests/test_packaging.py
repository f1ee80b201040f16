"""The wheel must carry every package and shipped file (packages are listed by hand)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "focusdesk").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages"
    assert "focusdesk.resources" in listed and (ROOT / "resources" / "default_rules.toml").exists()


def test_package_data_patterns_cover_every_shipped_file() -> None:
    """Quick guard; tests/packaging/test_wheel_install.py proves it on a real wheel."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]
    shipped = {
        "focusdesk.resources": ROOT / "resources",
        "focusdesk.store": ROOT / "focusdesk" / "store",
    }
    uncovered = []
    for package, folder in shipped.items():
        files = [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        if package == "focusdesk.store":
            files = [p for p in files if "migrations" in p.relative_to(folder).parts]
        for path in files:
            relative = path.relative_to(folder)
            if path.name == "__init__.py":
                continue  # a package module, shipped as such
            if not any(relative.match(pattern) for pattern in patterns[package]):
                uncovered.append(f"{package}: {relative}")
    assert uncovered == [], "add package-data patterns in pyproject.toml"
