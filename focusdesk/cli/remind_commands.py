"""remind list|add|remove: the scheduled reminders, kept in the settings.

``add`` and ``remove`` go to the running app when there is one (it then
re-syncs its schedule at once); otherwise they write the settings file and
the app picks the change up when it starts.
"""

from __future__ import annotations

import argparse
from datetime import datetime, tzinfo
from typing import Any

from focusdesk.cli.output import emit_json
from focusdesk.core.reminders import ReminderKind


def register(sub: Any) -> None:
    remind = sub.add_parser("remind", help="scheduled reminders: sessions, summary, clean-up")
    rsub = remind.add_subparsers(dest="remind_command", required=True, metavar="list|add|remove")
    p = rsub.add_parser("list", help="show the reminders and when each is next due")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = rsub.add_parser("add", help="plan a session reminder (or set the summary/clean-up time)")
    p.add_argument("--at", required=True, metavar="HH:MM", help="local time of day, e.g. 09:00")
    p.add_argument(
        "--days", help="mon,wed,fri or daily or weekdays (default: daily; clean-up: one day)"
    )
    p.add_argument("--objective", default="", help="the planned objective, prefilled on start")
    p.add_argument("--minutes", help="the planned time box (default: the usual time box)")
    p.add_argument(
        "--kind", default=ReminderKind.SESSION.value, choices=[k.value for k in ReminderKind]
    )
    p.set_defaults(handler=cmd_add)
    p = rsub.add_parser("remove", help="remove a reminder by its id (see remind list)")
    p.add_argument("id")
    p.set_defaults(handler=cmd_remove)


def cmd_list(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.services.reminders import ReminderService

    entries = ReminderService(ctx).entries()
    budget = ctx.settings.casual_budget_minutes
    if args.json:
        emit_json(
            {
                "reminders": [
                    {
                        "id": e.spec.id,
                        "kind": e.spec.kind.value,
                        "time": e.spec.time,
                        "weekdays": list(e.spec.weekdays),
                        "label": e.spec.label,
                        "objective": e.spec.objective,
                        "minutes": e.spec.minutes or None,
                        "next_due": e.next_due.isoformat() if e.next_due else None,
                    }
                    for e in entries
                ],
                "casual_budget_minutes": budget,
            }
        )
        return 0
    if not entries:
        print("No reminders. Add one with: focusdesk remind add --at 09:00 --days mon,wed,fri")
    now = ctx.clock()
    for e in entries:
        detail = f"  {e.spec.objective!r}, {e.spec.minutes} min" if e.spec.objective else ""
        nxt = _next_text(e.next_due, now, ctx.tz)
        print(f"{e.spec.id:<28} {e.spec.kind.value:<8} {e.spec.when:<22} next {nxt}{detail}")
    print(f"Casual-time budget: {budget} min a day (watched by tracking, not scheduled).")
    return 0


def _next_text(when: datetime | None, now: datetime, tz: tzinfo) -> str:
    if when is None:
        return "never"
    text = when.astimezone(tz).strftime("%a %Y-%m-%d %H:%M")
    return f"{text} (overdue: shown or recorded missed when the app runs)" if when < now else text


def cmd_add(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.services.reminders import ReminderService

    spec = ReminderService(ctx).add(
        args.at, args.days, kind=args.kind, objective=args.objective, minutes=args.minutes
    )
    print(f"Reminder {spec.id}: {spec.label}, {spec.when}.")
    return 0


def cmd_remove(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.services.reminders import ReminderService

    spec = ReminderService(ctx).remove(args.id)
    if spec.kind is ReminderKind.SESSION:
        print(f"Removed reminder {spec.id}.")
    else:
        print(f"Switched off the {spec.label.lower()} reminder.")
    return 0
