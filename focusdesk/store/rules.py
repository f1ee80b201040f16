"""Rule rows in the database, in their order, and re-labelling history per window.

Re-running the rules over history works per window, not per span: a year
holds about 700,000 spans but only tens of thousands of distinct windows,
so the service classifies each window once and this module rewrites the
spans of the windows whose answer changed with a few bulk UPDATEs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, bindparam, func, select, update
from sqlalchemy.orm import Session

from focusdesk.core.enums import RuleField
from focusdesk.core.rules import Rule
from focusdesk.store.models import ActivitySpan, RuleRow, Window

SPANS = ActivitySpan.__table__
WINDOWS = Window.__table__
# Window ids per UPDATE: one scan of the spans each, so the fewer the better; both
# SQLite (32,766) and PostgreSQL (65,535) take this many bound parameters.
WINDOW_CHUNK = 10_000


def list_rules(session: Session) -> list[Rule]:
    rows = session.scalars(select(RuleRow).order_by(RuleRow.position, RuleRow.id))
    return [Rule(RuleField(r.field), r.pattern, r.category, r.position, r.id) for r in rows]


def rule_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(RuleRow)) or 0


def next_position(session: Session) -> int:
    top = session.scalar(select(func.max(RuleRow.position)))
    return 0 if top is None else top + 1


def find_rule(session: Session, field: RuleField, pattern: str) -> RuleRow | None:
    return session.scalar(select(RuleRow).where(RuleRow.field == field, RuleRow.pattern == pattern))


def add_rule(session: Session, rule: Rule, now: datetime) -> RuleRow:
    row = RuleRow(
        position=rule.position,
        field=rule.field,
        pattern=rule.pattern,
        category=rule.category,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def shift_positions(session: Session, from_position: int) -> None:
    """Make room at ``from_position`` by moving later rules down one place."""
    for row in session.scalars(select(RuleRow).where(RuleRow.position >= from_position)):
        row.position += 1


def delete_rule(session: Session, rule_id: int) -> bool:
    row = session.get(RuleRow, rule_id)
    if row is None:
        return False
    session.delete(row)
    return True


def get_rule(session: Session, rule_id: int) -> RuleRow | None:
    return session.get(RuleRow, rule_id)


def renumber(session: Session, ordered_ids: Iterable[int]) -> None:
    """Give the rules positions 0, 1, 2... in the order of ``ordered_ids``."""
    rows = {row.id: row for row in session.scalars(select(RuleRow))}
    for position, rule_id in enumerate(ordered_ids):
        rows[rule_id].position = position


def window_texts(conn: Connection) -> Iterator[tuple[int, str, str, str]]:
    """(id, app, title, url) of every window ever recorded, on any device."""
    query = select(WINDOWS.c.id, WINDOWS.c.app, WINDOWS.c.title, WINDOWS.c.url)
    for window_id, app, title, url in conn.execute(query):
        yield window_id, app, title, url or ""


@dataclass(slots=True)
class Recategorized:
    """What a bulk change of span categories touched.

    ``moved`` holds the seconds each (device, day, category) gained or lost,
    ready for ``add_day_totals``; it is exact only for changes with a known
    old category.
    """

    spans: int = 0
    windows: set[int] = field(default_factory=set)
    days: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))  # device -> days
    moved: dict[tuple[int, int, int], int] = field(default_factory=lambda: defaultdict(int))


def recategorize(
    conn: Connection,
    changes: Mapping[tuple[int | None, int], list[int]],
    sources: Iterable[int],
) -> Recategorized:
    """Set the category of the spans of whole windows, only for spans of the given sources.

    ``changes`` maps (old category code or None, new code) to window ids.
    With an old code, only spans still carrying it change (a span the user
    relabelled by hand keeps its label); with None, every span of those
    windows that differs from the new code changes.
    """
    done = Recategorized()
    allowed = list(sources)
    for (old, new), window_ids in changes.items():
        for start in range(0, len(window_ids), WINDOW_CHUNK):
            chunk = window_ids[start : start + WINDOW_CHUNK]
            statement = (
                update(SPANS)
                .where(SPANS.c.window_id.in_(bindparam("ids", expanding=True)))
                .where(SPANS.c.source.in_(allowed))
                .where(SPANS.c.category == old if old is not None else SPANS.c.category != new)
                .values(category=new)
                .returning(SPANS.c.device_id, SPANS.c.day, SPANS.c.window_id, SPANS.c.duration)
            )
            for device_id, day, window_id, seconds in conn.execute(statement, {"ids": chunk}):
                done.spans += 1
                done.windows.add(window_id)
                done.days[device_id].add(day)
                if old is not None:
                    done.moved[device_id, day, old] -= seconds
                    done.moved[device_id, day, new] += seconds
    return done
