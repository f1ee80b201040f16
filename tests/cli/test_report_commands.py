"""`focusdesk summary`: reminders missed while away, in the JSON and the text."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from focusdesk.cli.main import main
from focusdesk.core.reminders import DueReminder, ReminderKind
from focusdesk.services.clock import local_zone
from focusdesk.services.context import AppContext
from focusdesk.services.reminders import ReminderService

DAY = date(2026, 3, 4)


def record_missed(data_dir: Path) -> tuple[str, str]:
    """Two reminders missed at local 09:00 and 18:00 on DAY in the zone the CLI uses."""
    zone = local_zone()
    nine = datetime(2026, 3, 4, 9, 0, tzinfo=zone).astimezone(UTC)
    six = datetime(2026, 3, 4, 18, 0, tzinfo=zone).astimezone(UTC)
    ctx = AppContext.create(data_dir, None, tz=zone)
    try:
        ReminderService(ctx).record_missed(
            [
                DueReminder(
                    "session-0900-daily", ReminderKind.SESSION, "Prospecting session", "", 25, nine
                ),
                DueReminder("summary", ReminderKind.SUMMARY, "Day summary", "", 0, six),
            ]
        )
    finally:
        ctx.close()
    return nine.astimezone(zone).isoformat(), six.astimezone(zone).isoformat()


def test_summary_json_lists_the_missed_reminders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = tmp_path / "d"
    nine, six = record_missed(d)
    assert main(["--data-dir", str(d), "summary", "--date", DAY.isoformat(), "--json"]) == 0
    missed = json.loads(capsys.readouterr().out)["missed_reminders"]
    assert missed == [
        {
            "reminder_id": "session-0900-daily",
            "kind": "session",
            "label": "Prospecting session",
            "due_at": nine,
            "time": "09:00",
        },
        {
            "reminder_id": "summary",
            "kind": "summary",
            "label": "Day summary",
            "due_at": six,
            "time": "18:00",
        },
    ]
    assert main(["--data-dir", str(d), "summary", "--date", "2026-03-05", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["missed_reminders"] == []


def test_summary_text_names_them_only_when_there_are_any(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = tmp_path / "d"
    record_missed(d)
    assert main(["--data-dir", str(d), "summary", "--date", DAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "  Missed while away: 09:00 Prospecting session, 18:00 Day summary\n" in out
    assert main(["--data-dir", str(d), "summary", "--date", "2026-03-05"]) == 0
    out = capsys.readouterr().out
    assert "Scorecard" in out and "Missed" not in out
