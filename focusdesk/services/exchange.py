"""Export to JSON or CSV; import FocusDesk's own JSON or an ActivityWatch export.

FocusDesk's JSON export, version 1, is one object, one list item per line:
``format`` ("focusdesk-export"), ``version``, ``exported_at``, ``from`` and
``to`` (the local days asked for, or null), ``timezone``, then the lists
``devices`` {id, uid, name}; ``sessions`` {id, device, day, objective, purpose,
target, planned_minutes, started_at, deadline, ended_at, last_seen_at,
extensions [{at, minutes}], outcome, outcome_count, outcome_note, end_reason,
running}; ``spans`` {start, end, day, app, title, url, category, source,
session, device}; ``interactions`` {at, day, kind, note, session, device};
``rules`` {position, field, pattern, category}. Instants are ISO 8601 UTC.
``day`` is the local day a row was recorded in and is kept on import, so
reports match even when read in another zone. ``id``, ``device`` and
``session`` are references inside the file only. A reader refuses a newer
version rather than guess at it.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

from focusdesk.core.days import epoch_day, from_epoch_day
from focusdesk.core.enums import parse_choice
from focusdesk.core.errors import FocusDeskError, ValidationError
from focusdesk.core.rules import Rule
from focusdesk.services import aw_import, focusdesk_import
from focusdesk.services.aw_import import Imported
from focusdesk.services.context import AppContext
from focusdesk.services.focusdesk_import import FORMAT_NAME, FORMAT_VERSION
from focusdesk.services.rules import RuleService
from focusdesk.store import exchange as store
from focusdesk.store import rules as rules_store
from focusdesk.store.files import FILE_MODE
from focusdesk.store.models import InteractionRow, SessionRow
from focusdesk.store.types import CATEGORY_BY_CODE, SOURCE_BY_CODE, from_epoch

__all__ = ["CSV_COLUMNS", "ExchangeService", "ExportFormat", "Exported", "Imported"]

CSV_COLUMNS = tuple("start end duration_s app title url category source session_objective".split())


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


@dataclass(frozen=True, slots=True)
class Exported:
    spans: int
    sessions: int = 0
    interactions: int = 0
    rules: int = 0


class ExchangeService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def export(
        self, out: TextIO, fmt: str, first: date | None = None, last: date | None = None
    ) -> Exported:
        """Write the export to ``out``; spans are streamed, so a year costs little memory."""
        chosen = parse_choice(ExportFormat, fmt, "format")
        lo, hi = _day_range(first, last)
        with self._ctx.db.sessions() as session:
            spans = store.export_spans(session, lo, hi)
            if chosen is ExportFormat.CSV:
                return Exported(_write_csv(out, spans))
            sessions = store.export_sessions(session, lo, hi)
            extensions = store.extensions_of(session, [s.id for s in sessions])
            header = {
                "format": FORMAT_NAME,
                "version": FORMAT_VERSION,
                "exported_at": _iso(self._ctx.clock().replace(microsecond=0)),
                "from": first.isoformat() if first else None,
                "to": last.isoformat() if last else None,
                "timezone": str(self._ctx.tz),
            }
            sections: dict[str, Iterable[dict[str, Any]]] = {
                "devices": [
                    {"id": i, "uid": uid, "name": name}
                    for i, uid, name in store.device_rows(session)
                ],
                "sessions": [_session_json(s, extensions.get(s.id, [])) for s in sessions],
                "spans": (_span_json(row) for row in spans),
                "interactions": map(_interaction_json, store.export_interactions(session, lo, hi)),
                "rules": map(_rule_json, rules_store.list_rules(session)),
            }
            counts = _write_json(out, header, sections)
        return Exported(
            counts["spans"], counts["sessions"], counts["interactions"], counts["rules"]
        )

    def export_to_file(
        self,
        path: Path,
        fmt: str,
        first: date | None = None,
        last: date | None = None,
        *,
        force: bool = False,
    ) -> Exported:
        """Write the export beside ``path`` and move it in place only when complete, so
        a crash or a full disk never leaves half a file (or half of an older one)."""
        parse_choice(ExportFormat, fmt, "format")
        _day_range(first, last)
        if path.is_dir():
            raise FocusDeskError(f"{path} is a folder; give a file name to export to.")
        if path.exists() and not force:
            raise _exists(path)
        folder = path.parent
        if not folder.is_dir():
            raise FocusDeskError(f"The folder {folder} does not exist.")
        temp: Path | None = None
        try:
            fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            temp = Path(temp_name)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                os.chmod(temp, FILE_MODE)  # mkstemp's default already; said for clarity
                result = self.export(fh, fmt, first, last)
                fh.flush()
                os.fsync(fh.fileno())
            _publish(temp, path, force)
        except OSError as exc:  # no permission, disk full, ...
            raise FocusDeskError(f"Cannot write {path}: {exc.strerror or exc}.") from None
        finally:
            if temp is not None:
                temp.unlink(missing_ok=True)
        return result

    def import_file(self, path: Path) -> Imported:
        """Import in one transaction: a bad file writes nothing, and the file is only read."""
        data = _read_json(path)
        if isinstance(data, dict) and data.get("format") == FORMAT_NAME:
            plan = focusdesk_import.read_export(data, self._ctx.tz)
            device_id = self._ctx.device_id
            with self._ctx.db.sessions.begin() as session:
                return focusdesk_import.write_export(
                    session, plan, device_id=device_id, now=self._ctx.clock()
                )
        if aw_import.looks_like_activitywatch(data) and "format" not in data:
            aw_plan = aw_import.read_activitywatch(data)
            from focusdesk.services.privacy import PrivacyService

            classifier = RuleService(self._ctx).classifier()
            privacy = PrivacyService(self._ctx).filter()
            device_id = self._ctx.device_id
            with self._ctx.db.sessions.begin() as session:
                return aw_import.write_activitywatch(
                    session,
                    aw_plan,
                    device_id=device_id,
                    classifier=classifier,
                    tz=self._ctx.tz,
                    privacy=privacy,
                )
        raise FocusDeskError(
            f"{path} is in an unknown format; FocusDesk imports its own JSON exports "
            "and ActivityWatch bucket exports."
        )


def _day_range(first: date | None, last: date | None) -> tuple[int | None, int | None]:
    if first and last and last < first:
        raise ValidationError("--to", "The export's end date (--to) is before its start (--from).")
    return (epoch_day(first) if first else None, epoch_day(last) if last else None)


def _iso(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat()


def _session_json(s: SessionRow, extensions: list[tuple[datetime, int]]) -> dict[str, Any]:
    return {
        "id": s.id,
        "device": s.device_id,
        "day": from_epoch_day(s.day).isoformat(),
        "objective": s.objective,
        "purpose": str(s.purpose),
        "target": s.target,
        "planned_minutes": s.planned_minutes,
        "started_at": _iso(s.started_at),
        "deadline": _iso(s.deadline),
        "ended_at": _iso(s.ended_at) if s.ended_at else None,
        "last_seen_at": _iso(s.last_seen_at) if s.last_seen_at else None,
        "extensions": [{"at": _iso(at), "minutes": minutes} for at, minutes in extensions],
        "outcome": str(s.outcome) if s.outcome else None,
        "outcome_count": s.outcome_count,
        "outcome_note": s.outcome_note,
        "end_reason": str(s.end_reason) if s.end_reason else None,
        "running": bool(s.running),
    }


def _interaction_json(i: InteractionRow) -> dict[str, Any]:
    day = from_epoch_day(i.day).isoformat()
    return dict(
        at=_iso(i.at), day=day, kind=i.kind, note=i.note, session=i.session_id, device=i.device_id
    )


def _rule_json(r: Rule) -> dict[str, Any]:
    return dict(
        position=r.position, field=r.field.value, pattern=r.pattern, category=r.category.value
    )


def _span_json(row: Any) -> dict[str, Any]:
    return {
        "start": _iso(from_epoch(row.start)),
        "end": _iso(from_epoch(row.start + row.duration)),
        "day": from_epoch_day(row.day).isoformat(),
        "app": row.app,
        "title": row.title,
        "url": row.url,
        "category": CATEGORY_BY_CODE[row.category].value,
        "source": SOURCE_BY_CODE[row.source].value,
        "session": row.session_id,
        "device": row.device_id,
    }


def _write_json(
    out: TextIO, header: dict[str, Any], sections: dict[str, Iterable[dict[str, Any]]]
) -> dict[str, int]:
    """One item per line: valid JSON that streams, diffs and greps well."""
    out.write("{\n")
    for key, value in header.items():
        out.write(f"  {json.dumps(key)}: {json.dumps(value)},\n")
    counts: dict[str, int] = {}
    for number, (name, items) in enumerate(sections.items()):
        out.write(f"  {json.dumps(name)}: [")
        count = 0
        for item in items:
            out.write(",\n    " if count else "\n    ")
            out.write(json.dumps(item, ensure_ascii=False))
            count += 1
        out.write("\n  ]" if count else "]")
        out.write(",\n" if number < len(sections) - 1 else "\n")
        counts[name] = count
    out.write("}\n")
    return counts


def _write_csv(out: TextIO, spans: Iterable[Any]) -> int:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for row in spans:
        cells = _span_json(row)
        cells.update(duration_s=row.duration, session_objective=row.objective or "")
        writer.writerow([_cell(cells[column]) for column in CSV_COLUMNS])
        count += 1
    return count


def _cell(value: Any) -> Any:
    """Keep spreadsheets from running a window title as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _publish(temp: Path, path: Path, force: bool) -> None:
    """Move the finished file in place; without --force a hard link refuses, atomically,
    a file that appeared meanwhile (os.replace would silently overwrite it)."""
    if force:
        os.replace(temp, path)
        return
    try:
        os.link(temp, path)
    except FileExistsError:
        raise _exists(path) from None
    except OSError:  # a file system without hard links
        if path.exists():
            raise _exists(path) from None
        os.replace(temp, path)


def _exists(path: Path) -> FocusDeskError:
    return FocusDeskError(f"{path} exists already; choose another name or add --force.")


def _read_json(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FocusDeskError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise FocusDeskError(f"{path} is a folder, not an export file.") from None
    except OSError as exc:
        raise FocusDeskError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FocusDeskError(f"{path} is not UTF-8 text, so it is not an export.") from None
    except json.JSONDecodeError as exc:
        raise FocusDeskError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    except RecursionError:
        raise FocusDeskError(f"{path} is nested too deeply to be an export.") from None
