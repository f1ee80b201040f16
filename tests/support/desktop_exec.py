"""Reading a desktop entry's Exec back as a desktop environment would."""

from __future__ import annotations

import re
from pathlib import Path


def read_exec(value: str) -> list[str]:
    """A desktop environment's reading of an Exec value: the string escapes, then the
    quoting rules of the Desktop Entry Specification, then ``%%``."""
    text = value.replace("\\\\", "\\")
    words = re.findall(r'"((?:[^"\\]|\\.)*)"|(\S+)', text)
    return [
        (re.sub(r'\\(["`$\\])', r"\1", quoted) if quoted else plain).replace("%%", "%")
        for quoted, plain in words
    ]


def exec_of(entry: Path) -> list[str]:
    """The argv the entry file at ``entry`` starts."""
    line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    return read_exec(line.removeprefix("Exec="))
