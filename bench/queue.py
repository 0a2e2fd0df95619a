"""Benchmark the officer queue page at 10,000 and at 1,000,000 cases on PostgreSQL; one JSON line.

An officer of two of the ten queues opens /officer/cases with the default view and sort, then
each view (mine, unassigned, due soon, overdue, escalated), each other sort, and a category
filter. Server time is the median of several requests through the app. `ratio` is the total at
1,000,000 cases divided by the total at 10,000 (aim: below 2): lists are read by index in the
order they are shown, so their cost should not grow with the table.
"""

from __future__ import annotations

import json
import statistics
import time

from flask import Flask
from flask.testing import FlaskClient

from bench.cases import NOW, PASSWORD, bench_app, generate_cases
from core import clock

SMALL, LARGE = 10_000, 1_000_000
REPEAT = 15
PAGES = {
    "default": "",
    "mine": "view=mine",
    "unassigned": "view=unassigned",
    "due_soon": "view=due_soon",
    "overdue": "view=overdue",
    "escalated": "view=escalated",
    "sort_filed": "sort=filed",
    "sort_activity": "sort=activity",
    "category": "category=fraud",
}


def _signed_in(app: Flask) -> FlaskClient:
    client = app.test_client()
    page = client.get("/sign-in").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    answer = client.post(
        "/sign-in",
        data={"csrf_token": token, "password": PASSWORD, "email": "officer0@bench.example"},
    )
    if answer.status_code != 302:
        raise RuntimeError("the bench officer could not sign in")
    return client


def _timings(client: FlaskClient, pages: dict[str, str] = PAGES) -> dict[str, float]:
    """Median server time (ms) of /officer/cases with each query string of `pages`."""
    timings = {}
    for name, query in pages.items():
        samples = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            answer = client.get(f"/officer/cases?{query}")
            samples.append(time.perf_counter() - started)
            if answer.status_code != 200:
                raise RuntimeError(f"{name}: {answer.status_code}")
        timings[name] = round(statistics.median(samples) * 1000, 2)
    return timings


def main() -> None:
    with bench_app("queue") as app:
        clock.set_now(NOW)
        with app.app_context():
            generate_cases(SMALL)
        client = _signed_in(app)
        small = _timings(client)
        started = time.perf_counter()
        with app.app_context():
            generate_cases(LARGE - SMALL)
        generated = time.perf_counter() - started
        large = _timings(client)
    print(
        json.dumps(
            {
                "bench": "queue",
                "database": "postgresql",
                "unit": "ms (median server time)",
                "small_cases": SMALL,
                "large_cases": LARGE,
                "generate_s": round(generated, 1),
                "small_ms": small,
                "large_ms": large,
                "small_total_ms": round(sum(small.values()), 2),
                "large_total_ms": round(sum(large.values()), 2),
                "ratio": round(sum(large.values()) / sum(small.values()), 3),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
