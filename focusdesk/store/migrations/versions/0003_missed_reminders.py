"""Missed reminders: those whose time passed beyond their grace while away.

The schedule itself lives in APScheduler's job tables (one per device,
created by the job store), not in a migration: its layout is the library's.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "missed_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("reminder_id", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("due_at", sa.BigInteger(), nullable=False),
        sa.Column("recorded_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "device_id", "reminder_id", "due_at", name="uq_missed_reminders_device_reminder_due"
        ),
    )
    op.create_index("ix_missed_reminders_due_at", "missed_reminders", ["due_at"])


def downgrade() -> None:
    op.drop_index("ix_missed_reminders_due_at", table_name="missed_reminders")
    op.drop_table("missed_reminders")
