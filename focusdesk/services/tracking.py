"""The tracking loop: poll the active window and idle time, record, and notice drift.

Thread: ``run`` is the body of the tracking thread (the app starts it; see
``focusdesk.ui.tracking``). ``pause``, ``stop``, ``set_session`` and
``reload_rules`` may be called from any thread: they only set flags that the
loop reads. The watcher and the recorder are created, used and closed on the
tracking thread alone. ``step`` does one poll and is what tests drive, with a
fake watcher and an injected clock, no thread and no sleeping.

New thresholds from Settings reach a running loop the same way: ``retune``
only stores one immutable ``TrackingTuning``; the loop compares it with the
one it applied and takes it over at its next poll, on its own thread. A
newer value simply replaces an older one not yet taken, so none is lost
half-way and no lock is needed. A new time zone (``rezone``) travels alike
and reaches the recorder on the tracking thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from focusdesk.core.activity import Observation, WindowKey
from focusdesk.core.days import local_date
from focusdesk.core.drift import CasualBudget, DriftNudge, DriftWatch
from focusdesk.core.enums import Category
from focusdesk.core.privacy import PrivacyFilter
from focusdesk.core.rules import Classifier, Decision
from focusdesk.core.settings import Settings

log = logging.getLogger(__name__)

NEUTRAL = Decision(Category.NEUTRAL)


@dataclass(frozen=True, slots=True)
class TrackingState:
    """What the UI shows: the window being recorded, or why nothing is."""

    status: str  # "tracking", "away", "paused", "no window", "error"
    app: str = ""
    category: str = ""
    detail: str = ""


@dataclass(frozen=True, slots=True)
class BudgetPassed:
    used: timedelta


Event = TrackingState | DriftNudge | BudgetPassed


@dataclass(frozen=True, slots=True)
class TrackingTuning:
    """The user's tracking thresholds, handed to a running tracker as one value."""

    away_after: timedelta = timedelta(minutes=3)
    drift_after: timedelta = timedelta(seconds=60)
    casual_budget: timedelta = timedelta(minutes=30)

    @classmethod
    def from_settings(cls, settings: Settings) -> TrackingTuning:
        return cls(
            away_after=timedelta(minutes=settings.away_after_minutes),
            drift_after=timedelta(seconds=settings.drift_after_seconds),
            casual_budget=timedelta(minutes=settings.casual_budget_minutes),
        )


