"""The welcome guide: a few questions at the first start, every one skippable.

The guide edits a Settings value and hands it back, as the Settings dialog
does; it writes nothing itself. "Skip this step" puts the page back to what
it showed when the guide opened and goes on; "Skip the guide" closes it with
nothing changed. Either way the caller marks the guide as seen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget, QWizard

from focusdesk.core.settings import Settings, check_settings
from focusdesk.services.doctor import Check
from focusdesk.ui.welcome.checkup_page import CheckupPage
from focusdesk.ui.welcome.intro_page import IntroPage
from focusdesk.ui.welcome.pages_page import PagesPage
from focusdesk.ui.welcome.reminders_page import RemindersPage
from focusdesk.ui.welcome.timebox_page import TimeBoxPage

_SKIP = QWizard.WizardButton.CustomButton1
_FIRST_SIZE = QSize(640, 520)


class WelcomeWizard(QWizard):
    def __init__(
        self,
        settings: Settings,
        checks: Callable[[], list[Check]],
        autostart_note: str | None = None,
        parent: QWidget | None = None,
        *,
        offer_menu_entry: bool = False,
    ) -> None:
        super().__init__(parent)
        self._base = settings
        self.setWindowTitle(self.tr("Welcome"))  # Qt appends "— FocusDesk"
        self.setAccessibleName(self.tr("FocusDesk welcome guide"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(_SKIP, self.tr("S&kip this step"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Skip the &guide"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Start using FocusDesk"))
        self.customButtonClicked.connect(self._skip_step)
        self.currentIdChanged.connect(self._update_skip)

        self.intro = IntroPage()
        self.pages = PagesPage()
        self.timebox = TimeBoxPage()
        self.reminders = RemindersPage()
        self.checkup = CheckupPage(checks, autostart_note, offer_menu_entry)
        for page in (self.intro, self.pages, self.timebox, self.reminders, self.checkup):
            self.addPage(page)
        self._load_all()
        self.resize(self.sizeHint().expandedTo(_FIRST_SIZE))

    def settings(self) -> Settings:
        """The answers as settings; the pages only let valid answers through."""
        values = {
            **self.pages.values(),
            **self.timebox.values(),
        }
        values.update(self.reminders.values(values["timebox_minutes"]))
        return check_settings(replace(self._base, **values))

    def autostart_wanted(self) -> bool | None:
        """Whether to start at log-in; None where it cannot be set up here."""
        return self.checkup.autostart.isChecked() if self.checkup.autostart.isEnabled() else None

    def menu_entry_wanted(self) -> bool | None:
        """Whether to add FocusDesk to the applications menu; None where it was not offered."""
        box = self.checkup.menu_entry
        return box.isChecked() if box.isEnabled() else None

    def _load_all(self) -> None:
        self.pages.set_settings(self._base)
        self.timebox.set_settings(self._base)
        self.reminders.set_settings(self._base)

    def _skip_step(self, which: int) -> None:
        page = self.currentPage()
        if page in (self.pages, self.timebox, self.reminders):
            page.set_settings(self._base)  # type: ignore[attr-defined]
        self.next()

    def _update_skip(self, _page_id: int) -> None:
        # Nothing to skip on the first page; on the last, Back and the log-in box say it all.
        self.button(_SKIP).setVisible(self.currentPage() not in (self.intro, self.checkup))
