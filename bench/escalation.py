"""Benchmark the escalation sweep on PostgreSQL: one JSON line.

One `escalate` run over 10,000 open cases and over 1,000,000 open cases, with the same 1,000
cases reaching their warning level each time; `ratio` is the second time divided by the first
(aim: below 2, i.e. the cost follows the cases that change, not the size of the table).
"""

from __future__ import annotations

import json
import time
from datetime import timedelta

from sqlalchemy import text

from bench.cases import NOW, bench_app, generate_cases
from casework.services.escalation import escalate_due_cases
from core.db import session

CHANGING = 1_000
SIZES = (10_000, 1_000_000)

# Every case open and its next escalation far away; then the first CHANGING become due now.
OPEN_ALL = text("""
    UPDATE cases SET closed_at = NULL, status = 'submitted', escalation_level = 0,
           stage_started_at = CAST(:now AS timestamptz) - interval '3 days', sla_days = 7,
           sla_days_used = 0, next_escalation_at = CAST(:now AS timestamptz) + interval '30 days'
""")
DUE_NOW = text("""
    UPDATE cases SET stage_started_at = CAST(:now AS timestamptz) - interval '20 days',
           next_escalation_at = CAST(:now AS timestamptz) - interval '1 minute'
    WHERE id <= :changing
""")


def sweep_time(size: int) -> float:
    with bench_app("escalation") as app, app.app_context():
        generate_cases(size)
        session.execute(OPEN_ALL, {"now": NOW})
        session.execute(DUE_NOW, {"now": NOW, "changing": CHANGING})
        session.commit()
        session.connection().exec_driver_sql("ANALYZE cases")
        session.commit()
        started = time.perf_counter()
        counts = escalate_due_cases(NOW + timedelta(seconds=1))
        elapsed = time.perf_counter() - started
        assert counts["escalated"] == CHANGING, counts
        return elapsed


def main() -> None:
    small, large = (sweep_time(size) for size in SIZES)
    print(
        json.dumps(
            {
                "bench": "escalation",
                "database": "postgresql",
                "changing": CHANGING,
                "open_10k_s": round(small, 3),
                "open_1m_s": round(large, 3),
                "ratio": round(large / small, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
