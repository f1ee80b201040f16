"""The Settings dialog: edits a Settings value and hands it back, valid.

It never writes files; the caller saves what ``settings()`` returns. Every
check is the core's ``check_settings``, so the dialog and the settings file
loader can never disagree about what is allowed or how it is worded.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from focusdesk.core.errors import ValidationError
from focusdesk.core.settings import Settings, check_settings
from focusdesk.services.settings import default_settings
from focusdesk.ui.geometry import GeometryStore
from focusdesk.ui.settings.exit_lines import ExitLinesEditor
from focusdesk.ui.settings.feedback import ErrorLabel, sentence
from focusdesk.ui.settings.pages import BusinessPagesEditor
from focusdesk.ui.settings.tabs import RemindersTab, SessionsTab

_GEOMETRY_KEY = "settings"
# Wide enough for a page address and a two-line exit line without scrolling.
_FIRST_SIZE = QSize(640, 460)


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        geometry: GeometryStore | None = None,
    ) -> None:
        super().__init__(parent)
        self._base = settings
        self._defaults = default_settings()
        self._geometry = geometry
        self.setWindowTitle(self.tr("Settings"))  # Qt appends "— FocusDesk"
        self.setAccessibleName(self.tr("FocusDesk settings"))

        self.sessions = SessionsTab()
        self.exit_lines = ExitLinesEditor()
        self.pages = BusinessPagesEditor()
        self.reminders = RemindersTab()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        self.tabs.setUsesScrollButtons(False)  # every section's name stays in view
        self.tabs.addTab(self.sessions, self.tr("&Sessions"))
        self.tabs.addTab(self.exit_lines, self.tr("Polite e&xits"))
        self.tabs.addTab(self.pages, self.tr("&Business pages"))
        self.tabs.addTab(self.reminders, self.tr("&Reminders"))
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

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        self._labels: dict[str, ErrorLabel | ExitLinesEditor | BusinessPagesEditor] = {
            **self.sessions.errors,
            **self.reminders.errors,
            "polite_exit_lines": self.exit_lines,
            "business_pages": self.pages,
        }
        self._load(settings)
        for section in (self.sessions, self.exit_lines, self.pages, self.reminders):
            section.changed.connect(self.revalidate)
        self.revalidate()

        if geometry is None or not geometry.restore(self, _GEOMETRY_KEY):
            self.resize(self.sizeHint().expandedTo(_FIRST_SIZE))
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
        self.save_button.setEnabled(not found)

    def restore_defaults(self) -> None:
        self._load(self._defaults)
        self.revalidate()

    def accept(self) -> None:
        if self.problems():
            self.revalidate()
            return
        super().accept()

    def done(self, result: int) -> None:
        if self._geometry is not None:
            self._geometry.save(self, _GEOMETRY_KEY)
        super().done(result)

    def _load(self, settings: Settings) -> None:
        self.sessions.set_settings(settings)
        self.reminders.set_settings(settings)
        self.exit_lines.set_lines(settings.polite_exit_lines)
        self.pages.set_pages(settings.business_pages)

    def _values(self) -> dict[str, Any]:
        return {
            **self.sessions.values(),
            **self.reminders.values(),
            "polite_exit_lines": self.exit_lines.lines(),
            "business_pages": self.pages.pages(),
        }
