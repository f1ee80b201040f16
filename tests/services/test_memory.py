"""source_lines_not_kept: lookups still work (also for modules without files), no text is kept."""

from __future__ import annotations

import linecache
from pathlib import Path

from focusdesk.services.memory import source_lines_not_kept


class SourceLoader:
    """A loader that knows a module's source although no file holds it (a frozen bundle)."""

    def get_source(self, name: str) -> str:
        return "answer = 42\n"


def test_a_module_without_a_file_is_read_through_its_loader() -> None:
    module_globals = {"__name__": "frozen_module", "__loader__": SourceLoader()}
    with source_lines_not_kept():
        lines = linecache.getlines("/nowhere/frozen_module.py", module_globals)
    assert lines == ["answer = 42\n"]


def test_a_file_is_read_and_not_kept() -> None:
    with source_lines_not_kept():
        lines = linecache.getlines(__file__)
        assert __file__ not in linecache.cache
    assert lines[0].startswith('"""source_lines_not_kept') and Path(__file__).is_file()
