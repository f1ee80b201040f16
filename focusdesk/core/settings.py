"""The user's preferences and the rules they must obey.

Pure data: reading and writing the TOML file is the services' job. Every
value is checked here so the settings dialog and the file loader give the
same messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from typing import Any

from focusdesk.core.errors import ValidationError
from focusdesk.core.rule_safety import checked_pattern
from focusdesk.core.timebox import MAX_MINUTES, MIN_MINUTES

_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
MAX_EXIT_LINES = 30
MAX_EXIT_LINE = 300
MAX_PAGES = 50
MAX_SESSION_REMINDERS = 20
MAX_OBJECTIVE_LENGTH = 200
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALL_WEEKDAYS: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)


@dataclass(frozen=True, slots=True)
class BusinessPage:
    name: str
    url: str


@dataclass(frozen=True, slots=True)
class PersonalPage:
    """A page or account of the user's own that is for casual use, never for business.

    It is recognised by its address (as business pages are), by its name in a
    window title, or by ``pattern``, a regular expression the user wrote for
    titles and addresses that neither of those catch.
    """

    name: str
    url: str = ""
    pattern: str = ""


@dataclass(frozen=True, slots=True)
class SessionReminder:
    """A planned prospecting session: when to be reminded and what to prefill.

    ``weekdays`` counts Monday as 0, as ``date.weekday()`` does.
    """

    time: str
    weekdays: tuple[int, ...] = ALL_WEEKDAYS
    objective: str = ""
    minutes: int = 25


@dataclass(frozen=True, slots=True)
class Settings:
    timebox_minutes: int = 25
    max_extensions: int = 2
    extension_minutes: int = 5
    strict_mode: bool = False
    nudge_repeat_minutes: int = 2
    summary_time: str = "18:00"
    summary_reminder: bool = True
    session_reminders: tuple[SessionReminder, ...] = field(default_factory=tuple)
    cleanup_reminder: bool = True
    cleanup_weekday: int = 4
    cleanup_time: str = "16:00"
    cleanup_minutes: int = 15
    show_compact_window: bool = False
    away_after_minutes: int = 3
    drift_after_seconds: int = 60
    casual_budget_minutes: int = 30
    exclude_private_windows: bool = True
    polite_exit_lines: tuple[str, ...] = ()
    business_pages: tuple[BusinessPage, ...] = field(default_factory=tuple)
    personal_pages: tuple[PersonalPage, ...] = field(default_factory=tuple)

    def with_changes(self, **changes: Any) -> Settings:
        return check_settings(replace(self, **changes))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "business_pages":
                value = [{"name": p.name, "url": p.url} for p in value]
            elif f.name == "personal_pages":
                value = [{"name": p.name, "url": p.url, "pattern": p.pattern} for p in value]
            elif f.name == "session_reminders":
                value = [
                    {
                        "time": r.time,
                        "weekdays": [WEEKDAY_NAMES[d] for d in r.weekdays],
                        "objective": r.objective,
                        "minutes": r.minutes,
                    }
                    for r in value
                ]
            elif isinstance(value, tuple):
                value = list(value)
            data[f.name] = value
        return data


def settings_from_dict(data: dict[str, Any], defaults: Settings) -> Settings:
    """Build settings from parsed TOML; unknown keys are an error, missing keys default."""
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValidationError(unknown[0], f"unknown setting {unknown[0]!r}")
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name == "business_pages":
            if not isinstance(value, list) or not all(isinstance(p, dict) for p in value):
                raise ValidationError(name, "business_pages must be a list of {name, url} tables")
            value = tuple(
                BusinessPage(str(p.get("name", "")), str(p.get("url", ""))) for p in value
            )
        elif name == "personal_pages":
            if not isinstance(value, list) or not all(isinstance(p, dict) for p in value):
                raise ValidationError(
                    name, "personal_pages must be a list of {name, url, pattern} tables"
                )
            value = tuple(
                PersonalPage(
                    str(p.get("name", "")), str(p.get("url", "")), str(p.get("pattern", ""))
                )
                for p in value
            )
        elif name == "session_reminders":
            value = _session_reminders_from_list(value)
        elif name == "polite_exit_lines":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValidationError(name, "polite_exit_lines must be a list of text lines")
            value = tuple(value)
        values[name] = value
    return check_settings(replace(defaults, **values))


def _session_reminders_from_list(value: Any) -> tuple[SessionReminder, ...]:
    name = "session_reminders"
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        raise ValidationError(
            name, "session_reminders must be a list of {time, weekdays, objective, minutes} tables"
        )
    out = []
    for item in value:
        days = item.get("weekdays", list(WEEKDAY_NAMES))
        if not isinstance(days, list):
            raise ValidationError(name, 'weekdays must be a list such as ["mon", "wed"]')
        out.append(
            SessionReminder(
                time=item.get("time", ""),
                weekdays=tuple(parse_weekday(d) for d in days),
                objective=item.get("objective", ""),
                minutes=item.get("minutes", 25),
            )
        )
    return tuple(out)


def parse_weekday(value: Any) -> int:
    """A weekday from its three-letter name (any case) or its number, Monday being 0."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    if isinstance(value, str) and value.strip().lower()[:3] in WEEKDAY_NAMES:
        return WEEKDAY_NAMES.index(value.strip().lower()[:3])
    raise ValidationError(
        "session_reminders", f"{value!r} is not a weekday (use mon, tue, wed, thu, fri, sat, sun)"
    )


