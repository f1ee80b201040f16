"""Cost of the app's time-zone check on the GUI thread; prints JSON.

Why: the reminder presenter asks the system's zone every 10 seconds on the
Qt main thread, so a usual check must stay far below a millisecond. A
script, not a timed test: the figures depend on the machine and its disk.

    python tests/benchmarks/bench_zone_check.py [--calls 20000]

* ``check_us``: median wall time of one check as the presenter does it
  (``SystemZoneSource`` then ``ZoneWatch.check``) while nothing changed.
* ``full_read_us``: one re-read through tzlocal, what a check costs when
  the zone configuration did change (or always, on Windows).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # run directly: make focusdesk importable
    sys.path.insert(0, str(REPO_ROOT))


def _median_us(call: object, calls: int, rounds: int = 5) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(calls):
            call()  # type: ignore[operator]
        samples.append((time.perf_counter() - start) / calls * 1e6)
    return round(statistics.median(samples), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20_000)
    args = parser.parse_args()

    import tzlocal

    from focusdesk.core.zone_change import ZoneWatch
    from focusdesk.services.clock import SystemZoneSource

    source, watch = SystemZoneSource(), ZoneWatch()
    now = datetime.now(UTC)

    def check() -> None:
        watch.check(source(), now)

    check()  # the baseline read
    result = {
        "zone": str(source()),
        "check_us": _median_us(check, args.calls),
        "full_read_us": _median_us(tzlocal.reload_localzone, max(args.calls // 20, 1)),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
