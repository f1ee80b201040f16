"""rules list|add|remove|test."""

from __future__ import annotations

import argparse
from typing import Any

from focusdesk.cli.output import emit_json
from focusdesk.cli.parsing import whole_number
from focusdesk.core.enums import Category, RuleField


def register(sub: Any) -> None:
    rules = sub.add_parser("rules", help="the rules that classify windows")
    rsub = rules.add_subparsers(dest="rules_command", required=True, metavar="list|add|remove|test")
    p = rsub.add_parser("list", help="show the rules in order")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = rsub.add_parser("add", help="add a rule")
    p.add_argument("--field", required=True, choices=[f.value for f in RuleField])
    p.add_argument(
        "--pattern", required=True, help="a regular expression, matched case-insensitively"
    )
    p.add_argument("--category", required=True, choices=[c.value for c in Category])
    p.add_argument(
        "--position", type=whole_number, help="place it before the rule now at this position"
    )
    p.set_defaults(handler=cmd_add)
    p = rsub.add_parser("remove", help="remove a rule by id")
    p.add_argument("id", type=whole_number)
    p.set_defaults(handler=cmd_remove)
    p = rsub.add_parser("test", help="show how a window would be classified")
    p.add_argument("--app", default="")
    p.add_argument("--title", default="")
    p.add_argument("--url", default="")
    p.set_defaults(handler=cmd_test)


def cmd_list(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.services.rules import RuleService

    rules = RuleService(ctx).list()
    if args.json:
        emit_json(
            [
                {
                    "id": r.id,
                    "position": r.position,
                    "field": r.field.value,
                    "pattern": r.pattern,
                    "category": r.category.value,
                }
                for r in rules
            ]
        )
        return 0
    if not rules:
        print("No rules: every window counts as neutral.")
    for r in rules:
        print(f"{r.id:>4}  {r.category.value:<9} {r.field.value:<6} {r.pattern}")
    return 0


def cmd_add(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.services.rules import RuleService

    rule = RuleService(ctx).add(args.field, args.pattern, args.category, args.position)
    print(
        f"Added rule {rule.id}: {rule.field.value} matching {rule.pattern!r} is {rule.category.value}."
    )
    return 0


def cmd_remove(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.services.rules import RuleService

    RuleService(ctx).remove(args.id)
    print(f"Removed rule {args.id}.")
    return 0


def cmd_test(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.services.rules import RuleService

    if not (args.app or args.title or args.url):
        from focusdesk.core.errors import ValidationError

        raise ValidationError("title", "give at least one of --app, --title, --url to test")
    result = RuleService(ctx).test(args.app, args.title, args.url)
    why = (
        f"rule {result.rule.id} ({result.rule.field.value} matches {result.rule.pattern!r})"
        if result.rule
        else "no rule matches"
    )
    print(f"{result.category.value}: {why}")
    return 0
