"""Privacy rules: windows never recorded, or recorded without their text.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "privacy_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=10), nullable=False),
        sa.Column("pattern", sa.String(length=300), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("field", "pattern", name="uq_privacy_rules_field_pattern"),
    )


def downgrade() -> None:
    op.drop_table("privacy_rules")
