"""Managing classification rules: defaults, adding, removing, testing."""

from __future__ import annotations

from dataclasses import dataclass

from focusdesk.core.activity import WindowKey
from focusdesk.core.enums import Category, RuleField, parse_choice
from focusdesk.core.errors import ValidationError
from focusdesk.core.rules import Classifier, Rule, check_pattern
from focusdesk.services.context import AppContext
from focusdesk.services.resources import read_toml
from focusdesk.store import rules as rules_store


def default_rules() -> list[Rule]:
    data = read_toml("default_rules.toml")
    return [
        Rule(
            parse_choice(RuleField, item["field"], "field"),
            item["pattern"],
            parse_choice(Category, item["category"], "category"),
            position,
        )
        for position, item in enumerate(data.get("rule", []))
    ]


@dataclass(frozen=True, slots=True)
class RuleTest:
    category: Category
    rule: Rule | None


class RuleService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def list(self) -> list[Rule]:
        with self._ctx.db.sessions() as session:
            return rules_store.list_rules(session)

    def classifier(self) -> Classifier:
        return Classifier(self.list())

    def add(self, field: str, pattern: str, category: str, position: int | None = None) -> Rule:
        chosen_field = parse_choice(RuleField, field, "field")
        chosen_category = parse_choice(Category, category, "category")
        check_pattern(pattern)
        with self._ctx.db.sessions.begin() as session:
            if rules_store.find_rule(session, chosen_field, pattern) is not None:
                raise ValidationError(
                    "pattern", f"A rule for {chosen_field} {pattern!r} exists already."
                )
            if position is None:
                position = rules_store.next_position(session)
            else:
                rules_store.shift_positions(session, position)
            row = rules_store.add_rule(
                session, Rule(chosen_field, pattern, chosen_category, position), self._ctx.clock()
            )
            return Rule(chosen_field, pattern, chosen_category, row.position, row.id)

    def remove(self, rule_id: int) -> None:
        with self._ctx.db.sessions.begin() as session:
            if not rules_store.delete_rule(session, rule_id):
                raise ValidationError(
                    "id", f"There is no rule with id {rule_id} (see `focusdesk rules list`)."
                )

    def test(self, app: str = "", title: str = "", url: str = "") -> RuleTest:
        classifier = self.classifier()
        window = WindowKey(app, title, url)
        return RuleTest(classifier.classify(window), classifier.match(window))
