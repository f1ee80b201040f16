"""Missed reminders, and a read-only look at the per-device schedule table.

The schedule table is APScheduler's (``SQLAlchemyJobStore``): one per device,
so two computers sharing a PostgreSQL database never fire each other's
reminders. Only its ``id`` and ``next_run_time`` columns are read here, for
``focusdesk remind list``; the pickled job state is the library's business.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Column, Engine, Float, MetaData, Table, Unicode, inspect, select
from sqlalchemy.orm import Session

from focusdesk.core.reminders import DueReminder, MissedReminder, ReminderKind
from focusdesk.store.models import MissedReminderRow

JOB_TABLE_PREFIX = "focusdesk_jobs_"


def job_table_name(device_id: int) -> str:
    return f"{JOB_TABLE_PREFIX}{int(device_id)}"


def record_missed(
    session: Session, device_id: int, items: Iterable[DueReminder], recorded_at: datetime
) -> int:
    """Insert those not recorded yet (a run time is recorded once); returns how many were new."""
    added = 0
    for item in items:
        exists = session.scalar(
            select(MissedReminderRow.id).where(
                MissedReminderRow.device_id == device_id,
                MissedReminderRow.reminder_id == item.reminder_id,
                MissedReminderRow.due_at == item.due_at,
            )
        )
        if exists is not None:
            continue
        session.add(
            MissedReminderRow(
                device_id=device_id,
                reminder_id=item.reminder_id[:100],
                kind=item.kind.value,
                label=item.label[:200],
                due_at=item.due_at,
                recorded_at=recorded_at,
            )
        )
        added += 1
    session.flush()
    return added


def missed_between(
    session: Session, device_id: int, start: datetime, end: datetime
) -> list[MissedReminder]:
    rows = session.scalars(
        select(MissedReminderRow)
        .where(
            MissedReminderRow.device_id == device_id,
            MissedReminderRow.due_at >= start,
            MissedReminderRow.due_at < end,
        )
        .order_by(MissedReminderRow.due_at, MissedReminderRow.id)
    )
    return [
        MissedReminder(r.reminder_id, ReminderKind(r.kind), r.label, r.due_at, r.recorded_at)
        for r in rows
    ]


def scheduled_next_runs(engine: Engine, device_id: int) -> dict[str, datetime | None]:
    """Each stored job's next run time; empty when this device never ran the scheduler."""
    name = job_table_name(device_id)
    if not inspect(engine).has_table(name):
        return {}
    table = Table(
        name,
        MetaData(),
        Column("id", Unicode(191), primary_key=True),
        Column("next_run_time", Float(25)),
    )
    with engine.connect() as conn:
        rows = conn.execute(select(table.c.id, table.c.next_run_time)).all()
    return {
        str(job_id): None if ts is None else datetime.fromtimestamp(float(ts), UTC)
        for job_id, ts in rows
    }
