"""The database schema as typed SQLAlchemy 2.0 models.

Size matters for spans (a year is about 700,000 of them): window text is kept
once in ``windows`` and spans refer to it; instants are epoch seconds; the
local day is an epoch-day integer; category and source are one-byte codes.
``day_totals`` is a per-device roll-up of seconds by local day and category
that the writers keep current, so that a year's report reads hundreds of
rows instead of hundreds of thousands.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from focusdesk.core.enums import Category, EndReason, Outcome, Purpose, RuleField
from focusdesk.store.types import CategoryCode, EpochSeconds


class Base(DeclarativeBase):
    """The one metadata Alembic compares the migrations against."""


class Device(Base):
    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(EpochSeconds)


class Window(Base):
    """One distinct (app, title, url); ``key_hash`` makes lookup cheap and bounded in size."""

    __tablename__ = "windows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_hash: Mapped[int] = mapped_column(BigInteger, unique=True)
    app: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text, default="")


class ActivitySpan(Base):
    __tablename__ = "spans"
    __table_args__ = (
        Index("ix_spans_day", "day"),
        Index(
            "ix_spans_session",
            "session_id",
            sqlite_where=text("session_id IS NOT NULL"),
            postgresql_where=text("session_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    day: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(BigInteger)
    duration: Mapped[int] = mapped_column(Integer)
    window_id: Mapped[int] = mapped_column(ForeignKey("windows.id"))
    category: Mapped[int] = mapped_column(SmallInteger)
    source: Mapped[int] = mapped_column(SmallInteger, default=0)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), nullable=True
    )


class DayTotal(Base):
    __tablename__ = "day_totals"

    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    day: Mapped[int] = mapped_column(Integer, primary_key=True)
    category: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    seconds: Mapped[int] = mapped_column(BigInteger, default=0)


class SessionRow(Base):
    """A focus session. ``running`` is True while it runs and NULL after, so a
    unique index on it lets the database itself refuse a second running session,
    even from two processes or two machines at once."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    day: Mapped[int] = mapped_column(Integer, index=True)
    objective: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[Purpose] = mapped_column(String(20))
    target: Mapped[int | None] = mapped_column(Integer, nullable=True)
    planned_minutes: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(EpochSeconds)
    deadline: Mapped[datetime] = mapped_column(EpochSeconds)
    ended_at: Mapped[datetime | None] = mapped_column(EpochSeconds, nullable=True)
    last_seen_at: Mapped[datetime | None] = mapped_column(EpochSeconds, nullable=True)
    extensions: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[Outcome | None] = mapped_column(String(10), nullable=True)
    outcome_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    outcome_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    end_reason: Mapped[EndReason | None] = mapped_column(String(10), nullable=True)
    running: Mapped[bool | None] = mapped_column(Boolean, unique=True, nullable=True)


class SessionExtension(Base):
    __tablename__ = "session_extensions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(EpochSeconds)
    minutes: Mapped[int] = mapped_column(Integer)


class InteractionRow(Base):
    __tablename__ = "interactions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    day: Mapped[int] = mapped_column(Integer, index=True)
    at: Mapped[datetime] = mapped_column(EpochSeconds)
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), nullable=True
    )


class RuleRow(Base):
    __tablename__ = "rules"
    __table_args__ = (UniqueConstraint("field", "pattern", name="uq_rules_field_pattern"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    field: Mapped[RuleField] = mapped_column(String(10))
    pattern: Mapped[str] = mapped_column(String(300))
    category: Mapped[Category] = mapped_column(CategoryCode)
    created_at: Mapped[datetime] = mapped_column(EpochSeconds)


class PrivacyRuleRow(Base):
    """Windows never recorded (exclude) or recorded without their text (redact)."""

    __tablename__ = "privacy_rules"
    __table_args__ = (UniqueConstraint("field", "pattern", name="uq_privacy_rules_field_pattern"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    field: Mapped[RuleField] = mapped_column(String(10))
    pattern: Mapped[str] = mapped_column(String(300))
    action: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(EpochSeconds)


class MissedReminderRow(Base):
    """A reminder whose time passed while the app was closed or the machine slept,
    too long ago to still be shown; the day's summary lists it."""

    __tablename__ = "missed_reminders"
    __table_args__ = (
        UniqueConstraint(
            "device_id", "reminder_id", "due_at", name="uq_missed_reminders_device_reminder_due"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    reminder_id: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(200))
    due_at: Mapped[datetime] = mapped_column(EpochSeconds, index=True)
    recorded_at: Mapped[datetime] = mapped_column(EpochSeconds)
