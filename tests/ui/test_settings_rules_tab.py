"""The Rules and Privacy tabs on a real database: drafts, checks, live preview, Save, Cancel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from focusdesk.core.enums import Category, RuleField
from focusdesk.core.privacy import PrivacyAction
from focusdesk.core.settings import BusinessPage
from focusdesk.services.context import AppContext
from focusdesk.services.privacy import PrivacyService
from focusdesk.services.rules import RuleService
from focusdesk.ui.settings.backend import SettingsBackend
from focusdesk.ui.settings_dialog import SettingsDialog
from tests.services.test_rule_service import CANVA, FEED, at, categories, record
from tests.support.clock import FakeClock


@pytest.fixture
def today_ctx(tmp_path: Path) -> Iterator[AppContext]:
    """Today (in Berlin) has 40 minutes of a Canva window and 15 of the Facebook feed."""
    from zoneinfo import ZoneInfo

    clock = FakeClock(at(20))  # 20:00 in Berlin on the recorded day
    ctx = AppContext.create(tmp_path / "data", None, clock=clock, tz=ZoneInfo("Europe/Berlin"))
    record(ctx, CANVA, at(9), 30, Category.NEUTRAL)
    record(ctx, CANVA, at(10), 10, Category.NEUTRAL)
    record(ctx, FEED, at(12), 15, Category.CASUAL)
    yield ctx
    ctx.close()


@pytest.fixture
def dialog(qtbot: QtBot, today_ctx: AppContext) -> SettingsDialog:
    dlg = SettingsDialog(today_ctx.settings, backend=SettingsBackend(today_ctx))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.rules is not None
    dlg.tabs.setCurrentWidget(dlg.rules.view)
    return dlg


def save(qtbot: QtBot, dlg: SettingsDialog) -> None:
    assert dlg.save_button.isEnabled(), dlg.problems()
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.job.running(), timeout=20_000)
    assert dlg.general_error.text() == ""
    qtbot.waitUntil(lambda: dlg.result() == dlg.DialogCode.Accepted)


def test_the_tab_lists_the_stored_rules_in_order(
    dialog: SettingsDialog, today_ctx: AppContext
) -> None:
    assert dialog.rules is not None
    stored = RuleService(today_ctx).list()
    table = dialog.rules.view.table
    assert table.rowCount() == len(stored) > 0
    assert [table.item(r, 1).text() for r in range(table.rowCount())] == [r.pattern for r in stored]


def test_adding_a_rule_previews_today_then_save_relabels_history(
    qtbot: QtBot, dialog: SettingsDialog, today_ctx: AppContext
) -> None:
    rules = dialog.rules
    assert rules is not None
    view = rules.view
    count = view.table.rowCount()
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    assert view.table.rowCount() == count + 1
    qtbot.keyClicks(view.pattern, r"\bcanva\b")
    view.category.setCurrentIndex(view.category.findData(Category.BUSINESS))
    qtbot.waitUntil(lambda: view.preview.count() == 1)
    assert view.preview_summary.text() == (
        "2 of today's activities, 40 min in all, would change category."
    )
    assert view.preview.item(0).text() == (
        "Story Template - Canva — neutral → business, 40 min (2 times)"
    )
    assert view.table.item(count, 1).text() == r"\bcanva\b"
    assert RuleService(today_ctx).list()[-1].pattern != r"\bcanva\b"  # nothing written yet

    save(qtbot, dialog)

    last = RuleService(today_ctx).list()[-1]
    assert (last.field, last.pattern, last.category) == (
        RuleField.TITLE,
        r"\bcanva\b",
        Category.BUSINESS,
    )
    assert categories(today_ctx)[:2] == [
        ("Story Template - Canva", "auto", "business"),
        ("Story Template - Canva", "auto", "business"),
    ]
    assert dialog.report is not None and dialog.report.relabelled_spans == 2


def test_a_pattern_that_could_hang_is_refused_and_save_disabled(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    rules = dialog.rules
    assert rules is not None
    view = rules.view
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(view.pattern, "^(a+)+$")
    assert view.error.isVisible()
    assert "could make matching hang" in view.error.text()
    assert not dialog.save_button.isEnabled()
    qtbot.waitUntil(lambda: view.preview_summary.text() == "Fix the pattern to see a preview.")
    assert view.preview.count() == 0

    view.table.setCurrentCell(0, 1)  # another rule selected: the problem names its row
    assert view.error.text().startswith(f"Rule {view.table.rowCount()}:")
    view.table.setCurrentCell(view.table.rowCount() - 1, 1)
    view.pattern.selectAll()
    qtbot.keyClicks(view.pattern, "a+$")
    assert not view.error.isVisible()
    assert dialog.save_button.isEnabled()


def test_edit_move_and_remove_are_saved_in_order(
    qtbot: QtBot, dialog: SettingsDialog, today_ctx: AppContext
) -> None:
    rules = dialog.rules
    assert rules is not None
    view = rules.view
    before = RuleService(today_ctx).list()
    first, second, last = before[0], before[1], before[-1]

    view.table.setCurrentCell(0, 1)
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    assert view.pattern.hasFocus()
    view.category.setCurrentIndex(view.category.findData(Category.NEUTRAL))
    assert view.table.item(0, 2).text() == "Neutral"
    qtbot.mouseClick(view.down_button, Qt.MouseButton.LeftButton)
    assert view.table.currentRow() == 1
    assert view.table.item(1, 1).text() == first.pattern
    view.table.setCurrentCell(view.table.rowCount() - 1, 1)
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    assert view.table.rowCount() == len(before) - 1

    save(qtbot, dialog)

    after = RuleService(today_ctx).list()
    assert [r.id for r in after] == [second.id, first.id, *[r.id for r in before[2:-1]]]
    assert after[1].category is Category.NEUTRAL
    assert last.id not in {r.id for r in after}


def test_cancel_writes_nothing(qtbot: QtBot, dialog: SettingsDialog, today_ctx: AppContext) -> None:
    rules = dialog.rules
    assert rules is not None
    before = RuleService(today_ctx).list()
    rules.view.table.setCurrentCell(0, 1)
    qtbot.mouseClick(rules.view.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert RuleService(today_ctx).list() == before


def test_privacy_rules_are_added_checked_and_removed(
    qtbot: QtBot, dialog: SettingsDialog, today_ctx: AppContext
) -> None:
    tab, privacy = dialog.privacy_tab, dialog.privacy
    assert tab is not None and privacy is not None
    dialog.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.pattern, "(oops")
    assert tab.error.isVisible() and "not a valid regular expression" in tab.error.text()
    assert not tab.add_button.isEnabled() and not dialog.save_button.isEnabled()
    tab.pattern.clear()
    qtbot.keyClicks(tab.pattern, "bank")
    assert "Press Add privacy rule" in tab.error.text()  # typed but not added: Save would drop it
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.table.rowCount() == 1 and tab.table.item(0, 0).text() == "Exclude"
    assert tab.pattern.text() == "" and not tab.error.isVisible()
    tab.action.setCurrentIndex(tab.action.findData(PrivacyAction.REDACT))
    qtbot.keyClicks(tab.pattern, "bank")
    assert tab.error.text() == "There is a privacy rule for this already."
    tab.field.setCurrentIndex(tab.field.findData(RuleField.URL))
    qtbot.keyClick(tab.pattern, Qt.Key.Key_Return)
    assert tab.table.rowCount() == 2
    qtbot.mouseClick(tab.record_private, Qt.MouseButton.LeftButton)

    save(qtbot, dialog)

    stored = PrivacyService(today_ctx).list()
    assert [(r.field, r.pattern, r.action) for r in stored] == [
        (RuleField.TITLE, "bank", PrivacyAction.EXCLUDE),
        (RuleField.URL, "bank", PrivacyAction.REDACT),
    ]
    assert today_ctx.settings.exclude_private_windows is False

    again = SettingsDialog(today_ctx.settings, backend=SettingsBackend(today_ctx))
    qtbot.addWidget(again)
    assert again.privacy_tab is not None and again.privacy_tab.record_private.isChecked()
    again.privacy_tab.table.setCurrentCell(0, 0)
    qtbot.mouseClick(again.privacy_tab.remove_button, Qt.MouseButton.LeftButton)
    save(qtbot, again)
    assert [r.pattern for r in PrivacyService(today_ctx).list()] == ["bank"]
    assert PrivacyService(today_ctx).list()[0].action is PrivacyAction.REDACT


def test_a_new_business_page_relabels_history_on_save(qtbot: QtBot, today_ctx: AppContext) -> None:
    from focusdesk.core.activity import WindowKey

    shop = WindowKey("firefox", "My shop", "https://shop.example.com/admin")
    record(today_ctx, shop, at(14), 20, Category.NEUTRAL)
    dlg = SettingsDialog(today_ctx.settings, backend=SettingsBackend(today_ctx))
    qtbot.addWidget(dlg)
    dlg.pages.set_pages((BusinessPage("Shop", "https://shop.example.com"),))
    save(qtbot, dlg)
    assert today_ctx.settings.business_pages == (BusinessPage("Shop", "https://shop.example.com"),)
    assert ("My shop", "auto", "business") in categories(today_ctx)
    assert dlg.report is not None and dlg.report.relabelled_spans == 1


def test_every_rules_and_privacy_control_is_named_and_mnemonics_do_not_clash(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    from tests.ui import test_settings_dialog as checks

    checks.test_every_control_has_an_accessible_name(qtbot, dialog)
    checks.test_mnemonic_letters_do_not_clash_within_a_tab(dialog)
    checks.test_labels_have_buddies_for_their_mnemonics(dialog)