def is_clock_time(value: Any) -> bool:
    """True for a 24-hour time of day written like 09:30."""
    return isinstance(value, str) and _CLOCK.match(value) is not None


def _whole(name: str, value: Any, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            name, f"{name.replace('_', ' ')} must be a whole number from {low} to {high}"
        )


def check_settings(s: Settings) -> Settings:
    _whole("timebox_minutes", s.timebox_minutes, MIN_MINUTES, MAX_MINUTES)
    _whole("max_extensions", s.max_extensions, 0, 10)
    _whole("extension_minutes", s.extension_minutes, 1, 60)
    _whole("nudge_repeat_minutes", s.nudge_repeat_minutes, 1, 60)
    _whole("away_after_minutes", s.away_after_minutes, 1, 60)
    _whole("drift_after_seconds", s.drift_after_seconds, 10, 3600)
    _whole("casual_budget_minutes", s.casual_budget_minutes, 1, 24 * 60)
    _whole("cleanup_weekday", s.cleanup_weekday, 0, 6)
    _whole("cleanup_minutes", s.cleanup_minutes, MIN_MINUTES, MAX_MINUTES)
    for name in (
        "strict_mode",
        "show_compact_window",
        "exclude_private_windows",
        "summary_reminder",
        "cleanup_reminder",
    ):
        if not isinstance(getattr(s, name), bool):
            raise ValidationError(name, f"{name.replace('_', ' ')} must be true or false")
    if not isinstance(s.summary_time, str) or not _CLOCK.match(s.summary_time):
        raise ValidationError("summary_time", "summary time must be a time like 18:00")
    if not is_clock_time(s.cleanup_time):
        raise ValidationError("cleanup_time", "clean-up time must be a time like 16:00")
    _check_session_reminders(s.session_reminders)
    if len(s.polite_exit_lines) > MAX_EXIT_LINES:
        raise ValidationError("polite_exit_lines", f"at most {MAX_EXIT_LINES} polite exit lines")
    for line in s.polite_exit_lines:
        if not line.strip() or len(line) > MAX_EXIT_LINE or "\n" in line:
            raise ValidationError(
                "polite_exit_lines",
                f"each polite exit line is one line of 1 to {MAX_EXIT_LINE} characters",
            )
    if len(s.business_pages) > MAX_PAGES:
        raise ValidationError("business_pages", f"at most {MAX_PAGES} business pages")
    for page in s.business_pages:
        if not page.name.strip():
            raise ValidationError("business_pages", "every business page needs a name")
        if not _URL.match(page.url):
            raise ValidationError(
                "business_pages", f"{page.name}: the address must start with http:// or https://"
            )
    _check_personal_pages(s.personal_pages)
    return s


def _check_session_reminders(reminders: tuple[SessionReminder, ...]) -> None:
    name = "session_reminders"
    if len(reminders) > MAX_SESSION_REMINDERS:
        raise ValidationError(name, f"at most {MAX_SESSION_REMINDERS} session reminders")
    for r in reminders:
        if not is_clock_time(r.time):
            raise ValidationError(name, f"{r.time!r}: a session reminder needs a time like 09:00")
        if not r.weekdays or any(
            isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in r.weekdays
        ):
            raise ValidationError(name, f"{r.time}: choose at least one weekday")
        if not isinstance(r.objective, str) or len(r.objective) > MAX_OBJECTIVE_LENGTH:
            raise ValidationError(
                name, f"{r.time}: the objective is at most {MAX_OBJECTIVE_LENGTH} characters"
            )
        if (
            isinstance(r.minutes, bool)
            or not isinstance(r.minutes, int)
            or not MIN_MINUTES <= r.minutes <= MAX_MINUTES
        ):
            raise ValidationError(
                name,
                f"{r.time}: the time box must be a whole number of minutes "
                f"from {MIN_MINUTES} to {MAX_MINUTES}",
            )


def _check_personal_pages(pages: tuple[PersonalPage, ...]) -> None:
    name = "personal_pages"
    if len(pages) > MAX_PAGES:
        raise ValidationError(name, f"at most {MAX_PAGES} personal pages")
    for page in pages:
        if not page.name.strip():
            raise ValidationError(name, "every personal page needs a name")
        if page.url and not _URL.match(page.url):
            raise ValidationError(
                name, f"{page.name}: the address must start with http:// or https://"
            )
        if page.pattern:
            try:
                checked_pattern(page.pattern)
            except ValidationError as exc:
                raise ValidationError(name, f"{page.name}: {exc.message}") from None
