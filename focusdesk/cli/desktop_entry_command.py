"""desktop-entry install|remove|status: FocusDesk in the applications menu (Linux).

For a pip install or an unpacked bundle, which have no package to put the
entry under /usr/share; see focusdesk.services.desktop_entry.
"""

from __future__ import annotations

import argparse
from typing import Any

from focusdesk.cli.output import emit_json, fail

ACTIONS = ("install", "remove", "status")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "desktop-entry",
        help="add FocusDesk to the applications menu, or take it out (install, remove, status)",
    )
    p.add_argument("action", choices=ACTIONS, metavar="install|remove|status")
    p.add_argument("--json", action="store_true", help="status for scripts")
    p.set_defaults(handler=run)


def run(ctx: Any, args: argparse.Namespace, platform: str | None = None) -> int:
    """``platform`` exists for tests (this system's by default)."""
    from focusdesk.services.autostart import command_for
    from focusdesk.services.desktop_entry import desktop_entry_for, not_needed_reason

    command = command_for(ctx.paths.data_dir)
    entry = desktop_entry_for(command, platform=platform)
    if entry is None:
        reason = not_needed_reason(platform)
        if args.action != "status":
            return fail(reason)
        if args.json:
            emit_json({"available": False, "installed": False, "reason": reason})
        else:
            print(f"Nothing to do: {reason}.")
        return 0
    if args.action == "install":
        done = entry.install()
        print(f"FocusDesk is in the applications menu ({entry.entry_path}).")
        if not done.changed:
            print("It was already there, up to date: nothing written.")
    elif args.action == "remove":
        done = entry.remove()
        removed = len(done.changed)
        print(f"FocusDesk is not in the applications menu (removed {removed} file(s)).")
        for path in done.kept:
            print(f"Left alone, not FocusDesk's: {path}")
    else:
        _status(entry, command, args.json)
    return 0


def _status(entry: Any, command: list[str], as_json: bool) -> None:
    from focusdesk.services.desktop_entry import FileState

    found = entry.status()
    ours = [f for f in found if f.state.ours]
    packaged = entry.packaged_entry()
    installed = entry.is_installed()
    if as_json:
        emit_json(
            {
                "available": True,
                "installed": installed,
                "up_to_date": all(f.state is FileState.CURRENT for f in found),
                "where": str(entry.entry_path),
                "packaged_entry": None if packaged is None else str(packaged),
                "command": command,
                "files": [
                    {"kind": f.kind, "path": str(f.path), "state": f.state.value} for f in found
                ],
            }
        )
        return
    if installed:
        print(f"FocusDesk is in the applications menu ({entry.entry_path}).")
    elif packaged is not None:
        print(f"FocusDesk is in the applications menu from a package ({packaged}).")
    else:
        print(f"FocusDesk is not in the applications menu (it would go to {entry.entry_path}).")
    print(f"{len(ours)} of {len(found)} files in place:")
    for f in found:
        print(f"  {f.state.value:<15} {f.path}")
    if any(f.state is FileState.OUTDATED for f in found):
        print("Some are from another version or start another FocusDesk: run install to update.")
