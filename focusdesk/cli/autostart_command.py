"""autostart on|off|status: start FocusDesk when you log in, through the system's own entry."""

from __future__ import annotations

import argparse
import os
from typing import Any

from focusdesk.cli.output import emit_json

STATES = ("on", "off", "status")


def register(sub: Any) -> None:
    p = sub.add_parser("autostart", help="start FocusDesk when you log in (on, off, or status)")
    p.add_argument("state", choices=STATES, metavar="on|off|status")
    p.add_argument("--json", action="store_true", help="status for scripts")
    p.set_defaults(handler=run)


def run(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.services.autostart import autostart_for, launch_command
    from focusdesk.services.paths import DATA_DIR_ENV

    # A FocusDesk kept in its own folder starts at log-in with that folder.
    own_folder = args.data_dir or os.environ.get(DATA_DIR_ENV)
    command = launch_command(["--data-dir", str(ctx.paths.data_dir)] if own_folder else [])
    backend = autostart_for(command)
    if args.state == "on":
        backend.enable()
    elif args.state == "off":
        backend.disable()
    enabled = backend.is_enabled()
    if args.json:
        emit_json(
            {
                "enabled": enabled,
                "available": backend.available,
                "where": backend.describe(),
            }
        )
    elif enabled:
        print(f"FocusDesk starts when you log in ({backend.describe()}).")
    else:
        print(f"FocusDesk does not start when you log in ({backend.describe()}).")
    return 0
