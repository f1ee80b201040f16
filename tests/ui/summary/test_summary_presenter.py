"""The summary window driven through its presenter, on a real database."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from focusdesk.core.enums import Category
from focusdesk.services.context import AppContext
from focusdesk.services.reports import ReportService
from focusdesk.services.rules import RuleService
from focusdesk.services.sessions import SessionService
from focusdesk.ui.geometry import GeometryStore
from focusdesk.ui.summary.activity_table import SPAN_ID_ROLE
from focusdesk.ui.summary.presenter import SummaryPresenter
from tests.support.clock import FakeClock
from tests.ui.summary.scenario import DAY


def test_totals_show_the_days_business_casual_and_neutral_time(
    presenter: SummaryPresenter,
) -> None:
    totals = presenter.view.totals
    # Business: mail 25m + Messenger 18m + group 14m + LinkedIn 40m = 1h37m.
    assert totals.figure_text("business") == "1h37m"
    # Casual: Reels 6m + Watch 18m + Instagram 35m + YouTube 25m = 1h24m.
    assert totals.figure_text("casual") == "1h24m"
    assert totals.figure_text("neutral") == "2h10m"
    assert totals.total_text(Category.BUSINESS, 97 * 60) == "Business 1h37m"
    assert totals.detail_text("business") == "31 % of tracked time"


def test_each_session_is_a_row_with_objective_target_outcome_overrun_extensions(
    presenter: SummaryPresenter,
) -> None:
    table = presenter.view.sessions_table
    assert table.rowCount() == 2
    first, second = table.row_texts(0), table.row_texts(1)
    assert first[:8] == [
        "09:00–09:24",
        "Message 5 prospects who commented on my post",
        "prospecting",
        "5 of 5",
        "met",
        "none",
        "0",
        "18m / 6m",
    ]
    assert second[1:7] == [
        "Post a helpful tip in Team Alpha group",
        "content",
        "—",
        "missed",
        "12m00s",
        "1",
    ]
    assert presenter.view.tabs.tabText(0) == "Sessions (2)"


def test_a_running_session_and_one_without_outcome_say_so(
    qtbot: QtBot, sqlite_ctx: AppContext, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))
    sessions = SessionService(sqlite_ctx)
    sessions.start("Reply to every comment on today's post", 20)
    clock.advance(minutes=10)
    sessions.stop()
    sessions.start("Follow up with Anna and Ben", 15, target=2, purpose="follow-up")
    clock.advance(minutes=20)
    shown = SummaryPresenter(sqlite_ctx, None)
    qtbot.addWidget(shown.view)
    shown.show_day()
    table = shown.view.sessions_table
    assert [table.row_texts(r)[4] for r in range(2)] == ["no outcome", "running"]
    assert table.row_texts(1)[3] == "— of 2"
    assert table.row_texts(1)[5] == "5m00s"  # overrun so far
    assert shown.view.totals.figure_text("ratio") == "no pitch yet"


def test_scorecard_shows_the_cleanup_week_and_asks_for_personal_pages(
    presenter: SummaryPresenter,
) -> None:
    values = presenter.view.scorecard.value_texts()
    assert values[:3] == ["2 of 2", "1 of 2", "24 min"]
    assert values[3:] == [
        "not done this week (due Friday)",
        "register your personal pages in Settings",
    ]


def test_value_pitch_ratio_and_counts(presenter: SummaryPresenter) -> None:
    totals = presenter.view.totals
    assert totals.figure_text("ratio") == "3 : 1"
    assert totals.detail_text("ratio") == "3 value · 1 pitch"


def test_trend_chart_has_three_stacked_sets_matching_the_seven_day_trend(
    presenter: SummaryPresenter, filled_ctx: AppContext
) -> None:
    trend = ReportService(filled_ctx).day_summary(DAY).trend
    sets = presenter.view.trend.bar_sets()
    assert [s.label() for s in sets] == ["Business", "Casual", "Neutral"]
    for bar_set, name in zip(sets, ("business", "casual", "neutral"), strict=True):
        expected = [getattr(t, f"{name}_s") / 3600 for _, t in trend]
        assert [bar_set.at(i) for i in range(bar_set.count())] == pytest.approx(expected)
        assert bar_set.count() == 7
    labels = presenter.view.trend.categories()
    assert labels[0].endswith("20") and labels[-1].endswith("26")


def test_previous_next_and_today_buttons_show_other_days(
    qtbot: QtBot, presenter: SummaryPresenter
) -> None:
    view = presenter.view
    assert not view.next_button.isEnabled()  # nothing after today
    qtbot.mouseClick(view.prev_button, Qt.MouseButton.LeftButton)
    assert presenter.day == DAY - timedelta(days=1)
    assert view.date_edit.date().day() == 25
    # The day before has Messenger 9:00-9:30, Reels 13:00-13:05 and an hour of notes.
    assert view.totals.figure_text("business") == "30m"
    assert view.totals.figure_text("casual") == "5m"
    assert view.sessions_table.rowCount() == 0
    assert view.tabs.tabText(1) == "Activities (3)"
    qtbot.mouseClick(view.today_button, Qt.MouseButton.LeftButton)
    assert presenter.day == DAY
    assert view.totals.figure_text("business") == "1h37m"


def test_the_date_picker_requests_a_day(presenter: SummaryPresenter) -> None:
    view = presenter.view
    view.date_edit.setDate(view.date_edit.date().addDays(-3))
    assert presenter.day == DAY - timedelta(days=3)
    assert view.totals.figure_text("business") == "50m"


def test_show_day_without_a_day_is_today_in_the_users_zone(
    qtbot: QtBot, sqlite_ctx: AppContext, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 11, 26, 23, 30, tzinfo=UTC))  # 00:30 on the 27th in Berlin
    shown = SummaryPresenter(sqlite_ctx, None)
    qtbot.addWidget(shown.view)
    shown.show_day()
    assert shown.day == DAY + timedelta(days=1)
    assert shown.view.isVisible()


def test_relabel_one_span_refreshes_the_totals(presenter: SummaryPresenter) -> None:
    youtube = _span(presenter, "YouTube")
    assert presenter.relabel(youtube, "business", False)
    totals = presenter.view.totals
    assert totals.figure_text("business") == "2h02m"
    assert totals.figure_text("casual") == "59m"
    assert presenter.view.message.text() == "Relabelled as Business."


def test_relabel_always_writes_a_rule(presenter: SummaryPresenter, filled_ctx: AppContext) -> None:
    before = len(RuleService(filled_ctx).list())
    presenter.view.relabelRequested.emit(_span(presenter, "notes.md"), "business", True)
    rules = RuleService(filled_ctx).list()
    assert len(rules) == before + 1
    assert (rules[0].pattern, rules[0].category) == ("^notes\\.md$", Category.BUSINESS)
    # The same window on the days before was relabelled too: the trend shows it.
    week = presenter.view.trend.bar_sets()[2]
    assert [week.at(i) for i in range(7)] == pytest.approx([0.0] * 6 + [1.0])  # plan.odt
    assert "always counts as Business (7 activities updated)" in presenter.view.message.text()


def test_a_failed_relabel_is_shown_not_raised(presenter: SummaryPresenter) -> None:
    assert not presenter.relabel(999_999, "business", False)
    assert presenter.view.message.text() == "That activity no longer exists."
    assert presenter.view.message.property("error") is True
    assert not presenter.relabel(_span(presenter, "YouTube"), "fun", False)
    assert "category must be one of" in presenter.view.message.text()


def test_export_writes_a_csv_of_the_day(presenter: SummaryPresenter, tmp_path: Path) -> None:
    target = tmp_path / "day.csv"
    assert presenter.export_day("csv", str(target))
    with target.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:4] == ["start", "end", "duration_s", "app"]
    assert len(rows) == 1 + 10  # only the shown day
    assert "Exported 10 activities" in presenter.view.message.text()


def test_export_refuses_to_overwrite_without_confirmation(
    presenter: SummaryPresenter, tmp_path: Path
) -> None:
    target = tmp_path / "day.csv"
    target.write_text("keep me\n", encoding="utf-8")
    assert not presenter.export_day("csv", str(target), False)
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert "exists already" in presenter.view.message.text()
    assert presenter.export_day("csv", str(target), True)  # confirmed in the dialog
    assert target.read_text(encoding="utf-8").startswith("start,end,duration_s")


def test_export_button_asks_for_a_file_and_exports_json(
    qtbot: QtBot, presenter: SummaryPresenter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def fake_dialog(*args: object) -> tuple[str, str]:
        asked.append(str(args[2]))
        return str(tmp_path / "week-export"), presenter.view.export_filters()[1]

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", fake_dialog)
    qtbot.mouseClick(presenter.view.export_button, Qt.MouseButton.LeftButton)
    assert asked[0].endswith("focusdesk-2026-11-26.csv")
    data = json.loads((tmp_path / "week-export.json").read_text(encoding="utf-8"))
    assert data["from"] == data["to"] == "2026-11-26"
    assert len(data["spans"]) == 10


def test_a_name_completed_after_the_dialog_is_not_overwritten(
    qtbot: QtBot, presenter: SummaryPresenter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "day.csv").write_text("keep me\n", encoding="utf-8")
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName",
        lambda *args: (str(tmp_path / "day"), presenter.view.export_filters()[0]),
    )
    qtbot.mouseClick(presenter.view.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "day.csv").read_text(encoding="utf-8") == "keep me\n"
    assert presenter.view.message.property("error") is True


def test_export_errors_are_shown(presenter: SummaryPresenter, tmp_path: Path) -> None:
    assert not presenter.export_day("csv", str(tmp_path / "missing" / "day.csv"))
    assert "does not exist" in presenter.view.message.text()
    assert not presenter.export_day("xml", str(tmp_path / "day.xml"))
    assert "format must be one of" in presenter.view.message.text()


def test_window_geometry_is_saved_on_close_and_restored(
    qtbot: QtBot, presenter: SummaryPresenter, filled_ctx: AppContext, geometry: GeometryStore
) -> None:
    presenter.view.resize(760, 560)  # within the 800x600 offscreen screen
    presenter.view.close()
    again = SummaryPresenter(filled_ctx, geometry)
    qtbot.addWidget(again.view)
    assert (again.view.width(), again.view.height()) == (760, 560)


def _span(presenter: SummaryPresenter, title: str) -> int:
    table = presenter.view.activity_table
    model = table.model()
    for row in range(model.rowCount()):
        if model.index(row, 4).data() == title:
            return int(model.index(row, 0).data(SPAN_ID_ROLE))
    raise AssertionError(f"no span titled {title!r}")


def test_forget_an_activity_from_the_menu_after_confirming(
    presenter: SummaryPresenter, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QMessageBox

    youtube = _span(presenter, "YouTube")
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: next(answers))
    for _ in range(2):
        menu = presenter.view.open_relabel_menu(youtube, QPoint(0, 0))
        assert menu is not None
        [forget] = [a for a in menu.actions() if a.objectName() == "forget"]
        forget.trigger()
        menu.close()
    with pytest.raises(AssertionError, match="no span titled"):
        _span(presenter, "YouTube")
    assert presenter.view.totals.figure_text("casual") == "59m"
    assert presenter.view.message.text() == "Forgotten."
