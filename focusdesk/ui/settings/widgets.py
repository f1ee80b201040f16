"""Small building blocks the Settings tabs share: buttons, choice boxes, tables."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)


def action_button(text: str, accessible: str) -> QPushButton:
    """A dialog button that Enter in a field does not press by accident."""
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    button.setAutoDefault(False)
    return button


def choice_box(labels: dict, accessible: str) -> QComboBox:  # type: ignore[type-arg]
    box = QComboBox()
    box.setAccessibleName(accessible)
    box.view().setAccessibleName(accessible + " choices")
    for value, label in labels.items():
        box.addItem(label, value)
    return box


def name_corner_button(table: QTableWidget, accessible: str) -> None:
    """Qt's select-all button in a table's corner is a control too, so it needs a name."""
    corner = table.findChild(QAbstractButton, "qt_tableview_cornerbutton")
    if corner is not None:
        corner.setAccessibleName(accessible)


def read_only_table(columns: tuple[str, ...], accessible: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels(list(columns))
    table.horizontalHeader().setAccessibleName(accessible + " columns")
    table.verticalHeader().setAccessibleName(accessible + " rows")
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.setCornerButtonEnabled(False)
    name_corner_button(table, "Select all " + accessible.lower())
    rows = table.verticalHeader()
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)  # compact, still readable
    header = table.horizontalHeader()
    for column in range(len(columns)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table


def beside_buttons(view: QWidget, *buttons: QPushButton) -> QHBoxLayout:
    """A list or table with its buttons in a column on the right, top-aligned."""
    column = QVBoxLayout()
    for button in buttons:
        column.addWidget(button)
    column.addStretch(1)
    row = QHBoxLayout()
    row.addWidget(view, 1)
    row.addLayout(column)
    return row
