"""A stand-in for the desktop app's single-instance start, for tests in real processes.

Run as a script: ``fake_app.py DATA_DIR [--mode echo|cli] [--record FILE]
[--lifetime S] [--barrier]``. It starts a QCoreApplication (no window), runs
the real ``InstanceGuard`` and prints one line: ``owner PID`` when it became
the app, or ``second {reply as JSON}`` after handing an empty argv to the
app that already runs. The owner answers until it gets ``["quit"]`` over the
socket or ``--lifetime`` seconds pass.

``--mode cli`` answers with ``run_in_app`` on a real AppContext, as the app
will; ``--mode echo`` echoes. ``--record`` appends every request as a JSON
line. ``--barrier`` prints ``ready`` and waits for a line on stdin first, so
a test can release two processes at the same instant.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QTimer

from focusdesk.services.context import AppContext
from focusdesk.ui.instance import InstanceGuard


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--mode", choices=["echo", "cli"], default="echo")
    parser.add_argument("--record", type=Path)
    parser.add_argument("--lifetime", type=float, default=30.0)
    parser.add_argument("--barrier", action="store_true")
    opts = parser.parse_args(argv)

    app = QCoreApplication([sys.argv[0]])
    ctx = AppContext.create(opts.data_dir)

    def handle(request: dict[str, Any]) -> dict[str, Any]:
        if opts.record:
            with opts.record.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(request) + "\n")
        args = request["argv"]
        if args == ["quit"]:
            QTimer.singleShot(0, app.quit)
            return {"rc": 0, "stdout": "bye\n", "stderr": ""}
        if args == ["crash"]:
            raise RuntimeError("asked to fail")
        if args[:1] == ["sleep"]:
            time.sleep(float(args[1]))
        if opts.mode == "cli":
            from focusdesk.cli.embedded import run_in_app

            return run_in_app(ctx, args, request["cwd"])
        return {
            "rc": 0,
            "stdout": f"owner {os.getpid()} got {args}\n",
            "stderr": "",
            "pid": os.getpid(),
        }

    if opts.barrier:
        print("ready", flush=True)
        sys.stdin.readline()
    guard = InstanceGuard(ctx.paths, handle)
    reply = guard.acquire_or_forward([], os.getcwd())
    if reply is not None:
        print("second", json.dumps(dataclasses.asdict(reply)), flush=True)
        return reply.rc
    print("owner", os.getpid(), flush=True)
    QTimer.singleShot(int(opts.lifetime * 1000), app.quit)
    app.exec()
    guard.release()
    ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
