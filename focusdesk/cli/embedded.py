"""Running a forwarded CLI command inside the desktop app, on the app's own context.

The app's ``InstanceGuard`` handler calls ``run_in_app`` and then refreshes
itself. The command runs exactly as ``focusdesk.cli.main.main`` would run it
(same parser, same handlers, same one-line errors and exit codes), except
that it uses the app's ``AppContext`` (its database, clock and time zone)
and its output is captured for the reply instead of printed. Global options
in ``argv`` (``--data-dir`` and so on) are parsed and ignored.

Reply markers for the app's handler (extra keys beside rc/stdout/stderr):

- ``{"show": "app"}``: no command (a second launch): bring the app to the front.
- ``{"show": "summary", "date": "YYYY-MM-DD" | None}``: ``summary --show``:
  open the summary window on that day (None: today).

Threads: call it on the Qt main thread only. ``redirect_stdout`` swaps the
process-wide ``sys.stdout`` for the duration of the command, so a print from
another thread at that moment would land in the reply; logging handlers keep
their own streams and are not affected.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import sys
from pathlib import Path
from typing import Any

from focusdesk.core.errors import FocusDeskError
from focusdesk.services.context import AppContext

log = logging.getLogger("focusdesk.cli.embedded")

# Arguments that name files: relative ones are taken relative to the client's cwd.
PATH_ARGUMENTS = ("file", "output")


def run_in_app(ctx: AppContext, argv: list[str], cwd: str) -> dict[str, Any]:
    """Run ``argv`` against ``ctx``; return ``{"rc", "stdout", "stderr", ...}``; never raise."""
    out, err = io.StringIO(), io.StringIO()
    reply: dict[str, Any] = {}
    refused: FocusDeskError | None = None
    try:
        # Log only outside the redirection: logging's last-resort handler writes to
        # whatever sys.stderr is at that moment, which would put log lines in the reply.
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc, reply, refused = _run(ctx, list(argv), cwd)
    except Exception:  # the app must survive whatever a command does
        log.exception("forwarded command %s failed", argv[:1])
        err.write(f"focusdesk: unexpected error; details are in {ctx.paths.log_file}\n")
        rc = 1
    if refused is not None:
        log.warning("%s (forwarded): %s", argv[:1], refused)
    return {**reply, "rc": rc, "stdout": out.getvalue(), "stderr": err.getvalue()}


def _run(
    ctx: AppContext, argv: list[str], cwd: str
) -> tuple[int, dict[str, Any], FocusDeskError | None]:
    from focusdesk.cli.main import build_parser
    from focusdesk.cli.output import fail

    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return _exit_code(exc), {}, None
    _absolutize(args, cwd)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return 0, {"show": "app"}, None
        if args.command == "summary" and getattr(args, "show", False):
            from focusdesk.core.timeparse import parse_date

            day = parse_date(args.date, "--date") if args.date else None
            return 0, {"show": "summary", "date": day.isoformat() if day else None}, None
        return int(handler(ctx, args)), {}, None
    except FocusDeskError as exc:
        return fail(str(exc)), {}, exc
    except SystemExit as exc:
        return _exit_code(exc), {}, None


def _absolutize(args: argparse.Namespace, cwd: str) -> None:
    """The app's working directory is not the caller's: anchor relative paths at ``cwd``."""
    for name in PATH_ARGUMENTS:
        value = getattr(args, name, None)
        if isinstance(value, Path) and not value.is_absolute():
            setattr(args, name, Path(cwd) / value)


def _exit_code(exc: SystemExit) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)
    return 1
