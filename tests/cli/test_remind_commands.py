"""`focusdesk remind list|add|remove`: settings-backed reminders, one-line errors, forwarding."""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from focusdesk.cli.embedded import run_in_app
from focusdesk.cli.forwarding import is_forwarded
from focusdesk.cli.main import build_parser, main
from focusdesk.core.settings import SessionReminder
from focusdesk.services.context import AppContext
from tests.support.clock import FakeClock


def remind(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "remind", *args])


def test_add_list_remove_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "d"
    add = ["add", "--at", "09:00", "--days", "mon,wed,fri"]
    assert remind(d, *add, "--objective", "Message 5 prospects", "--minutes", "30") == 0
    assert capsys.readouterr().out == (
        "Reminder session-0900-mon-wed-fri: Message 5 prospects, 09:00 mon,wed,fri.\n"
    )
    assert remind(d, "add", "--at", "17:30", "--kind", "summary") == 0
    assert remind(d, "add", "--at", "15:00", "--kind", "cleanup", "--days", "thu") == 0
    capsys.readouterr()

    assert remind(d, "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[:3] for line in lines[:3]] == [
        ["session-0900-mon-wed-fri", "session", "09:00"],
        ["summary", "summary", "17:30"],
        ["cleanup", "cleanup", "15:00"],
    ]
    assert "'Message 5 prospects', 30 min" in lines[0]
    assert lines[-1].startswith("Casual-time budget: 30 min a day")

    assert remind(d, "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)["reminders"]
    assert listed[0]["weekdays"] == [0, 2, 4] and listed[0]["minutes"] == 30
    assert all(item["next_due"] for item in listed)

    assert remind(d, "remove", "session-0900-mon-wed-fri") == 0
    assert remind(d, "remove", "cleanup") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Removed reminder session-0900-mon-wed-fri.",
        "Switched off the weekly page clean-up reminder.",
    ]
    assert remind(d, "list", "--json") == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)["reminders"]] == ["summary"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "--at", "9am"], "'9am' is not a time of day; write it like 09:00"),
        (["add", "--at", "25:00"], "'25:00' is not a time of day"),
        (["add", "--at", "09:00", "--days", "funday"], "is not a weekday"),
        (["add", "--at", "09:00", "--minutes", "0"], "minutes must be"),
        (["add", "--at", "09:00", "--minutes", "lots"], "minutes must be a whole number"),
        (["add", "--at", "09:00", "--objective", "x"], "too short"),
        (["add", "--at", "18:00", "--kind", "summary", "--days", "mon"], "every day"),
        (["add", "--at", "16:00", "--kind", "cleanup", "--days", "mon,fri"], "one day"),
        (["remove", "session-0700-daily"], "no reminder 'session-0700-daily'"),
    ],
)
def test_bad_input_is_one_stderr_line_and_exit_2_and_nothing_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    d = tmp_path / "d"
    assert remind(d, "list", "--json") == 0
    before = capsys.readouterr().out
    assert remind(d, *args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("focusdesk: ") and message in err
    assert remind(d, "list", "--json") == 0
    assert capsys.readouterr().out == before


def test_a_second_reminder_at_the_same_time_and_days_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = tmp_path / "d"
    assert remind(d, "add", "--at", "09:00", "--days", "weekdays") == 0
    assert remind(d, "add", "--at", "09:00", "--days", "fri,thu,wed,tue,mon") == 2
    assert "already a reminder session-0900-mon-tue-wed-thu-fri" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "forwarded"),
    [
        (["remind", "add", "--at", "09:00"], True),
        (["remind", "remove", "summary"], True),
        (["remind", "list"], False),
    ],
)
def test_changes_go_to_a_running_app_and_list_runs_here(argv: list[str], forwarded: bool) -> None:
    assert is_forwarded(build_parser().parse_args(argv)) is forwarded


def test_forwarded_add_changes_the_running_apps_settings(tmp_path: Path) -> None:
    ctx = AppContext.create(tmp_path / "app", clock=FakeClock(), tz=ZoneInfo("Europe/Berlin"))
    try:
        argv = [
            "remind",
            "add",
            "--at",
            "08:30",
            "--days",
            "tue",
            "--objective",
            "Follow up 3 leads",
        ]
        reply = run_in_app(ctx, argv, str(tmp_path))
        assert reply["rc"] == 0, reply
        assert ctx.settings.session_reminders == (
            SessionReminder("08:30", (1,), "Follow up 3 leads", 25),
        )
    finally:
        ctx.close()
