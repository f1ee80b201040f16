"""Session use cases: start, extend, stop, record an outcome, recover after a restart.

Thread: call from one thread at a time (the UI thread in the app, the main
thread in the CLI); every method opens and commits its own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from focusdesk.core.days import epoch_day, local_date
from focusdesk.core.enums import EndReason, Outcome, Purpose, parse_choice
from focusdesk.core.errors import ConflictError
from focusdesk.core.objective import check_objective
from focusdesk.core.session import (
    ExtensionPolicy,
    FocusSession,
    check_note,
    check_outcome_count,
    check_target,
)
from focusdesk.core.timebox import check_minutes, format_duration
from focusdesk.services.context import AppContext
from focusdesk.store import sessions as store
from focusdesk.store.models import SessionRow


@dataclass(frozen=True, slots=True)
class Started:
    session: FocusSession
    hint: str | None


@dataclass(frozen=True, slots=True)
class Recovery:
    """What happened to a session found running at start-up."""

    session: FocusSession
    ended: bool


class SessionService:
    def __init__(self, ctx: AppContext, policy: ExtensionPolicy | None = None) -> None:
        self._ctx = ctx
        if policy is None:
            settings = ctx.settings
            policy = ExtensionPolicy(settings.max_extensions, settings.strict_mode)
        self.policy = policy

    def start(
        self,
        objective: str,
        minutes: int | str,
        *,
        target: int | None = None,
        purpose: str | Purpose = Purpose.PROSPECTING,
    ) -> Started:
        checked_target = check_target(target)
        check = check_objective(objective, has_target=checked_target is not None)
        planned = check_minutes(minutes)
        chosen = parse_choice(Purpose, str(purpose), "purpose")
        device_id = self._ctx.device_id
        now = self._ctx.clock()
        try:
            with self._ctx.db.sessions.begin() as session:
                running = store.running_row(session)
                if running is not None:
                    raise ConflictError(self._already_running(running, now))
                row = SessionRow(
                    device_id=device_id,
                    day=epoch_day(local_date(now, self._ctx.tz)),
                    objective=check.text,
                    purpose=chosen,
                    target=checked_target,
                    planned_minutes=planned,
                    started_at=now,
                    deadline=now + timedelta(minutes=planned),
                    last_seen_at=now,
                    extensions=0,
                    running=True,
                )
                session.add(row)
                session.flush()
                started = store.to_domain(row)
        except IntegrityError:
            # Another process started one between our check and our insert.
            with self._ctx.db.sessions() as session:
                running = store.running_row(session)
                message = (
                    self._already_running(running, now)
                    if running
                    else "A session is already running."
                )
            raise ConflictError(message) from None
        return Started(started, check.hint)

    def current(self) -> FocusSession | None:
        with self._ctx.db.sessions() as session:
            row = store.running_row(session)
            return store.to_domain(row) if row else None

    def latest(self) -> FocusSession | None:
        with self._ctx.db.sessions() as session:
            row = store.latest_row(session)
            return store.to_domain(row) if row else None

    def recent_objectives(self, limit: int = 10) -> list[str]:
        with self._ctx.db.sessions() as session:
            return store.recent_objectives(session, limit)

    def extend(self, minutes: int | str) -> FocusSession:
        length = check_minutes(minutes, field="minutes")
        now = self._ctx.clock()
        with self._ctx.db.sessions.begin() as session:
            row = self._running_or_fail(session)
            self.policy.check(row.extensions)
            box = store.to_domain(row).box.extended(length, now)
            store.add_extension(session, row, length, now, box.deadline)
            session.flush()
            return store.to_domain(row)

    def stop(
        self,
        outcome: str | Outcome | None = None,
        *,
        count: int | None = None,
        note: str | None = None,
    ) -> FocusSession:
        chosen = parse_choice(Outcome, str(outcome), "outcome") if outcome is not None else None
        checked_count = check_outcome_count(count)
        checked_note = check_note(note)
        now = self._ctx.clock()
        with self._ctx.db.sessions.begin() as session:
            row = self._running_or_fail(session)
            row.ended_at = max(now, row.started_at)
            row.running = None
            row.end_reason = EndReason.STOPPED
            row.outcome = chosen
            if checked_count is not None:
                row.outcome_count = checked_count
            row.outcome_note = checked_note
            session.flush()
            return store.to_domain(row)

    def record_outcome(
        self,
        session_id: int,
        outcome: str | Outcome,
        *,
        count: int | None = None,
        note: str | None = None,
    ) -> FocusSession:
        """Set or correct the outcome of an ended session (e.g. one closed by recovery)."""
        chosen = parse_choice(Outcome, str(outcome), "outcome")
        checked_count = check_outcome_count(count)
        checked_note = check_note(note)
        with self._ctx.db.sessions.begin() as session:
            row = store.get_row(session, session_id)
            if row is None:
                raise ConflictError(f"There is no session {session_id}.")
            if row.running:
                raise ConflictError("That session is still running; stop it to record its outcome.")
            row.outcome, row.outcome_count, row.outcome_note = chosen, checked_count, checked_note
            session.flush()
            return store.to_domain(row)

    def add_progress(self, step: int = 1) -> FocusSession:
        """Count one more towards the running session's target (the +1 button).

        The running count lives in ``outcome_count`` and becomes the default
        count of the outcome when the session ends.
        """
        with self._ctx.db.sessions.begin() as session:
            row = self._running_or_fail(session)
            row.outcome_count = check_outcome_count(max(0, (row.outcome_count or 0) + step))
            session.flush()
            return store.to_domain(row)

    def time_split(self, session_id: int) -> dict[str, int]:
        """Business, casual and neutral seconds recorded inside one session."""
        from focusdesk.store.reports import seconds_by_session

        with self._ctx.db.sessions() as session:
            found = seconds_by_session(session, [session_id]).get(session_id, {})
        return {name: found.get(name, 0) for name in ("business", "casual", "neutral")}

    def touch(self) -> None:
        """The app is alive and the session is on screen; recovery trusts this instant."""
        now = self._ctx.clock()
        with self._ctx.db.sessions.begin() as session:
            row = store.running_row(session)
            if row is not None:
                store.touch(session, row.id, now)

    def recover(self) -> Recovery | None:
        """Called when the app starts: continue the running session or close it honestly.

        Before its deadline the session simply continues (the deadline is
        stored, so the remaining time is right whatever happened meanwhile).
        If the deadline passed while FocusDesk was not running, the session is
        ended at the last moment the app was known to be running it, but not
        before its deadline: that is the overrun that truly happened on screen,
        and the user is then asked for the outcome.
        """
        now = self._ctx.clock()
        with self._ctx.db.sessions.begin() as session:
            row = store.running_row(session)
            if row is None:
                return None
            if now < row.deadline:
                return Recovery(store.to_domain(row), ended=False)
            last_seen = row.last_seen_at or row.started_at
            row.ended_at = min(max(row.deadline, last_seen), max(now, row.started_at))
            row.running = None
            row.end_reason = EndReason.RECOVERED
            session.flush()
            return Recovery(store.to_domain(row), ended=True)

    def _running_or_fail(self, session: object) -> SessionRow:
        row = store.running_row(session)  # type: ignore[arg-type]
        if row is None:
            raise ConflictError("No session is running. Start one with `focusdesk start`.")
        return row

    def _already_running(self, row: SessionRow, now: datetime) -> str:
        current = store.to_domain(row)
        if now < current.deadline:
            left = f"{format_duration(current.remaining(now))} left"
        else:
            left = f"{format_duration(current.overrun(now))} over time"
        return (
            f'A session is already running: "{current.objective}" ({left}). '
            "Stop it first with `focusdesk stop`."
        )
