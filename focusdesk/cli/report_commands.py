"""summary and report: the day and longer ranges."""

from __future__ import annotations

import argparse
from typing import Any

from focusdesk.cli.output import emit_json, fail, hours
from focusdesk.core.summary import Bucket


def register(sub: Any) -> None:
    p = sub.add_parser("summary", help="the end-of-day summary")
    p.add_argument("--date", help="YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--show", action="store_true", help="open the summary window in the running app")
    p.set_defaults(handler=cmd_summary)

    p = sub.add_parser("report", help="totals over a range of days")
    p.add_argument("--from", dest="first", required=True, metavar="DATE")
    p.add_argument("--to", dest="last", required=True, metavar="DATE")
    p.add_argument("--by", default=Bucket.DAY.value, choices=[b.value for b in Bucket])
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_report)


def cmd_summary(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.core.timeparse import parse_date
    from focusdesk.services.reports import ReportService

    if getattr(args, "show", False):  # reached only when no app took it (cli/forwarding.py)
        return fail("FocusDesk is not running; start it with `focusdesk`")
    day = parse_date(args.date, "--date") if args.date else None
    summary = ReportService(ctx).day_summary(day)
    if args.json:
        emit_json(summary.to_json())
        return 0
    t = summary.totals
    print(f"FocusDesk — {summary.date:%A %d %B %Y}")
    print(
        f"  Business {hours(t.business_s)} · Casual {hours(t.casual_s)} · Neutral {hours(t.neutral_s)}"
    )
    if not summary.sessions:
        print("  No sessions.")
    for s in summary.sessions:
        state = "running" if s.running else (s.outcome or "no outcome")
        over = f", {hours(s.overrun_s)} over" if s.overrun_s else ""
        target = f" (target {s.target}, reached {s.outcome_count})" if s.target else ""
        print(
            f'  • "{s.objective}"{target}: {hours(s.planned_s)} planned{over}, {state}; '
            f"business {hours(s.business_s)}, casual {hours(s.casual_s)}"
        )
    if summary.missed_reminders:
        print("  Missed while away: " + ", ".join(m.text for m in summary.missed_reminders))
    counts = ", ".join(f"{k} {v}" for k, v in summary.interactions.items() if v) or "none"
    ratio = summary.value_pitch_ratio
    print(f"  Interactions: {counts}; value:pitch {ratio if ratio is not None else '— (no pitch)'}")
    print("  Scorecard:")
    for item in summary.scorecard:
        value = item.value if item.value is not None else "not tracked yet"
        print(f"    {item.priority}. {item.label}: {value}")
    return 0


def cmd_report(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.core.timeparse import parse_date
    from focusdesk.services.reports import ReportService

    first = parse_date(args.first, "--from")
    last = parse_date(args.last, "--to")
    report = ReportService(ctx).report(first, last, args.by)
    if args.json:
        emit_json(report.to_json())
        return 0
    print(
        f"{'from':<11} {'to':<11} {'business':>9} {'casual':>9} {'neutral':>9} {'sessions':>8} {'met':>4}"
    )
    for b in report.buckets:
        t = b.totals
        print(
            f"{b.start.isoformat():<11} {b.end.isoformat():<11} {hours(t.business_s):>9} "
            f"{hours(t.casual_s):>9} {hours(t.neutral_s):>9} {b.sessions:>8} {b.objectives_met:>4}"
        )
    return 0
