"""The Rules tab's layout: the ordered rules, the selected rule's fields, and the preview.

Layout only; ``RulesPresenter`` fills it and reacts to it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from focusdesk.core.enums import Category, RuleField
from focusdesk.ui.settings.feedback import ErrorLabel
from focusdesk.ui.settings.widgets import action_button, beside_buttons, choice_box, read_only_table

FIELD_LABELS = {RuleField.APP: "App", RuleField.TITLE: "Window title", RuleField.URL: "Address"}
CATEGORY_LABELS = {
    Category.BUSINESS: "Business",
    Category.CASUAL: "Casual",
    Category.NEUTRAL: "Neutral",
}
COLUMNS = ("Looks at", "Pattern", "Counts as")


class RulesTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            self.tr(
                "Rules say whether a window counts as business, casual or neutral. The first "
                "rule that matches wins; your business and personal pages come before all "
                "rules. Changes are kept when you press Save, and then re-label past activity."
            )
        )
        intro.setWordWrap(True)
        caption = QLabel(self.tr("R&ules, first match wins:"))
        self.table = read_only_table(COLUMNS, self.tr("Rules"))
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        caption.setBuddy(self.table)

        self.add_button = action_button(self.tr("&Add rule"), self.tr("Add a rule"))
        self.edit_button = action_button(self.tr("&Edit"), self.tr("Edit the selected rule"))
        self.remove_button = action_button(self.tr("Re&move"), self.tr("Remove the selected rule"))
        self.up_button = action_button(self.tr("Move u&p"), self.tr("Move the selected rule up"))
        self.down_button = action_button(
            self.tr("Move do&wn"), self.tr("Move the selected rule down")
        )
        top = beside_buttons(
            self.table,
            self.add_button,
            self.edit_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        )

        self.field = choice_box(FIELD_LABELS, self.tr("What the rule looks at"))
        self.pattern = QLineEdit()
        self.pattern.setAccessibleName(self.tr("Rule pattern"))
        self.pattern.setPlaceholderText(
            self.tr("e.g. messenger|inbox — matched anywhere, any case")
        )
        self.category = choice_box(CATEGORY_LABELS, self.tr("What a match counts as"))
        self.error = ErrorLabel(self.pattern)
        self.error.setAccessibleName(self.tr("Rule problem"))
        details = QGroupBox(self.tr("Selected rule"))
        form = QFormLayout(details)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        row = QHBoxLayout()
        row.addWidget(self.field)
        row.addWidget(self.pattern, 1)
        row.addWidget(self.category)
        label = QLabel(self.tr("&Looks at / pattern / counts as:"))
        label.setBuddy(self.pattern)
        form.addRow(label)
        form.addRow(row)
        form.addRow(self.error)
        self.details = details

        self.preview_caption = QLabel(self.tr("Today's activity this rule would re-label:"))
        self.preview_summary = QLabel()
        self.preview_summary.setAccessibleName(self.tr("Preview summary"))
        self.preview_summary.setWordWrap(True)
        self.preview = QListWidget()
        self.preview.setAccessibleName(self.tr("Preview against today's activity"))
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.preview.setMaximumHeight(self.fontMetrics().height() * 5)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(caption)
        layout.addLayout(top, 3)
        layout.addWidget(details)
        layout.addWidget(self.preview_caption)
        layout.addWidget(self.preview_summary)
        layout.addWidget(self.preview)
