"""Privacy rules, and forgetting recorded activity for good."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, delete, select
from sqlalchemy.orm import Session

from focusdesk.core.enums import RuleField
from focusdesk.core.privacy import PrivacyAction, PrivacyRule
from focusdesk.store.models import ActivitySpan, PrivacyRuleRow, Window

SPANS = ActivitySpan.__table__
WINDOWS = Window.__table__


def list_privacy_rules(session: Session) -> list[PrivacyRule]:
    rows = session.scalars(select(PrivacyRuleRow).order_by(PrivacyRuleRow.id))
    return [PrivacyRule(RuleField(r.field), r.pattern, PrivacyAction(r.action), r.id) for r in rows]


def add_privacy_rule(session: Session, rule: PrivacyRule, now: datetime) -> PrivacyRuleRow:
    row = PrivacyRuleRow(field=rule.field, pattern=rule.pattern, action=rule.action, created_at=now)
    session.add(row)
    session.flush()
    return row


def find_privacy_rule(session: Session, field: RuleField, pattern: str) -> PrivacyRuleRow | None:
    query = select(PrivacyRuleRow).where(
        PrivacyRuleRow.field == field, PrivacyRuleRow.pattern == pattern
    )
    return session.scalar(query)


def delete_privacy_rule(session: Session, rule_id: int) -> bool:
    row = session.get(PrivacyRuleRow, rule_id)
    if row is None:
        return False
    session.delete(row)
    return True


def spans_to_forget(
    conn: Connection, *, span_id: int | None = None, day: int | None = None
) -> list[tuple[int, int, int, int]]:
    """(span id, device id, day, window id) of the spans chosen."""
    query = select(SPANS.c.id, SPANS.c.device_id, SPANS.c.day, SPANS.c.window_id)
    if span_id is not None:
        query = query.where(SPANS.c.id == span_id)
    if day is not None:
        query = query.where(SPANS.c.day == day)
    return [(a, b, c, d) for a, b, c, d in conn.execute(query)]


def delete_spans(conn: Connection, span_ids: list[int]) -> None:
    for start in range(0, len(span_ids), 500):
        conn.execute(delete(SPANS).where(SPANS.c.id.in_(span_ids[start : start + 500])))


def delete_unused_windows(conn: Connection, window_ids: Iterable[int]) -> int:
    """Remove window text that no span refers to any more; returns how many went."""
    removed = 0
    for window_id in set(window_ids):
        used = conn.scalar(select(SPANS.c.id).where(SPANS.c.window_id == window_id).limit(1))
        if used is None:
            conn.execute(delete(WINDOWS).where(WINDOWS.c.id == window_id))
            removed += 1
    return removed
