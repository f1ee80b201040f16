"""The log file: warnings and errors with context, never window titles.

Titles stay out by construction (nothing logs them) and because the engine
is created with ``hide_parameters`` so that database errors do not quote
the rows they failed on.
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from focusdesk.store.files import FILE_MODE, ensure_private_dir

FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"


class _PrivateRotatingHandler(RotatingFileHandler):
    def _open(self):  # type: ignore[no-untyped-def]
        stream = super()._open()
        if os.name == "posix":
            os.chmod(self.baseFilename, FILE_MODE)
        return stream


def setup_logging(log_file: Path, *, verbose: bool = False) -> None:
    """Send warnings (everything with --verbose) to a rotating private log file."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_focusdesk", False):
            root.removeHandler(handler)
    try:
        ensure_private_dir(log_file.parent)
        file_handler: logging.Handler = _PrivateRotatingHandler(
            log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True
        )
    except OSError:
        file_handler = logging.NullHandler()  # an unwritable log dir must not stop the app
    file_handler.setFormatter(logging.Formatter(FORMAT))
    file_handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    file_handler._focusdesk = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if verbose:
        console = logging.StreamHandler()
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        console._focusdesk = True  # type: ignore[attr-defined]
        root.addHandler(console)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # APScheduler names every job it adds at INFO: planned objectives are the user's words.
    for noisy in ("sqlalchemy", "alembic", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING if not verbose else logging.INFO)
