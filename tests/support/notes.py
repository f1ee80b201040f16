"""A notifier that only remembers what it was asked to say.

Why: flows and presenters take a notifier; tests check the words, and no
desktop notification should leave the test run.
"""

from __future__ import annotations


class Notes:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def notify(self, title: str, message: str) -> str:
        self.sent.append((title, message))
        return "recorded"
