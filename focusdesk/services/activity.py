"""Activity entered by hand: phone time, a meeting, anything the watcher could not see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from focusdesk.core.activity import WindowKey
from focusdesk.core.days import epoch_day, split_at_midnights
from focusdesk.core.enums import Category, Source, parse_choice
from focusdesk.core.errors import ValidationError
from focusdesk.services.context import AppContext
from focusdesk.services.rules import RuleService
from focusdesk.store import sessions as session_store
from focusdesk.store.activity import SpanRow, WindowIds, add_day_totals, insert_spans
from focusdesk.store.types import CATEGORY_CODES, SOURCE_CODES

MAX_MANUAL = timedelta(hours=24)
MAX_TEXT = 500


@dataclass(frozen=True, slots=True)
class Added:
    category: Category
    seconds: int
    pieces: int
    session_id: int | None


class ActivityService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def add_manual(
        self,
        app: str,
        title: str,
        start: datetime,
        end: datetime,
        category: str | Category | None = None,
    ) -> Added:
        app, title = _check_text(app, "app"), _check_text(title, "title", allow_empty=True)
        if end <= start:
            raise ValidationError("to", "The end time must be after the start time.")
        if end - start > MAX_MANUAL:
            raise ValidationError("to", "A manual entry can cover at most 24 hours; add several.")
        now = self._ctx.clock()
        if end > now + timedelta(minutes=1):
            raise ValidationError(
                "to", "The end time is in the future; add activity once it happened."
            )
        window = WindowKey(app, title)
        chosen = (
            parse_choice(Category, str(category), "category")
            if category is not None
            else RuleService(self._ctx).classifier().classify(window)
        )
        device_id = self._ctx.device_id
        code = CATEGORY_CODES[chosen]
        with self._ctx.db.sessions.begin() as session:
            session_id = session_store.session_at(session, start)
            conn = session.connection()
            window_id = WindowIds().get(conn, window)
            rows = [
                SpanRow(
                    device_id=device_id,
                    day=epoch_day(day),
                    start=int(piece_start.timestamp()),
                    duration=round((piece_end - piece_start).total_seconds()),
                    window_id=window_id,
                    category=code,
                    source=SOURCE_CODES[Source.MANUAL],
                    session_id=session_id,
                )
                for day, piece_start, piece_end in split_at_midnights(start, end, self._ctx.tz)
            ]
            insert_spans(conn, rows)
            deltas: dict[tuple[int, int, int], int] = defaultdict(int)
            for row in rows:
                deltas[(device_id, row.day, code)] += row.duration
            add_day_totals(conn, deltas)
        return Added(chosen, sum(r.duration for r in rows), len(rows), session_id)


def _check_text(value: str, field: str, *, allow_empty: bool = False) -> str:
    text = " ".join((value or "").split())
    if not text and not allow_empty:
        raise ValidationError(field, f"{field} must not be empty.")
    if len(text) > MAX_TEXT:
        raise ValidationError(
            field, f"{field} is too long ({len(text)} characters; at most {MAX_TEXT})."
        )
    return text
