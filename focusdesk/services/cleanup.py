"""The weekly page clean-up (priority 4) and the personal-page figure (priority 5).

Clean-up is one session, purpose clean-up, over all the business pages the
user chose (all of them unless they untick some): the routine is one short
weekly time box, so one countdown and one "how many posts did you remove?"
at the end fit it better than a session per page, and the window lets the
user leave out a page that needs nothing this week. Opening the pages in
the browser is the UI's job; this module never touches the desktop.

"Skip this week" is remembered in a small file in the data folder (the week's
Monday), so a reminder that fires again the same week — after a restart, a
snooze — stays quiet. It is per computer on purpose: it is a choice about
reminders, and reminders are per device.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from focusdesk.core.activity import WindowKey
from focusdesk.core.days import epoch_day, local_date, local_day_bounds
from focusdesk.core.enums import Purpose
from focusdesk.core.errors import ValidationError
from focusdesk.core.routines import CleanupWeek, PersonalTime, cleanup_objective, week_start
from focusdesk.core.rules import Classifier
from focusdesk.core.settings import BusinessPage
from focusdesk.services.context import AppContext
from focusdesk.services.sessions import SessionService, Started
from focusdesk.store import routines as queries
from focusdesk.store.files import ensure_private_dir, ensure_private_file

SKIP_FILE = "cleanup-skipped-week"
NO_PAGES = "Register your business pages in Settings first: the clean-up opens them for you."


class CleanupService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._pages: tuple[object, Classifier] | None = None  # (the pages it was built for, it)

    def pages(self) -> tuple[BusinessPage, ...]:
        return self._ctx.settings.business_pages

    def start_cleanup(self, pages: Sequence[BusinessPage] | None = None) -> Started:
        """Start the clean-up session over ``pages`` (all business pages when None).

        Refused with the session service's message while another session
        runs, and with a pointer to Settings when there is no page at all.
        """
        chosen = tuple(self.pages() if pages is None else pages)
        if not chosen:
            raise ValidationError("pages", NO_PAGES)
        return SessionService(self._ctx).start(
            cleanup_objective(chosen),
            self._ctx.settings.cleanup_minutes,
            purpose=Purpose.CLEAN_UP,
        )

    def today(self) -> date:
        return local_date(self._ctx.clock(), self._ctx.tz)

    def week(self, day: date | None = None) -> CleanupWeek:
        """The clean-up sessions that ended in ``day``'s week (Monday to Sunday, local time)."""
        day = day or self.today()
        monday = week_start(day)
        start = local_day_bounds(monday, self._ctx.tz)[0]
        end = local_day_bounds(monday + timedelta(days=6), self._ctx.tz)[1]
        with self._ctx.db.sessions() as session:
            counts = queries.cleanups_ended_between(session, start, end)
        recorded = [n for n in counts if n is not None]
        return CleanupWeek(
            day=day,
            due_weekday=self._ctx.settings.cleanup_weekday,
            sessions=len(counts),
            posts_removed=sum(recorded) if recorded else None,
            skipped=self._skipped_week() == monday,
        )

    def skip_week(self) -> None:
        """Remember that the user chose to skip this week's clean-up."""
        path = self._ctx.paths.data_dir / SKIP_FILE
        ensure_private_dir(path.parent)
        ensure_private_file(path)
        path.write_text(week_start(self.today()).isoformat() + "\n", encoding="ascii")

    def reminder_wanted(self) -> bool:
        """Whether a "clean-up due" reminder should show: not done, not skipped this week."""
        week = self.week()
        return week.sessions == 0 and not week.skipped

    def personal_time(self, day: date, *, any_sessions: bool = True) -> PersonalTime:
        """Seconds on personal pages inside sessions on ``day`` (every session is business).

        Each distinct window of the day's sessions is matched once against
        the business pages (which win) and the personal pages.
        """
        settings = self._ctx.settings
        if not settings.personal_pages:
            return PersonalTime(0)
        pages = self._page_classifier()
        with self._ctx.db.sessions() as session:
            windows = queries.session_time_by_window(session, epoch_day(day))
        seconds = sum(
            w.seconds
            for w in windows
            if (w.title or w.url)
            and pages.decide(WindowKey(w.app, w.title, w.url)).personal is not None
        )
        return PersonalTime(len(settings.personal_pages), seconds, any_sessions, bool(windows))

    def _page_classifier(self) -> Classifier:
        """Business then personal pages, no rules; kept while the pages stay the same.

        Building it (compiling and indexing the patterns) costs more than
        matching a day's windows, and the summary window asks again at
        every refresh.
        """
        settings = self._ctx.settings
        key = (settings.business_pages, settings.personal_pages)
        if self._pages is None or self._pages[0] != key:
            built = Classifier(
                [],
                cache_size=0,
                business_pages=settings.business_pages,
                personal_pages=settings.personal_pages,
            )
            self._pages = (key, built)
        return self._pages[1]

    def _skipped_week(self) -> date | None:
        try:
            text = (self._ctx.paths.data_dir / SKIP_FILE).read_text(encoding="ascii").strip()
            return date.fromisoformat(text)
        except (OSError, ValueError, UnicodeDecodeError):
            return None  # never skipped, or an unreadable note: remind as usual
