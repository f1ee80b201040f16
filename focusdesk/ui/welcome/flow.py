"""Showing the welcome guide once, and acting on its answers.

Thread: GUI thread only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from focusdesk.core.errors import FocusDeskError
from focusdesk.core.settings import Settings
from focusdesk.services.context import AppContext
from focusdesk.services.first_run import mark_welcomed, needs_welcome, welcome_checks
from focusdesk.ui.welcome.wizard import WelcomeWizard

log = logging.getLogger(__name__)


class Autostart(Protocol):
    """What the guide needs of the log-in start-up backend (services.autostart)."""

    def enable(self) -> None: ...

    def disable(self) -> None: ...


class MenuEntry(Protocol):
    """What the guide needs of the applications-menu entry (services.desktop_entry)."""

    def in_menu(self) -> bool: ...

    def install(self) -> object: ...


class WelcomeFlow(QObject):
    """Offers the guide at the first start; hands finished answers to ``apply_settings``."""

    finished = Signal(str)  # "finished" or "skipped"

    def __init__(
        self,
        ctx: AppContext,
        apply_settings: Callable[[Settings], None],
        *,
        tray_available: bool,
        autostart: Autostart | None,
        autostart_note: str | None = None,
        menu_entry: MenuEntry | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``menu_entry`` is None where menus are not made of desktop entries (not Linux)."""
        super().__init__(parent)
        self._ctx = ctx
        self._apply = apply_settings
        self._tray = tray_available
        self._autostart = autostart
        self._menu_entry = menu_entry
        self._autostart_note = (
            autostart_note
            if autostart is not None
            else (autostart_note or self.tr("Starting at log-in cannot be set up on this system."))
        )
        self.wizard: WelcomeWizard | None = None

    @classmethod
    def at_first_start(
        cls,
        ctx: AppContext,
        apply_settings: Callable[[Settings], None],
        *,
        tray_available: bool,
        parent: QObject | None = None,
    ) -> WelcomeFlow | None:
        """The guide, shown, with this system's log-in start-up and menu entry, if this is
        the first start; else None (and nothing imported that the guide would need)."""
        if not needs_welcome(ctx.paths):
            return None
        from focusdesk.services.autostart import autostart_for, command_for
        from focusdesk.services.desktop_entry import desktop_entry_for

        command = command_for(ctx.paths.data_dir)
        backend = autostart_for(command)
        flow = cls(
            ctx,
            apply_settings,
            tray_available=tray_available,
            autostart=backend if backend.available else None,
            autostart_note=None if backend.available else backend.describe(),
            menu_entry=desktop_entry_for(command),
            parent=parent,
        )
        flow.offer()
        return flow

    def offer(self, parent: QWidget | None = None) -> bool:
        """Show the guide if this is the first start; True if it was shown."""
        if not needs_welcome(self._ctx.paths):
            return False
        self.show(parent)
        return True

    def show(self, parent: QWidget | None = None) -> None:
        """Show the guide (again, from the menu, or for the first time)."""
        if self.wizard is not None:
            self.wizard.raise_()
            self.wizard.activateWindow()
            return
        self.wizard = WelcomeWizard(
            self._ctx.settings,
            lambda: welcome_checks(self._tray),
            None if self._autostart is not None else self._autostart_note,
            parent,
            offer_menu_entry=self._menu_entry_missing(),
        )
        self.wizard.finished.connect(self._done)
        self.wizard.show()

    def _menu_entry_missing(self) -> bool:
        """Offered only where it would change something; unreadable counts as not offered,
        the user can still run ``focusdesk desktop-entry install`` and read its message."""
        if self._menu_entry is None:
            return False
        try:
            return not self._menu_entry.in_menu()
        except (OSError, FocusDeskError) as exc:
            log.warning("could not tell whether FocusDesk is in the applications menu: %s", exc)
            return False

    def _done(self, result: int) -> None:
        wizard = self.wizard
        assert wizard is not None
        self.wizard = None
        how = "finished" if result == QDialog.DialogCode.Accepted else "skipped"
        if how == "finished":
            self._apply(wizard.settings())
            wanted = wizard.autostart_wanted()
            if wanted is not None and self._autostart is not None:
                try:
                    self._autostart.enable() if wanted else self._autostart.disable()
                except (OSError, FocusDeskError) as exc:  # the other answers still count
                    log.warning("could not change start at log-in: %s", exc)
            if wizard.menu_entry_wanted() and self._menu_entry is not None:
                try:
                    self._menu_entry.install()
                except (OSError, FocusDeskError) as exc:
                    log.warning("could not add FocusDesk to the applications menu: %s", exc)
        mark_welcomed(self._ctx.paths, self._ctx.clock(), how)
        wizard.deleteLater()
        self.finished.emit(how)
