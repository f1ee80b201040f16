"""The day's activities as a sortable table: the keyboard path to relabelling.

The timeline strip is for the mouse; here every span is a row that the
arrow keys reach, and the Menu key or Shift+F10 opens the same relabel menu
as a right-click. A model/view pair, because a dense day has thousands of
spans and item widgets would cost a QObject each.
"""

from __future__ import annotations

from datetime import UTC, tzinfo
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from focusdesk.core.timebox import format_duration
from focusdesk.services.timeline import TimelineSpan
from focusdesk.ui.summary.style import category_color, category_label, clock_time

SPAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
START, DURATION, CATEGORY, APP, TITLE = range(5)
Index = QModelIndex | QPersistentModelIndex


class ActivityModel(QAbstractTableModel):
    """Spans as rows; colours come from the palette of the table that shows them."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self._view = view
        self._spans: list[TimelineSpan] = []
        self._tz: tzinfo = UTC

    def set_spans(self, spans: list[TimelineSpan], tz: tzinfo) -> None:
        self.beginResetModel()
        self._spans = sorted(spans, key=lambda s: s.start)
        self._tz = tz
        self.endResetModel()

    def span(self, row: int) -> TimelineSpan:
        return self._spans[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (self.tr("Start"), self.tr("Duration"), self.tr("Category"))
        return (*names, self.tr("App"), self.tr("Title"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        span = self._spans[index.row()]
        column = index.column()
        if role == SPAN_ID_ROLE:
            return span.id
        if role == SORT_ROLE:
            keys = (span.start.timestamp(), span.seconds, span.category.value, span.app.lower())
            return (*keys, span.title.lower())[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            texts = (
                clock_time(span.start, self._tz),
                format_duration(span.seconds),
                category_label(span.category),
                span.app,
                span.title,
            )
            return texts[column]
        if role == Qt.ItemDataRole.DecorationRole and column == CATEGORY:
            return category_color(span.category, self._view.palette())
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (START, DURATION):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ActivityTable(QTableView):
    """Emits ``spanMenuRequested(span_id, global_pos)`` on right-click, Menu key or Shift+F10."""

    spanMenuRequested = Signal(int, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = ActivityModel(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self._model)
        self._proxy.setSortRole(SORT_ROLE)
        self.setModel(self._proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(START, Qt.SortOrder.AscendingOrder)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        for column in (START, DURATION, CATEGORY, APP):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        self.setAccessibleName(self.tr("Activities of the day"))
        self.setAccessibleDescription(
            self.tr("Press the Menu key or Shift+F10 on a row to relabel it.")
        )

    def set_spans(self, spans: list[TimelineSpan], tz: tzinfo) -> None:
        """Replace the rows; a keyboard user keeps their place across a relabel's refresh."""
        was = self.current_span_id()
        self._model.set_spans(spans, tz)
        if was is not None and self.select_span(was):
            return
        if spans:  # a keyboard start point, not a selection
            self.selectionModel().setCurrentIndex(
                self._proxy.index(0, TITLE), QItemSelectionModel.SelectionFlag.NoUpdate
            )

    def span_ids(self) -> list[int]:
        """Span ids in the order shown (after sorting)."""
        return [
            int(self._proxy.index(row, 0).data(SPAN_ID_ROLE))
            for row in range(self._proxy.rowCount())
        ]

    def select_span(self, span_id: int) -> bool:
        """Make ``span_id``'s row current (without selecting it); False if it is not shown."""
        for row, shown in enumerate(self.span_ids()):
            if shown == span_id:
                self.selectionModel().setCurrentIndex(
                    self._proxy.index(row, TITLE), QItemSelectionModel.SelectionFlag.NoUpdate
                )
                self.scrollTo(self._proxy.index(row, TITLE))
                return True
        return False

    def current_span_id(self) -> int | None:
        index = self.currentIndex()
        return int(index.data(SPAN_ID_ROLE)) if index.isValid() else None

    def request_menu_for_current(self) -> None:
        """Open the relabel menu for the current row, placed beside that row."""
        index = self.currentIndex()
        if not index.isValid():
            return
        rect = self.visualRect(index)
        where = self.viewport().mapToGlobal(rect.bottomLeft())
        self.spanMenuRequested.emit(int(index.data(SPAN_ID_ROLE)), where)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Shift+F10 is the other menu key (the Menu key arrives as a context-menu event)."""
        if (
            event.key() == Qt.Key.Key_F10
            and event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            == Qt.KeyboardModifier.ShiftModifier
        ):
            self.request_menu_for_current()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            self.request_menu_for_current()
            return
        index = self.indexAt(event.pos())  # a scroll area's menu events are in viewport space
        if not index.isValid():
            event.ignore()
            return
        self.setCurrentIndex(index)
        self.spanMenuRequested.emit(int(index.data(SPAN_ID_ROLE)), event.globalPos())
