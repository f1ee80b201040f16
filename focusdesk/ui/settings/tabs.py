"""The Sessions and Tracking tabs, and the form cells the Reminders tab shares.

Spin boxes already refuse numbers out of range, but a box the user has
emptied while typing has no number at all; that is reported beside the box
instead of silently keeping the old value.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from focusdesk.core.settings import Settings
from focusdesk.core.timebox import MAX_MINUTES, MIN_MINUTES
from focusdesk.ui.settings.feedback import ErrorLabel


def with_error(field: QWidget, error: ErrorLabel, hint: str | None = None) -> QWidget:
    """The field, an optional hint and its error label, stacked as one form cell.

    Hints do not wrap: a wrapped label inside a form cell gets its height from
    the wrong width and is clipped, while an unwrapped one widens the dialog.
    """
    cell = QWidget()
    layout = QVBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft)  # a click beside a box misses it
    if hint:
        note = QLabel(hint)
        layout.addWidget(note)
    layout.addWidget(error)
    return cell


class Form(QWidget):
    """A form whose rows each have an error label keyed by the settings field."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        # The form sits in a box layout, so a tab can add a growing part above or below it.
        self.outer = QVBoxLayout(self)
        self.outer.addLayout(self.form)
        self.outer.addStretch(1)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.errors: dict[str, ErrorLabel] = {}
        self._spins: dict[str, QSpinBox] = {}

    def _error_for(self, name: str, field: QWidget, accessible: str) -> ErrorLabel:
        error = ErrorLabel(field)
        error.setAccessibleName(accessible)
        self.errors[name] = error
        return error

    def _spin(self, name: str, low: int, high: int, accessible: str, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.setAccessibleName(accessible)
        spin.setMinimumWidth(110)
        spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        spin.valueChanged.connect(self.changed)
        # The box itself stays silent while its text is not a number; its editor does not.
        spin.lineEdit().textChanged.connect(self.changed)
        self._spins[name] = spin
        return spin

    def input_problems(self) -> dict[str, str]:
        """Boxes left without a number while typing (Qt would quietly restore the old one)."""
        return {
            name: self.tr("Enter a whole number from {low} to {high}.").format(
                low=spin.minimum(), high=spin.maximum()
            )
            for name, spin in self._spins.items()
            if not spin.hasAcceptableInput()
        }


class SessionsTab(Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        minutes = self.tr(" min")
        self.timebox = self._spin(
            "timebox_minutes",
            MIN_MINUTES,
            MAX_MINUTES,
            self.tr("Default time box in minutes"),
            minutes,
        )
        self.strict = QCheckBox(self.tr("Strict &mode: when time is up, move on"))
        self.strict.setAccessibleName(self.tr("Strict mode"))
        self.strict.toggled.connect(self._strict_toggled)
        self.strict.toggled.connect(self.changed)
        self.extensions = self._spin(
            "max_extensions", 0, 10, self.tr("Extensions allowed per session"), ""
        )
        self.extension_length = self._spin(
            "extension_minutes", 1, 60, self.tr("Length of one extension in minutes"), minutes
        )
        self.strict_note = QLabel(self.tr("Strict mode: no extensions"))
        self.strict_note.setAccessibleName(self.tr("Strict mode: no extensions"))
        self.nudge = self._spin(
            "nudge_repeat_minutes",
            1,
            60,
            self.tr("Repeat the time's-up nudge every so many minutes"),
            minutes,
        )
        self.compact = QCheckBox(self.tr("Show the &compact timer window during sessions"))
        self.compact.setAccessibleName(self.tr("Show the compact timer window during sessions"))
        self.compact.toggled.connect(self.changed)

        self.form.addRow(
            self.tr("Default &time box:"),
            with_error(
                self.timebox,
                self._error_for("timebox_minutes", self.timebox, self.tr("Time box problem")),
                self.tr("Offered first when you start a session."),
            ),
        )
        self.form.addRow(
            with_error(
                self.strict,
                self._error_for("strict_mode", self.strict, self.tr("Strict mode problem")),
            )
        )
        self.form.addRow(
            self.tr("Extensions &allowed:"),
            with_error(
                self.extensions,
                self._error_for(
                    "max_extensions", self.extensions, self.tr("Extensions allowed problem")
                ),
            ),
        )
        self.form.addRow(
            self.tr("Extension &length:"),
            with_error(
                self.extension_length,
                self._error_for(
                    "extension_minutes",
                    self.extension_length,
                    self.tr("Extension length problem"),
                ),
            ),
        )
        self.form.addRow("", self.strict_note)
        self.form.setRowVisible(self.strict_note, False)
        self.form.addRow(
            self.tr("&Nudge again every:"),
            with_error(
                self.nudge,
                self._error_for("nudge_repeat_minutes", self.nudge, self.tr("Nudge problem")),
                self.tr("While time is up and you have not moved on yet."),
            ),
        )
        self.form.addRow(
            with_error(
                self.compact,
                self._error_for(
                    "show_compact_window", self.compact, self.tr("Compact window problem")
                ),
            )
        )
        for field in (self.timebox, self.extensions, self.extension_length, self.nudge):
            label = self.form.labelForField(field.parentWidget())
            if isinstance(label, QLabel):
                label.setBuddy(field)

    def _strict_toggled(self, strict: bool) -> None:
        """Strict mode forbids extensions, so their settings do not apply; say so."""
        self.extensions.setEnabled(not strict)
        self.extension_length.setEnabled(not strict)
        self.form.setRowVisible(self.strict_note, strict)

    def set_settings(self, settings: Settings) -> None:
        self.timebox.setValue(settings.timebox_minutes)
        self.extensions.setValue(settings.max_extensions)
        self.extension_length.setValue(settings.extension_minutes)
        self.strict.setChecked(settings.strict_mode)
        self._strict_toggled(settings.strict_mode)
        self.nudge.setValue(settings.nudge_repeat_minutes)
        self.compact.setChecked(settings.show_compact_window)

    def values(self) -> dict[str, Any]:
        return {
            "timebox_minutes": self.timebox.value(),
            "max_extensions": self.extensions.value(),
            "extension_minutes": self.extension_length.value(),
            "strict_mode": self.strict.isChecked(),
            "nudge_repeat_minutes": self.nudge.value(),
            "show_compact_window": self.compact.isChecked(),
        }


class TrackingTab(Form):
    """How tracking judges the time: drift, the casual budget, being away."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drift = self._spin("drift_after_seconds", 10, 3600, self.tr("Drift nudge after"), " s")
        self.budget = self._spin(
            "casual_budget_minutes", 1, 24 * 60, self.tr("Daily casual budget"), " min"
        )
        self.away = self._spin("away_after_minutes", 1, 60, self.tr("Away after"), " min")
        for name, spin, text, hint in (
            ("drift_after_seconds", self.drift, self.tr("&Drift nudge after:"),
             self.tr("Casual use this long during a session brings a nudge.")),
            ("casual_budget_minutes", self.budget, self.tr("Daily &casual budget:"),
             self.tr("Outside sessions, one reminder once the day's casual use passes this.")),
            ("away_after_minutes", self.away, self.tr("&Away after:"),
             self.tr("No keyboard or mouse this long: the time is not counted.")),
        ):  # fmt: skip
            self.form.addRow(
                text,
                with_error(
                    spin,
                    self._error_for(name, spin, self.tr("%1 problem").replace("%1", name)),
                    hint,
                ),
            )
            buddy = self.form.labelForField(spin.parentWidget())
            if isinstance(buddy, QLabel):
                buddy.setBuddy(spin)

    def set_settings(self, settings: Settings) -> None:
        self.drift.setValue(settings.drift_after_seconds)
        self.budget.setValue(settings.casual_budget_minutes)
        self.away.setValue(settings.away_after_minutes)

    def values(self) -> dict[str, Any]:
        return {
            "drift_after_seconds": self.drift.value(),
            "casual_budget_minutes": self.budget.value(),
            "away_after_minutes": self.away.value(),
        }
