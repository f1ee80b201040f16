"""Giving memory back to the system after start-up.

Two things hold memory an idle tray app never needs again. PySide6 reads
the source of every module imported after it (to check for its
``__feature__`` switches), which fills ``linecache`` with the text of
SQLAlchemy and friends: about 20 MB of lines. And glibc keeps freed heap for
later. Clearing the cache (tracebacks simply re-read files) and trimming the
heap gives both back. Trimming is glibc-only; elsewhere it is skipped.
"""

from __future__ import annotations

import ctypes
import gc
import linecache
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def release_free_memory() -> bool:
    """Drop cached source lines, collect garbage, trim the heap; True if it could trim."""
    linecache.clearcache()
    gc.collect()
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim(0)
    return True


class _Forgetful(dict[str, Any]):
    """A linecache that answers lookups but keeps no source text read from files.

    For a module with no file (a frozen bundle), linecache stores a lazy
    entry and then the loader's text (modification time None), reading each
    straight back: those are kept, or the lookup fails.
    """

    def __setitem__(self, key: str, value: Any) -> None:
        if len(value) == 1 or value[1] is None:
            super().__setitem__(key, value)


@contextmanager
def source_lines_not_kept() -> Iterator[None]:
    """Import heavy modules without PySide6 keeping their source text in memory.

    Lookups still work (inspect.getsource reads the file and returns it); only
    the caching is skipped, for the duration of the block.
    """
    saved = linecache.cache
    linecache.cache = _Forgetful()
    try:
        yield
    finally:
        linecache.cache = saved
