"""privacy list|add|remove, and forget: what is never recorded, and erasing what was."""

from __future__ import annotations

import argparse
from typing import Any

from focusdesk.cli.output import emit_json
from focusdesk.cli.parsing import whole_number
from focusdesk.core.enums import RuleField
from focusdesk.core.privacy import PrivacyAction


def register(sub: Any) -> None:
    privacy = sub.add_parser(
        "privacy", help="windows that are never recorded, or recorded without text"
    )
    psub = privacy.add_subparsers(dest="privacy_command", required=True, metavar="list|add|remove")
    p = psub.add_parser("list", help="show the privacy rules")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = psub.add_parser("add", help="add a privacy rule")
    p.add_argument("--field", required=True, choices=[f.value for f in RuleField])
    p.add_argument(
        "--pattern", required=True, help="a regular expression, matched case-insensitively"
    )
    p.add_argument(
        "--action",
        required=True,
        choices=[a.value for a in PrivacyAction],
        help="exclude: record only that time was excluded; redact: keep app and category only",
    )
    p.set_defaults(handler=cmd_add)
    p = psub.add_parser("remove", help="remove a privacy rule by id")
    p.add_argument("id", type=whole_number)
    p.set_defaults(handler=cmd_remove)

    p = sub.add_parser("forget", help="erase recorded activity for good")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--span", type=whole_number, metavar="ID", help="one activity (ids: summary window)"
    )
    which.add_argument("--date", metavar="DATE", help="every activity of a day, YYYY-MM-DD")
    p.set_defaults(handler=cmd_forget)


def cmd_list(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.services.privacy import PrivacyService

    rules = PrivacyService(ctx).list()
    if args.json:
        emit_json(
            [
                {"id": r.id, "field": r.field.value, "pattern": r.pattern, "action": r.action.value}
                for r in rules
            ]
        )
        return 0
    print("Private and incognito browser windows: excluded" if ctx.settings.exclude_private_windows else
          "Private and incognito browser windows: recorded (see settings)")  # fmt: skip
    for r in rules:
        print(f"{r.id:>4}  {r.action.value:<8} {r.field.value:<6} {r.pattern}")
    return 0


def cmd_add(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.services.privacy import PrivacyService

    rule = PrivacyService(ctx).add(args.field, args.pattern, args.action)
    done = {"exclude": "not recorded", "redact": "recorded without its text"}[rule.action.value]
    print(
        f"Added privacy rule {rule.id}: a window whose {rule.field.value} matches "
        f"{rule.pattern!r} is {done} from now on."
    )
    return 0


def cmd_remove(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.services.privacy import PrivacyService

    PrivacyService(ctx).remove(args.id)
    print(f"Removed privacy rule {args.id}.")
    return 0


def cmd_forget(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.core.timeparse import parse_date
    from focusdesk.services.privacy import PrivacyService

    service = PrivacyService(ctx)
    if args.span is not None:
        result = service.forget_span(args.span)
    else:
        result = service.forget_day(parse_date(args.date, "--date"))
    print(f"Forgot {result.spans} activities ({result.windows} window titles erased).")
    return 0
