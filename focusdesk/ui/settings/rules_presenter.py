"""The Rules tab's logic: drafts of the rules, their checks, and the live preview.

Edits change drafts only; Save hands ``plan()`` to the backend (see
``backend.py``), Cancel forgets them. Every pattern is checked by the core
(``check_pattern``), so a pattern that could hang the tracker is refused
here with the same words as on the command line, and Save stays disabled.

The preview runs 250 ms after the last keystroke, on the GUI thread: on a
normal day it is one query and a few hundred classifications.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import QTableWidgetItem

from focusdesk.core.enums import Category, RuleField
from focusdesk.core.errors import FocusDeskError, ValidationError
from focusdesk.core.rules import Rule, check_pattern
from focusdesk.services.rules import PreviewLine
from focusdesk.ui.settings.backend import RulePlan, SettingsBackend
from focusdesk.ui.settings.feedback import sentence
from focusdesk.ui.settings.rules_tab import CATEGORY_LABELS, FIELD_LABELS, RulesTab

PREVIEW_DELAY_MS = 250
_LAST = 2**31 - 1


def duration_text(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} s"
    hours, minutes = divmod(round(seconds / 60), 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def preview_rows(lines: list[PreviewLine]) -> list[str]:
    """One row per window and change, with its total time, in order of first appearance."""
    grouped: dict[tuple[str, Category, Category], list[int]] = {}
    for line in lines:
        grouped.setdefault((line.title, line.old, line.new), []).append(line.seconds)
    rows = []
    for (title, old, new), seconds in grouped.items():
        count = f" ({len(seconds)} times)" if len(seconds) > 1 else ""
        rows.append(
            f"{title} — {CATEGORY_LABELS[old].lower()} → {CATEGORY_LABELS[new].lower()}, "
            f"{duration_text(sum(seconds))}{count}"
        )
    return rows


class RulesPresenter(QObject):
    changed = Signal()

    def __init__(
        self, view: RulesTab, backend: SettingsBackend, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        self._backend = backend
        self._drafts: list[Rule] = []
        self._stored: dict[int, int] = {}  # id -> stored position
        self._saving = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.run_preview)
        view.table.currentCellChanged.connect(self._selected)
        view.add_button.clicked.connect(self.add_rule)
        view.edit_button.clicked.connect(self.edit_current)
        view.remove_button.clicked.connect(self.remove_current)
        view.up_button.clicked.connect(lambda: self.move_current(-1))
        view.down_button.clicked.connect(lambda: self.move_current(1))
        view.field.currentIndexChanged.connect(self._form_edited)
        view.category.currentIndexChanged.connect(self._form_edited)
        view.pattern.textEdited.connect(self._form_edited)
        self.load()

    # -- what the dialog asks -------------------------------------------------------------

    def load(self) -> None:
        rules = self._backend.rules()
        self._stored = {r.id: r.position for r in rules if r.id is not None}
        self._drafts = list(rules)
        self._fill_table()
        self._select_row(0 if rules else -1)
        self.changed.emit()

    def drafts(self) -> list[Rule]:
        return [replace(rule, position=index) for index, rule in enumerate(self._drafts)]

    def plan(self) -> RulePlan:
        return RulePlan(frozenset(self._stored), tuple(self.drafts()))

    def problems(self) -> dict[str, str]:
        problem = self._first_problem()
        return {"rules": problem} if problem else {}

    def show_problem(self, message: str | None) -> None:
        self.view.error.show_message(sentence(message) if message else None)

    def set_saving(self, saving: bool) -> None:
        """No preview while Save writes: it would read rules that are half changed."""
        self._saving = saving
        self._timer.stop()

    # -- user actions ---------------------------------------------------------------------

    def add_rule(self) -> None:
        self._drafts.append(Rule(RuleField.TITLE, "", Category.BUSINESS))
        self._fill_table()
        self._select_row(len(self._drafts) - 1)
        self.view.pattern.setFocus()
        self._emit_changed()

    def edit_current(self) -> None:
        if self.current_row() >= 0:
            self.view.pattern.setFocus()
            self.view.pattern.selectAll()

    def remove_current(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        del self._drafts[row]
        self._fill_table()
        self._select_row(min(row, len(self._drafts) - 1))
        self._emit_changed()

    def move_current(self, step: int) -> None:
        row = self.current_row()
        target = row + step
        if row < 0 or not 0 <= target < len(self._drafts):
            return
        drafts = self._drafts
        drafts[row], drafts[target] = drafts[target], drafts[row]
        self._fill_table()
        self._select_row(target)
        self._emit_changed()

    def current_row(self) -> int:
        return self.view.table.currentRow()

    # -- preview --------------------------------------------------------------------------

    def run_preview(self) -> None:
        """Show what the selected draft would re-label today (compared with the saved rules)."""
        self._timer.stop()
        if self._saving:
            return
        view = self.view
        view.preview.clear()
        row = self.current_row()
        if row < 0:
            view.preview_summary.setText(self.tr("Select a rule to see what it would change."))
            return
        rule = self._drafts[row]
        if self._row_problem(row):
            view.preview_summary.setText(self.tr("Fix the pattern to see a preview."))
            return
        following = (self._stored[d.id] for d in self._drafts[row + 1 :] if d.id in self._stored)
        try:
            lines = self._backend.preview(replace(rule, position=next(following, _LAST)))
        except FocusDeskError as exc:
            view.preview_summary.setText(
                self.tr("No preview: {problem}").format(problem=sentence(str(exc)))
            )
            return
        if not lines:
            view.preview_summary.setText(self.tr("Nothing from today's activity would change."))
            return
        total = sum(line.seconds for line in lines)
        view.preview_summary.setText(
            self.tr("{n} of today's activities, {time} in all, would change category.").format(
                n=len(lines), time=duration_text(total)
            )
        )
        view.preview.addItems(preview_rows(lines))

    # -- internals ------------------------------------------------------------------------

    def _form_edited(self, *_args: object) -> None:
        row = self.current_row()
        if row < 0:
            return
        view = self.view
        self._drafts[row] = replace(
            self._drafts[row],
            # Qt hands enum data back as plain text; the draft keeps the enums.
            field=RuleField(view.field.currentData()),
            pattern=view.pattern.text(),
            category=Category(view.category.currentData()),
        )
        self._fill_row(row)
        self._emit_changed()

    def _emit_changed(self) -> None:
        self._update_buttons()
        if not self._saving:
            self._timer.start()
        self.changed.emit()

    def _selected(self, row: int, *_rest: object) -> None:
        view = self.view
        rule = self._drafts[row] if 0 <= row < len(self._drafts) else None
        view.details.setEnabled(rule is not None)
        with QSignalBlocker(view.field), QSignalBlocker(view.category):
            if rule is not None:
                view.field.setCurrentIndex(view.field.findData(rule.field))
                view.category.setCurrentIndex(view.category.findData(rule.category))
        if rule is None or view.pattern.text() != rule.pattern:
            view.pattern.setText(rule.pattern if rule is not None else "")
        self._update_buttons()
        self.changed.emit()  # the problem shown depends on the selected row
        self.run_preview()

    def _select_row(self, row: int) -> None:
        table = self.view.table
        if row < 0:
            table.setCurrentCell(-1, -1)
            self._selected(-1)
        else:
            table.setCurrentCell(row, 1)
            table.scrollToItem(table.item(row, 1))
            if table.currentRow() == row:
                self._selected(row)

    def _fill_table(self) -> None:
        table = self.view.table
        with QSignalBlocker(table):
            table.setRowCount(len(self._drafts))
            for row in range(len(self._drafts)):
                self._fill_row(row)

    def _fill_row(self, row: int) -> None:
        rule = self._drafts[row]
        texts = (FIELD_LABELS[rule.field], rule.pattern, CATEGORY_LABELS[rule.category])
        for column, text in enumerate(texts):
            item = self.view.table.item(row, column)
            if item is None:
                self.view.table.setItem(row, column, QTableWidgetItem(text))
            elif item.text() != text:
                item.setText(text)

    def _update_buttons(self) -> None:
        view, row, count = self.view, self.current_row(), len(self._drafts)
        view.edit_button.setEnabled(row >= 0)
        view.remove_button.setEnabled(row >= 0)
        view.up_button.setEnabled(row > 0)
        view.down_button.setEnabled(0 <= row < count - 1)

    def _row_problem(self, row: int) -> str | None:
        rule = self._drafts[row]
        try:
            check_pattern(rule.pattern)
        except ValidationError as exc:
            return exc.message
        for other in self._drafts[:row]:
            if (other.field, other.pattern) == (rule.field, rule.pattern):
                return self.tr("another rule above already looks for this pattern there.")
        return None

    def _first_problem(self) -> str | None:
        """The selected rule's problem first (it is the one being typed), then any other."""
        current = self.current_row()
        if current >= 0:
            problem = self._row_problem(current)
            if problem:
                return problem
        for row in range(len(self._drafts)):
            problem = self._row_problem(row)
            if problem:
                return self.tr("Rule {n}: {problem}").format(n=row + 1, problem=problem)
        return None
