from __future__ import annotations

from datetime import timedelta

import pytest

from focusdesk.core.enums import EndReason, Outcome, Purpose
from focusdesk.core.errors import ConflictError, ValidationError
from focusdesk.core.session import ExtensionPolicy
from focusdesk.services.context import AppContext
from focusdesk.services.sessions import SessionService
from tests.support.clock import FakeClock


def test_start_extend_stop_round_trip(ctx: AppContext, clock: FakeClock) -> None:
    service = SessionService(ctx)
    started = service.start("Message 5 prospects", 25, target=5, purpose="follow-up")
    s = started.session
    assert started.hint is None
    assert (s.objective, s.purpose, s.target, s.planned_minutes) == (
        "Message 5 prospects",
        Purpose.FOLLOW_UP,
        5,
        25,
    )
    assert s.deadline - s.started_at == timedelta(minutes=25)

    clock.advance(minutes=10)
    current = service.current()
    assert current is not None and current.remaining(clock()) == timedelta(minutes=15)

    clock.advance(minutes=17)  # 2 minutes over
    extended = service.extend(5)
    assert extended.extensions == 1
    assert extended.deadline == clock() + timedelta(minutes=5)

    clock.advance(minutes=8)  # 3 minutes over the extended box
    stopped = service.stop("met", count=5, note="two want a call")
    assert stopped.outcome is Outcome.MET and stopped.outcome_count == 5
    assert stopped.overrun(clock() + timedelta(hours=5)) == timedelta(minutes=3)
    assert stopped.end_reason is EndReason.STOPPED
    assert service.current() is None


def test_second_start_is_refused_naming_the_running_session(ctx: AppContext) -> None:
    service = SessionService(ctx)
    service.start("Reply to 10 comments", 15)
    with pytest.raises(ConflictError, match='"Reply to 10 comments"'):
        service.start("Something else entirely", 15)


def test_database_refuses_two_running_sessions_even_past_the_service(ctx: AppContext) -> None:
    from sqlalchemy.exc import IntegrityError

    from focusdesk.store.models import SessionRow

    SessionService(ctx).start("Invite 3 people", 10)
    with pytest.raises(IntegrityError), ctx.db.sessions.begin() as session:
        now = ctx.clock()
        session.add(
            SessionRow(
                device_id=ctx.device_id,
                day=0,
                objective="x" * 5,
                purpose="content",
                planned_minutes=5,
                started_at=now,
                deadline=now,
                extensions=0,
                running=True,
            )
        )


def test_extensions_are_limited_and_strict_mode_allows_none(ctx: AppContext) -> None:
    service = SessionService(ctx, ExtensionPolicy(max_extensions=2))
    service.start("Post 1 video", 20)
    service.extend(5)
    service.extend("5")
    with pytest.raises(ConflictError, match="limit is 2"):
        service.extend(5)
    service.stop()
    strict = SessionService(ctx, ExtensionPolicy(strict=True))
    strict.start("Post 1 video", 20)
    with pytest.raises(ConflictError, match="Strict mode"):
        strict.extend(5)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"objective": "", "minutes": 25}, "objective"),
        ({"objective": "ok objective", "minutes": 0}, "minutes"),
        ({"objective": "ok objective", "minutes": 241}, "minutes"),
        ({"objective": "ok objective", "minutes": "ten"}, "minutes"),
        ({"objective": "ok objective", "minutes": 25, "target": 0}, "target"),
        ({"objective": "ok objective", "minutes": 25, "purpose": "gossip"}, "purpose"),
    ],
)
def test_invalid_starts_write_nothing(ctx: AppContext, kwargs: dict, field: str) -> None:
    service = SessionService(ctx)
    with pytest.raises(ValidationError) as info:
        service.start(**kwargs)
    assert info.value.field == field
    assert service.latest() is None


def test_vague_objective_starts_with_a_hint(ctx: AppContext) -> None:
    started = SessionService(ctx).start("instagram", 15)
    assert started.hint and "One word" in started.hint


def test_stop_and_extend_without_a_session_are_explained(ctx: AppContext) -> None:
    service = SessionService(ctx)
    with pytest.raises(ConflictError, match="No session is running"):
        service.stop()
    with pytest.raises(ConflictError, match="No session is running"):
        service.extend(5)
    with pytest.raises(ValidationError):
        service.start("Send 3 messages", 10)
        service.stop("brilliant")
    assert service.current() is not None  # the bad outcome did not end it


def test_recovery_before_the_deadline_keeps_the_remaining_time(
    ctx: AppContext, clock: FakeClock
) -> None:
    service = SessionService(ctx)
    service.start("Message 5 prospects", 30)
    clock.advance(minutes=12)
    recovery = SessionService(ctx).recover()
    assert recovery is not None and not recovery.ended
    assert recovery.session.remaining(clock()) == timedelta(minutes=18)


def test_recovery_after_the_deadline_ends_at_the_last_seen_moment(
    ctx: AppContext, clock: FakeClock
) -> None:
    service = SessionService(ctx)
    start = clock()
    service.start("Message 5 prospects", 30)
    clock.advance(minutes=40)
    service.touch()  # the app was still showing the session 10 minutes over
    clock.advance(hours=3)  # then it was killed, and restarted now
    recovery = service.recover()
    assert recovery is not None and recovery.ended
    s = recovery.session
    assert s.ended_at == start + timedelta(minutes=40)
    assert s.overrun(clock()) == timedelta(minutes=10)
    assert s.end_reason is EndReason.RECOVERED
    assert service.current() is None
    recorded = service.record_outcome(s.id, "partly", count=3)
    assert recorded.outcome is Outcome.PARTLY


def test_recovery_when_never_seen_after_start_ends_at_the_deadline(
    ctx: AppContext, clock: FakeClock
) -> None:
    service = SessionService(ctx)
    start = clock()
    service.start("Message 5 prospects", 30)
    clock.advance(hours=2)
    recovery = service.recover()
    assert recovery is not None and recovery.session.ended_at == start + timedelta(minutes=30)
    assert recovery.session.overrun(clock()) == timedelta(0)


def test_clock_jump_back_while_running(ctx: AppContext, clock: FakeClock) -> None:
    service = SessionService(ctx)
    service.start("Message 5 prospects", 25)
    clock.advance(hours=-2)
    current = service.current()
    assert current is not None and current.remaining(clock()) == timedelta(minutes=25)
    stopped = service.stop()
    assert stopped.ended_at is not None and stopped.ended_at >= stopped.started_at


def test_recent_objectives_are_distinct_newest_first(ctx: AppContext, clock: FakeClock) -> None:
    service = SessionService(ctx)
    for objective in ["Send 5 DMs", "Reply to 3 comments", "Send 5 DMs"]:
        service.start(objective, 5)
        clock.advance(minutes=6)
        service.stop()
    assert service.recent_objectives() == ["Send 5 DMs", "Reply to 3 comments"]


def test_progress_counts_towards_the_target_and_becomes_the_outcome_count(ctx: AppContext) -> None:
    service = SessionService(ctx)
    service.start("Message 5 prospects", 25, target=5)
    service.add_progress()
    service.add_progress()
    assert service.add_progress().outcome_count == 3
    assert service.add_progress(-5).outcome_count == 0
    service.add_progress()
    assert service.stop("partly").outcome_count == 1
    service.start("Message 5 prospects", 25, target=5)
    service.add_progress()
    assert service.stop("met", count=5).outcome_count == 5
