from __future__ import annotations

import pytest

from focusdesk.core.activity import WindowKey
from focusdesk.core.enums import RuleField
from focusdesk.core.privacy import EXCLUDED, PrivacyAction, PrivacyFilter, PrivacyRule


@pytest.mark.parametrize(
    "title",
    [
        "Facebook — Mozilla Firefox Private Browsing",
        "New Incognito Tab - Google Chrome (Incognito)",
        "Bank - Profile 1 - Microsoft Edge [InPrivate]",
        "Private Browsing",
    ],
)
def test_private_browser_windows_are_excluded_by_default(title: str) -> None:
    result = PrivacyFilter([]).apply(WindowKey("firefox", title))
    assert result.stored == EXCLUDED and result.classify_as is None


def test_private_windows_can_be_recorded_if_the_user_says_so() -> None:
    window = WindowKey("firefox", "Facebook — Mozilla Firefox Private Browsing")
    assert PrivacyFilter([], private_windows=False).apply(window).stored == window


def test_exclude_and_redact_rules() -> None:
    rules = [
        PrivacyRule(RuleField.APP, "^keepassxc$", PrivacyAction.EXCLUDE),
        PrivacyRule(RuleField.TITLE, r"\bdoctor\b|\bclinic\b", PrivacyAction.REDACT),
    ]
    f = PrivacyFilter(rules)
    assert f.apply(WindowKey("keepassxc", "Passwords.kdbx")).stored == EXCLUDED
    redacted = f.apply(WindowKey("firefox", "Messages with my doctor | Facebook"))
    assert redacted.stored == WindowKey("firefox", "")
    assert redacted.classify_as == WindowKey("firefox", "Messages with my doctor | Facebook")
    assert redacted.action is PrivacyAction.REDACT
    normal = WindowKey("firefox", "Messenger | Facebook")
    assert f.apply(normal).stored == normal and f.apply(normal).action is None


def test_a_stored_rule_that_fails_todays_check_is_skipped_not_fatal() -> None:
    unsafe = PrivacyRule(RuleField.TITLE, "(a+)+$", PrivacyAction.EXCLUDE)
    f = PrivacyFilter([unsafe, PrivacyRule(RuleField.APP, "^keepassxc$", PrivacyAction.EXCLUDE)])
    assert f.skipped == [unsafe]
    assert f.apply(WindowKey("keepassxc", "x")).stored == EXCLUDED
