"""start, status, extend, stop, log, add: the session and logging commands."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from focusdesk.cli.output import emit_json, hours, local_clock
from focusdesk.cli.parsing import whole_number
from focusdesk.core.enums import Category, InteractionKind, Outcome, Purpose
from focusdesk.core.session import FocusSession
from focusdesk.core.timebox import format_duration
from focusdesk.services.context import AppContext


def register(sub: Any) -> None:
    p = sub.add_parser("start", help="start a timed session with an objective")
    p.add_argument(
        "--objective",
        "-o",
        required=True,
        help='what this session will achieve, e.g. "Message 5 prospects"',
    )
    p.add_argument("--minutes", "-m", required=True, help="the time box, 1 to 240 minutes")
    p.add_argument(
        "--target", type=whole_number, help="a measurable target, e.g. 5 (conversations)"
    )
    p.add_argument(
        "--purpose", default=Purpose.PROSPECTING.value, choices=[p.value for p in Purpose]
    )
    p.add_argument("--json", action="store_true", help="print the session as JSON")
    p.set_defaults(handler=cmd_start)

    p = sub.add_parser("status", help="show the running session")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("extend", help="give the running session more minutes")
    p.add_argument(
        "--minutes", "-m", help="minutes to add (default: the extension length in settings)"
    )
    p.set_defaults(handler=cmd_extend)

    p = sub.add_parser("stop", help="end the running session and record its outcome")
    p.add_argument("--outcome", choices=[o.value for o in Outcome])
    p.add_argument("--count", type=whole_number, help="how many you achieved (e.g. conversations)")
    p.add_argument("--note")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_stop)

    p = sub.add_parser("log", help="quick-log an interaction")
    p.add_argument("kind", choices=[k.value for k in InteractionKind])
    p.add_argument("--note")
    p.set_defaults(handler=cmd_log)

    p = sub.add_parser("add", help="add activity by hand (phone time, a call)")
    p.add_argument("--app", required=True)
    p.add_argument("--title", required=True)
    p.add_argument(
        "--from", dest="start", required=True, metavar="TIME", help="14:30 or 2026-11-26 14:30"
    )
    p.add_argument("--to", dest="end", required=True, metavar="TIME")
    p.add_argument("--category", choices=[c.value for c in Category])
    p.set_defaults(handler=cmd_add)


def session_json(s: FocusSession, now: datetime) -> dict[str, Any]:
    return {
        "id": s.id,
        "objective": s.objective,
        "purpose": s.purpose.value,
        "target": s.target,
        "planned_minutes": s.planned_minutes,
        "started_at": s.started_at.isoformat(),
        "deadline": s.deadline.isoformat(),
        "ended_at": s.ended_at.isoformat() if s.ended_at else None,
        "running": s.running,
        "remaining_s": int(s.remaining(now).total_seconds()),
        "overrun_s": int(s.overrun(now).total_seconds()),
        "extensions": s.extensions,
        "outcome": s.outcome.value if s.outcome else None,
        "outcome_count": s.outcome_count,
        "outcome_note": s.outcome_note,
        "end_reason": s.end_reason.value if s.end_reason else None,
    }


def cmd_start(ctx: AppContext, args: argparse.Namespace) -> int:
    from focusdesk.services.sessions import SessionService

    started = SessionService(ctx).start(
        args.objective, args.minutes, target=args.target, purpose=args.purpose
    )
    s = started.session
    if args.json:
        emit_json({**session_json(s, ctx.clock()), "hint": started.hint})
        return 0
    target = f", target {s.target}" if s.target else ""
    print(
        f'Started "{s.objective}" ({s.purpose}{target}): {s.planned_minutes} min, until {local_clock(s.deadline, ctx.tz)}.'
    )
    if started.hint:
        print(f"Tip: {started.hint}")
    return 0


def cmd_status(ctx: AppContext, args: argparse.Namespace) -> int:
    from focusdesk.services.sessions import SessionService

    now = ctx.clock()
    current = SessionService(ctx).current()
    if args.json:
        emit_json(
            {
                "running": current is not None,
                "session": session_json(current, now) if current else None,
            }
        )
        return 0
    if current is None:
        print("No session running. Start one with: focusdesk start --objective TEXT --minutes N")
        return 0
    if now < current.deadline:
        timing = f"{format_duration(current.remaining(now))} left (until {local_clock(current.deadline, ctx.tz)})"
    else:
        timing = f"time is up: {format_duration(current.overrun(now))} over"
    ext = f", extended {current.extensions}x" if current.extensions else ""
    print(f'"{current.objective}" ({current.purpose}) — {timing}{ext}.')
    return 0


def cmd_extend(ctx: AppContext, args: argparse.Namespace) -> int:
    from focusdesk.services.sessions import SessionService

    minutes = args.minutes if args.minutes is not None else ctx.settings.extension_minutes
    s = SessionService(ctx).extend(minutes)
    print(
        f'Extended "{s.objective}" until {local_clock(s.deadline, ctx.tz)} (extension {s.extensions}).'
    )
    return 0


def cmd_stop(ctx: AppContext, args: argparse.Namespace) -> int:
    from focusdesk.services.sessions import SessionService

    s = SessionService(ctx).stop(args.outcome, count=args.count, note=args.note)
    if args.json:
        emit_json(session_json(s, ctx.clock()))
        return 0
    assert s.ended_at is not None
    overrun = s.overrun(s.ended_at)
    over = (
        f", {format_duration(overrun)} over the time box"
        if overrun.total_seconds() >= 1
        else ", within the time box"
    )
    outcome = f" Outcome: {s.outcome.value}." if s.outcome else " No outcome recorded."
    print(
        f'Stopped "{s.objective}" after {format_duration(s.ended_at - s.started_at)}{over}.{outcome}'
    )
    return 0


def cmd_log(ctx: AppContext, args: argparse.Namespace) -> int:
    from focusdesk.services.interactions import InteractionService

    logged = InteractionService(ctx).log(args.kind, args.note)
    during = " (in the running session)" if logged.session_id else ""
    print(f"Logged {logged.kind.value} at {local_clock(logged.at, ctx.tz)}{during}.")
    return 0


def cmd_add(ctx: AppContext, args: argparse.Namespace) -> int:
    from focusdesk.core.days import local_date
    from focusdesk.core.timeparse import parse_time
    from focusdesk.services.activity import ActivityService

    today = local_date(ctx.clock(), ctx.tz)
    start = parse_time(args.start, today=today, tz=ctx.tz, field="--from")
    end = parse_time(args.end, today=today, tz=ctx.tz, field="--to")
    added = ActivityService(ctx).add_manual(args.app, args.title, start, end, args.category)
    print(f"Added {hours(added.seconds)} of {added.category.value} activity ({args.app}).")
    return 0
