"""The relabel menu shared by the timeline strip and the activity table.

One builder, so the mouse path and the keyboard path offer the same choices:
this span as business / casual / neutral, or "always treat <window> as …",
which the timeline service turns into a rule.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from focusdesk.services.timeline import TimelineSpan
from focusdesk.ui.summary.style import CATEGORIES, category_label

MAX_TITLE = 48


def _tr(text: str) -> str:
    return QCoreApplication.translate("RelabelMenu", text)


def window_name(span: TimelineSpan) -> str:
    """What an "always" rule matches: the title, or the app when there is no title."""
    text = span.title or span.app
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1] + "…"


def build_relabel_menu(
    parent: QWidget,
    span: TimelineSpan,
    choose: Callable[[int, str, bool], None],
    forget: Callable[[int], None] | None = None,
) -> QMenu:
    """A menu whose actions call ``choose(span_id, category, always)``, or ``forget(span_id)``."""
    menu = QMenu(parent)
    menu.setAccessibleName(_tr("Relabel activity"))
    menu.addSection(_tr("This activity is…"))
    group = QActionGroup(menu)
    for category in CATEGORIES:
        action = QAction(category_label(category), menu)
        action.setCheckable(True)
        action.setChecked(span.category == category)
        action.setObjectName(f"relabel-{category.value}")
        action.triggered.connect(lambda _checked=False, c=category.value: choose(span.id, c, False))
        group.addAction(action)
        menu.addAction(action)
    menu.addSeparator()
    name = window_name(span)
    for category in CATEGORIES:
        action = QAction(
            _tr("Always treat “{window}” as {category}").format(
                window=name, category=category_label(category)
            ),
            menu,
        )
        action.setObjectName(f"always-{category.value}")
        action.triggered.connect(lambda _checked=False, c=category.value: choose(span.id, c, True))
        menu.addAction(action)
    if forget is not None:
        menu.addSeparator()
        action = QAction(_tr("Forget this activity…"), menu)
        action.setObjectName("forget")
        action.triggered.connect(lambda _checked=False: forget(span.id))
        menu.addAction(action)
    return menu
