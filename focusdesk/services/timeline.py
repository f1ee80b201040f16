"""A day's activity span by span, and correcting how a span was classified.

Relabelling one span fixes that span; "always" also writes a rule for that
exact window (placed first, so it wins) and applies it to every span of the
window in the whole history, so the past and the future agree.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from focusdesk.core.days import epoch_day
from focusdesk.core.enums import Category, RuleField, Source, parse_choice
from focusdesk.core.errors import ValidationError
from focusdesk.core.rules import Rule
from focusdesk.services.context import AppContext
from focusdesk.store import rules as rules_store
from focusdesk.store import timeline as store
from focusdesk.store.activity import rebuild_day_totals
from focusdesk.store.types import CATEGORY_BY_CODE, CATEGORY_CODES, SOURCE_BY_CODE, from_epoch


@dataclass(frozen=True, slots=True)
class TimelineSpan:
    id: int
    start: datetime
    end: datetime
    category: Category
    source: Source
    app: str
    title: str
    session_id: int | None

    @property
    def seconds(self) -> int:
        return int((self.end - self.start).total_seconds())


@dataclass(frozen=True, slots=True)
class Relabelled:
    spans: int
    rule: Rule | None


class TimelineService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def day(self, day: date) -> list[TimelineSpan]:
        with self._ctx.db.engine.connect() as conn:
            views = store.spans_of_day(conn, epoch_day(day))
        return [
            TimelineSpan(
                v.id,
                from_epoch(v.start),
                from_epoch(v.start + v.duration),
                CATEGORY_BY_CODE[v.category],
                SOURCE_BY_CODE[v.source],
                v.app,
                v.title,
                v.session_id,
            )
            for v in views
        ]

    def relabel(
        self, span_id: int, category: str | Category, *, always: bool = False
    ) -> Relabelled:
        chosen = parse_choice(Category, str(category), "category")
        code = CATEGORY_CODES[chosen]
        with self._ctx.db.sessions.begin() as session:
            conn = session.connection()
            span = store.get_span(conn, span_id)
            if span is None:
                raise ValidationError("span", "That activity no longer exists.")
            rule = None
            targets = [(span.id, span.device_id, span.day)]
            if always:
                field, text = (
                    (RuleField.TITLE, span.title) if span.title else (RuleField.APP, span.app)
                )
                pattern = f"^{re.escape(text)}$"
                existing = rules_store.find_rule(session, field, pattern)
                if existing is not None:
                    existing.category = chosen
                    rule = Rule(field, pattern, chosen, existing.position, existing.id)
                else:
                    rules_store.shift_positions(session, 0)
                    row = rules_store.add_rule(
                        session, Rule(field, pattern, chosen, 0), self._ctx.clock()
                    )
                    rule = Rule(field, pattern, chosen, row.position, row.id)
                targets = store.spans_of_window(conn, span.window_id)
            store.set_category(conn, [t[0] for t in targets], code)
            days: dict[int, set[int]] = defaultdict(set)
            for _, device_id, day in targets:
                days[device_id].add(day)
            for device_id, device_days in days.items():
                rebuild_day_totals(conn, device_id, device_days)
        return Relabelled(len(targets), rule)
