"""Benchmark the supervisors' dashboard at 10,000 and 1,000,000 cases (PostgreSQL); one JSON line.

Cases come from bench.cases (set-based, 30% open); the facts insight's timeline hook would have
noted for them (platform, seller, brand, product, decision and outcome times, stage exits,
escalations) are added set-based too, then the real rollup code (`insight.services.rollups.rebuild`)
counts them. A supervisor then opens the dashboard with the default filters, with each filter,
and the workload page; server time is the median of several requests. `ratio` is the total at
1,000,000 cases divided by the total at 10,000 (aim: below 5): the pages read rollups whose size
is bounded by the dimensions, not by the number of cases.
"""

from __future__ import annotations

import json
import statistics
import time

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, text

from bench.cases import NOW, PASSWORD, bench_app, generate_cases
from casework.models import Case
from core import clock
from core.db import session
from core.models import Role, User
from core.passwords import hash_password
from insight.services.rollups import rebuild

SMALL, LARGE = 10_000, 1_000_000
SELLERS = 2_000
REPEAT = 7
SUPERVISOR = "supervisor@bench.example"
PAGES = {
    "default": "/insight/",
    "kind": "/insight/?kind=bench",
    "queue": "/insight/?queue={queue}",
    "platform": "/insight/?platform=Temu",
    "category": "/insight/?category=fraud",
    "language": "/insight/?language=zh",
    "period_7_days": "/insight/?from=2026-06-08&to=2026-06-14",
    "workload": "/insight/workload",
}

SELLERS_SQL = text("""
    INSERT INTO sellers (name, name_key, tier, active_points, created_at)
    SELECT 'Bench Seller ' || g, 'bench seller ' || g, 'A', 0, CAST(:now AS timestamptz)
    FROM generate_series(1, :sellers) AS g
""")
FACTS_SQL = text("""
    INSERT INTO insight_case_facts (
        case_id, kind, filed_day, queue_id, platform, category, language, seller_id, brand,
        product, analysed, triaged, corrected, decision, decision_at, decision_day,
        decision_working_days, outcome, outcome_at, outcome_day, outcome_working_days,
        seller_response, stages_timed, stages_late)
    SELECT c.id, c.kind, CAST(timezone('Asia/Shanghai', c.created_at) AS date), c.queue_id,
           (ARRAY['AliExpress', 'Temu', 'Amazon', 'Shopee'])[1 + c.id % 4],
           c.category, c.language, :first_seller + c.id % :sellers, 'Brand ' || c.id % 50,
           'product ' || c.id % 500, true, c.id % 10 = 0, c.id % 50 = 0,
           CASE WHEN c.closed_at IS NOT NULL THEN 'accepted' END,
           CASE WHEN c.closed_at IS NOT NULL THEN c.created_at + interval '2 days' END,
           CASE WHEN c.closed_at IS NOT NULL
                THEN CAST(timezone('Asia/Shanghai', c.created_at + interval '2 days') AS date) END,
           CASE WHEN c.closed_at IS NOT NULL THEN c.id % 9 END,
           CASE WHEN c.closed_at IS NOT NULL THEN c.status END,
           c.closed_at,
           CAST(timezone('Asia/Shanghai', c.closed_at) AS date),
           CASE WHEN c.closed_at IS NOT NULL THEN 5 + c.id % 25 END,
           '', 1, CASE WHEN c.id % 7 = 0 THEN 1 ELSE 0 END
    FROM cases AS c WHERE c.id > :after
""")
MOVES_SQL = text("""
    INSERT INTO insight_case_moves (case_id, type, at, day, kind, queue_id, platform, category,
                                    language, stage, target, due_at, within, working_days)
    SELECT f.case_id, 'exit', f.decision_at, f.decision_day, f.kind, f.queue_id, f.platform,
           f.category, f.language, 'submitted', 'accepted', f.decision_at + interval '1 day',
           f.stages_late = 0, f.decision_working_days
    FROM insight_case_facts AS f WHERE f.case_id > :after AND f.decision IS NOT NULL
    UNION ALL
    SELECT c.id, 'escalated', c.created_at + interval '8 days',
           CAST(timezone('Asia/Shanghai', c.created_at + interval '8 days') AS date), c.kind,
           c.queue_id, f.platform, f.category, f.language, c.status, 'overdue', NULL, NULL, NULL
    FROM cases AS c JOIN insight_case_facts AS f ON f.case_id = c.id
    WHERE c.id > :after AND c.escalation_level >= 2
""")


def _add_facts(after: int) -> None:
    first_seller = session.scalar(text("SELECT min(id) FROM sellers"))
    params = {"after": after, "sellers": SELLERS, "first_seller": first_seller}
    session.execute(FACTS_SQL, params)
    session.execute(MOVES_SQL, {"after": after})
    session.commit()
    for table in ("insight_case_facts", "insight_case_moves"):
        session.connection().exec_driver_sql(f"ANALYZE {table}")
    session.commit()


def _grow(count: int) -> float:
    """Add `count` cases with their facts and recount the rollups; the seconds the recount took."""
    after = session.scalar(select(func.coalesce(func.max(Case.id), 0)))
    generate_cases(count)
    _add_facts(after)
    started = time.perf_counter()
    rebuild(NOW)
    session.commit()
    for table in (
        "insight_daily_intake",
        "insight_daily_moves",
        "insight_daily_durations",
        "insight_daily_subjects",
        "insight_open_snapshot",
    ):
        session.connection().exec_driver_sql(f"ANALYZE {table}")
    session.commit()
    return time.perf_counter() - started


def _signed_in(app: Flask) -> FlaskClient:
    client = app.test_client()
    page = client.get("/sign-in").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    answer = client.post(
        "/sign-in", data={"csrf_token": token, "password": PASSWORD, "email": SUPERVISOR}
    )
    if answer.status_code != 302:
        raise RuntimeError("the bench supervisor could not sign in")
    return client


def _timings(client: FlaskClient, queue: int) -> dict[str, float]:
    timings = {}
    for name, page in PAGES.items():
        samples = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            answer = client.get(page.format(queue=queue))
            samples.append(time.perf_counter() - started)
            if answer.status_code != 200:
                raise RuntimeError(f"{name}: {answer.status_code}")
        timings[name] = round(statistics.median(samples) * 1000, 2)
    return timings


def main() -> None:
    with bench_app("insight") as app:
        clock.set_now(NOW)
        with app.app_context():
            session.add(
                User(
                    email=SUPERVISOR,
                    name="Bench Supervisor",
                    role=Role.SUPERVISOR,
                    password_hash=hash_password(PASSWORD),
                )
            )
            session.execute(SELLERS_SQL, {"now": NOW, "sellers": SELLERS})
            session.commit()
            queue = session.scalar(text("SELECT min(id) FROM queues WHERE code LIKE 'bench-%'"))
            small_rollup = _grow(SMALL)
        client = _signed_in(app)
        small = _timings(client, queue)
        started = time.perf_counter()
        with app.app_context():
            large_rollup = _grow(LARGE - SMALL)
        generated = time.perf_counter() - started
        large = _timings(client, queue)
    print(
        json.dumps(
            {
                "bench": "insight",
                "database": "postgresql",
                "unit": "ms (median server time)",
                "small_cases": SMALL,
                "large_cases": LARGE,
                "generate_s": round(generated, 1),
                "rollup_rebuild_s": {
                    "small": round(small_rollup, 2),
                    "large": round(large_rollup, 2),
                },
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
