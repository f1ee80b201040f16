"""Devices: each row of history says which computer it came from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from focusdesk.store.models import Device


def ensure_device(session: Session, uid: str, name: str, now: datetime) -> tuple[int, bool]:
    """The id of the device ``uid``, registering it if new; True when it was just created."""
    found = session.scalar(select(Device.id).where(Device.uid == uid))
    if found is not None:
        return found, False
    try:
        with session.begin_nested():
            device = Device(uid=uid, name=name[:200], created_at=now)
            session.add(device)
        return device.id, True
    except IntegrityError:
        # Another process registered the same device in between.
        found = session.scalar(select(Device.id).where(Device.uid == uid))
        assert found is not None
        return found, False


def device_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Device)) or 0


def device_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Device.id, Device.name)).all())
