"""The guide's pages page: where the user does business, and where casual use belongs."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizardPage

from focusdesk.core.errors import ValidationError
from focusdesk.core.settings import Settings, check_settings
from focusdesk.ui.settings.pages import PagesTab


class PagesPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your pages"))
        self.setSubTitle(self.tr("Keep business and casual use on separate pages."))
        self.editors = PagesTab()
        self.business = self.editors.business
        self.personal = self.editors.personal
        self.editors.changed.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editors, 1)
        later = QLabel(self.tr("No pages yet? Skip this step and add them later in Settings."))
        later.setWordWrap(True)
        layout.addWidget(later)

    def set_settings(self, settings: Settings) -> None:
        self.business.set_pages(settings.business_pages)
        self.personal.set_pages(settings.personal_pages)
        self._check()

    def values(self) -> dict[str, Any]:
        return {"business_pages": self.business.pages(), "personal_pages": self.personal.pages()}

    def isComplete(self) -> bool:
        return not any(self._problems().values())

    def _problems(self) -> dict[str, str | None]:
        """Each table's problem, checked on its own so each shows its own message."""
        found: dict[str, str | None] = {}
        for name, value in self.values().items():
            try:
                check_settings(Settings(**{name: value}))
            except ValidationError as exc:
                found[name] = exc.message
            else:
                found[name] = None
        return found

    def _check(self) -> None:
        problems = self._problems()
        self.business.show_problem(problems["business_pages"])
        self.personal.show_problem(problems["personal_pages"])
        self.completeChanged.emit()
