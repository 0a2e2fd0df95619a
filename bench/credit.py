"""Benchmark the nightly `credit_recompute` job; prints one JSON line.

100,000 sellers with 1,000,000 credit events, generated set-based in a PostgreSQL database of its
own on the server of DATABASE_URL, dropped afterwards (bench.cases.bench_app). First run: every
seller has an event that just expired, so every seller changes. Second run, a day later: only 1%
of sellers had an event expire since. `ratio` is the second time divided by the first; the job
touches only sellers whose tier can have changed, so it should be far below 1 (aim: below 0.1).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from bench.cases import bench_app
from core.db import engine, session
from core.jobs import run_job
from sellers.models import POINTS

SELLERS = 100_000
EVENTS_PER_SELLER = 10
NOW = datetime(2027, 1, 1, tzinfo=UTC)

GENERATE_SELLERS = text("""
    INSERT INTO sellers (name, name_key, tier, active_points, next_expiry_at, created_at)
    SELECT 'Bench Seller ' || g, 'bench seller ' || g, 'A', 0, :due, :created
    FROM generate_series(1, :sellers) AS g
""")
# Event 1 of every seller expired an hour before NOW; for 1% of sellers event 2 expires 12 hours
# after NOW; the rest expire 115 to 364 days after NOW.
GENERATE_EVENTS = """
    INSERT INTO credit_events (seller_id, kind, points, case_reference, happened_at, expires_at,
                               recorded_at)
    SELECT s.id, kinds.kind, kinds.points, 'BENCH-' || s.id || '-' || k, happened,
           happened + interval '365 days', happened
    FROM sellers AS s
    CROSS JOIN generate_series(1, :per_seller) AS k
    CROSS JOIN LATERAL (SELECT CASE
        WHEN k = 1 THEN CAST(:now AS timestamptz) - interval '365 days 1 hour'
        WHEN k = 2 AND s.id % 100 = 0 THEN CAST(:now AS timestamptz) - interval '364 days 12 hours'
        ELSE CAST(:now AS timestamptz) - (1 + (s.id * 7 + k * 13) % 250) * interval '1 day'
    END AS happened) AS moment
    CROSS JOIN LATERAL (SELECT (ARRAY[{kinds}])[1 + (s.id + k) % :kind_count] AS kind,
                               (ARRAY[{points}])[1 + (s.id + k) % :kind_count] AS points) AS kinds
"""


def generate() -> None:
    """Fill the empty database with the sellers and events of the benchmark."""
    kinds = [kind.value for kind in POINTS]
    with engine().begin() as connection:
        connection.execute(
            GENERATE_SELLERS,
            {
                "due": NOW - timedelta(hours=1),
                "created": NOW - timedelta(days=400),
                "sellers": SELLERS,
            },
        )
        statement = text(
            GENERATE_EVENTS.format(  # our own enum values, not input
                kinds=", ".join(f"'{kind}'" for kind in kinds),
                points=", ".join(str(POINTS[kind]) for kind in POINTS),
            )
        )
        connection.execute(
            statement, {"per_seller": EVENTS_PER_SELLER, "now": NOW, "kind_count": len(kinds)}
        )
        connection.execute(text("ANALYZE sellers"))
        connection.execute(text("ANALYZE credit_events"))


def timed_run(now: datetime) -> tuple[float, dict[str, int]]:
    started = time.perf_counter()
    run = run_job("credit_recompute", now=now)
    elapsed = time.perf_counter() - started
    if run.error:
        raise RuntimeError(run.error)
    return elapsed, run.counts


def main() -> int:
    with bench_app("credit") as app, app.app_context():
        session.close()
        started = time.perf_counter()
        generate()
        generated = time.perf_counter() - started
        everything, everything_counts = timed_run(NOW)
        one_percent, one_percent_counts = timed_run(NOW + timedelta(days=1))
    print(
        json.dumps(
            {
                "bench": "credit",
                "database": "postgresql",
                "sellers": SELLERS,
                "events": SELLERS * EVENTS_PER_SELLER,
                "generate_s": round(generated, 2),
                "all_changed_s": round(everything, 3),
                "all_changed": everything_counts,
                "one_percent_changed_s": round(one_percent, 3),
                "one_percent_changed": one_percent_counts,
                "ratio": round(one_percent / everything, 4),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
