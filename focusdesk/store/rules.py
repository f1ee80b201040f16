"""Rule rows in the database, in their order."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from focusdesk.core.enums import RuleField
from focusdesk.core.rules import Rule
from focusdesk.store.models import RuleRow


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
