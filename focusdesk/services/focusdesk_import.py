"""Importing FocusDesk's own JSON export (the format is described in ``exchange``).

The whole file is checked before anything is written, so a bad file fails with
one message naming the place ("spans[3].start is missing"). What is stored
already is skipped (sessions by device and start, spans and interactions as in
``store.exchange``, rules by field and pattern). Devices are matched by uid,
so history from another computer stays attributed to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, tzinfo
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from focusdesk.core import enums
from focusdesk.core.activity import WindowKey
from focusdesk.core.days import epoch_day, local_date, split_at_midnights
from focusdesk.core.errors import FocusDeskError, ValidationError
from focusdesk.core.objective import check_objective
from focusdesk.core.rules import Rule, check_pattern
from focusdesk.services.aw_import import Imported
from focusdesk.store import exchange as store
from focusdesk.store import rules as rules_store
from focusdesk.store.activity import SpanRow, WindowIds
from focusdesk.store.devices import ensure_device
from focusdesk.store.models import SessionRow
from focusdesk.store.types import CATEGORY_CODES, SOURCE_CODES, to_epoch

FORMAT_NAME = "focusdesk-export"
FORMAT_VERSION = 1

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)
_SURROGATE = re.compile("[\ud800-\udfff]")  # lone UTF-16 halves: no database stores them


def _bad(where: str, what: str) -> FocusDeskError:
    return FocusDeskError(f"The export file is damaged: {where} {what}.")


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or _SURROGATE.search(value):
        raise _bad(where, "is not text")
    return value


def _whole(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _bad(where, "is not a whole number")
    return value


def _instant(value: Any, where: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(_text(value, where))
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise _bad(where, f"is not an ISO 8601 instant with an offset ({str(value)[:40]!r})")
    return parsed.astimezone(UTC).replace(microsecond=0)


def _choice(enum: type[E]) -> Callable[[Any, str], E]:
    def convert(value: Any, where: str) -> E:
        try:
            return enum(_text(value, where))
        except ValueError:
            choices = ", ".join(m.value for m in enum)
            raise _bad(where, f"must be one of {choices} ({str(value)[:40]!r})") from None

    return convert


class _Item:
    """One object of the file; every error names where it is."""

    def __init__(self, value: Any, where: str) -> None:
        if not isinstance(value, dict):
            raise _bad(where, "is not an object")
        self._data, self.where = value, where

    def at(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def opt(self, key: str, convert: Callable[[Any, str], T]) -> T | None:
        value = self._data.get(key)
        return None if value is None else convert(value, self.at(key))

    def get(self, key: str, convert: Callable[[Any, str], T]) -> T:
        value = self.opt(key, convert)
        if value is None:
            raise _bad(self.at(key), "is missing")
        return value

    def items(self, key: str) -> list[_Item]:
        value = self._data.get(key, [])
        if not isinstance(value, list):
            raise _bad(self.at(key), "is not a list")
        return [_Item(v, f"{self.at(key)}[{i}]") for i, v in enumerate(value)]

    def ref(self, key: str, known: Container[int | None]) -> int | None:
        """A reference to another item of the file ("device", "session"), checked."""
        value = self.opt(key, _whole)
        if value is not None and value not in known:
            raise _bad(self.at(key), f"refers to {key} {value}, which is not in the file")
        return value

    def day(self, instant: datetime, tz: tzinfo) -> int:
        """The recorded local day, or the one ``instant`` falls on in ``tz``."""
        text = self.opt("day", _text)
        try:
            return epoch_day(local_date(instant, tz) if text is None else date.fromisoformat(text))
        except ValueError:
            raise _bad(self.at("day"), f"is not a date like 2026-11-26 ({text[:40]!r})") from None


@dataclass(slots=True)
class ExportPlan:
    """A checked export; rows carry their file references (device, session) beside them."""

    devices: dict[int, tuple[str, str]]
    sessions: list[tuple[int | None, int | None, SessionRow, list[tuple[datetime, int]]]]
    spans: list[tuple[int | None, int | None, WindowKey, SpanRow]]
    interactions: list[tuple[int | None, int | None, dict[str, Any]]]
    rules: list[Rule]


def read_export(data: dict[str, Any], tz: tzinfo) -> ExportPlan:
    """Check the whole file; days missing from a hand-made file are cut in ``tz``."""
    top = _Item(data, "")
    version = top.get("version", _whole)
    if version > FORMAT_VERSION:
        raise FocusDeskError(
            f"This export was written by a newer FocusDesk (format version {version}); "
            f"this one reads version {FORMAT_VERSION}. Update FocusDesk to import it."
        )
    if version != FORMAT_VERSION:
        raise _bad("version", f"is {version}, which never existed")
    exported_at = top.get("exported_at", _instant)
    devices: dict[int, tuple[str, str]] = {}
    for item in top.items("devices"):
        uid = item.get("uid", _text)
        if not 0 < len(uid) <= 36:
            raise _bad(item.at("uid"), "is not a device id")
        devices[item.get("id", _whole)] = (uid, item.opt("name", _text) or "imported")
    sessions = [_session(item, exported_at, tz, devices) for item in top.items("sessions")]
    refs = {ref for ref, *_ in sessions}
    spans = [piece for item in top.items("spans") for piece in _span(item, tz, devices, refs)]
    interactions = []
    for item in top.items("interactions"):
        at = item.get("at", _instant)
        values = {
            "day": item.day(at, tz),
            "at": at,
            "kind": item.get("kind", _choice(enums.InteractionKind)).value,
            "note": item.opt("note", _text),
        }
        interactions.append((item.ref("device", devices), item.ref("session", refs), values))
    rules = sorted(map(_rule, top.items("rules")), key=lambda rule: rule.position)
    return ExportPlan(devices, sessions, spans, interactions, rules)


def _session(
    item: _Item, exported_at: datetime, tz: tzinfo, devices: Container[int]
) -> tuple[int | None, int | None, SessionRow, list[tuple[datetime, int]]]:
    """A session row; one still running at export time is imported as ended.

    Importing it as running could clash with the session running here (only
    one may run), and nothing would ever stop it on this computer. It ends
    as crash recovery would have ended it at the moment of the export: at
    the last instant the app was seen running it, but not before its
    deadline, and marked "recovered" so its outcome can still be recorded.
    """
    try:
        objective = check_objective(item.get("objective", _text)).text
    except ValidationError as exc:
        raise _bad(item.at("objective"), f"is not usable ({exc.message})") from None
    started = item.get("started_at", _instant)
    deadline = item.get("deadline", _instant)
    ended = item.opt("ended_at", _instant)
    last_seen = item.opt("last_seen_at", _instant)
    end_reason = item.opt("end_reason", _choice(enums.EndReason))
    if ended is None or item.opt("running", lambda v, w: v is True):
        ended = min(max(deadline, last_seen or started), max(exported_at, started))
        end_reason = enums.EndReason.RECOVERED
    extensions = [
        (e.get("at", _instant), e.get("minutes", _whole)) for e in item.items("extensions")
    ]
    row = SessionRow(
        day=item.day(started, tz),
        objective=objective,
        purpose=item.get("purpose", _choice(enums.Purpose)),
        target=item.opt("target", _whole),
        planned_minutes=item.get("planned_minutes", _whole),
        started_at=started,
        deadline=deadline,
        ended_at=ended,
        last_seen_at=last_seen,
        extensions=len(extensions),
        outcome=item.opt("outcome", _choice(enums.Outcome)),
        outcome_count=item.opt("outcome_count", _whole),
        outcome_note=item.opt("outcome_note", _text),
        end_reason=end_reason,
        running=None,
    )
    return item.opt("id", _whole), item.ref("device", devices), row, extensions


def _span(
    item: _Item, tz: tzinfo, devices: Container[int], sessions: Container[int | None]
) -> list[tuple[int | None, int | None, WindowKey, SpanRow]]:
    """A span keeps its recorded day; a hand-made one without a day is cut at midnights."""
    start, end = item.get("start", _instant), item.get("end", _instant)
    if end < start:
        raise _bad(item.at("end"), "is before its start")
    window = WindowKey(*(item.opt(key, _text) or "" for key in ("app", "title", "url")))
    pieces = (
        [(item.day(start, tz), start, end)]
        if item.opt("day", _text) is not None
        else [(epoch_day(d), a, b) for d, a, b in split_at_midnights(start, end, tz)]
    )
    category = CATEGORY_CODES[item.get("category", _choice(enums.Category))]
    source = SOURCE_CODES[item.opt("source", _choice(enums.Source)) or enums.Source.IMPORT]
    device, session = item.ref("device", devices), item.ref("session", sessions)
    return [
        (
            device,
            session,
            window,
            SpanRow(0, d, to_epoch(a), to_epoch(b) - to_epoch(a), 0, category, source, None),
        )
        for d, a, b in pieces
    ]


def _rule(item: _Item) -> Rule:
    pattern = item.get("pattern", _text)
    try:
        check_pattern(pattern)
    except ValidationError as exc:
        raise _bad(item.at("pattern"), f"is not usable ({exc.message})") from None
    return Rule(
        item.get("field", _choice(enums.RuleField)),
        pattern,
        item.get("category", _choice(enums.Category)),
        item.opt("position", _whole) or 0,
    )


def write_export(session: Session, plan: ExportPlan, *, device_id: int, now: datetime) -> Imported:
    """Store a checked export; rows without a device belong to this computer."""
    result = Imported("focusdesk")
    devices: dict[int | None, int] = {None: device_id}
    for ref, (uid, name) in plan.devices.items():
        devices[ref] = ensure_device(session, uid, name, now)[0]
    sessions: dict[int | None, int | None] = {None: None}
    for ref, device_ref, row, extensions in plan.sessions:
        row.device_id = devices[device_ref]
        found = store.find_session_id(session, row.device_id, row.started_at)
        if found is None:
            found = store.add_session(session, row, extensions)
            result.sessions += 1
        else:
            result.sessions_skipped += 1
        if ref is not None:  # None stands for "no session"
            sessions[ref] = found

    conn = session.connection()
    windows = WindowIds()
    spans = []
    for device_ref, session_ref, window, row in plan.spans:
        row.device_id, row.session_id = devices[device_ref], sessions[session_ref]
        row.window_id = windows.get(conn, window)
        spans.append(row)
    result.spans = store.insert_new_spans(conn, spans)
    result.spans_skipped = len(spans) - result.spans

    interactions = [
        {**values, "device_id": devices[device], "session_id": sessions[ref]}
        for device, ref, values in plan.interactions
    ]
    result.interactions = store.insert_new_interactions(conn, interactions)
    result.interactions_skipped = len(interactions) - result.interactions

    position = rules_store.next_position(session)
    for rule in plan.rules:
        if rules_store.find_rule(session, rule.field, rule.pattern) is not None:
            result.rules_skipped += 1
            continue
        rules_store.add_rule(session, replace(rule, position=position), now)
        position += 1
        result.rules += 1
    return result
