from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from focusdesk.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a new process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "focusdesk", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_start_status_stop_and_summary_in_separate_processes(tmp_path: Path) -> None:
    d = str(tmp_path / "d")
    started = run(
        "--data-dir",
        d,
        "start",
        "--objective",
        "Message 5 prospects",
        "--minutes",
        "25",
        "--target",
        "5",
    )
    assert started.returncode == 0, started.stderr
    assert 'Started "Message 5 prospects"' in started.stdout
    status = run("--data-dir", d, "status", "--json")
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    assert data["running"] is True
    assert 1400 < data["session"]["remaining_s"] <= 1500
    stopped = run("--data-dir", d, "stop", "--outcome", "met", "--count", "5")
    assert stopped.returncode == 0 and "Outcome: met" in stopped.stdout
    summary = json.loads(run("--data-dir", d, "summary", "--json").stdout)
    [session] = summary["sessions"]
    assert session["objective"] == "Message 5 prospects" and session["outcome"] == "met"
    assert session["planned_s"] == 1500 and session["overrun_s"] == 0
    assert set(summary["totals"]) >= {"business_s", "casual_s", "neutral_s"}
    assert "value_pitch_ratio" in summary and "interactions" in summary


def test_kill_9_while_recording_keeps_the_session_and_the_activity(tmp_path: Path) -> None:
    d = str(tmp_path / "d")
    assert run("--data-dir", d, "start", "-o", "Reply to 10 comments", "-m", "30").returncode == 0
    recorder = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "support" / "record_forever.py"), d],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert recorder.stdout is not None and recorder.stdout.readline().strip() == "recording"
        time.sleep(7)  # more than one 5-second flush
    finally:
        recorder.send_signal(signal.SIGKILL)
        recorder.wait(10)
    status = json.loads(run("--data-dir", d, "status", "--json").stdout)
    assert status["running"] is True
    session = status["session"]
    assert session["objective"] == "Reply to 10 comments"
    # The remaining time comes from the stored deadline: 30 minutes minus the seconds that passed.
    assert 1700 < session["remaining_s"] < 1800
    summary = json.loads(run("--data-dir", d, "summary", "--json").stdout)
    recorded = summary["totals"]["total_s"]
    assert recorded >= 2  # at most the last few seconds were lost
    assert summary["sessions"][0]["business_s"] + summary["sessions"][0]["casual_s"] == recorded


def test_env_var_chooses_the_data_dir(tmp_path: Path) -> None:
    d = tmp_path / "from-env"
    result = run("start", "-o", "Post 1 reel", "-m", "5", env={"FOCUSDESK_DATA_DIR": str(d)})
    assert result.returncode == 0, result.stderr
    assert (d / "focusdesk.db").exists() and (d / "logs").is_dir()


def test_version_and_help_do_not_load_the_database_layer() -> None:
    code = "import sys; from focusdesk.cli.main import build_parser; build_parser(); print('sqlalchemy' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "False"
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("FocusDesk ")


BAD = [
    (["start", "--minutes", "25"], "--objective"),
    (["start", "-o", "Send 5 DMs", "-m", "0"], "between 1 and 240"),
    (["start", "-o", "Send 5 DMs", "-m", "999"], "between 1 and 240"),
    (["start", "-o", "Send 5 DMs", "-m", "abc"], "whole number"),
    (["start", "-o", "", "-m", "25"], "objective is required"),
    (["start", "-o", "Send 5 DMs", "-m", "25", "--target", "x"], "whole number"),
    (["start", "-o", "Send 5 DMs", "-m", "25", "--purpose", "gossip"], "invalid choice"),
    (["stop"], "No session is running"),
    (["extend", "--minutes", "5"], "No session is running"),
    (["log", "gossip"], "invalid choice"),
    (
        ["add", "--app", "phone", "--title", "x", "--from", "noon", "--to", "13:00"],
        "must be a time like",
    ),
    (
        ["add", "--app", "phone", "--title", "x", "--from", "10:00", "--to", "09:00"],
        "after the start",
    ),
    (["summary", "--date", "yesterday"], "must be a date like"),
    (["report", "--from", "2026-11-10", "--to", "2026-11-01"], "before its start"),
    (
        ["rules", "add", "--field", "title", "--pattern", "(oops", "--category", "casual"],
        "not a valid regular",
    ),
    (["rules", "remove", "999"], "no rule with id 999"),
    (["rules", "test"], "at least one of"),
    (["nonsense"], "invalid choice"),
]


