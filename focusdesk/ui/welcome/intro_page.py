"""The guide's first page: the five habits FocusDesk keeps, in the user's words."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizardPage


class IntroPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to FocusDesk"))
        self.setSubTitle(
            self.tr("Social media is where your prospects are, and where your hours go.")
        )
        habits = [
            self.tr("<b>Know why you are there.</b> Every session starts with an objective, "
                    "such as “send 10 connection requests”."),
            self.tr("<b>Stop when time is up.</b> A time box ends the session, and you move on "
                    "to your next priority."),
            self.tr("<b>Leave irrelevant dialog.</b> Be polite, then get out: FocusDesk nudges "
                    "you when the feed or idle chat takes over, and has polite exit lines "
                    "ready."),
            self.tr("<b>Keep your business page clean.</b> A weekly reminder to remove posts "
                    "that do not belong there."),
            self.tr("<b>Keep casual use apart.</b> Enjoy social media on a personal page, not "
                    "on your business one."),
        ]  # fmt: skip
        text = QLabel(
            "<p>"
            + self.tr("FocusDesk makes five habits automatic:")
            + "</p><ol>"
            + "".join(f"<li style='margin-bottom:6px'>{habit}</li>" for habit in habits)
            + "</ol><p>"
            + self.tr(
                "The next pages ask about your pages, your time box and your reminders. "
                "Every step can be skipped, and everything can be changed later in Settings."
            )
            + "</p>"
        )
        text.setWordWrap(True)
        text.setAccessibleName(self.tr("The five habits FocusDesk keeps"))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addStretch(1)
