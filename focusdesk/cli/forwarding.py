"""Commands that change state go to the running app instead of competing with it.

While the desktop app runs it owns the session timers, the tray and the
database writes; a CLI ``start`` that wrote behind its back would leave the
tray showing stale state. So ``start``, ``extend``, ``stop``, ``log``,
``add``, ``import``, ``rules add|remove``, ``remind add|remove`` and ``summary --show`` (and a bare
``focusdesk``, a second launch) are handed to the app when one is running;
read-only commands always run here. No app running: the CLI carries on.

The app has its own ``--data-dir``/``--database-url``/``--verbose``, so those
are dropped from what is sent, and file arguments are made absolute here,
because only this process knows what they are relative to.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

FORWARDED_COMMANDS = frozenset({"start", "extend", "stop", "log", "add", "import", "forget"})
FORWARDED_RULES_COMMANDS = frozenset({"add", "remove", "move", "update"})
# The main parser's long options, for argparse's prefix matching ("--data" is ambiguous).
_GLOBAL_LONG = ("--data-dir", "--database-url", "--verbose", "--version", "--help")
_GLOBAL_WITH_VALUE = frozenset({"--data-dir", "--database-url"})
_GLOBAL_FLAGS = frozenset({"--verbose"})
_EXPORT_LONG = ("--from", "--to", "--format", "--output", "--force", "--help")


def is_forwarded(args: argparse.Namespace) -> bool:
    command = getattr(args, "command", None)
    if command is None or command in FORWARDED_COMMANDS:
        return True
    if command == "rules":
        return getattr(args, "rules_command", None) in FORWARDED_RULES_COMMANDS
    if command == "privacy":
        return getattr(args, "privacy_command", None) in FORWARDED_RULES_COMMANDS
    if command == "remind":
        return getattr(args, "remind_command", None) in FORWARDED_RULES_COMMANDS
    if command == "summary":
        return bool(getattr(args, "show", False))
    return False


def forward_if_app_running(args: argparse.Namespace, argv: Sequence[str]) -> int | None:
    """The exit code of the command as the running app ran it; None: run it here."""
    if not is_forwarded(args):
        return None
    from focusdesk.cli.output import fail
    from focusdesk.services.instance_client import InstanceError, send_to_app
    from focusdesk.services.paths import resolve_paths

    cwd = _cwd()
    forwarded = absolutize_paths(args.command, strip_global_options(argv), cwd)
    try:
        reply = send_to_app(resolve_paths(args.data_dir), forwarded, cwd)
    except InstanceError as exc:
        return fail(str(exc))
    if reply is None:
        return None
    sys.stdout.write(reply.stdout)
    sys.stdout.flush()
    sys.stderr.write(reply.stderr)
    sys.stderr.flush()
    return reply.rc


def strip_global_options(argv: Sequence[str]) -> list[str]:
    """``argv`` from the command on: the global options before it removed."""
    i = 0
    while i < len(argv):
        token = argv[i]
        if token.startswith("--"):
            name, has_value, _ = token.partition("=")
            option = _long_option(name, _GLOBAL_LONG)
            if option in _GLOBAL_WITH_VALUE:
                i += 1 if has_value else 2
                continue
            if option in _GLOBAL_FLAGS and not has_value:
                i += 1
                continue
        elif len(token) > 1 and token.strip("-v") == "" and token.startswith("-v"):
            i += 1  # -v, -vv
            continue
        break
    return list(argv[i:])


def absolutize_paths(command: str | None, argv: Sequence[str], cwd: str) -> list[str]:
    """Rewrite ``import FILE`` and ``export -o FILE`` so FILE no longer depends on the cwd."""
    tokens = list(argv)
    if command == "import":
        files = [i for i, t in enumerate(tokens[1:], 1) if t != "--"]
        if files:
            i = files[-1]
            tokens[i] = _absolute(tokens[i], cwd)
    elif command == "export":
        i = 1
        while i < len(tokens) and tokens[i] != "--":
            token = tokens[i]
            name, has_value, value = token.partition("=")
            if token.startswith("--") and _long_option(name, _EXPORT_LONG) == "--output":
                if has_value:
                    tokens[i] = f"{name}={_absolute(value, cwd)}"
                elif i + 1 < len(tokens):
                    tokens[i + 1] = _absolute(tokens[i + 1], cwd)
                    i += 1
            elif token == "-o" and i + 1 < len(tokens):
                tokens[i + 1] = _absolute(tokens[i + 1], cwd)
                i += 1
            elif token.startswith("-o"):
                tokens[i] = "-o" + _absolute(token[2:].removeprefix("="), cwd)
            i += 1
    return tokens


def _long_option(name: str, options: Sequence[str]) -> str | None:
    """The option ``name`` stands for, by exact match or unique prefix, as argparse decides."""
    if name in options:
        return name
    matches = [o for o in options if o.startswith(name)] if len(name) > 2 else []
    return matches[0] if len(matches) == 1 else None


def _absolute(path: str, cwd: str) -> str:
    return os.path.join(cwd, path)  # no normpath: ".." after a symlink means what the OS says


def _cwd() -> str:
    try:
        return os.getcwd()
    except OSError:  # the folder was deleted under us; relative paths cannot work anyway
        return str(Path.home())
