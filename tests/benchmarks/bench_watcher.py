"""X11 watcher benchmark: CPU of polling all day, under Xvfb with a real window; prints JSON.

Why: the watcher runs every second from login to logout, so its cost is
paid all day; the design's target is at most 0.3 % of one core. A script,
not a timed test, because CPU figures depend on the machine: people
compare them with the target (see bench_app.py for the same reasoning).

Run from anywhere (needs Xvfb, openbox and python-xlib; xdotool optional)::

    python tests/benchmarks/bench_watcher.py [--seconds 60] [--out FILE]

What it does: starts a private Xvfb with openbox, opens one Qt window
(``tests/watchers/x_window.py``) and focuses it, then polls like the
tracking loop: ``active_window()`` every ``--interval`` seconds (1 s) and
``idle_seconds()`` every ``--idle-every`` polls (5), for ``--seconds``.

* ``watcher_cpu_percent``: user+system CPU time of this process during the
  polling (``time.process_time``) divided by the wall time, in percent of
  one core. The X server's own work for the requests is not included.
* ``active_window_us`` / ``idle_seconds_us``: median wall time of one call,
  measured afterwards in a tight loop of ``--micro`` calls.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # run directly: make focusdesk and tests importable
    sys.path.insert(0, str(REPO_ROOT))

from focusdesk.watchers.x11 import X11Watcher  # noqa: E402
from tests.support.xserver import die_with_parent, unavailable_reason, xserver  # noqa: E402

WINDOW_SCRIPT = REPO_ROOT / "tests" / "watchers" / "x_window.py"
TITLE = "Benchmark — Messenger inbox"
APP = "benchapp"
TARGET_CPU_PERCENT = 0.3


def poll(watcher: X11Watcher, seconds: float, interval: float, idle_every: int) -> dict[str, Any]:
    """Poll on a fixed schedule like the tracking loop; CPU of this process over the wall time."""
    titles: set[str] = set()
    polls = idle_polls = unknown = 0
    start_wall = time.monotonic()
    start_cpu = time.process_time()
    next_tick = start_wall
    while True:
        now = time.monotonic()
        if now - start_wall >= seconds:
            break
        if now < next_tick:
            time.sleep(next_tick - now)
            continue
        window = watcher.active_window()
        polls += 1
        if window is None:
            unknown += 1
        else:
            titles.add(window.title)
        if polls % idle_every == 1 or idle_every == 1:
            watcher.idle_seconds()
            idle_polls += 1
        next_tick += interval
    cpu = time.process_time() - start_cpu
    wall = time.monotonic() - start_wall
    return {
        "watcher_cpu_percent": round(100.0 * cpu / wall, 4),
        "cpu_seconds": round(cpu, 4),
        "wall_seconds": round(wall, 2),
        "polls": polls,
        "idle_polls": idle_polls,
        "polls_without_window": unknown,
        "titles_seen": sorted(titles),
    }


def micro(watcher: X11Watcher, calls: int) -> dict[str, float]:
    """Median wall time of one call of each method, in microseconds."""

    def median_us(call: Any) -> float:
        samples = []
        for _ in range(calls):
            started = time.perf_counter()
            call()
            samples.append(time.perf_counter() - started)
        return round(statistics.median(samples) * 1e6, 1)

    return {
        "active_window_us": median_us(watcher.active_window),
        "idle_seconds_us": median_us(watcher.idle_seconds),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    with xserver(wm=True, tray=False) as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        window = subprocess.Popen(
            [sys.executable, str(WINDOW_SCRIPT), TITLE, APP, "--lifetime", str(args.seconds + 120)],
            env=env,
            cwd=REPO_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            preexec_fn=die_with_parent,
        )
        try:
            assert window.stdout is not None
            if window.stdout.readline().strip() != "ready":
                raise RuntimeError("the benchmark window did not open")
            if shutil.which("xdotool"):
                subprocess.run(
                    [
                        "xdotool",
                        "search",
                        "--onlyvisible",
                        "--name",
                        TITLE,
                        "windowactivate",
                        "--sync",
                    ],
                    env=env,
                    check=False,
                    timeout=15,
                    capture_output=True,
                )
            watcher = X11Watcher(display)
            try:
                watcher.active_window()  # warm-up: atoms, class and pid of the window
                watcher.idle_seconds()
                result = poll(watcher, args.seconds, args.interval, args.idle_every)
                result.update(micro(watcher, args.micro))
            finally:
                watcher.close()
        finally:
            assert window.stdin is not None
            window.stdin.close()
            try:
                window.wait(timeout=10)
            except subprocess.TimeoutExpired:
                window.kill()
    result.update(
        target_cpu_percent=TARGET_CPU_PERCENT,
        meets_target=result["watcher_cpu_percent"] <= TARGET_CPU_PERCENT,
        interval_s=args.interval,
        idle_every_polls=args.idle_every,
        python=platform.python_version(),
        machine=f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="polling time (default 60)")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
    parser.add_argument("--idle-every", type=int, default=5, help="idle_seconds every N polls")
    parser.add_argument("--micro", type=int, default=2000, help="calls for the per-call timings")
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    args = parser.parse_args(argv)
    reason = unavailable_reason(wm=True)
    if reason:
        print(json.dumps({"skipped": reason}))
        return 2
    result = run(args)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
