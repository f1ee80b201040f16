"""Recording observations: heartbeat merging, midnight cuts and batched writes.

Thread: one tracking thread owns a Recorder; nothing else calls it.

The open span is written at the first flush and then only its duration is
updated, so a crash (even kill -9) loses at most ``flush_every`` of activity.
Flushes are timed by the observations' own clock, which is the clock the
loss bound is about, and they are cheap: one transaction holding a duration
update and an upsert into the day totals.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import Connection

from focusdesk.core.activity import Observation, Span
from focusdesk.core.days import epoch_day, local_date, local_day_bounds
from focusdesk.core.enums import Source
from focusdesk.core.heartbeat import merge_heartbeat
from focusdesk.core.rules import Classifier
from focusdesk.store.activity import ActivityWriter, SpanRow
from focusdesk.store.database import Database
from focusdesk.store.raw import cursor_of
from focusdesk.store.types import CATEGORY_CODES, SOURCE_CODES

log = logging.getLogger(__name__)

DEFAULT_PULSE = timedelta(seconds=5)
DEFAULT_FLUSH_EVERY = timedelta(seconds=5)


@dataclass(slots=True)
class _Persisted:
    """What the database holds of the open span."""

    row_id: int
    duration: int


class Recorder:
    def __init__(
        self,
        db: Database,
        *,
        device_id: int,
        classifier: Classifier,
        tz: tzinfo,
        pulse: timedelta = DEFAULT_PULSE,
        flush_every: timedelta = DEFAULT_FLUSH_EVERY,
        source: Source = Source.AUTO,
    ) -> None:
        self._db = db
        self._device_id = device_id
        self._classifier = classifier
        # The zone each span is dated in, by when it started: (since, zone), the
        # latest last. Older entries stay only while spans written under them
        # are still pending (a failed flush), and go after the next good one.
        self._zones: list[tuple[datetime | None, tzinfo]] = [(None, tz)]
        self._pulse = pulse
        self._flush_every = flush_every
        self._source = SOURCE_CODES[source]
        self._writer: ActivityWriter | None = None
        self._conn: Connection | None = None
        self._current: Span | None = None
        self._current_saved: _Persisted | None = None
        self._closed: list[Span] = []
        self._finals: list[tuple[Span, _Persisted]] = []
        self._last_flush: datetime | None = None
        self._midnight: tuple[datetime, datetime] | None = None  # (day start, next midnight)

    @property
    def classifier(self) -> Classifier:
        return self._classifier

    def set_classifier(self, classifier: Classifier) -> None:
        """New rules apply to spans opened from now on."""
        self._classifier = classifier

    def set_zone(self, tz: tzinfo, at: datetime) -> None:
        """The user's zone changed at ``at``: later spans are dated and cut at midnight in ``tz``.

        The open span is cut where it stands, so its past part keeps the day it
        was lived on in the old zone; the same activity continues seamlessly in
        a new span (same window, category and session) dated in the new zone.
        """
        since = at
        current = self._current
        if current is not None:
            since = current.end
            self._close(current)
            self._current = replace(current, start=since)
            self._current_saved = None
        self._zones.append((since, tz))
        self._midnight = None

    @property
    def current(self) -> Span | None:
        return self._current

    def observe(self, obs: Observation) -> None:
        step = merge_heartbeat(self._current, obs, self._pulse)
        if step.closed is not None:
            self._close(step.closed)
        current = step.current
        if step.closed is not None or self._current is None:
            category = obs.category or self._classifier.classify(current.window)
            current = replace(current, category=category)
            self._current_saved = None
        current = self._cut_at_midnight(current)
        self._current = current
        if self._last_flush is None:
            self._last_flush = obs.at
        elif obs.at - self._last_flush >= self._flush_every or obs.at < self._last_flush:
            self.flush(obs.at)

    def away(self, since: datetime, now: datetime) -> None:
        """The user has been away since ``since`` (their last input): the open
        span ends there, not at the last poll, so idle minutes are not counted."""
        current = self._current
        if current is not None and current.end > since:
            self._current = current.ending_at(max(current.start, since))
        self.gap(now)

    def gap(self, at: datetime) -> None:
        """Nothing to observe (no window, away): close the open span where it stands."""
        if self._current is not None:
            self._close(self._current)
            self._current = None
            self._current_saved = None
        if self._last_flush is None or at - self._last_flush >= self._flush_every:
            self.flush(at)

    def _cut_at_midnight(self, span: Span) -> Span:
        while True:
            boundary = self._next_midnight(span.start)
            if span.end <= boundary:
                return span
            self._close(span.ending_at(boundary))
            self._current_saved = None
            span = replace(span, start=boundary)

    def _next_midnight(self, instant: datetime) -> datetime:
        cached = self._midnight
        if cached is None or not cached[0] <= instant < cached[1]:
            tz = self._zone_at(instant)
            cached = local_day_bounds(local_date(instant, tz), tz)
            self._midnight = cached
        return cached[1]

    def _close(self, span: Span) -> None:
        if (
            self._current_saved is not None
            and self._current is not None
            and span.start == self._current.start
        ):
            self._finals.append((span, self._current_saved))
            self._current_saved = None
        elif span.duration >= timedelta(seconds=1):
            self._closed.append(span)

    def flush(self, now: datetime | None = None) -> None:
        """Write what is pending in one transaction; on failure keep it for the next try."""
        deltas: dict[tuple[int, int, int], int] = defaultdict(int)
        current = self._current
        saved = self._current_saved
        try:
            conn = self._connection()
            writer = self._writer_for(conn)
            with conn.begin():
                cursor = cursor_of(conn)
                for span, persisted in self._finals:
                    duration = _seconds(span)
                    if duration != persisted.duration:
                        writer.set_duration(cursor, persisted.row_id, duration)
                        deltas[self._key(span)] += duration - persisted.duration
                rows = [self._row(writer, cursor, span) for span in self._closed]
                writer.insert_spans(cursor, rows)
                for row in rows:
                    deltas[(row.device_id, row.day, row.category)] += row.duration
                new_saved = saved
                if current is not None:
                    duration = _seconds(current)
                    if saved is None and duration > 0:
                        row_id = writer.insert_span(cursor, self._row(writer, cursor, current))
                        new_saved = _Persisted(row_id, duration)
                        deltas[self._key(current)] += duration
                    elif saved is not None and duration != saved.duration:
                        writer.set_duration(cursor, saved.row_id, duration)
                        deltas[self._key(current)] += duration - saved.duration
                        new_saved = _Persisted(saved.row_id, duration)
                writer.add_totals(cursor, deltas)
        except Exception:
            log.exception("could not write activity; will retry")
            self._drop_connection()
            if self._writer is not None:
                self._writer.forget_windows()  # ids inserted in the failed transaction are gone
            return
        self._finals.clear()
        self._closed.clear()
        del self._zones[:-1]  # nothing pending was dated in an older zone
        self._current_saved = new_saved
        if now is not None:
            self._last_flush = now
        elif current is not None:
            self._last_flush = current.end

    def close(self) -> None:
        """Flush everything, including the open span, and release the connection."""
        self.flush()
        self._drop_connection()

    def _writer_for(self, conn: Connection) -> ActivityWriter:
        if self._writer is None:
            self._writer = ActivityWriter(conn.dialect)
        return self._writer

    def _connection(self) -> Connection:
        if self._conn is None or self._conn.closed:
            self._conn = self._db.engine.connect()
        return self._conn

    def _drop_connection(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # the connection is already broken; nothing to save
                log.debug("closing a broken connection failed", exc_info=True)
            self._conn = None

    def _zone_at(self, instant: datetime) -> tzinfo:
        zones = self._zones
        if len(zones) > 1:
            for since, tz in reversed(zones):
                if since is None or instant >= since:
                    return tz
        return zones[0][1]

    def _day(self, span: Span) -> int:
        return epoch_day(local_date(span.start, self._zone_at(span.start)))

    def _key(self, span: Span) -> tuple[int, int, int]:
        return (self._device_id, self._day(span), CATEGORY_CODES[span.category])

    def _row(self, writer: ActivityWriter, cursor: Any, span: Span) -> SpanRow:
        return SpanRow(
            device_id=self._device_id,
            day=self._day(span),
            start=int(span.start.timestamp()),
            duration=_seconds(span),
            window_id=writer.window_id(cursor, span.window),
            category=CATEGORY_CODES[span.category],
            source=self._source,
            session_id=span.session_id,
        )


def _seconds(span: Span) -> int:
    return max(0, round(span.duration.total_seconds()))
