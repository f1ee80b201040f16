"""Alembic environment: always run with a connection handed in by focusdesk.store.migrate."""

from __future__ import annotations

from alembic import context

from focusdesk.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "FocusDesk migrations run through focusdesk.store.migrate, not the alembic CLI"
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
