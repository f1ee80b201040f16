"""Managing classification rules: defaults, adding, editing, ordering, testing, previewing.

Every change to the rules is applied to history in the same transaction
(``reclassify``), so the reports of past days agree with the rules at once.
The work is per window rather than per span: each window ever seen is
classified by the rules before and after the change, and only the spans of
windows whose answer changed are rewritten, in bulk. Spans keep their
category when they were entered by hand (source ``manual``), when the user
relabelled them one by one (their category is no longer what the old rules
said), or when their window has no title and no URL (a redacted or excluded
window: its category came from text that was never stored).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from focusdesk.core.activity import WindowKey
from focusdesk.core.days import epoch_day
from focusdesk.core.enums import Category, RuleField, Source, parse_choice
from focusdesk.core.errors import ValidationError
from focusdesk.core.rules import Classifier, Rule, check_pattern
from focusdesk.core.settings import BusinessPage, PersonalPage
from focusdesk.services.context import AppContext
from focusdesk.services.resources import read_toml
from focusdesk.store import rules as rules_store
from focusdesk.store import timeline as timeline_store
from focusdesk.store.activity import add_day_totals, rebuild_day_totals
from focusdesk.store.types import CATEGORY_BY_CODE, CATEGORY_CODES, SOURCE_CODES

RECLASSIFIED_SOURCES = (SOURCE_CODES[Source.AUTO], SOURCE_CODES[Source.IMPORT])


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
    """How a window would be classified and what decided it: a rule, one of the
    user's business pages, one of the personal pages (always casual), or nothing."""

    category: Category
    rule: Rule | None
    page: BusinessPage | None = None
    personal: PersonalPage | None = None

    def to_json(self) -> dict[str, Any]:
        page: dict[str, str] | None = None
        if self.page is not None:
            page = {"kind": "business", "name": self.page.name, "url": self.page.url}
        elif self.personal is not None:
            p = self.personal
            page = {"kind": "personal", "name": p.name, "url": p.url, "pattern": p.pattern}
        rule = self.rule
        return {
            "category": self.category.value,
            "page": page,
            "rule": None
            if rule is None
            else {"id": rule.id, "field": rule.field.value, "pattern": rule.pattern},
        }


@dataclass(frozen=True, slots=True)
class Reclassified:
    """How much of history a rule change re-labelled."""

    windows: int = 0
    spans: int = 0
    days: int = 0


@dataclass(frozen=True, slots=True)
class RuleChange:
    """A rule as stored after a change (None once removed) and what it did to history."""

    rule: Rule | None
    reclassified: Reclassified = field(default_factory=Reclassified)


class PreviewLine(NamedTuple):
    """One span of the previewed day whose category the proposed rule would change."""

    title: str
    old: Category
    new: Category
    seconds: int = 0  # the span's length, so the preview can say how much time moves


