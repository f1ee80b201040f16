"""The summary's widgets on their own: the painted timeline, menus, keyboard, palettes."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from focusdesk.core.enums import Category, Source
from focusdesk.core.summary import ScoreItem
from focusdesk.services.context import AppContext
from focusdesk.services.timeline import TimelineSpan
from focusdesk.ui.summary.activity_table import ActivityTable
from focusdesk.ui.summary.presenter import SummaryPresenter
from focusdesk.ui.summary.relabel_menu import build_relabel_menu
from focusdesk.ui.summary.scorecard import ScorecardWidget
from focusdesk.ui.summary.style import category_color, muted_text
from focusdesk.ui.summary.timeline_strip import SessionBar, TimelineStrip
from tests.support.clock import FakeClock

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 26)
ROOT = Path(__file__).resolve().parents[3]


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 26, tzinfo=UTC) + timedelta(hours=hour - 1, minutes=minute)


def span(
    span_id: int, start: datetime, end: datetime, category: Category, title: str
) -> TimelineSpan:
    return TimelineSpan(span_id, start, end, category, Source.AUTO, "firefox", title, None)


SPANS = [
    span(1, at(9), at(10), Category.BUSINESS, "Messenger | Facebook"),
    span(2, at(10), at(10, 30), Category.CASUAL, "Reels | Facebook"),
    span(3, at(11), at(12), Category.NEUTRAL, "plan.odt"),
]


@pytest.fixture
def strip(qtbot: QtBot) -> TimelineStrip:
    widget = TimelineStrip()
    qtbot.addWidget(widget)
    widget.resize(600, widget.minimumSizeHint().height())
    bar = SessionBar(at(9), at(9, 30), "Message 5 prospects")
    widget.set_data(DAY, SPANS, [bar], BERLIN)
    return widget


def pixel(widget: QWidget, x: float, y: float) -> QColor:
    image = widget.grab().toImage()
    ratio = image.devicePixelRatio()
    return QColor(image.pixel(int(x * ratio), int(y * ratio)))


def test_timeline_paints_each_span_in_its_category_colour(strip: TimelineStrip) -> None:
    lo, hi = strip.visible_range()
    assert (lo, hi) == (at(9), at(13))  # the hours around the activity, at least four
    y = strip.strip_rect().center().y()
    palette = strip.palette()
    for item in SPANS:  # probed at three quarters, clear of the 9:00-9:30 session outline
        probe = strip.x_of(item.start + (item.end - item.start) * 3 / 4)
        assert pixel(strip, probe, y) == category_color(item.category, palette), item.title
    gap = strip.x_of(at(10, 45))  # nothing recorded 10:30-11:00: the base colour shows
    assert pixel(strip, gap, y) == palette.color(QPalette.ColorRole.Base)


def test_business_pixels_fill_exactly_the_business_span(strip: TimelineStrip) -> None:
    y = strip.strip_rect().center().y() + 8  # below the session outline's text area
    business = category_color(Category.BUSINESS, strip.palette())
    x0, x1 = strip.x_of(at(9, 30)), strip.x_of(at(10))  # after the session bracket
    image = strip.grab().toImage()
    inside = [QColor(image.pixel(int(x), int(y))) for x in range(int(x0) + 3, int(x1) - 2)]
    assert inside and all(c == business for c in inside)


def test_hovering_shows_the_window_duration_and_the_session_objective(
    strip: TimelineStrip,
) -> None:
    y = strip.strip_rect().center().y()
    text = strip.tooltip_at(QPointF(strip.x_of(at(9, 15)), y))
    assert text.splitlines() == [
        "firefox — Messenger | Facebook",
        "09:00–10:00 · 1h00m · Business",
        "Session: Message 5 prospects",
    ]
    band = strip.band_rect().center().y()
    assert strip.tooltip_at(QPointF(strip.x_of(at(9, 15)), band)) == "Session: Message 5 prospects"
    assert strip.tooltip_at(QPointF(strip.x_of(at(10, 45)), y)) == ""


def test_right_click_on_a_span_asks_for_its_menu(qtbot: QtBot, strip: TimelineStrip) -> None:
    where = QPoint(int(strip.x_of(at(10, 15))), int(strip.strip_rect().center().y()))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, strip.mapToGlobal(where))
    with qtbot.waitSignal(strip.spanMenuRequested) as caught:
        QApplication.sendEvent(strip, event)
    assert caught.args[0] == 2


def test_an_empty_day_says_so_and_keeps_a_working_day_range(qtbot: QtBot) -> None:
    widget = TimelineStrip()
    qtbot.addWidget(widget)
    widget.set_data(DAY, [], [], BERLIN)
    lo, hi = widget.visible_range()
    assert lo.astimezone(BERLIN).hour == 8 and hi - lo == timedelta(hours=10)
    assert widget.tooltip_at(QPointF(100, widget.strip_rect().center().y())) == ""


def test_relabel_menu_offers_the_three_categories_and_always(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    chosen: list[tuple[int, str, bool]] = []
    youtube = span(7, at(16), at(16, 20), Category.CASUAL, "YouTube")
    menu = build_relabel_menu(parent, youtube, lambda *args: chosen.append(args))
    actions = {a.objectName(): a for a in menu.actions() if a.objectName()}
    assert actions["relabel-casual"].isChecked()
    assert actions["always-business"].text() == "Always treat “YouTube” as Business"
    actions["relabel-neutral"].trigger()
    actions["always-business"].trigger()
    assert chosen == [(7, "neutral", False), (7, "business", True)]


def test_keyboard_opens_the_relabel_menu_on_the_activity_table(qtbot: QtBot) -> None:
    table = ActivityTable()
    qtbot.addWidget(table)
    table.set_spans(SPANS, BERLIN)
    table.show()
    qtbot.waitExposed(table)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.current_span_id() == 2
    with qtbot.waitSignal(table.spanMenuRequested) as caught:
        qtbot.keyClick(table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert caught.args[0] == 2
    with qtbot.waitSignal(table.spanMenuRequested) as caught:
        menu_key = QContextMenuEvent(
            QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), table.mapToGlobal(QPoint(0, 0))
        )
        QApplication.sendEvent(table, menu_key)
    assert caught.args[0] == 2


def test_view_menu_action_emits_relabel_requested(
    qtbot: QtBot, presenter: SummaryPresenter
) -> None:
    view = presenter.view
    span_id = view.activity_table.span_ids()[0]
    menu = view.open_relabel_menu(span_id, QPoint(10, 10))
    assert menu is not None
    always = next(a for a in menu.actions() if a.objectName() == "always-casual")
    with qtbot.waitSignal(view.relabelRequested) as caught:
        always.trigger()
    assert caught.args == [span_id, "casual", True]
    menu.close()


def test_scorecard_never_invents_a_number(qtbot: QtBot) -> None:
    card = ScorecardWidget()
    qtbot.addWidget(card)
    card.set_items(
        [
            ScoreItem(1, "Objective set for every session", "no sessions", None),
            ScoreItem(4, "Page clean-up done this week", None, None),
        ]
    )
    assert card.value_texts() == ["no sessions", "not tracked yet"]
    card.set_items([ScoreItem(5, "Personal-page time", None, None)])
    assert card.value_texts() == ["not tracked yet"]


def test_controls_have_accessible_names_and_a_keyboard_order(
    presenter: SummaryPresenter,
) -> None:
    view = presenter.view
    controls = [
        view.prev_button,
        view.date_edit,
        view.next_button,
        view.today_button,
        view.refresh_button,
        view.export_button,
        view.tabs,
        view.sessions_table,
        view.activity_table,
    ]
    for control in controls:
        assert control.accessibleName(), control
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control
    chain: list[QWidget] = []
    widget: QWidget = view.prev_button
    for _ in range(200):
        chain.append(widget)
        widget = widget.nextInFocusChain()
    positions = [chain.index(c) for c in controls]
    assert positions == sorted(positions)


def test_dark_palette_gives_light_text_and_dark_theme_shades(
    qtbot: QtBot, presenter: SummaryPresenter
) -> None:
    view = presenter.view
    dark = QPalette(view.palette())
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2d30"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1f22"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
    ):
        dark.setColor(role, QColor(colour))
    light_business = category_color(Category.BUSINESS, view.palette())
    view.setPalette(dark)
    business = category_color(Category.BUSINESS, view.timeline.palette())
    assert business != light_business and business.lightness() > light_business.lightness()
    labels = view.trend.bar_sets()  # recoloured on the palette change
    assert labels[0].color() == business
    axis_text = view.trend.chart().axes()[0].labelsBrush().color()
    assert axis_text == QColor("#e6e6e6")
    assert muted_text(view.palette()).lightness() > 100  # "not tracked yet" stays readable


def test_a_broken_database_is_reported_in_the_window(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "focusdesk.db").write_bytes(b"this is not a database" * 100)
    ctx = AppContext.create(data, None, clock=clock, tz=BERLIN)
    shown = SummaryPresenter(ctx, None)
    qtbot.addWidget(shown.view)
    shown.show_day()
    assert shown.view.message.isVisibleTo(shown.view)
    assert shown.view.message.property("error") is True
    assert shown.view.message.text()
    ctx.close()


def test_importing_the_package_does_not_load_qtcharts() -> None:
    code = (
        "import sys, focusdesk.ui.summary as s\n"
        "assert 'PySide6.QtCharts' not in sys.modules, 'loaded too early'\n"
        "s.SummaryPresenter\n"
        "assert 'PySide6.QtCharts' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)
