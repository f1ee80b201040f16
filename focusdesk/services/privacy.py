"""Privacy: exclusion and redaction rules, and forgetting a span or a day.

Forgetting deletes the spans, then any window text no other span uses; the
SQLite connection runs with ``secure_delete`` so the freed pages are zeroed,
not merely marked free (the text would otherwise linger in the file).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from focusdesk.core.days import epoch_day
from focusdesk.core.enums import RuleField, parse_choice
from focusdesk.core.errors import ValidationError
from focusdesk.core.privacy import PrivacyAction, PrivacyFilter, PrivacyRule
from focusdesk.core.rules import check_pattern
from focusdesk.services.context import AppContext
from focusdesk.store import privacy as store
from focusdesk.store.activity import rebuild_day_totals


@dataclass(frozen=True, slots=True)
class Forgotten:
    spans: int
    windows: int


class PrivacyService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def list(self) -> list[PrivacyRule]:
        with self._ctx.db.sessions() as session:
            return store.list_privacy_rules(session)

    def filter(self) -> PrivacyFilter:
        return PrivacyFilter(
            self.list(), private_windows=self._ctx.settings.exclude_private_windows
        )

    def add(self, field: str, pattern: str, action: str) -> PrivacyRule:
        chosen_field = parse_choice(RuleField, field, "field")
        chosen_action = parse_choice(PrivacyAction, action, "action")
        check_pattern(pattern)
        with self._ctx.db.sessions.begin() as session:
            if store.find_privacy_rule(session, chosen_field, pattern) is not None:
                raise ValidationError(
                    "pattern", f"A privacy rule for {chosen_field} {pattern!r} exists already."
                )
            row = store.add_privacy_rule(
                session, PrivacyRule(chosen_field, pattern, chosen_action), self._ctx.clock()
            )
            return PrivacyRule(chosen_field, pattern, chosen_action, row.id)

    def remove(self, rule_id: int) -> None:
        with self._ctx.db.sessions.begin() as session:
            if not store.delete_privacy_rule(session, rule_id):
                raise ValidationError("id", f"There is no privacy rule with id {rule_id}.")

    def forget_span(self, span_id: int) -> Forgotten:
        result = self._forget(span_id=span_id)
        if result.spans == 0:
            raise ValidationError("span", f"There is no activity with id {span_id}.")
        return result

    def forget_day(self, day: date) -> Forgotten:
        return self._forget(day=epoch_day(day))

    def _forget(self, *, span_id: int | None = None, day: int | None = None) -> Forgotten:
        with self._ctx.db.engine.begin() as conn:
            chosen = store.spans_to_forget(conn, span_id=span_id, day=day)
            store.delete_spans(conn, [s[0] for s in chosen])
            windows = store.delete_unused_windows(conn, (s[3] for s in chosen))
            days: dict[int, set[int]] = defaultdict(set)
            for _, device_id, span_day, _ in chosen:
                days[device_id].add(span_day)
            for device_id, device_days in days.items():
                rebuild_day_totals(conn, device_id, device_days)
        if self._ctx.db.dialect == "sqlite":
            # The write-ahead log still holds the old pages until a checkpoint.
            with self._ctx.db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return Forgotten(len(chosen), windows)
