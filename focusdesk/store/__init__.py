"""Persistence: SQLAlchemy 2 typed models, Alembic migrations and queries.

Importing SQLAlchemy's ORM costs about half a second, so nothing on the path
to the tray icon imports this package; the app loads it after the tray is up.
"""
