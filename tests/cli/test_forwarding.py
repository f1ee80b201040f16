"""CLI commands go to the running app (a real guard + run_in_app in another process)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from focusdesk.cli.embedded import run_in_app
from focusdesk.cli.forwarding import absolutize_paths, is_forwarded, strip_global_options
from focusdesk.cli.main import build_parser, main
from focusdesk.services.context import AppContext
from focusdesk.services.instance_client import InstanceError, send_to_app
from focusdesk.services.paths import AppPaths, resolve_paths

ROOT = Path(__file__).resolve().parents[2]
FAKE_APP = ROOT / "tests" / "support" / "fake_app.py"
AW_EXPORT = ROOT / "tests" / "fixtures" / "activitywatch_export.json"

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="AF_UNIX sockets")


@dataclass
class RunningApp:
    proc: subprocess.Popen[str]
    paths: AppPaths
    record: Path

    @property
    def data_dir(self) -> str:
        return str(self.paths.data_dir)

    def requests(self) -> list[dict[str, Any]]:
        if not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text("utf-8").splitlines()]


@pytest.fixture
def app(tmp_path: Path) -> Iterator[RunningApp]:
    paths = resolve_paths(tmp_path / "d")
    record = tmp_path / "requests.jsonl"
    proc = subprocess.Popen(
        [
            sys.executable,
            str(FAKE_APP),
            str(paths.data_dir),
            "--mode",
            "cli",
            "--record",
            str(record),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(proc.stdout.readline()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    reader.join(20)
    try:
        assert got and got[0].startswith("owner "), got
        yield RunningApp(proc, paths, record)
    finally:
        try:
            send_to_app(paths, ["quit"], "/", timeout=5)
            proc.wait(10)
        except Exception:
            proc.kill()
            proc.wait(10)


def status(data_dir: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["--data-dir", data_dir, "status", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


# --- which commands, and what is sent -------------------------------------------


@pytest.mark.parametrize(
    ("argv", "forwarded"),
    [
        (["start", "-o", "Message 5 prospects", "-m", "25"], True),
        (["extend"], True),
        (["stop"], True),
        (["log", "value"], True),
        (["add", "--app", "phone", "--title", "call", "--from", "9:00", "--to", "9:30"], True),
        (["import", "x.json"], True),
        (["rules", "add", "--field", "app", "--pattern", "x", "--category", "casual"], True),
        (["rules", "remove", "3"], True),
        (["summary", "--show"], True),
        ([], True),
        (["status"], False),
        (["summary"], False),
        (["summary", "--json"], False),
        (["report", "--from", "2026-11-01", "--to", "2026-11-26"], False),
        (["export", "--format", "json"], False),
        (["rules", "list"], False),
        (["rules", "test", "--app", "x"], False),
        (["doctor"], False),
    ],
)
def test_only_commands_that_change_state_are_forwarded(argv: list[str], forwarded: bool) -> None:
    assert is_forwarded(build_parser().parse_args(argv)) is forwarded


@pytest.mark.parametrize(
    ("argv", "sent"),
    [
        (["--data-dir", "/d", "stop"], ["stop"]),
        (["--data-dir=/d", "--verbose", "log", "value"], ["log", "value"]),
        (["-v", "--database-url", "postgresql://h/db", "stop"], ["stop"]),
        (["--data", "/d", "stop"], ["--data", "/d", "stop"]),  # ambiguous: argparse refuses it
        (["--data-d", "/d", "--verb", "-vv", "stop", "--note", "-v"], ["stop", "--note", "-v"]),
        (["start", "-o", "--data-dir", "-m", "5"], ["start", "-o", "--data-dir", "-m", "5"]),
        ([], []),
    ],
)
def test_global_options_are_not_sent(argv: list[str], sent: list[str]) -> None:
    assert strip_global_options(argv) == sent


@pytest.mark.parametrize(
    ("command", "argv", "expected"),
    [
        ("import", ["import", "a.json"], ["import", "/w/a.json"]),
        ("import", ["import", "--", "-odd.json"], ["import", "--", "/w/-odd.json"]),
        ("import", ["import", "/abs/a.json"], ["import", "/abs/a.json"]),
        ("import", ["import", "../up.json"], ["import", "/w/../up.json"]),
        (
            "export",
            ["export", "--format", "csv", "-o", "out.csv"],
            ["export", "--format", "csv", "-o", "/w/out.csv"],
        ),
        ("export", ["export", "-oout.csv"], ["export", "-o/w/out.csv"]),
        ("export", ["export", "--output=o.json"], ["export", "--output=/w/o.json"]),
        (
            "export",
            ["export", "--out", "o.json", "--force"],
            ["export", "--out", "/w/o.json", "--force"],
        ),
        ("start", ["start", "-o", "Message 5", "-m", "5"], ["start", "-o", "Message 5", "-m", "5"]),
    ],
)
@posix_only
def test_file_arguments_become_absolute(command: str, argv: list[str], expected: list[str]) -> None:
    assert absolutize_paths(command, argv, "/w") == expected


# --- with and without a running app -------------------------------------------------


def test_without_an_app_the_cli_runs_the_command_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(tmp_path / "d")
    assert main(["--data-dir", d, "start", "-o", "Message 5 prospects", "-m", "25"]) == 0
    assert 'Started "Message 5 prospects"' in capsys.readouterr().out
    assert status(d, capsys)["running"] is True


def test_summary_show_without_an_app_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path / "d"), "summary", "--show"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "focusdesk: FocusDesk is not running; start it with `focusdesk`\n"


@posix_only
def test_start_log_stop_go_to_the_running_app_and_land_in_its_database(
    app: RunningApp, capsys: pytest.CaptureFixture[str]
) -> None:
    d = app.data_dir
    assert main(["--data-dir", d, "-v", "start", "-o", "Message 5 prospects", "-m", "25"]) == 0
    assert 'Started "Message 5 prospects"' in capsys.readouterr().out
    assert main(["--data-dir", d, "log", "value", "--note", "shared a tip"]) == 0
    assert "Logged value" in capsys.readouterr().out
    running = status(d, capsys)
    assert running["running"] is True and running["session"]["planned_minutes"] == 25
    assert main(["--data-dir", d, "stop", "--outcome", "met", "--count", "5"]) == 0
    assert "Outcome: met" in capsys.readouterr().out
    assert main(["--data-dir", d, "stop"]) == 2  # the app's error comes back as ours
    err = capsys.readouterr().err
    assert err.startswith("focusdesk: No session") and err.count("\n") == 1
    assert status(d, capsys)["running"] is False
    sent = [r["argv"] for r in app.requests()]
    assert sent == [
        ["start", "-o", "Message 5 prospects", "-m", "25"],
        ["log", "value", "--note", "shared a tip"],
        ["stop", "--outcome", "met", "--count", "5"],
        ["stop"],
    ]  # status ran here, not in the app
    from focusdesk.services.reports import ReportService

    ctx = AppContext.create(d)
    try:
        summary = ReportService(ctx).day_summary(None)
    finally:
        ctx.close()
    assert [s.outcome for s in summary.sessions] == ["met"]
    assert summary.interactions["value"] == 1


@posix_only
def test_a_relative_import_file_is_sent_as_an_absolute_path(
    app: RunningApp,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(AW_EXPORT, work / "aw.json")
    monkeypatch.chdir(work)
    assert main(["--data-dir", app.data_dir, "import", "aw.json"]) == 0
    assert capsys.readouterr().out.startswith("Imported ")
    [req] = app.requests()
    assert req == {"argv": ["import", str(work / "aw.json")], "cwd": str(work)}


@posix_only
def test_summary_show_and_a_bare_launch_ask_the_app_to_show_itself(
    app: RunningApp, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def second_app(*_args: object, **_kw: object) -> int:
        raise AssertionError("a second app was launched instead of forwarding")

    monkeypatch.setattr("focusdesk.ui.launch.launch_app", second_app)
    assert main(["--data-dir", app.data_dir, "summary", "--show", "--date", "2026-11-26"]) == 0
    assert main(["--data-dir", app.data_dir]) == 0
    assert capsys.readouterr() == ("", "")
    show = send_to_app(app.paths, ["summary", "--show"], "/")
    assert show is not None and show.extra == {"show": "summary", "date": None}
    dated = send_to_app(app.paths, ["summary", "--show", "--date", "2026-11-26"], "/")
    assert dated is not None and dated.extra == {"show": "summary", "date": "2026-11-26"}
    front = send_to_app(app.paths, [], "/")
    assert front is not None and front.extra == {"show": "app"} and front.rc == 0
    assert [r["argv"] for r in app.requests()][:2] == [
        ["summary", "--show", "--date", "2026-11-26"],
        [],
    ]


def test_an_app_that_fails_to_answer_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def hung(*_args: object, **_kw: object) -> None:
        raise InstanceError("FocusDesk is running but did not answer within 10 s")

    monkeypatch.setattr("focusdesk.services.instance_client.send_to_app", hung)
    assert main(["--data-dir", str(tmp_path / "d"), "stop"]) == 2
    assert (
        capsys.readouterr().err
        == "focusdesk: FocusDesk is running but did not answer within 10 s\n"
    )


# --- run_in_app, the app's side ---------------------------------------------------


def test_run_in_app_runs_commands_on_the_apps_context(sqlite_ctx: AppContext) -> None:
    started = run_in_app(sqlite_ctx, ["start", "-o", "Message 5 prospects", "-m", "25"], "/")
    assert started["rc"] == 0 and 'Started "Message 5 prospects"' in started["stdout"]
    assert "10:25" in started["stdout"]  # the app's clock (09:00 UTC) and zone (Berlin)
    again = run_in_app(sqlite_ctx, ["start", "-o", "Message 5 prospects", "-m", "25"], "/")
    assert again["rc"] == 2 and again["stderr"].startswith("focusdesk: ") and again["stdout"] == ""
    stopped = run_in_app(sqlite_ctx, ["--data-dir", "/elsewhere", "stop", "--json"], "/")
    assert stopped["rc"] == 0 and json.loads(stopped["stdout"])["running"] is False


@pytest.mark.parametrize(
    ("argv", "rc", "where", "text"),
    [
        (["start", "-m", "5"], 2, "stderr", "the following arguments are required"),
        (["nonsense"], 2, "stderr", "invalid choice"),
        (["--help"], 0, "stdout", "usage: focusdesk"),
        (["--version"], 0, "stdout", "FocusDesk "),
        (["summary", "--show", "--date", "26.11."], 2, "stderr", "--date must be a date"),
    ],
)
def test_run_in_app_turns_exits_and_errors_into_replies(
    sqlite_ctx: AppContext, argv: list[str], rc: int, where: str, text: str
) -> None:
    reply = run_in_app(sqlite_ctx, argv, "/")
    assert reply["rc"] == rc and text in reply[where]


def test_run_in_app_never_raises(sqlite_ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kw: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr("focusdesk.services.sessions.SessionService.start", broken)
    before = sys.stdout, sys.stderr
    reply = run_in_app(sqlite_ctx, ["start", "-o", "Message 5 prospects", "-m", "25"], "/")
    assert reply["rc"] == 1 and "unexpected error; details are in" in reply["stderr"]
    assert (sys.stdout, sys.stderr) == before


def test_run_in_app_reads_relative_files_from_the_callers_folder(
    sqlite_ctx: AppContext, tmp_path: Path
) -> None:
    caller = tmp_path / "caller"
    caller.mkdir()
    shutil.copy(AW_EXPORT, caller / "aw.json")
    assert Path.cwd() != caller
    reply = run_in_app(sqlite_ctx, ["import", "aw.json"], str(caller))
    assert reply["rc"] == 0 and reply["stdout"].startswith("Imported "), reply
