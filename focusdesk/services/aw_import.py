"""Importing window history from an ActivityWatch bucket export.

ActivityWatch ("export all buckets" in its web UI, or ``/api/0/export``)
writes ``{"buckets": {id: {"type": ..., "events": [...]}}}``; a single bucket
export has ``events`` at the top. Only window buckets carry what FocusDesk
tracks; AFK and other buckets (editor, browser tab) are counted and left out,
because their time is already inside the window time or is not window time.

One computer has one foreground window at a time, but exports can hold
overlapping or unsorted events (watcher bugs, several buckets for one
machine). Events are therefore sorted and each is trimmed to start where the
previous one ended, so no second is counted twice. Instants are rounded to
whole seconds before trimming, so adjacent events stay adjacent and a
re-import of the same file yields exactly the same spans (which is what lets
the writer recognise them as already present).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy.orm import Session

from focusdesk.core.activity import WindowKey
from focusdesk.core.days import epoch_day, split_at_midnights
from focusdesk.core.enums import Category, Source
from focusdesk.core.errors import FocusDeskError
from focusdesk.core.privacy import PrivacyFilter
from focusdesk.core.rules import Classifier
from focusdesk.store import exchange as store
from focusdesk.store.activity import SpanRow, WindowIds
from focusdesk.store.types import CATEGORY_CODES, SOURCE_CODES, from_epoch, to_epoch

WINDOW_TYPE = "currentwindow"
AFK_TYPE = "afkstatus"


@dataclass(slots=True)
class Imported:
    """What an import did, for the one-line report."""

    source: str
    spans: int = 0
    spans_skipped: int = 0
    sessions: int = 0
    sessions_skipped: int = 0
    interactions: int = 0
    interactions_skipped: int = 0
    rules: int = 0
    rules_skipped: int = 0
    afk_buckets: int = 0
    other_buckets: int = 0
    dropped_events: int = 0


@dataclass(frozen=True, slots=True)
class WindowEvent:
    """A window event in whole epoch seconds, ``end`` exclusive."""

    start: int
    end: int
    window: WindowKey


@dataclass(slots=True)
class AwPlan:
    events: list[WindowEvent]
    afk_buckets: int = 0
    other_buckets: int = 0
    dropped_events: int = 0


def looks_like_activitywatch(data: Any) -> bool:
    return isinstance(data, dict) and (
        isinstance(data.get("buckets"), dict | list) or isinstance(data.get("events"), list)
    )


def read_activitywatch(data: dict[str, Any]) -> AwPlan:
    """Validate the whole export and turn its window events into a clean timeline."""
    raw = data.get("buckets") if "buckets" in data else {str(data.get("id", "bucket")): data}
    buckets = raw.items() if isinstance(raw, dict) else enumerate(raw)
    plan = AwPlan([])
    timeline: list[WindowEvent] = []
    for name, bucket in buckets:
        if not isinstance(bucket, dict) or not isinstance(bucket.get("events"), list):
            raise FocusDeskError(
                f"ActivityWatch bucket {_show(name)} has no list of events; is the export complete?"
            )
        kind = _bucket_kind(bucket)
        if kind == "afk":
            plan.afk_buckets += 1
            continue
        if kind == "other":
            plan.other_buckets += 1
            continue
        for index, event in enumerate(bucket["events"]):
            parsed = _window_event(event, f"ActivityWatch bucket {_show(name)}, event {index}")
            if parsed is None:
                plan.dropped_events += 1
            else:
                timeline.append(parsed)
    timeline.sort(key=lambda e: (e.start, e.end, e.window.app, e.window.title, e.window.url))
    cursor: int | None = None
    for event in timeline:
        start = event.start if cursor is None else max(event.start, cursor)
        if event.end <= start:
            plan.dropped_events += 1
            continue
        plan.events.append(WindowEvent(start, event.end, event.window))
        cursor = event.end
    return plan


def _bucket_kind(bucket: dict[str, Any]) -> str:
    """Window, afk or other; a bucket without a type is judged by its events' data."""
    kind = bucket.get("type")
    if kind == WINDOW_TYPE:
        return "window"
    if kind == AFK_TYPE:
        return "afk"
    if kind is not None:
        return "other"
    datas = [e.get("data") for e in bucket["events"][:50] if isinstance(e, dict)]
    keys = set().union(*(d.keys() for d in datas if isinstance(d, dict)))
    if keys & {"app", "title"}:
        return "window"
    return "afk" if "status" in keys else "other"


