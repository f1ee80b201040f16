"""The guide's pages page: where the user does business, and where casual use belongs."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizardPage

from focusdesk.core.errors import ValidationError
from focusdesk.core.settings import Settings, check_settings
from focusdesk.ui.settings.pages import BusinessPagesEditor


class PagesPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your pages"))
        self.setSubTitle(
            self.tr(
                "Time on your business pages always counts as business, and the weekly "
                "clean-up opens them for you."
            )
        )
        self.business = BusinessPagesEditor()
        self.business.changed.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.business, 1)
        later = QLabel(self.tr("No pages yet? Skip this step and add them later in Settings."))
        later.setWordWrap(True)
        layout.addWidget(later)

    def set_settings(self, settings: Settings) -> None:
        self.business.set_pages(settings.business_pages)
        self._check()

    def values(self) -> dict[str, Any]:
        return {"business_pages": self.business.pages()}

    def isComplete(self) -> bool:
        return self._problem() is None

    def _problem(self) -> str | None:
        try:
            check_settings(Settings(business_pages=self.business.pages()))
        except ValidationError as exc:
            return exc.message
        return None

    def _check(self) -> None:
        self.business.show_problem(self._problem())
        self.completeChanged.emit()
