"""Benchmark "next case" as an officer feels it: server time of one claim at 10,000 and at
1,000,000 cases on PostgreSQL, and SQL statements per claim; one JSON line.

An officer of two of the ten queues posts /officer/cases/next CLAIMS times at each size (each
claim takes the most urgent unassigned case of its queues, writes the assignment, a timeline
event and an audit row). Server time is the median through the app; statements are counted with
an SQLAlchemy event listener over the same requests. `ratio` is the median at 1,000,000 cases
divided by the median at 10,000 (aim: below 1.5; statements per claim: at most 6). Claims racing
each other are tested in tests/casework/test_concurrency.py, not timed here.
"""

from __future__ import annotations

import json
import statistics
import time

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from bench.cases import NOW, bench_app, generate_cases
from bench.queue import _signed_in
from core import clock
from core.db import engine

SMALL, LARGE = 10_000, 1_000_000
CLAIMS = 40


def _claims(app: Flask, client: FlaskClient) -> tuple[float, float]:
    """Median ms of a claim, and statements per claim."""
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    token_page = client.get("/officer/cases").get_data(as_text=True)
    token = token_page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    samples = []
    with app.app_context():
        bench_engine = engine()
    event.listen(bench_engine, "before_cursor_execute", count)
    try:
        for _ in range(CLAIMS):
            started = time.perf_counter()
            answer = client.post("/officer/cases/next", data={"csrf_token": token})
            samples.append(time.perf_counter() - started)
            if answer.status_code != 302 or "/officer/cases/" not in answer.location:
                raise RuntimeError(f"no case was claimed: {answer.status_code} {answer.location}")
    finally:
        event.remove(bench_engine, "before_cursor_execute", count)
    return statistics.median(samples) * 1000, len(statements) / CLAIMS


def main() -> None:
    with bench_app("claim") as app:
        clock.set_now(NOW)
        with app.app_context():
            generate_cases(SMALL)
        client = _signed_in(app)
        small_ms, small_statements = _claims(app, client)
        with app.app_context():
            generate_cases(LARGE - SMALL)
        large_ms, large_statements = _claims(app, client)
    print(
        json.dumps(
            {
                "bench": "claim",
                "database": "postgresql",
                "claims": CLAIMS,
                "small_cases": SMALL,
                "large_cases": LARGE,
                "small_ms": round(small_ms, 2),
                "large_ms": round(large_ms, 2),
                "statements_per_claim": round(max(small_statements, large_statements), 1),
                "ratio": round(large_ms / small_ms, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
