"""Entry point of ``focusdesk`` and ``python -m focusdesk``.

Heavy imports (SQLAlchemy, Qt) happen inside the command handlers, so
``--help`` and ``--version`` answer at once.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from focusdesk import __version__
from focusdesk.cli.output import fail
from focusdesk.cli.parsing import OneLineParser

log = logging.getLogger("focusdesk.cli")


def _global_options(parser: OneLineParser) -> OneLineParser:
    parser.add_argument("--version", action="version", version=f"FocusDesk {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="keep everything (database, settings, logs, lock) in this folder [env FOCUSDESK_DATA_DIR]",
    )
    parser.add_argument(
        "--database-url",
        help="use this database, e.g. postgresql://me@host/focusdesk [env FOCUSDESK_DATABASE_URL]",
    )
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="log everything, also to stderr"
    )
    return parser


def build_parser() -> OneLineParser:
    from focusdesk.cli import (
        autostart_command,
        data_commands,
        desktop_entry_command,
        privacy_commands,
        remind_commands,
        report_commands,
        rules_commands,
        session_commands,
    )

    parser = _global_options(
        OneLineParser(
            prog="focusdesk",
            description="FocusDesk: a definite objective and a time box for every social-media session.",
        )
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    session_commands.register(sub)
    report_commands.register(sub)
    data_commands.register(sub)
    rules_commands.register(sub)
    privacy_commands.register(sub)
    autostart_command.register(sub)
    desktop_entry_command.register(sub)
    remind_commands.register(sub)
    p = sub.add_parser("doctor", help="what works on this machine, in plain words")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_doctor)
    return parser


def _doctor(ctx: object, args: argparse.Namespace) -> int:
    from focusdesk.cli.doctor_command import run

    return run(ctx, args)  # type: ignore[arg-type]


def _run_in_app(ctx: object, argv: list[str], cwd: str) -> dict[str, object]:
    """Runs a forwarded command inside the app; imported only when one arrives."""
    from focusdesk.cli.embedded import run_in_app

    return run_in_app(ctx, argv, cwd)  # type: ignore[arg-type]


def parse(argv: list[str]) -> argparse.Namespace:
    """Parse the command line; a plain ``focusdesk`` (global options only) skips
    loading every command's module, which is start-up time before the tray."""
    if not {"-h", "--help", "--version"} & set(argv):
        plain = _global_options(OneLineParser(prog="focusdesk", add_help=False))
        args, rest = plain.parse_known_args(argv)
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse(argv)
    from focusdesk.cli.forwarding import forward_if_app_running

    forwarded = forward_if_app_running(args, argv)
    if forwarded is not None:
        return forwarded

    from focusdesk.core.errors import FocusDeskError
    from focusdesk.services.context import AppContext
    from focusdesk.services.logging_setup import setup_logging

    try:
        ctx = AppContext.create(args.data_dir, args.database_url)
    except FocusDeskError as exc:
        return fail(str(exc))
    setup_logging(ctx.paths.log_file, verbose=args.verbose)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            from focusdesk.ui.launch import launch_app

            return launch_app(ctx, command_runner=_run_in_app)
        return int(handler(ctx, args))
    except FocusDeskError as exc:
        log.warning("%s: %s", args.command, exc)
        return fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception:
        log.exception("unexpected error in %s", args.command)
        sys.stderr.write(f"focusdesk: unexpected error; details are in {ctx.paths.log_file}\n")
        return 1
    finally:
        ctx.close()


if __name__ == "__main__":
    raise SystemExit(main())
