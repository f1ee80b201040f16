"""The guide's last page: what works on this computer, starting at log-in, and the
applications menu.

The checks run when the page is first shown, not when the guide opens: they
look at D-Bus and the window system, which takes a moment, and a user who
skips the guide early should not wait for them.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget, QWizardPage

from focusdesk.services.doctor import Check

_MARKS = {True: "✓", None: "!", False: "✗"}


class CheckupPage(QWizardPage):
    def __init__(
        self,
        checks: Callable[[], list[Check]],
        autostart_note: str | None,
        offer_menu_entry: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """``autostart_note`` is None where starting at log-in can be set up, else why not.
        ``offer_menu_entry``: a Linux desktop whose menu does not show FocusDesk yet (a pip
        install or an unpacked bundle); elsewhere the box would only be noise, so it is hidden."""
        super().__init__(parent)
        self._checks = checks
        self.found: list[Check] | None = None
        self.setTitle(self.tr("Ready to go"))
        self.setSubTitle(self.tr("What FocusDesk found on this computer."))
        self.report = QLabel(self.tr("Checking…"))
        self.report.setWordWrap(True)
        self.report.setAccessibleName(self.tr("What works on this computer"))
        self.autostart = QCheckBox(self.tr("Start FocusDesk when I &log in"))
        self.autostart.setAccessibleName(self.tr("Start FocusDesk when I log in"))
        self.autostart.setChecked(autostart_note is None)
        self.autostart.setEnabled(autostart_note is None)
        self.autostart_note = QLabel(autostart_note or "")
        self.autostart_note.setWordWrap(True)
        self.autostart_note.setVisible(autostart_note is not None)
        self.menu_entry = QCheckBox(self.tr("Add FocusDesk to the applications &menu"))
        self.menu_entry.setAccessibleName(self.tr("Add FocusDesk to the applications menu"))
        self.menu_entry.setChecked(offer_menu_entry)
        self.menu_entry.setVisible(offer_menu_entry)
        self.menu_entry.setEnabled(offer_menu_entry)
        layout = QVBoxLayout(self)
        layout.addWidget(self.report)
        layout.addStretch(1)
        layout.addWidget(self.autostart)
        layout.addWidget(self.autostart_note)
        layout.addWidget(self.menu_entry)

    def initializePage(self) -> None:
        if self.found is None:
            self.found = self._checks()
            self.report.setText(self._describe(self.found))

    def _describe(self, found: list[Check]) -> str:
        rows = "".join(
            f"<tr><td style='padding-right:8px'><b>{_MARKS[check.ok]}</b></td>"
            f"<td><b>{escape(check.name)}</b><br>{escape(check.detail)}</td></tr>"
            for check in found
        )
        return f"<table cellspacing='6'>{rows}</table>"