class Tracker:
    def __init__(
        self,
        *,
        watcher_factory: Callable[[], Any],
        recorder_factory: Callable[[], Any],
        classifier_factory: Callable[[], Classifier],
        privacy_factory: Callable[[], PrivacyFilter] | None = None,
        clock: Callable[[], datetime],
        tz: tzinfo,
        on_event: Callable[[Event], None],
        poll: timedelta = timedelta(seconds=1),
        idle_poll: timedelta = timedelta(seconds=5),
        away_after: timedelta = timedelta(minutes=3),
        drift: DriftWatch | None = None,
        budget: CasualBudget | None = None,
    ) -> None:
        self._watcher_factory = watcher_factory
        self._recorder_factory = recorder_factory
        self._classifier_factory = classifier_factory
        self._privacy_factory = privacy_factory or (lambda: PrivacyFilter([]))
        self._privacy: PrivacyFilter | None = None
        self._clock = clock
        self._tz = tz
        self._emit = on_event
        self.poll = poll
        self.idle_poll = idle_poll
        self.away_after = away_after
        self.drift = drift or DriftWatch()
        self.budget = budget or CasualBudget()
        self._stop = threading.Event()
        self._paused = False
        self._reload = False
        self._tuning_wanted: TrackingTuning | None = None
        self._tuning_applied: TrackingTuning | None = None
        self._zone_wanted: tzinfo | None = None
        self.session_id: int | None = None
        self._watcher: Any = None
        self._recorder: Any = None
        self._classifier: Classifier | None = None
        self._last_idle_check: datetime | None = None
        self._last_poll: datetime | None = None
        self._away = False
        self._state: TrackingState | None = None
        self._failures = 0

    # -- called from any thread ---------------------------------------------------------

    def pause(self, paused: bool) -> None:
        self._paused = paused

    def stop(self) -> None:
        self._stop.set()

    def reload_rules(self) -> None:
        self._reload = True

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id

    def retune(self, tuning: TrackingTuning) -> None:
        """New thresholds (Settings saved): taken over at the next poll, no restart."""
        self._tuning_wanted = tuning

    def rezone(self, tz: tzinfo) -> None:
        """The user's zone changed: days are cut in ``tz`` from the next poll on."""
        self._zone_wanted = tz

    # -- the tracking thread ------------------------------------------------------------

    def run(self) -> None:
        try:
            while not self._stop.is_set():
                self.step()
                self._stop.wait(self.poll.total_seconds())
        finally:
            self.close()

    def step(self) -> None:
        """One poll; never raises (a failing backend is logged, shown and retried)."""
        now = self._clock()
        try:
            self._step(now)
            self._failures = 0
        except Exception as exc:  # a watcher or database failure must not end tracking
            self._failures += 1
            if self._failures in (1, 10, 100):
                log.exception("tracking poll failed (%d in a row)", self._failures)
            self._show(TrackingState("error", detail=type(exc).__name__))
            if self._failures % 10 == 0:
                self._drop_watcher()  # reconnect on the next poll

    def _step(self, now: datetime) -> None:
        self._take_tuning()
        watcher = self._ensure_watcher()
        unavailable = getattr(watcher, "reason", None)
        if unavailable:  # a null backend: nothing to poll, say why once
            self._show(TrackingState("unavailable", detail=str(unavailable)))
            return
        recorder = self._ensure_recorder()
        self._take_zone(now, recorder)
        if self._reload or self._classifier is None:
            self._reload = False
            self._classifier = self._classifier_factory()
            self._privacy = self._privacy_factory()
            recorder.set_classifier(self._classifier)
        elapsed = 0.0 if self._last_poll is None else (now - self._last_poll).total_seconds()
        self._last_poll = now
        if self._paused:
            recorder.gap(now)
            self._show(TrackingState("paused"))
            return
        if self._idle_due(now):
            idle = watcher.idle_seconds()
            if idle is not None and idle >= self.away_after.total_seconds():
                if not self._away:
                    recorder.away(now - timedelta(seconds=idle), now)
                    self._away = True
                self._show(TrackingState("away"))
                return
            self._away = False
        elif self._away:
            recorder.gap(now)
            return
        window = watcher.active_window()
        if window is None:
            recorder.gap(now)
            self._show(TrackingState("no window"))
            return
        seen = WindowKey(window.app or "", window.title or "", getattr(window, "url", "") or "")
        assert self._classifier is not None and self._privacy is not None
        filtered = self._privacy.apply(seen)  # before anything is stored or emitted
        key = filtered.stored
        decision = (
            self._classifier.decide(filtered.classify_as)
            if filtered.classify_as is not None
            else NEUTRAL
        )
        category = decision.category
        personal = decision.personal.name if decision.personal is not None else None
        recorder.observe(Observation(now, key, self.session_id, category))
        self._show(TrackingState("tracking", key.app, category.value))
        nudge = self.drift.observe(now, category, self.session_id, key.app, key.title, personal)
        if nudge is not None:
            self._emit(nudge)
        day = local_date(now, self._tz)
        if 0 < elapsed <= 5 * self.poll.total_seconds() and self.budget.add(
            day, elapsed, category, self.session_id is not None
        ):
            self._emit(BudgetPassed(self.budget.used))

    def _take_tuning(self) -> None:
        """Apply thresholds handed over by ``retune``; the counts so far stay.

        A casual streak already running is measured against the new drift
        threshold at once, and casual time already counted today against the
        new budget: changing a number is not a reason to forget the day.
        """
        tuning = self._tuning_wanted  # one read: a newer value waits for the next poll
        if tuning is None or tuning is self._tuning_applied:
            return
        self.away_after = tuning.away_after
        self.drift.after = tuning.drift_after
        self.budget.budget = tuning.casual_budget
        self._tuning_applied = tuning

    def _take_zone(self, now: datetime, recorder: Any) -> None:
        """Apply a zone handed over by ``rezone``, on this thread, where the recorder lives."""
        tz = self._zone_wanted  # one read, as for the tuning
        if tz is None or tz is self._tz:
            return
        self._tz = tz
        recorder.set_zone(tz, now)

    def _idle_due(self, now: datetime) -> bool:
        last = self._last_idle_check
        if last is None or now - last >= self.idle_poll or now < last:
            self._last_idle_check = now
            return True
        return False

    def _show(self, state: TrackingState) -> None:
        if state != self._state:
            self._state = state
            self._emit(state)

    def _ensure_watcher(self) -> Any:
        if self._watcher is None:
            self._watcher = self._watcher_factory()
        return self._watcher

    def _ensure_recorder(self) -> Any:
        if self._recorder is None:
            self._recorder = self._recorder_factory()
        return self._recorder

    def _drop_watcher(self) -> None:
        if self._watcher is not None:
            try:
                self._watcher.close()
            except Exception:  # closing a broken backend: nothing more to do
                log.debug("closing the watcher failed", exc_info=True)
            self._watcher = None

    def close(self) -> None:
        """Flush the recorder (the open span included) and release the backend."""
        if self._recorder is not None:
            self._recorder.close()
            self._recorder = None
        self._drop_watcher()
