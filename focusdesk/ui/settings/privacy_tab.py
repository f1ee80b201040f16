"""The Privacy tab: what is never recorded, what is recorded without its text.

``PrivacyTab`` is layout only; ``PrivacyPresenter`` keeps the drafts of the
privacy rules and checks the one being typed with the core's pattern check.
Like the rules, privacy rules are written on Save.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from focusdesk.core.enums import RuleField
from focusdesk.core.errors import ValidationError
from focusdesk.core.privacy import PrivacyAction, PrivacyRule
from focusdesk.core.rules import check_pattern
from focusdesk.core.settings import Settings
from focusdesk.ui.settings.backend import PrivacyPlan, SettingsBackend
from focusdesk.ui.settings.feedback import ErrorLabel, sentence
from focusdesk.ui.settings.rules_tab import FIELD_LABELS
from focusdesk.ui.settings.widgets import (
    action_button,
    beside_buttons,
    choice_box,
    read_only_table,
)

ACTION_LABELS = {PrivacyAction.EXCLUDE: "Exclude", PrivacyAction.REDACT: "Redact"}


class PrivacyTab(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            self.tr(
                "Nothing leaves this computer. <b>Exclude</b>: the window is never recorded, "
                "only that some time was excluded. <b>Redact</b>: the app and whether it was "
                "business or casual are kept, its title and address are not."
            )
        )
        intro.setWordWrap(True)
        self.record_private = QCheckBox(self.tr("Record &private and incognito browser windows"))
        self.record_private.setAccessibleName(self.tr("Record private and incognito windows"))
        self.record_private.toggled.connect(self.changed)
        caption = QLabel(self.tr("Privacy ru&les:"))
        self.table = read_only_table(("Action", "Looks at", "Pattern"), self.tr("Privacy rules"))
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        caption.setBuddy(self.table)
        self.remove_button = action_button(
            self.tr("Re&move"), self.tr("Remove the selected privacy rule")
        )
        self.action = choice_box(ACTION_LABELS, self.tr("New privacy rule action"))
        self.field = choice_box(FIELD_LABELS, self.tr("What the new privacy rule looks at"))
        self.field.setCurrentIndex(self.field.findData(RuleField.TITLE))  # the usual choice
        self.pattern = QLineEdit()
        self.pattern.setAccessibleName(self.tr("New privacy rule pattern"))
        self.pattern.setPlaceholderText(self.tr("e.g. bank|health — matched anywhere, any case"))
        self.add_button = action_button(self.tr("&Add privacy rule"), self.tr("Add privacy rule"))
        self.error = ErrorLabel(self.pattern)
        self.error.setAccessibleName(self.tr("Privacy rule problem"))

        table_row = beside_buttons(self.table, self.remove_button)
        new_row = QHBoxLayout()
        new_label = QLabel(self.tr("&New:"))
        new_label.setBuddy(self.action)
        for widget in (new_label, self.action, self.field):
            new_row.addWidget(widget)
        new_row.addWidget(self.pattern, 1)
        new_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.record_private, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(6)
        layout.addWidget(caption)
        layout.addLayout(table_row, 1)
        layout.addLayout(new_row)
        layout.addWidget(self.error)

    def set_settings(self, settings: Settings) -> None:
        self.record_private.setChecked(not settings.exclude_private_windows)

    def values(self) -> dict[str, Any]:
        return {"exclude_private_windows": not self.record_private.isChecked()}


class PrivacyPresenter(QObject):
    changed = Signal()

    def __init__(
        self, view: PrivacyTab, backend: SettingsBackend, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        self._drafts: list[PrivacyRule] = backend.privacy_rules()
        self._shown = frozenset(r.id for r in self._drafts if r.id is not None)
        view.add_button.clicked.connect(self.add_rule)
        view.pattern.returnPressed.connect(self.add_rule)
        view.remove_button.clicked.connect(self.remove_current)
        view.pattern.textChanged.connect(self._emit_changed)
        view.field.currentIndexChanged.connect(self._emit_changed)
        view.table.currentCellChanged.connect(self._update_buttons)
        self._fill_table()

    def drafts(self) -> list[PrivacyRule]:
        return list(self._drafts)

    def plan(self) -> PrivacyPlan:
        return PrivacyPlan(self._shown, tuple(self._drafts))

    def problems(self) -> dict[str, str]:
        """The rule being typed: wrong, or right but not added yet (Save would drop it)."""
        if not self.view.pattern.text():
            return {}
        problem = self._pending_problem()
        if problem is None:
            problem = self.tr("press Add privacy rule to keep the rule you typed, or clear it.")
        return {"privacy": problem}

    def show_problem(self, message: str | None) -> None:
        self.view.error.show_message(sentence(message) if message else None)

    def add_rule(self) -> None:
        view = self.view
        if self._pending_problem() is not None:
            self.changed.emit()
            return
        self._drafts.append(
            PrivacyRule(
                RuleField(view.field.currentData()),
                view.pattern.text(),
                PrivacyAction(view.action.currentData()),
            )
        )
        self._fill_table()
        view.table.setCurrentCell(len(self._drafts) - 1, 0)
        view.pattern.clear()  # emits changed

    def remove_current(self) -> None:
        row = self.view.table.currentRow()
        if row >= 0:
            del self._drafts[row]
            self._fill_table()
            self._emit_changed()

    def _pending_problem(self) -> str | None:
        pattern = self.view.pattern.text()
        field = RuleField(self.view.field.currentData())
        try:
            check_pattern(pattern)
        except ValidationError as exc:
            return exc.message
        if any((r.field, r.pattern) == (field, pattern) for r in self._drafts):
            return self.tr("there is a privacy rule for this already.")
        return None

    def _fill_table(self) -> None:
        table = self.view.table
        with QSignalBlocker(table):
            table.setRowCount(len(self._drafts))
            for row, rule in enumerate(self._drafts):
                texts = (ACTION_LABELS[rule.action], FIELD_LABELS[rule.field], rule.pattern)
                for column, text in enumerate(texts):
                    table.setItem(row, column, QTableWidgetItem(text))
        self._update_buttons()

    def _emit_changed(self, *_args: object) -> None:
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self, *_args: object) -> None:
        view = self.view
        view.remove_button.setEnabled(view.table.currentRow() >= 0)
        view.add_button.setEnabled(bool(view.pattern.text()) and self._pending_problem() is None)
