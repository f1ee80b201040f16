"""export and import: history out to JSON or CSV, and in from FocusDesk or ActivityWatch."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from focusdesk.services.context import AppContext


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="write sessions and activity as JSON or CSV")
    p.add_argument("--from", dest="first", metavar="DATE", help="first local day, YYYY-MM-DD")
    p.add_argument("--to", dest="last", metavar="DATE", help="last local day, YYYY-MM-DD")
    p.add_argument("--format", required=True, choices=["json", "csv"])
    p.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: standard output)"
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import", help="import a FocusDesk JSON export or an ActivityWatch export")
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_import)


def cmd_export(ctx: AppContext, args: argparse.Namespace) -> int:
    from focusdesk.core.timeparse import parse_date
    from focusdesk.services.exchange import ExchangeService

    first = parse_date(args.first, "--from") if args.first else None
    last = parse_date(args.last, "--to") if args.last else None
    service = ExchangeService(ctx)
    if args.output is None:
        service.export(sys.stdout, args.format, first, last)
        return 0
    done = service.export_to_file(args.output, args.format, first, last, force=args.force)
    what = f"{_count(done.spans, 'span')}"
    if args.format == "json":
        what += (
            f", {_count(done.sessions, 'session')}, {_count(done.interactions, 'interaction')}"
            f" and {_count(done.rules, 'rule')}"
        )
    print(f"Exported {what} to {args.output}.")
    return 0


def cmd_import(ctx: AppContext, args: argparse.Namespace) -> int:
    from focusdesk.services.exchange import ExchangeService

    done = ExchangeService(ctx).import_file(args.file)
    notes = []
    if done.source == "focusdesk":
        what = (
            f"{_count(done.sessions, 'session')}, {_count(done.spans, 'span')}, "
            f"{_count(done.interactions, 'interaction')} and {_count(done.rules, 'rule')}"
        )
        skipped = done.sessions_skipped + done.spans_skipped + done.interactions_skipped
        if skipped:
            notes.append(f"{skipped} skipped as already present")
        if done.rules_skipped:
            notes.append(f"{_count(done.rules_skipped, 'rule')} already known")
    else:
        what = _count(done.spans, "span")
        if done.spans_skipped:
            notes.append(f"{done.spans_skipped} skipped as already present")
        if done.afk_buckets:
            notes.append(f"{_count(done.afk_buckets, 'afk bucket')} ignored")
        if done.other_buckets:
            notes.append(f"{_count(done.other_buckets, 'other bucket')} ignored")
        if done.dropped_events:
            notes.append(f"{_count(done.dropped_events, 'empty or overlapped event')} dropped")
    print(f"Imported {what}" + (f" ({', '.join(notes)})." if notes else "."))
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
