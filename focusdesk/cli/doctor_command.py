"""doctor: print the checks for people or as JSON."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from focusdesk.cli.output import emit_json
from focusdesk.services.context import AppContext

MARK = {True: "ok  ", False: "no  ", None: "some"}


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    from focusdesk.services.doctor import run_checks

    checks = run_checks(ctx)
    if args.json:
        emit_json([asdict(c) for c in checks])
        return 0
    for check in checks:
        print(f"[{MARK[check.ok]}] {check.name}: {check.detail}")
    return 0
