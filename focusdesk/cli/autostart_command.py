"""autostart on|off|status: start FocusDesk when you log in, through the system's own entry."""

from __future__ import annotations

import argparse
from typing import Any

from focusdesk.cli.output import emit_json

STATES = ("on", "off", "status")


def register(sub: Any) -> None:
    p = sub.add_parser("autostart", help="start FocusDesk when you log in (on, off, or status)")
    p.add_argument("state", choices=STATES, metavar="on|off|status")
    p.add_argument("--json", action="store_true", help="status for scripts")
    p.set_defaults(handler=run)


def run(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.services.autostart import autostart_for, command_for

    backend = autostart_for(command_for(ctx.paths.data_dir))
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