def _window_event(event: Any, where: str) -> WindowEvent | None:
    """One event, or None when it covers no time; malformed events stop the import."""
    if not isinstance(event, dict):
        raise FocusDeskError(f"{where} is not an object.")
    stamp, duration, data = event.get("timestamp"), event.get("duration"), event.get("data")
    try:
        start = datetime.fromisoformat(stamp) if isinstance(stamp, str) else None
    except ValueError:
        start = None
    if start is None:
        raise FocusDeskError(f"{where}: the timestamp {_show(stamp)} is not an ISO 8601 instant.")
    if start.tzinfo is None:  # ActivityWatch stores UTC and may drop the offset
        start = start.replace(tzinfo=UTC)
    if (
        isinstance(duration, bool)
        or not isinstance(duration, int | float)
        or not math.isfinite(duration)
    ):
        raise FocusDeskError(f"{where}: the duration {_show(duration)} is not a number of seconds.")
    if not isinstance(data, dict):
        raise FocusDeskError(f"{where} has no data object.")
    texts = {key: "" if data.get(key) is None else data[key] for key in ("app", "title", "url")}
    for key, value in texts.items():
        if not isinstance(value, str):
            raise FocusDeskError(f"{where}: data.{key} is not text.")
        if not value.isascii():  # Windows titles can hold lone UTF-16 surrogates
            texts[key] = value.encode("utf-8", "replace").decode("utf-8")
    if duration <= 0:
        return None
    try:
        end = start + timedelta(seconds=duration)
    except OverflowError:
        raise FocusDeskError(f"{where}: the duration {duration} is impossibly long.") from None
    return WindowEvent(round(start.timestamp()), round(end.timestamp()), WindowKey(**texts))


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class SessionFinder:
    """The session covering an instant, like ``sessions.session_at`` but from one query."""

    def __init__(self, rows: list[tuple[int, datetime, datetime | None]]) -> None:
        self._ids = [session_id for session_id, _, _ in rows]
        self._starts = [to_epoch(started) for _, started, _ in rows]
        self._ends = [None if ended is None else to_epoch(ended) for _, _, ended in rows]

    def at(self, instant: int) -> int | None:
        for index in range(bisect_right(self._starts, instant) - 1, -1, -1):
            end = self._ends[index]
            if end is None or end > instant:
                return self._ids[index]
        return None


def write_activitywatch(
    session: Session,
    plan: AwPlan,
    *,
    device_id: int,
    classifier: Classifier,
    tz: tzinfo,
    privacy: PrivacyFilter | None = None,
) -> Imported:
    """Store the plan's events as import spans of this device, split at local midnights.

    The privacy rules apply as they do to live tracking: excluded windows come
    in as "excluded", redacted ones without their text.
    """
    result = Imported(
        "activitywatch",
        afk_buckets=plan.afk_buckets,
        other_buckets=plan.other_buckets,
        dropped_events=plan.dropped_events,
    )
    if not plan.events:
        return result
    conn = session.connection()
    finder = SessionFinder(
        store.sessions_between(
            session, from_epoch(plan.events[0].start), from_epoch(plan.events[-1].end)
        )
    )
    windows = WindowIds()
    source = SOURCE_CODES[Source.IMPORT]
    rows: list[SpanRow] = []
    privacy = privacy or PrivacyFilter([])
    for event in plan.events:
        filtered = privacy.apply(event.window)
        window_id = windows.get(conn, filtered.stored)
        category = (
            classifier.classify(filtered.classify_as)
            if filtered.classify_as is not None
            else Category.NEUTRAL
        )
        code = CATEGORY_CODES[category]
        for day, piece_start, piece_end in split_at_midnights(
            from_epoch(event.start), from_epoch(event.end), tz
        ):
            start, end = to_epoch(piece_start), to_epoch(piece_end)
            rows.append(
                SpanRow(
                    device_id,
                    epoch_day(day),
                    start,
                    end - start,
                    window_id,
                    code,
                    source,
                    finder.at(start),
                )
            )
    result.spans = store.insert_new_spans(conn, rows)
    result.spans_skipped = len(rows) - result.spans
    return result