@pytest.mark.parametrize(("args", "fragment"), BAD)
def test_bad_input_is_one_line_on_stderr_exit_2_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    d = str(tmp_path / "d")
    with pytest.raises(SystemExit) as exited:
        raise SystemExit(main(["--data-dir", d, *args]))
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert fragment in err
    assert main(["--data-dir", d, "summary", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["sessions"] == [] and summary["totals"]["total_s"] == 0


def test_starting_twice_names_the_running_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(tmp_path / "d")
    assert main(["--data-dir", d, "start", "-o", "Invite 3 people", "-m", "10"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", d, "start", "-o", "Other thing to do", "-m", "10"]) == 2
    err = capsys.readouterr().err
    assert '"Invite 3 people"' in err and len(err.strip().splitlines()) == 1


def test_corrupt_database_is_one_clear_line_and_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "focusdesk.db").write_bytes(b"not a database at all" * 50)
    assert main(["--data-dir", str(d), "status"]) == 2
    err = capsys.readouterr().err
    assert "cannot be read" in err and len(err.strip().splitlines()) == 1
    assert (d / "focusdesk.db").read_bytes() == b"not a database at all" * 50


def test_log_add_rules_and_report_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(tmp_path / "d")
    assert main(["--data-dir", d, "log", "value", "--note", "shared a tip"]) == 0
    assert main(["--data-dir", d, "log", "pitch"]) == 0
    assert (
        main(
            [
                "--data-dir",
                d,
                "add",
                "--app",
                "phone",
                "--title",
                "Messenger",
                "--from",
                "2026-03-02 10:00",
                "--to",
                "2026-03-02 10:30",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "--data-dir",
                d,
                "rules",
                "add",
                "--field",
                "app",
                "--pattern",
                "^crm$",
                "--category",
                "business",
            ]
        )
        == 0
    )
    assert main(["--data-dir", d, "rules", "test", "--app", "crm"]) == 0
    assert "business: rule" in capsys.readouterr().out
    assert main(["--data-dir", d, "rules", "list", "--json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    assert any(r["pattern"] == "^crm$" for r in rules) and len(rules) > 5
    assert main(["--data-dir", d, "summary", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["interactions"]["value"] == 1 and summary["value_pitch_ratio"] == 1.0
    assert (
        main(
            [
                "--data-dir",
                d,
                "report",
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
                "--by",
                "month",
                "--json",
            ]
        )
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert len(report["buckets"]) == 12
    assert report["buckets"][2]["totals"]["business_s"] == 1800  # the phone time in March
    assert main(["--data-dir", d, "doctor"]) == 0
    out = capsys.readouterr().out
    assert "database" in out and "activity tracking" in out


def test_privacy_and_forget_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = str(tmp_path / "d")
    assert (
        main(
            [
                "--data-dir",
                d,
                "privacy",
                "add",
                "--field",
                "app",
                "--pattern",
                "^keepassxc$",
                "--action",
                "exclude",
            ]
        )
        == 0
    )
    assert "not recorded" in capsys.readouterr().out
    assert main(["--data-dir", d, "privacy", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["pattern"] == "^keepassxc$"
    assert (
        main(
            [
                "--data-dir",
                d,
                "add",
                "--app",
                "phone",
                "--title",
                "Call with Zebulon",
                "--from",
                "2026-03-02 10:00",
                "--to",
                "2026-03-02 10:30",
            ]
        )
        == 0
    )
    assert main(["--data-dir", d, "forget", "--date", "2026-03-02"]) == 0
    assert "Forgot 1 activities" in capsys.readouterr().out
    assert b"Zebulon" not in b"".join(p.read_bytes() for p in Path(d).rglob("*.db*"))
    assert main(["--data-dir", d, "forget", "--span", "12345"]) == 2
    assert "no activity with id 12345" in capsys.readouterr().err
