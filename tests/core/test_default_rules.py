"""The shipped rules understand social sites by the part of the site.

Titles are written the way browsers show them: the site's unread counter
in front, the browser's name at the end, with the dash each browser uses.
"""

from __future__ import annotations

import pytest

from focusdesk.core.activity import WindowKey
from focusdesk.core.enums import Category
from focusdesk.core.rules import Classifier
from focusdesk.services.rules import default_rules

B, C, N = Category.BUSINESS, Category.CASUAL, Category.NEUTRAL
FF, CHROME, EDGE = " — Mozilla Firefox", " - Google Chrome", " - Microsoft\u200b Edge"

CASES: list[tuple[str, str, str, Category]] = [
    # Facebook
    ("firefox", "Messenger | Facebook" + FF, "", B),
    ("chrome", "(3) Anna Müller | Messenger" + CHROME, "", B),
    ("chrome", "(20+) Home Business Support Group | Facebook" + CHROME, "", B),
    ("chrome", "Groups | Facebook - Chromium", "", B),
    (
        "chrome",
        "Network Marketing Mastermind | Facebook",
        "https://www.facebook.com/groups/123/",
        B,
    ),
    ("chrome", "Planner | Meta Business Suite" + CHROME, "", B),
    ("chrome", "Professional dashboard | Facebook - Brave", "", B),
    ("chrome", "Creator Studio" + CHROME, "", B),
    ("chrome", "(3) Facebook" + CHROME, "", C),
    ("firefox", "Facebook" + FF, "https://www.facebook.com/", C),
    ("chrome", "Reels | Facebook" + CHROME, "", C),
    ("chrome", "Watch | Facebook" + EDGE, "", C),
    ("chrome", "Marketplace | Facebook", "https://www.facebook.com/marketplace/", C),
    ("chrome", "Gaming | Facebook" + CHROME, "", C),
    ("chrome", "Anna Müller | Facebook" + CHROME, "https://www.facebook.com/anna.mueller", N),
    ("chrome", "Funny Cat Videos | Facebook" + CHROME, "", N),
    # Instagram
    ("chrome", "Instagram • Direct" + CHROME, "", B),
    ("chrome", "Anna Müller • Instagram Direct" + CHROME, "", B),
    ("chrome", "Instagram", "https://www.instagram.com/direct/t/1234/", B),
    ("chrome", "(1) Instagram" + CHROME, "", C),
    ("chrome", "Reels • Instagram" + CHROME, "", C),
    ("chrome", "Explore • Instagram" + FF, "", C),
    ("chrome", "Anna (@anna_m) • Instagram photos and videos" + CHROME, "", N),
    # LinkedIn
    ("chrome", "(2) Messaging | LinkedIn" + CHROME, "", B),
    ("chrome", "Invitations | LinkedIn" + CHROME, "", B),
    ("chrome", "My Network | LinkedIn" + FF, "", B),
    ("chrome", "Anna Müller | Sales Navigator" + CHROME, "", B),
    ("chrome", "Wellness Coaches | Groups | LinkedIn" + CHROME, "", B),
    ("chrome", "Feed | LinkedIn" + CHROME, "", C),
    ("chrome", "(5) LinkedIn" + EDGE, "", C),
    ("chrome", "Notifications | LinkedIn" + CHROME, "", N),
    ("chrome", "Anna Müller | LinkedIn" + CHROME, "", N),
    # X / Twitter and the video sites
    ("chrome", "(3) Home / X" + CHROME, "", C),
    ("chrome", "Messages / X" + CHROME, "", B),
    ("chrome", "Jim Rohn - Personal Development - YouTube" + CHROME, "", C),
    ("chrome", "Messenger Marketing 101 - YouTube", "https://www.youtube.com/watch?v=abc", C),
    ("chrome", "YouTube marketing ideas - Google Docs" + CHROME, "", N),
    ("chrome", "TikTok - Make Your Day" + CHROME, "", C),
    ("chrome", "Reddit - Dive into anything" + FF, "", C),
    ("chrome", "Netflix" + CHROME, "", C),
    # Not social media
    ("chrome", "Inbox (3) - anna@example.com - Gmail" + CHROME, "", B),
    ("chrome", "Prospect list - Google Sheets" + CHROME, "", N),
    ("spotify", "Dua Lipa - Levitating", "", C),
    ("messenger", "Anna Müller", "", B),
    ("code", "rules.py - focusdesk - Visual Studio Code", "", N),
]


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier(default_rules())


@pytest.mark.parametrize(("app", "title", "url", "expected"), CASES)
def test_default_rules_classify_by_the_part_of_the_site(
    classifier: Classifier, app: str, title: str, url: str, expected: Category
) -> None:
    assert classifier.classify(WindowKey(app, title, url)) is expected


def test_every_default_rule_passes_the_safety_check() -> None:
    classifier = Classifier(default_rules())
    assert classifier.skipped == ()
    assert len(classifier.rules) == len(default_rules())
