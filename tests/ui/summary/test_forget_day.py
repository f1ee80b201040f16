"""'Forget this day…' in the summary window: asked first, then the day's activities are gone."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from focusdesk.services.context import AppContext
from focusdesk.services.timeline import TimelineService
from focusdesk.ui.summary.presenter import SummaryPresenter
from tests.ui.summary.scenario import DAY


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    """Answer the confirmation with ``button``; returns the texts it showed."""
    asked: list[str] = []

    def question(_parent: Any, title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        asked.extend([title, text])
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_cancel_keeps_the_day(
    qtbot: QtBot,
    presenter: SummaryPresenter,
    filled_ctx: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = len(TimelineService(filled_ctx).day(DAY))
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(presenter.view.forget_day_button, Qt.MouseButton.LeftButton)
    assert asked and "cannot be undone" in asked[1] and f"({before} in all)" in asked[1]
    assert len(TimelineService(filled_ctx).day(DAY)) == before == 10
    assert presenter.view.totals.figure_text("casual") != "0m"
    assert not presenter.view.message.isVisible()


def test_confirming_forgets_the_day_and_says_how_much(
    qtbot: QtBot,
    presenter: SummaryPresenter,
    filled_ctx: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(presenter.view.forget_day_button, Qt.MouseButton.LeftButton)
    assert TimelineService(filled_ctx).day(DAY) == []
    assert presenter.view.message.text() == f"Forgot 10 activities of {DAY.isoformat()}."
    assert presenter.view.tabs.tabText(1) == "Activities (0)"
    assert presenter.view.activity_table.model().rowCount() == 0
    # The day before is untouched.
    assert TimelineService(filled_ctx).day(DAY.replace(day=DAY.day - 1))

    qtbot.mouseClick(presenter.view.forget_day_button, Qt.MouseButton.LeftButton)
    assert presenter.view.message.text() == "There was no activity to forget on that day."
