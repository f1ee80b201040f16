"""The guide's time-box page: how long a session lasts by default, and how firm the end is."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QWidget,
    QWizardPage,
)

from focusdesk.core.settings import Settings
from focusdesk.core.timebox import MAX_MINUTES, MIN_MINUTES


class TimeBoxPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your time box"))
        self.setSubTitle(
            self.tr("Decide how long a session lasts before you start it, not while you are in it.")
        )
        self.minutes = QSpinBox()
        self.minutes.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Preferred time box in minutes"))
        self.minutes.setMinimumWidth(110)
        self.minutes.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.strict = QCheckBox(
            self.tr("&Strict: when time is up, the session ends, no extensions")
        )
        self.strict.setAccessibleName(self.tr("Strict mode"))
        note = QLabel(
            self.tr(
                "Short sessions work best: 25 minutes is a good start. Without strict mode "
                "you may extend a session twice, by a few minutes."
            )
        )
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Preferred &time box:"), self.minutes)
        form.addRow(self.strict)
        form.addRow(note)
        label = form.labelForField(self.minutes)
        if isinstance(label, QLabel):
            label.setBuddy(self.minutes)

    def set_settings(self, settings: Settings) -> None:
        self.minutes.setValue(settings.timebox_minutes)
        self.strict.setChecked(settings.strict_mode)

    def values(self) -> dict[str, Any]:
        return {"timebox_minutes": self.minutes.value(), "strict_mode": self.strict.isChecked()}