class RuleService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def list(self) -> list[Rule]:
        with self._ctx.db.sessions() as session:
            return rules_store.list_rules(session)

    def classifier(self, cache_size: int = 4096) -> Classifier:
        """The stored rules behind the user's business then personal pages, ready to classify."""
        return self._classifier(self.list(), cache_size)

    def add(
        self, field: str, pattern: str, category: str, position: int | None = None
    ) -> RuleChange:
        chosen_field = parse_choice(RuleField, field, "field")
        chosen_category = parse_choice(Category, category, "category")
        check_pattern(pattern)
        with self._ctx.db.sessions.begin() as session:
            before = rules_store.list_rules(session)
            _refuse_duplicate(session, chosen_field, pattern)
            if position is None:
                position = rules_store.next_position(session)
            else:
                rules_store.shift_positions(session, position)
            row = rules_store.add_rule(
                session, Rule(chosen_field, pattern, chosen_category, position), self._ctx.clock()
            )
            rule = Rule(chosen_field, pattern, chosen_category, row.position, row.id)
            return RuleChange(rule, self._apply(session, before, [rule]))

    def remove(self, rule_id: int) -> RuleChange:
        with self._ctx.db.sessions.begin() as session:
            before = rules_store.list_rules(session)
            removed = [r for r in before if r.id == rule_id]
            if not rules_store.delete_rule(session, rule_id):
                raise _no_such_rule(rule_id)
            session.flush()
            return RuleChange(None, self._apply(session, before, removed))

    def move(self, rule_id: int, position: int) -> RuleChange:
        """Put a rule at ``position`` in the order (0 is first); the others close up."""
        if position < 0:
            raise ValidationError("position", "The position must be 0 or more.")
        with self._ctx.db.sessions.begin() as session:
            before = rules_store.list_rules(session)
            moving = next((r for r in before if r.id == rule_id), None)
            if moving is None:
                raise _no_such_rule(rule_id)
            order = [r.id for r in before if r.id != rule_id]
            order.insert(min(position, len(order)), rule_id)
            rules_store.renumber(session, [i for i in order if i is not None])
            session.flush()
            moved = next(r for r in rules_store.list_rules(session) if r.id == rule_id)
            return RuleChange(moved, self._apply(session, before, [moving]))

    def update(
        self,
        rule_id: int,
        *,
        field: str | None = None,
        pattern: str | None = None,
        category: str | None = None,
    ) -> RuleChange:
        """Change what a rule looks at, looks for, or decides; it keeps its place."""
        with self._ctx.db.sessions.begin() as session:
            before = rules_store.list_rules(session)
            row = rules_store.get_rule(session, rule_id)
            if row is None:
                raise _no_such_rule(rule_id)
            old = Rule(RuleField(row.field), row.pattern, row.category, row.position, row.id)
            new_field = parse_choice(RuleField, field, "field") if field else RuleField(row.field)
            new_pattern = row.pattern if pattern is None else pattern
            check_pattern(new_pattern)
            if (new_field, new_pattern) != (row.field, row.pattern):
                _refuse_duplicate(session, new_field, new_pattern)
            row.field, row.pattern = new_field, new_pattern
            if category is not None:
                row.category = parse_choice(Category, category, "category")
            session.flush()
            rule = Rule(new_field, new_pattern, row.category, row.position, row.id)
            return RuleChange(rule, self._apply(session, before, [old, rule]))

    def reclassify(self, before: Classifier | None = None) -> Reclassified:
        """Apply the current rules (and business pages) to history.

        With ``before`` (the classifier history was labelled with), only
        windows whose answer changed are touched and hand relabels survive;
        without it every automatic span is set to what the rules say now.
        """
        with self._ctx.db.sessions.begin() as session:
            after = self._classifier(rules_store.list_rules(session), 0)
            return self._reclassify(session.connection(), before, after)

    def preview(self, rule: Rule, day: date) -> list[PreviewLine]:
        """What adding ``rule`` (or changing the stored rule with its id) would do to ``day``.

        Exactly the spans ``add`` or ``update`` would re-label, in time order,
        for the live preview in Settings; nothing is written.
        """
        check_pattern(rule.pattern)
        current = self.list()
        others = [r for r in current if r.id is None or r.id != rule.id]
        cut = next((i for i, r in enumerate(others) if r.position >= rule.position), len(others))
        proposed = [*others[:cut], rule, *others[cut:]]
        proposed = [replace(r, position=i) for i, r in enumerate(proposed)]
        before, after = self._classifier(current, 0), self._classifier(proposed, 0)
        with self._ctx.db.engine.connect() as conn:
            spans = timeline_store.spans_of_day(conn, epoch_day(day))
        lines: list[PreviewLine] = []
        for span in spans:
            if span.source not in RECLASSIFIED_SOURCES or not (span.title or span.url):
                continue
            window = WindowKey(span.app, span.title, span.url)
            old, new = before.classify(window), after.classify(window)
            if old is not new and CATEGORY_BY_CODE[span.category] is old:
                lines.append(PreviewLine(span.title or span.app, old, new, span.duration))
        return lines

    def test(self, app: str = "", title: str = "", url: str = "") -> RuleTest:
        decision = self.classifier().decide(WindowKey(app, title, url))
        return RuleTest(decision.category, decision.rule, decision.page, decision.personal)

    # ------------------------------------------------------------------ internals

    def _classifier(self, rules: list[Rule], cache_size: int) -> Classifier:
        settings = self._ctx.settings
        return Classifier(
            rules,
            cache_size,
            business_pages=settings.business_pages,
            personal_pages=settings.personal_pages,
        )

    def _apply(self, session: Session, before: list[Rule], touched: list[Rule]) -> Reclassified:
        """Re-label history after a change to the ``touched`` rules made in ``session``.

        A window's answer can only change if one of the touched rules
        matches it (a rule that matches nothing decides nothing, wherever it
        stands), so only those windows are classified before and after.
        """
        after = rules_store.list_rules(session)
        return self._reclassify(
            session.connection(),
            self._classifier(before, 0),
            self._classifier(after, 0),
            Classifier([replace(r, position=0) for r in touched], cache_size=0),
        )

    def _reclassify(
        self,
        conn: Connection,
        before: Classifier | None,
        after: Classifier,
        touched: Classifier | None = None,
    ) -> Reclassified:
        changes: dict[tuple[int | None, int], list[int]] = defaultdict(list)
        for window_id, app, title, url in rules_store.window_texts(conn):
            if not (title or url):
                continue  # redacted or excluded: decided from text that was never stored
            window = WindowKey(app, title, url)
            if touched is not None and touched.match(window) is None:
                continue
            new = after.classify(window)
            if before is None:
                changes[(None, CATEGORY_CODES[new])].append(window_id)
            else:
                old = before.classify(window)
                if old is not new:
                    changes[(CATEGORY_CODES[old], CATEGORY_CODES[new])].append(window_id)
        done = rules_store.recategorize(conn, changes, RECLASSIFIED_SOURCES)
        if before is None:  # the old categories are unknown: recount those days
            for device_id, days in done.days.items():
                rebuild_day_totals(conn, device_id, days)
        else:  # each span moved its whole duration from one category to another
            add_day_totals(conn, done.moved)
        return Reclassified(
            len(done.windows), done.spans, sum(len(days) for days in done.days.values())
        )


def _refuse_duplicate(session: Session, field: RuleField, pattern: str) -> None:
    if rules_store.find_rule(session, field, pattern) is not None:
        raise ValidationError("pattern", f"A rule for {field} {pattern!r} exists already.")


def _no_such_rule(rule_id: int) -> ValidationError:
    return ValidationError(
        "id", f"There is no rule with id {rule_id} (see `focusdesk rules list`)."
    )
