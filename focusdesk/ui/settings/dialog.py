"""The Settings dialog: edits a Settings value, the rules and the privacy rules.

Without a backend it never writes anything: the caller saves what
``settings()`` returns. With one (the app passes a ``SettingsBackend``) it
also shows the Rules and Privacy tabs, and Save writes everything through
the backend on a worker thread, with progress in the status line; the
dialog closes (``accepted``) only once all of it is stored, and stays open
with the message if anything failed, so no edit is lost. Every check is the
core's, so the dialog, the settings file loader and the command line never
disagree about what is allowed or how it is worded.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QSize, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from focusdesk.core.errors import ValidationError
from focusdesk.core.settings import Settings, check_settings
from focusdesk.services.settings import default_settings
from focusdesk.ui.geometry import GeometryStore
from focusdesk.ui.settings.backend import SavePlan, SaveReport, SettingsBackend
from focusdesk.ui.settings.exit_lines import ExitLinesEditor
from focusdesk.ui.settings.feedback import ErrorLabel, sentence
from focusdesk.ui.settings.pages import PagesTab
from focusdesk.ui.settings.privacy_tab import PrivacyPresenter, PrivacyTab
from focusdesk.ui.settings.reminders_tab import RemindersTab
from focusdesk.ui.settings.rules_presenter import RulesPresenter
from focusdesk.ui.settings.rules_tab import RulesTab
from focusdesk.ui.settings.save_job import SaveJob
from focusdesk.ui.settings.tabs import SessionsTab, TrackingTab

_GEOMETRY_KEY = "settings"
# Wide enough for a page address and a two-line exit line without scrolling.
_FIRST_SIZE = QSize(720, 540)


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        geometry: GeometryStore | None = None,
        backend: SettingsBackend | None = None,
    ) -> None:
        super().__init__(parent)
        self._base = settings
        self._backend = backend
        self.report: SaveReport | None = None
        self._saving = False  # from Save until the worker's answer arrives
        self._defaults = default_settings()
        self._geometry = geometry
        self.setWindowTitle(self.tr("Settings"))  # Qt appends "— FocusDesk"
        self.setAccessibleName(self.tr("FocusDesk settings"))

        self.sessions = SessionsTab()
        self.exit_lines = ExitLinesEditor()
        self.pages_tab = PagesTab()
        self.pages = self.pages_tab.business
        self.personal_pages = self.pages_tab.personal
        self.reminders = RemindersTab()
        self.tracking = TrackingTab()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        self.tabs.setUsesScrollButtons(False)  # every section's name stays in view
        self.tabs.addTab(self.sessions, self.tr("&Sessions"))
        self.tabs.addTab(self.exit_lines, self.tr("Polite e&xits"))
        self.tabs.addTab(self.pages_tab, self.tr("Pa&ges"))
        self.tabs.addTab(self.reminders, self.tr("&Reminders"))
        self.tabs.addTab(self.tracking, self.tr("Trac&king"))
        self.rules: RulesPresenter | None = None
        self.privacy: PrivacyPresenter | None = None
        self.privacy_tab: PrivacyTab | None = None
        if backend is not None:
            self.rules = RulesPresenter(RulesTab(), backend, self)
            self.privacy_tab = PrivacyTab()
            self.privacy = PrivacyPresenter(self.privacy_tab, backend, self)
            self.tabs.addTab(self.rules.view, self.tr("Rules"))
            self.tabs.addTab(self.privacy_tab, self.tr("Pr&ivacy"))
        self.tabs.tabBar().setAccessibleName(self.tr("Settings sections"))

        # Problems in a field no tab shows (none today) still need a place to appear.
        self.general_error = ErrorLabel()
        self.general_error.setAccessibleName(self.tr("Settings problem"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.save_button = self._standard_button(
            QDialogButtonBox.StandardButton.Save, self.tr("Sa&ve"), self.tr("Save settings")
        )
        self.cancel_button = self._standard_button(
            QDialogButtonBox.StandardButton.Cancel, self.tr("Cancel"), self.tr("Cancel")
        )
        self.restore_button = self._standard_button(
            QDialogButtonBox.StandardButton.RestoreDefaults,
            self.tr("Restore de&faults"),
            self.tr("Restore default settings"),
        )
        self.save_button.setDefault(True)
        self.restore_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_defaults)

        # Saving can take a moment (history is re-labelled): say what is happening.
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Save status"))
        self.status.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName(self.tr("Saving"))
        self.busy.hide()
        self.job = SaveJob(self)
        self.job.progress.connect(self._save_progress)
        self.job.succeeded.connect(self._save_succeeded)
        self.job.failed.connect(self._save_failed)
        bottom = QHBoxLayout()
        bottom.addWidget(self.busy)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(bottom)

        self._labels: dict[str, Any] = {
            **self.sessions.errors,
            **self.reminders.errors,
            **self.tracking.errors,
            "polite_exit_lines": self.exit_lines,
            "business_pages": self.pages,
            "personal_pages": self.personal_pages,
            "session_reminders": self.reminders.sessions,
        }
        if self.rules is not None and self.privacy is not None:
            self._labels.update(rules=self.rules, privacy=self.privacy)
        self._load(settings)
        sections: list[Any] = [
            self.sessions,
            self.exit_lines,
            self.pages_tab,
            self.reminders,
            self.tracking,
        ]
        if self.rules is not None and self.privacy is not None and self.privacy_tab is not None:
            sections += [self.rules, self.privacy, self.privacy_tab]
        for section in sections:
            section.changed.connect(self.revalidate)
        self.revalidate()

        if geometry is None or not geometry.restore(self, _GEOMETRY_KEY):
            # Tables ask for more height than they need; their rows scroll, so the width
            # is what must fit (every tab's name), not the height.
            self.resize(QSize(self.sizeHint().width(), 0).expandedTo(_FIRST_SIZE))
        self.sessions.timebox.setFocus()

    def _standard_button(
        self, which: QDialogButtonBox.StandardButton, text: str, accessible: str
    ) -> QPushButton:
        button = self.buttons.button(which)
        button.setText(text)
        button.setAccessibleName(accessible)
        return button

    def settings(self) -> Settings:
        """The edited settings; raises ValidationError while anything is invalid."""
        return check_settings(replace(self._base, **self._values()))

    def problems(self) -> dict[str, str]:
        """Every invalid field with its message, not just the first one the core finds.

        ``check_settings`` stops at the first problem; putting the default back
        into each field it reports and checking again finds the others, so the
        user sees all of them at once.
        """
        values = self._values()
        found: dict[str, str] = {}
        found.update(self.sessions.input_problems())
        found.update(self.reminders.input_problems())
        found.update(self.tracking.input_problems())
        for presenter in (self.rules, self.privacy):
            if presenter is not None:
                found.update(presenter.problems())
        while True:
            candidate = {
                name: getattr(self._defaults, name) if name in found else value
                for name, value in values.items()
            }
            try:
                check_settings(replace(self._base, **candidate))
            except ValidationError as exc:
                if exc.field in found or exc.field not in values:
                    found.setdefault(exc.field, exc.message)
                    return found
                found[exc.field] = exc.message
            else:
                return found

    def revalidate(self) -> None:
        found = self.problems()
        for name, target in self._labels.items():
            message = found.get(name)
            if isinstance(target, ErrorLabel):
                target.show_message(sentence(message) if message else None)
            else:
                target.show_problem(message)
        stray = [sentence(message) for name, message in found.items() if name not in self._labels]
        self.general_error.show_message("\n".join(stray) or None)
        self.save_button.setEnabled(not found and not self._saving)

    def restore_defaults(self) -> None:
        self._load(self._defaults)
        self.revalidate()

    def plan(self) -> SavePlan:
        """Everything Save writes; raises ValidationError while anything is invalid."""
        return SavePlan(
            self.settings(),
            self.rules.plan() if self.rules is not None else None,
            self.privacy.plan() if self.privacy is not None else None,
        )

    def accept(self) -> None:
        if self.problems():
            self.revalidate()
            return
        if self._backend is None:
            super().accept()
            return
        backend, plan = self._backend, self.plan()
        self._set_busy(True, self.tr("Saving…"))
        self.job.start(lambda progress: backend.save(plan, progress))

    def done(self, result: int) -> None:
        if self._saving:
            return  # closing now would leave the user unsure what was saved
        if self._geometry is not None:
            self._geometry.save(self, _GEOMETRY_KEY)
        super().done(result)

    @Slot(str)
    def _save_progress(self, text: str) -> None:
        self.status.setText(text)

    @Slot(object)
    def _save_succeeded(self, report: SaveReport) -> None:
        self.report = report
        self._set_busy(False, "")
        super().accept()

    @Slot(str)
    def _save_failed(self, message: str) -> None:
        self._set_busy(False, "")
        self.general_error.show_message(
            self.tr("Not saved: {problem}").format(problem=sentence(message))
        )

    def _set_busy(self, busy: bool, text: str) -> None:
        self._saving = busy
        if self.rules is not None:
            self.rules.set_saving(busy)
        self.busy.setVisible(busy)
        self.status.setText(text)
        self.tabs.setEnabled(not busy)
        for button in (self.save_button, self.cancel_button, self.restore_button):
            button.setEnabled(not busy)
        if not busy:
            self.revalidate()

    def _load(self, settings: Settings) -> None:
        self.sessions.set_settings(settings)
        self.reminders.set_settings(settings)
        self.tracking.set_settings(settings)
        self.exit_lines.set_lines(settings.polite_exit_lines)
        self.pages.set_pages(settings.business_pages)
        self.personal_pages.set_pages(settings.personal_pages)
        if self.privacy_tab is not None:
            self.privacy_tab.set_settings(settings)

    def _values(self) -> dict[str, Any]:
        values = {
            **self.sessions.values(),
            **self.reminders.values(),
            **self.tracking.values(),
            "polite_exit_lines": self.exit_lines.lines(),
            "business_pages": self.pages.pages(),
            "personal_pages": self.personal_pages.pages(),
        }
        if self.privacy_tab is not None:
            values.update(self.privacy_tab.values())
        return values
