"""rules list|add|remove|move|update|test."""

from __future__ import annotations

import argparse
from typing import Any

from focusdesk.cli.output import emit_json
from focusdesk.cli.parsing import whole_number
from focusdesk.core.enums import Category, RuleField


def register(sub: Any) -> None:
    rules = sub.add_parser("rules", help="the rules that classify windows")
    rsub = rules.add_subparsers(
        dest="rules_command", required=True, metavar="list|add|remove|move|update|test"
    )
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
    p = rsub.add_parser("move", help="put a rule at a position in the order (0 is first)")
    p.add_argument("id", type=whole_number)
    p.add_argument("position", type=whole_number)
    p.set_defaults(handler=cmd_move)
    p = rsub.add_parser("update", help="change a rule's field, pattern or category")
    p.add_argument("id", type=whole_number)
    p.add_argument("--field", choices=[f.value for f in RuleField])
    p.add_argument("--pattern", help="a regular expression, matched case-insensitively")
    p.add_argument("--category", choices=[c.value for c in Category])
    p.set_defaults(handler=cmd_update)
    p = rsub.add_parser("test", help="show how a window would be classified")
    p.add_argument("--app", default="", help="the program, e.g. firefox")
    p.add_argument("--title", default="", help="the window title")
    p.add_argument("--url", default="", help="the page address, when testing a browser window")
    p.add_argument("--json", action="store_true")
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

    change = RuleService(ctx).add(args.field, args.pattern, args.category, args.position)
    rule = change.rule
    assert rule is not None
    print(
        f"Added rule {rule.id}: {rule.field.value} matching {rule.pattern!r} is {rule.category.value}."
    )
    print(_reclassified(change.reclassified))
    return 0


def cmd_remove(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.services.rules import RuleService

    change = RuleService(ctx).remove(args.id)
    print(f"Removed rule {args.id}.")
    print(_reclassified(change.reclassified))
    return 0


def cmd_move(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.services.rules import RuleService

    change = RuleService(ctx).move(args.id, args.position)
    assert change.rule is not None
    print(f"Moved rule {args.id} to position {change.rule.position}.")
    print(_reclassified(change.reclassified))
    return 0


def cmd_update(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.core.errors import ValidationError
    from focusdesk.services.rules import RuleService

    if args.field is None and args.pattern is None and args.category is None:
        raise ValidationError("rule", "give at least one of --field, --pattern, --category")
    change = RuleService(ctx).update(
        args.id, field=args.field, pattern=args.pattern, category=args.category
    )
    rule = change.rule
    assert rule is not None
    print(f"Rule {rule.id}: {rule.field.value} matching {rule.pattern!r} is {rule.category.value}.")
    print(_reclassified(change.reclassified))
    return 0


def _reclassified(done: Any) -> str:
    """One line on what a rule change did to history."""
    if not done.spans:
        return "No past activity changed category."
    spans = "1 past span" if done.spans == 1 else f"{done.spans} past spans"
    windows = "1 window" if done.windows == 1 else f"{done.windows} windows"
    days = "1 day" if done.days == 1 else f"{done.days} days"
    return f"Reclassified {spans} ({windows}, {days})."


def cmd_test(ctx: Any, args: argparse.Namespace) -> int:
    from focusdesk.services.rules import RuleService

    if not (args.app or args.title or args.url):
        from focusdesk.core.errors import ValidationError

        raise ValidationError("title", "give at least one of --app, --title, --url to test")
    result = RuleService(ctx).test(args.app, args.title, args.url)
    if args.json:
        emit_json(result.to_json())
        return 0
    if result.page is not None:
        why = f"business page {result.page.name!r} ({result.page.url})"
    elif result.personal is not None:
        page = result.personal
        how = ", ".join(filter(None, (page.url, page.pattern and f"pattern {page.pattern!r}")))
        why = f"personal page {page.name!r}" + (f" ({how})" if how else "")
    elif result.rule is not None:
        why = f"rule {result.rule.id} ({result.rule.field.value} matches {result.rule.pattern!r})"
    else:
        why = "no rule matches"
    print(f"{result.category.value}: {why}")
    return 0
