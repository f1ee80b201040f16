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
from focusdesk.core.timebox import MAX_MINUTES, MIN_MINUTES

_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
MAX_EXIT_LINES = 30
MAX_EXIT_LINE = 300
MAX_PAGES = 50


@dataclass(frozen=True, slots=True)
class BusinessPage:
    name: str
    url: str


@dataclass(frozen=True, slots=True)
class Settings:
    timebox_minutes: int = 25
    max_extensions: int = 2
    extension_minutes: int = 5
    strict_mode: bool = False
    nudge_repeat_minutes: int = 2
    summary_time: str = "18:00"
    show_compact_window: bool = False
    away_after_minutes: int = 3
    drift_after_seconds: int = 60
    casual_budget_minutes: int = 30
    exclude_private_windows: bool = True
    polite_exit_lines: tuple[str, ...] = ()
    business_pages: tuple[BusinessPage, ...] = field(default_factory=tuple)

    def with_changes(self, **changes: Any) -> Settings:
        return check_settings(replace(self, **changes))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "business_pages":
                value = [{"name": p.name, "url": p.url} for p in value]
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
        elif name == "polite_exit_lines":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValidationError(name, "polite_exit_lines must be a list of text lines")
            value = tuple(value)
        values[name] = value
    return check_settings(replace(defaults, **values))


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
    for name in ("strict_mode", "show_compact_window", "exclude_private_windows"):
        if not isinstance(getattr(s, name), bool):
            raise ValidationError(name, f"{name.replace('_', ' ')} must be true or false")
    if not isinstance(s.summary_time, str) or not _CLOCK.match(s.summary_time):
        raise ValidationError("summary_time", "summary time must be a time like 18:00")
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
    return s
