"""Quick-logging the interactions that show whether value comes before selling."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from focusdesk.core.days import epoch_day, local_date
from focusdesk.core.enums import InteractionKind, parse_choice
from focusdesk.core.session import check_note
from focusdesk.services.context import AppContext
from focusdesk.store import interactions as store
from focusdesk.store import sessions as session_store


@dataclass(frozen=True, slots=True)
class Logged:
    id: int
    kind: InteractionKind
    at: datetime
    session_id: int | None


class InteractionService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def log(self, kind: str | InteractionKind, note: str | None = None) -> Logged:
        chosen = parse_choice(InteractionKind, str(kind), "kind")
        checked = check_note(note)
        device_id = self._ctx.device_id
        now = self._ctx.clock()
        with self._ctx.db.sessions.begin() as session:
            running = session_store.running_row(session)
            row = store.add_interaction(
                session,
                device_id=device_id,
                day=epoch_day(local_date(now, self._ctx.tz)),
                at=now,
                kind=chosen,
                note=checked,
                session_id=running.id if running else None,
            )
            return Logged(row.id, chosen, now, row.session_id)
