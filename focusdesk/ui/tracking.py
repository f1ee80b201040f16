"""Running the tracking loop on its own thread and bringing its news to the UI.

Thread: ``TrackingRunner.start/stop/pause/set_session/reload_rules/
reload_settings/rezone`` are called on the Qt main thread; they hand values or
flags to the tracker, which takes them over at its next poll. The loop (``Tracker.run``) runs on a plain
Python thread; its events cross to the main thread through a Qt signal
(queued automatically, since the bridge lives on the main thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QObject, Signal

from focusdesk.services.context import AppContext
from focusdesk.services.tracking import Tracker, TrackingTuning


class _Bridge(QObject):
    event = Signal(object)


class TrackingRunner(QObject):
    """Owns the tracker and its thread; ``event`` carries TrackingState, DriftNudge, BudgetPassed."""

    def __init__(
        self,
        ctx: AppContext,
        watcher_factory: Callable[[], Any],
        on_event: Callable[[object], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        from focusdesk.services.privacy import PrivacyService
        from focusdesk.services.recording import Recorder
        from focusdesk.services.rules import RuleService

        self._ctx = ctx
        self._bridge = _Bridge(self)
        self._bridge.event.connect(on_event)
        self.tracker = Tracker(
            watcher_factory=watcher_factory,
            recorder_factory=lambda: Recorder(
                ctx.db, device_id=ctx.device_id, classifier=RuleService(ctx).classifier(), tz=ctx.tz
            ),
            classifier_factory=lambda: RuleService(ctx).classifier(),
            privacy_factory=lambda: PrivacyService(ctx).filter(),
            clock=ctx.clock,
            tz=ctx.tz,
            on_event=self._bridge.event.emit,
        )
        self.tracker.retune(TrackingTuning.from_settings(ctx.settings))  # before the first poll
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self.tracker.run, name="focusdesk-tracking", daemon=True
            )
            self._thread.start()

    def stop(self, timeout_s: float = 3.0) -> None:
        """Stop and wait for the last flush, so quitting loses nothing."""
        self.tracker.stop()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def pause(self, paused: bool) -> None:
        self.tracker.pause(paused)

    def set_session(self, session_id: int | None) -> None:
        self.tracker.set_session(session_id)

    def reload_rules(self) -> None:
        """Rules, privacy rules or pages changed (Settings, ``focusdesk rules``)."""
        self.tracker.reload_rules()

    def reload_settings(self) -> None:
        """Settings were saved: the thresholds, and everything ``reload_rules`` covers
        (private windows are part of the privacy filter it rebuilds)."""
        self.tracker.retune(TrackingTuning.from_settings(self._ctx.settings))
        self.tracker.reload_rules()

    def rezone(self, tz: tzinfo) -> None:
        """The user's zone changed: the tracking thread cuts days in ``tz`` from its next poll."""
        self.tracker.rezone(tz)


class TrackingPresenter(QObject):
    """Shows tracking in the tray menu, and turns drift into nudges the user can answer."""

    settingsRequested = Signal()  # a personal page was called business: its place is Settings

    def __init__(
        self,
        ctx: AppContext,
        *,
        menu: Any,
        notifier: Any,
        session: Callable[[], Any],
        watcher_factory: Callable[[], Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._menu = menu
        self._notifier = notifier
        self._session = session
        if watcher_factory is None:
            from focusdesk.watchers.factory import detect_watcher

            watcher_factory = detect_watcher
        self.runner = TrackingRunner(ctx, watcher_factory, self.on_event, self)
        self.state: Any = None
        self.prompt: Any = None
        self._personal_page: str | None = None  # the page the prompt on screen is about
        self._prompt_session: int | None = None  # the session the prompt on screen is about

    def start(self) -> None:
        self.runner.start()

    def stop(self) -> None:
        self.runner.stop()

    def pause(self, paused: bool) -> None:
        self.runner.pause(paused)

    def rezone(self, tz: tzinfo) -> None:
        self.runner.rezone(tz)

    def set_session(self, session_id: int | None) -> None:
        self.runner.set_session(session_id)
        if session_id != self._prompt_session and self.prompt is not None:
            self.prompt.hide()  # it names an objective that is no longer being worked on
            self._prompt_session = None

    def on_event(self, event: object) -> None:
        from focusdesk.core.drift import DriftNudge
        from focusdesk.core.timebox import format_duration
        from focusdesk.services.tracking import BudgetPassed, TrackingState

        if isinstance(event, TrackingState):
            self.state = event
            if event.status == "unavailable":
                self._menu.set_tracking(False, event.detail)
            elif event.status == "error":
                self._menu.set_tracking(
                    True, self.tr("a problem: %1; retrying").replace("%1", event.detail)
                )
            else:
                self._menu.set_tracking(True, "")
        elif isinstance(event, DriftNudge) and self._session() is not None:
            self._drift(event)
        elif isinstance(event, BudgetPassed):
            self._notifier.notify(
                self.tr("FocusDesk: casual time"),
                self.tr(
                    "%1 of casual use today. Time for something that moves you forward?"
                ).replace("%1", format_duration(event.used)),
            )

    def _drift(self, nudge: Any) -> None:
        from focusdesk.ui.drift_prompt import DriftPrompt

        session = self._session()
        if self.prompt is None:
            self.prompt = DriftPrompt()
            self.prompt.backRequested.connect(self.back_to_objective)
            self.prompt.businessRequested.connect(self.this_is_business)
        self._personal_page = nudge.personal_page
        self._prompt_session = session.id
        if nudge.personal_page is not None:
            message = self.tr(
                "This is your personal page %1 — keep casual use there, after the session."
            ).replace("%1", nudge.personal_page)
        else:
            message = (
                self.tr("“%1” is casual. Your objective: “%2”.")
                .replace("%1", nudge.title or nudge.app)
                .replace("%2", session.objective)
            )
        self._notifier.notify(self.tr("FocusDesk: drifting?"), message)
        self.prompt.show_drift(
            app=nudge.app,
            title=nudge.title,
            objective=session.objective,
            casual_s=int(nudge.casual_for.total_seconds()),
            personal_page=nudge.personal_page,
        )

    def back_to_objective(self) -> None:
        self.runner.tracker.drift.reset()

    def this_is_business(self, app: str, title: str) -> None:
        """The nudge was wrong: this window is business from now on (and in the past).

        A window on a registered personal page is casual before any rule is
        checked, so a rule would change nothing; the user is told which page
        matched and where to change it, and Settings is offered.
        """
        import re

        from focusdesk.core.errors import FocusDeskError
        from focusdesk.services.rules import RuleService

        personal = self._personal_page
        if personal is not None:
            self.runner.tracker.drift.reset()
            self._notifier.notify(
                self.tr("FocusDesk"),
                self.tr(
                    "“%1” matches your personal page %2, and personal pages are always casual. "
                    "If it is not personal, change or remove %2 in Settings."
                )
                .replace("%1", title or app)
                .replace("%2", personal),
            )
            self.settingsRequested.emit()
            return
        field, text = ("title", title) if title else ("app", app)
        try:
            RuleService(self._ctx).add(field, f"^{re.escape(text)}$", "business", position=0)
        except FocusDeskError as exc:
            self._notifier.notify(self.tr("FocusDesk"), str(exc))
            return
        self.runner.reload_rules()
