"""The app's conductor: it asks the services, and tells the views what to show.

Thread: everything here runs on the Qt main thread. Time comes from the
context's clock; a one-second tick only re-reads it, so a clock jump or a
suspend is reflected at the next tick, and the deadline that counts is the
stored one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from focusdesk.core.errors import FocusDeskError
from focusdesk.core.reminders import DueReminder, ReminderKind
from focusdesk.core.session import FocusSession
from focusdesk.services.context import AppContext
from focusdesk.services.memory import release_free_memory
from focusdesk.ui.countdown_display import CountdownDisplay
from focusdesk.ui.geometry import GeometryStore
from focusdesk.ui.notifier import Notifier
from focusdesk.ui.start_dialog import StartRequest
from focusdesk.ui.timer_window import TimerWindow
from focusdesk.ui.timesup_flow import TimesUpFlow
from focusdesk.ui.timesup_window import TimesUpWindow
from focusdesk.ui.tracking import TrackingPresenter
from focusdesk.ui.tray import TrayIcon, TrayMenu

log = logging.getLogger(__name__)

POLL_MS = 30_000
CommandRunner = Callable[[AppContext, list[str], str], dict[str, Any]]


class AppController(QObject):
    def __init__(
        self,
        ctx: AppContext,
        *,
        menu: TrayMenu,
        tray: TrayIcon | None,
        standalone: TimerWindow | None,
        geometry: GeometryStore,
        command_runner: CommandRunner | None = None,
        watcher_factory: Callable[[], Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.menu = menu
        self.tray = tray
        self.standalone = standalone
        self.geometry = geometry
        self._run_command = command_runner
        self._watcher_factory = watcher_factory
        self.tracking: TrackingPresenter | None = None
        self.notifier = Notifier(tray, standalone)
        self.display = CountdownDisplay(tray, standalone, self)
        self.session: FocusSession | None = None
        self.timesup_flow = TimesUpFlow(
            ctx, sessions=self.sessions, notifier=self.notifier, geometry=geometry, parent=self
        )
        self.timesup_flow.extendRequested.connect(self.extend)
        self.timesup_flow.ended.connect(self.refresh)
        self._services: Any = None
        self._summary: Any = None
        self.reminders: Any = None
        self._cleanup: Any = None
        self.welcome: Any = None
        self.start_dialog: Any = None
        self.settings_dialog: Any = None
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self.tick)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self._connect_menu()

    # -- start-up -------------------------------------------------------------------------

    def start(self) -> None:
        """Load what is slow (database, settings) once the tray is already visible."""
        from focusdesk.services.interactions import InteractionService
        from focusdesk.services.sessions import SessionService

        loaded = self.ctx.loaded_settings
        try:
            self.ctx.db  # noqa: B018 - opening may fail with a message for the user
        except FocusDeskError as exc:
            self._fatal(str(exc))
            return
        self._services = (SessionService, InteractionService)
        if loaded.problem:
            self.notifier.notify(self.tr("FocusDesk settings"), loaded.problem)
        self.menu.set_exit_lines(self.ctx.settings.polite_exit_lines)
        self.menu.set_loading(False)
        self.tracking = TrackingPresenter(
            self.ctx,
            menu=self.menu,
            notifier=self.notifier,
            session=lambda: self.session,
            watcher_factory=self._watcher_factory,
            parent=self,
        )
        self.tracking.settingsRequested.connect(self.show_settings)
        self.tracking.start()
        self._start_reminders()
        recovery = self.sessions().recover()
        if recovery is not None and recovery.ended:
            self.timesup_flow.ended_unrecorded = recovery.session
        self.refresh()
        if self.timesup_flow.ended_unrecorded is not None:
            self.show_timesup()
        self.tick_timer.start()
        self.poll_timer.start()
        QTimer.singleShot(3000, release_free_memory)
        self._offer_welcome()

    def _offer_welcome(self) -> None:
        """The welcome guide, at the first start only (it is not modal: the tray works meanwhile)."""
        from focusdesk.services.first_run import needs_welcome

        if not needs_welcome(self.ctx.paths):
            return  # the guide's widgets are not even imported
        from focusdesk.ui.welcome.flow import WelcomeFlow

        self.welcome = WelcomeFlow.at_first_start(
            self.ctx, self.apply_settings, tray_available=self.tray is not None, parent=self
        )

    def _start_reminders(self) -> None:
        from focusdesk.ui.reminders import ReminderPresenter

        self.reminders = ReminderPresenter(
            self.ctx, self.notifier, should_remind=self._reminder_wanted, parent=self
        )
        self.reminders.startRequested.connect(self.start_session)
        self.reminders.summaryRequested.connect(lambda: self.show_summary(None))
        self.reminders.clockJumped.connect(lambda _jump: self.refresh())
        self.reminders.zoneChanged.connect(self._zone_changed)
        # Asked and answered in _reminder_wanted already: show it.
        self.reminders.cleanup_due.connect(lambda _due: self.cleanup_flow.show_now())
        self.reminders.start()

    def _zone_changed(self, change: Any) -> None:
        """The context and schedule took the new zone; tracking, the summary and the tray follow."""
        if self.tracking is not None:
            self.tracking.rezone(change.new)
        if self._summary is not None and self._summary.view.isVisible():
            self._summary.refresh()
        self.refresh()

    def _reminder_wanted(self, due: DueReminder) -> bool:
        """A clean-up reminder for a week already done or skipped stays silent."""
        if due.kind is ReminderKind.CLEANUP:
            return bool(self.cleanup_flow.should_remind(due))
        return True

    def sessions(self) -> Any:
        session_service, _ = self._services
        return session_service(self.ctx)

    def interactions(self) -> Any:
        _, interaction_service = self._services
        return interaction_service(self.ctx)

    # -- state ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the running session (after our own change, a CLI command, another device)."""
        self.session = self.sessions().current()
        if self.session is None:
            self.timesup_flow.nudges.reset()
        if self.tracking is not None:
            self.tracking.set_session(self.session.id if self.session else None)
        s = self.session
        if s is None:
            self.menu.set_session(None, extend_text=None)
        else:
            refusal = self.timesup_flow.extend_refusal(s)
            minutes = self.ctx.settings.extension_minutes
            extend = None if refusal else self.tr("&Extend by %1 min").replace("%1", str(minutes))
            self.menu.set_session(f"“{s.objective}”", extend_text=extend)
        self.display.invalidate()
        self.tick()

    def poll(self) -> None:
        try:
            self.sessions().touch()
            self.refresh()
        except FocusDeskError as exc:
            log.warning("poll failed: %s", exc)

    def tick(self) -> None:
        now = self.ctx.clock()
        s = self.session
        if s is None:
            self.display.show_idle()
            return
        overrun = self.display.show_session(s, now)
        self.timesup_flow.update_overrun(overrun)
        if now >= s.deadline:
            self.timesup_flow.due(s, now, overrun)

    # -- actions --------------------------------------------------------------------------

    def _connect_menu(self) -> None:
        m = self.menu
        m.build()
        m.startRequested.connect(self.start_session)
        m.extendRequested.connect(lambda: self.extend(self.ctx.settings.extension_minutes))
        m.stopRequested.connect(self.show_timesup)
        m.logRequested.connect(self.quick_log)
        m.exitLineChosen.connect(self.copy_exit_line)
        m.summaryRequested.connect(lambda: self.show_summary(None))
        m.cleanupRequested.connect(lambda: self.cleanup_flow.show_now())
        m.settingsRequested.connect(self.show_settings)
        m.compactRequested.connect(self.show_compact)
        m.quitRequested.connect(self.quit)
        m.pauseToggled.connect(lambda paused: self.tracking and self.tracking.pause(paused))
        if self.tray is not None:
            self.tray.activatedPrimary.connect(self.activate)

    def activate(self) -> None:
        """A click on the tray or a second launch: show what matters now."""
        if self.session is None:
            self.start_session()
        elif self.ctx.clock() >= self.session.deadline:
            self.show_timesup()
        else:
            self.show_compact()

    def start_session(self, objective: str = "", minutes: int | None = None) -> None:
        """Open the start dialog; a reminder's "Start now" prefills its planned session."""
        from focusdesk.ui.start_dialog import StartSessionDialog

        if self.session is not None:
            self.activate()
            return
        if self.start_dialog is not None and self.start_dialog.isVisible():
            if objective or minutes:
                self.start_dialog.prefill(objective, minutes or self.ctx.settings.timebox_minutes)
            self.start_dialog.raise_()
            self.start_dialog.activateWindow()
            return
        # Non-modal: a nested event loop inside a tray callback would freeze the countdown.
        dialog = StartSessionDialog(self.ctx.settings, self.sessions().recent_objectives())
        if objective or minutes:
            dialog.prefill(objective, minutes or self.ctx.settings.timebox_minutes)
        self.start_dialog = dialog
        self.geometry.restore(dialog, "start")
        dialog.accepted.connect(lambda: self.start_from_request(dialog.request()))
        dialog.finished.connect(lambda _code: self.geometry.save(dialog, "start"))
        dialog.open()
        dialog.raise_()
        dialog.activateWindow()

    def start_from_request(self, request: StartRequest) -> bool:
        try:
            self.sessions().start(
                request.objective, request.minutes, target=request.target, purpose=request.purpose
            )
        except FocusDeskError as exc:
            QMessageBox.warning(None, self.tr("FocusDesk"), str(exc))
            return False
        if request.page_url:
            QDesktopServices.openUrl(QUrl(request.page_url))
        self.refresh()
        if self.ctx.settings.show_compact_window:
            self.show_compact()
        return True

    def extend(self, minutes: int) -> None:
        try:
            self.sessions().extend(minutes)
        except FocusDeskError as exc:
            self.notifier.notify(self.tr("FocusDesk"), str(exc))
            return
        self.timesup_flow.hide()
        self.refresh()

    def show_timesup(self) -> None:
        self.timesup_flow.show(self.session)

    @property
    def timesup(self) -> TimesUpWindow | None:
        return self.timesup_flow.window

    def quick_log(self, kind: str) -> None:
        try:
            self.interactions().log(kind)
        except FocusDeskError as exc:
            self.notifier.notify(self.tr("FocusDesk"), str(exc))

    def copy_exit_line(self, line: str) -> None:
        QGuiApplication.clipboard().setText(line)
        self.quick_log("dialog-exit")
        if self.tray is not None:
            self.tray.balloon(self.tr("Copied — paste it and leave"), line)

    def add_progress(self) -> None:
        try:
            self.sessions().add_progress()
        except FocusDeskError as exc:
            self.notifier.notify(self.tr("FocusDesk"), str(exc))
        self.refresh()

    def show_compact(self) -> None:
        if self.standalone is not None:
            self.standalone.show()
            self.standalone.raise_()
            return
        compact = self.display.compact
        if compact is None:
            compact = self.display.compact = TimerWindow(standalone=False)
            compact.plusOneRequested.connect(self.add_progress)
            self.geometry.restore(compact, "compact")
        compact.show()
        self.tick()  # fill it now, not at the next second
        compact.raise_()

    def show_summary(self, day: date | None) -> None:
        from focusdesk.ui.summary.presenter import SummaryPresenter

        if self._summary is None:
            self._summary = SummaryPresenter(self.ctx, self.geometry, parent=self)
        self._summary.show_day(day)

    @property
    def cleanup_flow(self) -> Any:
        """The weekly page clean-up; connect the scheduler's "clean-up due" to its ``due``."""
        if self._cleanup is None:
            from focusdesk.ui.cleanup_flow import CleanupFlow

            self._cleanup = CleanupFlow(self.ctx, parent=self)
            self._cleanup.started.connect(self.refresh)
            self._cleanup.settingsRequested.connect(self.show_settings)
        return self._cleanup

    def show_settings(self) -> None:
        from focusdesk.ui.settings_dialog import SettingsDialog

        if self.settings_dialog is not None and self.settings_dialog.isVisible():
            self.settings_dialog.raise_()
            return
        from focusdesk.ui.settings.backend import SettingsBackend

        # The dialog saves rules, privacy rules and settings itself (off the GUI thread).
        dialog = SettingsDialog(
            self.ctx.settings, geometry=self.geometry, backend=SettingsBackend(self.ctx)
        )
        self.settings_dialog = dialog
        dialog.accepted.connect(lambda: self.apply_settings(dialog.settings(), saved=True))
        dialog.open()

    def apply_settings(self, settings: Any, *, saved: bool = False) -> None:
        """Use new settings; unless the dialog ``saved`` them, save them (and re-label history)."""
        from focusdesk.ui.settings.backend import SavePlan, SettingsBackend

        if not saved:
            try:
                SettingsBackend(self.ctx).save(SavePlan(settings))
            except (FocusDeskError, OSError) as exc:
                QMessageBox.warning(
                    None,
                    self.tr("FocusDesk"),
                    self.tr("Settings not saved: %1").replace("%1", str(exc)),
                )
                return
        self.menu.set_exit_lines(self.ctx.settings.polite_exit_lines)
        if self.tracking is not None:
            # Thresholds, rules, privacy rules or pages may have changed: no restart needed.
            self.tracking.runner.reload_settings()
        if self.reminders is not None:
            self.reminders.reload()
        self.refresh()

    def handle_request(self, request: dict[str, Any]) -> dict[str, Any]:
        """A second launch (empty argv) or a CLI command forwarded to this instance."""
        argv = [str(a) for a in request.get("argv", [])]
        if not argv:
            QTimer.singleShot(0, self.activate)
            return {"rc": 0, "stdout": "FocusDesk is already running.\n", "stderr": ""}
        if self._run_command is None or self._services is None:
            return {
                "rc": 1,
                "stdout": "",
                "stderr": "focusdesk: the app is still starting; try again\n",
            }
        reply = self._run_command(self.ctx, argv, str(request.get("cwd", "")))
        QTimer.singleShot(0, self.refresh)
        if self.tracking is not None and argv[0] in ("rules", "privacy"):
            self.tracking.runner.reload_rules()  # the tracking thread classifies with them
        if self.reminders is not None and argv[0] == "remind":
            self.reminders.reload()
        if reply.get("show") == "summary":
            day = reply.get("date")
            QTimer.singleShot(
                0, lambda: self.show_summary(date.fromisoformat(day) if day else None)
            )
        return reply

    def quit(self) -> None:
        if self.tracking is not None:
            self.tracking.stop()
        if self.reminders is not None:
            self.reminders.stop()
        self.tick_timer.stop()
        self.poll_timer.stop()
        self.timesup_flow.hide()
        compact = self.display.compact
        if compact is not None and compact.isVisible():
            self.geometry.save(compact, "compact")
        self.ctx.close()
        QApplication.quit()

    def _fatal(self, message: str) -> None:
        QMessageBox.critical(None, self.tr("FocusDesk cannot start"), message)
        QApplication.exit(2)
