"""The tray icon and its menu: displays state and forwards the user's choices.

The same menu serves the standalone timer window on desktops without a
tray. It holds no logic: every action is a signal the controller handles.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from focusdesk.core.enums import InteractionKind


class TrayMenu(QObject):
    startRequested = Signal()
    extendRequested = Signal()
    stopRequested = Signal()
    logRequested = Signal(str)
    exitLineChosen = Signal(str)
    summaryRequested = Signal()
    cleanupRequested = Signal()
    pauseToggled = Signal(bool)
    settingsRequested = Signal()
    compactRequested = Signal()
    quitRequested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.menu = QMenu()
        self.menu.setAccessibleName(self.tr("FocusDesk menu"))
        self.loading_action = self.menu.addAction(self.tr("Starting…"))
        self.loading_action.setEnabled(False)
        self.menu.addSeparator()
        self.quit_action = self.menu.addAction(self.tr("&Quit FocusDesk"))
        self.quit_action.triggered.connect(self.quitRequested)
        self.built = False

    def build(self) -> None:
        """Add every item; done once the icon is on screen, to keep start-up short."""
        if self.built:
            return
        self.built = True
        self.menu.clear()  # "Starting…" and the early Quit go; Quit comes back last
        self.start_action = self.menu.addAction(self.tr("&Start session…"))
        self.start_action.triggered.connect(self.startRequested)
        self.session_menu = self.menu.addMenu(self.tr("Running session"))
        self.session_status = self.session_menu.addAction("")
        self.session_status.setEnabled(False)
        self.extend_action = self.session_menu.addAction(self.tr("&Extend"))
        self.extend_action.triggered.connect(self.extendRequested)
        self.stop_action = self.session_menu.addAction(self.tr("S&top and record the outcome…"))
        self.stop_action.triggered.connect(self.stopRequested)
        self.compact_action = self.session_menu.addAction(self.tr("Show the &compact timer"))
        self.compact_action.triggered.connect(self.compactRequested)
        self.menu.addSeparator()

        self.log_menu = self.menu.addMenu(self.tr("Quick &log"))
        labels = {
            InteractionKind.VALUE: self.tr("Added value (helped, shared, complimented)"),
            InteractionKind.PITCH: self.tr("Pitched"),
            InteractionKind.FOLLOW_UP: self.tr("Followed up"),
            InteractionKind.CONVERSATION: self.tr("Had a conversation"),
            InteractionKind.DIALOG_EXIT: self.tr("Left an irrelevant dialog"),
            InteractionKind.POST_REMOVED: self.tr("Removed an irrelevant post"),
        }
        for kind, label in labels.items():
            action = self.log_menu.addAction(label)
            action.triggered.connect(lambda _checked=False, k=kind.value: self.logRequested.emit(k))
        self.exit_menu = self.menu.addMenu(self.tr("Polite &exit lines"))
        self.summary_action = self.menu.addAction(self.tr("Today's s&ummary"))
        self.summary_action.triggered.connect(self.summaryRequested)
        self.cleanup_action = self.menu.addAction(self.tr("&Clean up my pages now"))
        self.cleanup_action.triggered.connect(self.cleanupRequested)
        self.menu.addSeparator()
        self.pause_action = self.menu.addAction(self.tr("&Pause tracking"))
        self.pause_action.setCheckable(True)
        self.pause_action.toggled.connect(self.pauseToggled)
        self.settings_action = self.menu.addAction(self.tr("Se&ttings…"))
        self.settings_action.triggered.connect(self.settingsRequested)
        self.menu.addSeparator()
        self.quit_action = self.menu.addAction(self.tr("&Quit FocusDesk"))
        self.quit_action.triggered.connect(self.quitRequested)
        self.set_session(None, extend_text=None)
        self.set_loading(True)

    def set_loading(self, loading: bool) -> None:
        """Until the database is open, only Quit works."""
        for action in self.menu.actions():
            if action is not self.quit_action:
                action.setEnabled(not loading)

    def set_session(self, status: str | None, *, extend_text: str | None) -> None:
        running = status is not None
        self.start_action.setVisible(not running)
        self.session_menu.menuAction().setVisible(running)
        self.session_status.setText(status or "")
        self.extend_action.setText(extend_text or self.tr("&Extend"))
        self.extend_action.setEnabled(extend_text is not None)

    def set_exit_lines(self, lines: tuple[str, ...]) -> None:
        self.exit_menu.clear()
        for line in lines:
            shown = line if len(line) <= 60 else line[:57] + "…"
            action: QAction = self.exit_menu.addAction(shown)
            action.setToolTip(line)
            action.triggered.connect(
                lambda _checked=False, text=line: self.exitLineChosen.emit(text)
            )
        self.exit_menu.menuAction().setEnabled(bool(lines))

    def set_tracking(self, available: bool, note: str) -> None:
        """``note`` says why tracking is unavailable, or what is wrong with it right now."""
        self.pause_action.setEnabled(available)
        if note:
            self.pause_action.setText(self.tr("&Pause tracking (%1)").replace("%1", note))
        else:
            self.pause_action.setText(self.tr("&Pause tracking"))


class TrayIcon(QObject):
    """The QSystemTrayIcon, kept apart from the menu so the menu works without a tray."""

    activatedPrimary = Signal()

    def __init__(
        self, icon: QIcon, menu: TrayMenu | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.icon = QSystemTrayIcon(icon)
        self.icon.setToolTip(self.tr("FocusDesk"))
        if menu is not None:
            self.set_menu(menu)
        self.icon.activated.connect(self._activated)

    def set_menu(self, menu: TrayMenu) -> None:
        self.icon.setContextMenu(menu.menu)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.activatedPrimary.emit()

    def show(self) -> None:
        self.icon.show()

    def set_face(self, icon: QIcon, tooltip: str) -> None:
        self.icon.setIcon(icon)
        self.icon.setToolTip(tooltip)

    def set_tooltip(self, tooltip: str) -> None:
        if self.icon.toolTip() != tooltip:
            self.icon.setToolTip(tooltip)

    def balloon(self, title: str, message: str) -> None:
        self.icon.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 10_000)
