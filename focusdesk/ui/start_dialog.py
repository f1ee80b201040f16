"""The start-session dialog: an objective, a purpose, a time box, maybe a target.

Layout and inline validation only. The checks are the core's own
(``check_objective``, ``check_minutes``), so the dialog and the CLI refuse
and coach in the same words; the caller starts the session.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from focusdesk.core.enums import Purpose
from focusdesk.core.errors import ValidationError
from focusdesk.core.objective import check_objective
from focusdesk.core.settings import Settings
from focusdesk.core.timebox import check_minutes
from focusdesk.ui.style import error_label, hint_label

PRESETS = (15, 25, 45, 60)


@dataclass(frozen=True, slots=True)
class StartRequest:
    objective: str
    minutes: int
    target: int | None
    purpose: Purpose
    page_url: str | None


class StartSessionDialog(QDialog):
    def __init__(
        self, settings: Settings, recent: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start a focus session"))
        self.setAccessibleName(self.tr("Start a focus session"))
        self._purpose_labels = {
            Purpose.PROSPECTING: self.tr("Prospecting"),
            Purpose.FOLLOW_UP: self.tr("Follow-up"),
            Purpose.CONTENT: self.tr("Content"),
            Purpose.COMMUNITY: self.tr("Community"),
            Purpose.CLEAN_UP: self.tr("Page clean-up"),
        }
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.objective = QComboBox()
        self.objective.setEditable(True)
        self.objective.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.objective.addItems(recent)
        self.objective.setCurrentIndex(-1)
        self.objective.lineEdit().setPlaceholderText(
            self.tr("e.g. Message 5 people who commented on my post")
        )
        self.objective.lineEdit().setMaxLength(400)
        self.objective.setAccessibleName(self.tr("Objective"))
        self.objective.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.objective_error = error_label()
        self.objective_hint = hint_label()
        objective_label = QLabel(self.tr("&Objective:"))
        objective_label.setBuddy(self.objective)
        form.addRow(objective_label, self.objective)
        # Full-width rows: wrapped text inside a form cell is clipped by Qt.
        form.addRow(self.objective_error)
        form.addRow(self.objective_hint)

        self.purpose = QComboBox()
        for purpose, label in self._purpose_labels.items():
            self.purpose.addItem(label, purpose)
        self.purpose.setAccessibleName(self.tr("Purpose"))
        purpose_label = QLabel(self.tr("&Purpose:"))
        purpose_label.setBuddy(self.purpose)
        form.addRow(purpose_label, self.purpose)

        self.target = QSpinBox()
        self.target.setRange(0, 10_000)
        self.target.setSpecialValueText(self.tr("no target"))
        self.target.setAccessibleName(self.tr("Measurable target"))
        self.target.setToolTip(
            self.tr("How many? e.g. 5 conversations. Leave at 'no target' for none.")
        )
        target_label = QLabel(self.tr("&Target:"))
        target_label.setBuddy(self.target)
        form.addRow(target_label, self.target)

        self.presets = QButtonGroup(self)
        preset_row = QHBoxLayout()
        for minutes in PRESETS:
            button = QPushButton(self.tr("%n min", "", minutes))
            button.setCheckable(True)
            button.setAccessibleName(self.tr("%n minute time box", "", minutes))
            button.setAutoDefault(False)
            self.presets.addButton(button, minutes)
            preset_row.addWidget(button)
        self.custom = QLineEdit()
        self.custom.setMaximumWidth(70)
        self.custom.setPlaceholderText(self.tr("1-240"))
        self.custom.setAccessibleName(self.tr("Custom time box in minutes"))
        preset_row.addWidget(QLabel(self.tr("or")))
        preset_row.addWidget(self.custom)
        preset_row.addWidget(QLabel(self.tr("min")))
        preset_row.addStretch(1)
        self.minutes_error = error_label()
        box_label = QLabel(self.tr("Time &box:"))
        box_label.setBuddy(self.custom)
        form.addRow(box_label, preset_row)
        form.addRow(self.minutes_error)

        self.page = QComboBox()
        self.page.addItem(self.tr("Don't open a page"), None)
        for page in settings.business_pages:
            self.page.addItem(page.name, page.url)
        self.page.setAccessibleName(self.tr("Business page to open"))
        page_label = QLabel(self.tr("Open pa&ge:"))
        page_label.setBuddy(self.page)
        form.addRow(page_label, self.page)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.addButton(
            self.tr("&Start"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setAccessibleName(self.tr("Start the session"))
        self.start_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.setAutoDefault(False)  # Enter starts; Escape cancels
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(540)

        self._select_minutes(settings.timebox_minutes)
        self.objective.editTextChanged.connect(self._validate)
        self.target.valueChanged.connect(self._validate)
        self.custom.textEdited.connect(self._custom_edited)
        self.presets.idClicked.connect(self._preset_clicked)
        self.objective.setFocus(Qt.FocusReason.OtherFocusReason)
        self._validate()

    def prefill(self, objective: str, minutes: int) -> None:
        """Fill in a planned session (a reminder's "Start now"); the user can still edit."""
        self.objective.setEditText(objective)
        self._select_minutes(minutes)
        self._custom_edited(self.custom.text())  # a custom length replaces the preset choice

    def _select_minutes(self, minutes: int) -> None:
        button = self.presets.button(minutes)
        if button is not None:
            button.setChecked(True)
            self.custom.clear()
        else:
            self.custom.setText(str(minutes))

    def _preset_clicked(self, minutes: int) -> None:
        self.custom.clear()
        self._validate()

    def _custom_edited(self, text: str) -> None:
        # Typing a custom value replaces the preset choice.
        checked = self.presets.checkedButton()
        if text.strip() and checked is not None:
            self.presets.setExclusive(False)
            checked.setChecked(False)
            self.presets.setExclusive(True)
        self._validate()

    def _minutes(self) -> int:
        if self.custom.text().strip():
            return check_minutes(self.custom.text(), field="minutes")
        checked = self.presets.checkedId()
        if checked < 0:
            raise ValidationError("minutes", self.tr("Choose a time box."))
        return checked

    def _validate(self) -> bool:
        valid = True
        try:
            check = check_objective(
                self.objective.currentText(), has_target=self.target.value() > 0
            )
            self.objective_error.hide()
            self.objective_hint.setText(check.hint or "")
            self.objective_hint.setVisible(bool(check.hint))
        except ValidationError as exc:
            valid = False
            self.objective_hint.hide()
            # An empty field is not an error yet, only a reason Start is disabled.
            show = bool(self.objective.currentText())
            self.objective_error.setText(exc.message)
            self.objective_error.setVisible(show)
        try:
            self._minutes()
            self.minutes_error.hide()
        except ValidationError as exc:
            valid = False
            self.minutes_error.setText(exc.message)
            self.minutes_error.show()
        self.start_button.setEnabled(valid)
        if valid:
            # Qt hands "default" to another button while this one is disabled and does
            # not give it back: without this, Enter after typing a valid objective
            # pressed Cancel (seen by hand under Xvfb).
            self.start_button.setDefault(True)
        self._fit_height()
        return valid

    def _fit_height(self) -> None:
        """Grow to show a wrapped hint or error in full (QFormLayout does not on its own)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        wanted = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        wanted = max(wanted, self.sizeHint().height())
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def accept(self) -> None:
        if self._validate():
            super().accept()

    def request(self) -> StartRequest:
        """The validated choices; call after the dialog was accepted."""
        check = check_objective(self.objective.currentText(), has_target=self.target.value() > 0)
        return StartRequest(
            objective=check.text,
            minutes=self._minutes(),
            target=self.target.value() or None,
            purpose=Purpose(self.purpose.currentData()),
            page_url=self.page.currentData(),
        )
