"""Store and report benchmark on a dense synthetic year; prints one JSON object.

Why a script and not a timed test: timings depend on the machine, so they
are recorded and compared against the design's targets by people, not
asserted in CI where a busy runner would make them flaky.

Run from anywhere::

    python tests/benchmarks/bench_store.py [--days 365] [--out FILE] [--profile]

It measures the two paths the quality bars are about:

* the write path: one working day (30,000 one-second observations) fed
  through the real ``Recorder`` with its default flush policy into a fresh
  SQLite database opened through ``AppContext``;
* the read path: the day summary, a week and a year report through
  ``ReportService`` on a database holding a synthetic year of dense activity
  (see ``synthetic.py``), warm, median of five runs.

Numbers go to stdout (and ``--out``); with ``--profile`` a cProfile of every
path that misses its target goes to stderr, for whoever optimises it.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # run directly: make focusdesk and tests importable
    sys.path.insert(0, str(REPO_ROOT))

import sqlalchemy  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from focusdesk.core.activity import Observation  # noqa: E402
from focusdesk.core.rules import Classifier  # noqa: E402
from focusdesk.services.context import AppContext  # noqa: E402
from focusdesk.services.paths import resolve_paths  # noqa: E402
from focusdesk.services.recording import Recorder  # noqa: E402
from focusdesk.services.reports import ReportService  # noqa: E402
from focusdesk.services.rules import default_rules  # noqa: E402
from focusdesk.store.models import ActivitySpan, DayTotal  # noqa: E402
from tests.benchmarks.synthetic import (  # noqa: E402
    World,
    day_observations,
    plan_day,
    session_rows,
    write_history,
)
from tests.support.clock import FakeClock  # noqa: E402

TZ = ZoneInfo("Europe/Berlin")
SEED = 20250101
LAST_DAY = date(2025, 12, 31)  # the year ends here; fixed so that runs are comparable
INGEST_DAY = date(2026, 3, 10)  # a Tuesday, outside the year's range
OBSERVATIONS = 30_000
RUNS = 5

TARGETS: dict[str, float] = {
    "ingest_day_heartbeats_s": 1.0,
    "summary_day_ms": 5,
    "report_week_ms": 15,
    "report_year_ms": 100,
    "db_bytes_per_span": 80,
}


def _evening(day: date) -> datetime:
    return datetime.combine(day, clock_time(22, 0), tzinfo=TZ).astimezone(UTC)


# --------------------------------------------------------------------------- ingest


def _prepare_ingest(data_dir: Path) -> tuple[AppContext, Recorder, list[Observation]]:
    """Everything the ingest needs except the ingest itself: database, sessions, observations.

    Opening (and migrating) the database is not part of the figure: the app
    does it once at start, not per observation. The day's sessions are stored
    first because observations during a session carry its id.
    """
    ctx = AppContext.create(data_dir, None, clock=FakeClock(_evening(INGEST_DAY)), tz=TZ)
    device_id = ctx.device_id
    plan = plan_day(SEED, World.build(SEED), INGEST_DAY, TZ)
    with ctx.db.sessions.begin() as orm:
        rows = session_rows(plan, device_id)
        orm.add_all(rows)
        orm.flush()
        ids = {s.index: row.id for s, row in zip(plan.sessions, rows, strict=True)}
    observations = day_observations(plan, ids, OBSERVATIONS)
    if len(observations) != OBSERVATIONS:
        raise RuntimeError(f"the planned day has only {len(observations)} observations")
    recorder = Recorder(
        ctx.db, device_id=device_id, classifier=Classifier(default_rules()), tz=ctx.tz
    )
    return ctx, recorder, observations


def _ingest(recorder: Recorder, observations: list[Observation]) -> None:
    for obs in observations:
        recorder.observe(obs)
    recorder.close()


def _ingest_once(data_dir: Path) -> dict[str, Any]:
    ctx, recorder, observations = _prepare_ingest(data_dir)
    try:
        started = time.perf_counter()
        _ingest(recorder, observations)
        elapsed = time.perf_counter() - started
        with ctx.db.sessions() as orm:
            spans = orm.scalar(select(func.count()).select_from(ActivitySpan)) or 0
            span_seconds = orm.scalar(select(func.sum(ActivitySpan.duration))) or 0
            total_seconds = orm.scalar(select(func.sum(DayTotal.seconds))) or 0
    finally:
        ctx.close()
    if span_seconds != total_seconds:  # a broken roll-up would make the timing meaningless
        raise RuntimeError(f"day totals {total_seconds} s != spans {span_seconds} s after ingest")
    return {
        "ingest_day_heartbeats_s": elapsed,
        "observations_ingested": len(observations),
        "spans_from_ingest": spans,
    }


def measure_ingest(workdir: Path, runs: int) -> dict[str, Any]:
    """The median of ``runs`` ingests, each into its own fresh database.

    One run is the figure asked for; the median of a few keeps a busy
    machine (another build, an indexer) from deciding it.
    """
    results = [_ingest_once(workdir / f"ingest-{i}") for i in range(runs)]
    times = [r["ingest_day_heartbeats_s"] for r in results]
    return {
        **results[0],
        "ingest_day_heartbeats_s": statistics.median(times),
        "ingest_day_heartbeats_runs_s": [round(t, 3) for t in times],
    }


# --------------------------------------------------------------------------- year


def build_year(workdir: Path, days: int) -> dict[str, Any]:
    first = LAST_DAY - timedelta(days=days - 1)
    ctx = AppContext.create(workdir / "year", None, clock=FakeClock(_evening(LAST_DAY)), tz=TZ)
    try:
        device_id = ctx.device_id
        started = time.perf_counter()
        stats = write_history(
            ctx.db,
            device_id=device_id,
            tz=TZ,
            first=first,
            days=days,
            seed=SEED,
            classifier=Classifier(default_rules()),
        )
        generation_s = time.perf_counter() - started
        with ctx.db.engine.connect() as conn:
            spans = conn.scalar(select(func.count()).select_from(ActivitySpan)) or 0
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        path = ctx.db.path
        assert path is not None
    finally:
        ctx.close()
    size = path.stat().st_size
    return {
        "spans_year": spans,
        "days": days,
        "windows_year": stats.windows,
        "sessions_year": stats.sessions,
        "interactions_year": stats.interactions,
        "generation_s": generation_s,
        "db_bytes": size,
        "db_bytes_per_span": size / spans if spans else None,
        "_first": first,
    }


# --------------------------------------------------------------------------- reports


def _median_ms(call: Callable[[], object]) -> float:
    call()  # warm-up: connection pool, statement cache, page cache
    runs = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000


def report_calls(service: ReportService, first: date) -> dict[str, Callable[[], object]]:
    return {
        "summary_day_ms": lambda: service.day_summary(LAST_DAY),
        "report_week_ms": lambda: service.report(LAST_DAY - timedelta(days=6), LAST_DAY, "day"),
        # By day, not by month: the most buckets, the conservative figure.
        "report_year_ms": lambda: service.report(first, LAST_DAY, "day"),
    }


def open_year(workdir: Path) -> AppContext:
    return AppContext.create(workdir / "year", None, clock=FakeClock(_evening(LAST_DAY)), tz=TZ)


def measure_reports(workdir: Path, first: date) -> dict[str, float]:
    ctx = open_year(workdir)
    try:
        calls = report_calls(ReportService(ctx), first)
        return {name: _median_ms(call) for name, call in calls.items()}
    finally:
        ctx.close()


# --------------------------------------------------------------------------- profiles


def _profile(call: Callable[[], object], title: str, top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    call()
    profiler.disable()
    out = io.StringIO()
    out.write(f"\n===== profile: {title} =====\n")
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def profile_misses(result: dict[str, Any], workdir: Path, first: date, top: int) -> str:
    """cProfile (one more run, separate from the measured ones) of each path over target."""
    missed = [k for k, target in TARGETS.items() if (result.get(k) or 0) > target]
    parts: list[str] = []
    if "ingest_day_heartbeats_s" in missed:
        ctx, recorder, observations = _prepare_ingest(workdir / "ingest-profile")
        try:
            parts.append(
                _profile(lambda: _ingest(recorder, observations), "ingest_day_heartbeats_s", top)
            )
        finally:
            ctx.close()
    report_missed = [
        k for k in ("summary_day_ms", "report_week_ms", "report_year_ms") if k in missed
    ]
    if report_missed:
        ctx = open_year(workdir)
        try:
            calls = report_calls(ReportService(ctx), first)
            for name in report_missed:
                calls[name]()  # warm, as measured
                parts.append(_profile(calls[name], name, top))
        finally:
            ctx.close()
    if "db_bytes_per_span" in missed:
        parts.append(_space_breakdown(resolve_paths(workdir / "year").database))
    return "".join(parts)


def _space_breakdown(path: Path) -> str:
    """Bytes per table and index, when SQLite was built with the dbstat table."""
    out = io.StringIO()
    out.write("\n===== space: db_bytes_per_span =====\n")
    try:
        with closing(sqlite3.connect(path)) as conn:
            rows = conn.execute(
                "SELECT name, SUM(pgsize) AS bytes, SUM(ncell) FROM dbstat "
                "GROUP BY name ORDER BY bytes DESC"
            ).fetchall()
    except sqlite3.Error as exc:
        return out.getvalue() + f"(dbstat unavailable: {exc})\n"
    for name, size, cells in rows:
        out.write(f"{name:32} {size:>12,} bytes {cells:>10,} cells\n")
    return out.getvalue()


# --------------------------------------------------------------------------- main


def run(
    days: int, workdir: Path, *, ingest_runs: int = 3, profile: bool = False, top: int = 30
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    result.update(measure_ingest(workdir, ingest_runs))
    year = build_year(workdir, days)
    first: date = year.pop("_first")
    result.update(year)
    result.update(measure_reports(workdir, first))
    result.update(
        {
            "python": sys.version.split()[0],
            "sqlalchemy": sqlalchemy.__version__,
            "sqlite": sqlite3.sqlite_version,
            "cpu_count": os.cpu_count(),
            "targets": TARGETS,
        }
    )
    result["within_target"] = {
        k: result.get(k) is not None and result[k] <= target for k, target in TARGETS.items()
    }
    if profile:
        sys.stderr.write(profile_misses(result, workdir, first, top))
    return _rounded(result)


def _rounded(result: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in result.items():
        if isinstance(value, float):
            out[key] = round(value, 3 if key.endswith("_s") else 2)
        else:
            out[key] = value
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365, help="days of synthetic history")
    parser.add_argument("--out", type=Path, help="also write the JSON to this file")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile paths over target (to stderr)"
    )
    parser.add_argument("--top", type=int, default=30, help="profile entries to show")
    parser.add_argument(
        "--ingest-runs", type=int, default=3, help="ingests to take the median of (default 3)"
    )
    parser.add_argument(
        "--workdir", type=Path, help="keep the databases here instead of a temporary folder"
    )
    args = parser.parse_args(argv)
    if args.days < 7:
        parser.error("--days must be at least 7 (the week report needs a week)")
    if args.ingest_runs < 1:
        parser.error("--ingest-runs must be at least 1")
    options: dict[str, Any] = {
        "ingest_runs": args.ingest_runs,
        "profile": args.profile,
        "top": args.top,
    }
    if args.workdir is not None:
        if args.workdir.exists() and any(args.workdir.iterdir()):
            parser.error(f"{args.workdir} is not empty; the benchmark needs fresh databases")
        args.workdir.mkdir(parents=True, exist_ok=True)
        result = run(args.days, args.workdir, **options)
    else:
        with tempfile.TemporaryDirectory(prefix="focusdesk-bench-") as tmp:
            result = run(args.days, Path(tmp), **options)
    document = json.dumps(result, indent=2, ensure_ascii=False)
    print(document)
    if args.out is not None:
        args.out.write_text(document + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
