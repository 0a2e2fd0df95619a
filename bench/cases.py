"""Case generator shared by bench.claim and bench.queue: set-based, on PostgreSQL only.

`bench_app()` creates a PostgreSQL database of its own on the server of DATABASE_URL, migrates
it and drops it afterwards; `generate_cases(n)` adds n cases with INSERT ... SELECT
generate_series: 10 queues, 30% of cases open, half of the open ones assigned, priorities,
five categories, deadlines a month either side of the bench's "now", 5% escalated (spread over
every queue).
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from flask import Flask
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

import core
from casework.kinds import CaseKind, register_case_kind
from casework.models import Case, Queue, QueueMember
from casework.workflow import State, Transition, Workflow
from core import migrate
from core.config import Config
from core.db import Database, engine, make_engine, session
from core.models import Role, User
from core.passwords import hash_password
from wsgi import PACKAGES

NOW = datetime(2026, 6, 15, 4, 0, tzinfo=UTC)
QUEUES = 10
OFFICERS = 20
PASSWORD = "bench-password-1234"  # noqa: S105 - a throwaway account in a throwaway database

BENCH_WORKFLOW = Workflow(
    kind="bench",
    initial="submitted",
    states=(
        State("submitted", sla_days=7),
        State("accepted", sla_days=10),
        State("resolved", decided=True),
    ),
    transitions=(Transition("submitted", "accepted"), Transition("accepted", "resolved")),
)


class BenchCase(Case):
    __mapper_args__ = {"polymorphic_identity": "bench"}  # noqa: RUF012


BENCH_KIND = CaseKind(
    name="bench",
    label="Bench case",
    reference_prefix="B",
    nlp_kind="consumer",
    workflow=BENCH_WORKFLOW,
    parties=lambda case: [],
    text=lambda case: "",
    search_text=lambda case: "",
    relation_keys=lambda case: [],
    anonymise=lambda case: None,
)

GENERATE = text("""
    INSERT INTO cases (kind, reference, status, category, language, priority, queue_id,
                       assignee_id, calendar_id, stage_started_at, sla_days, sla_days_used,
                       due_at, escalation_level, created_at, last_activity_at, closed_at,
                       search_text, version)
    SELECT 'bench', 'B-2026-' || lpad(g::text, 7, '0'),
           CASE WHEN g % 10 < 3 THEN 'submitted' ELSE 'resolved' END,
           (ARRAY['delivery','defective','counterfeit','refund_return','fraud'])[1 + (g / 10) % 5],
           CASE WHEN g % 3 = 0 THEN 'zh' ELSE 'en' END,
           (g * 7) % 4,
           (SELECT id FROM queues WHERE code = 'bench-' || (g % :queues) ORDER BY id LIMIT 1),
           CASE WHEN g % 10 < 3 AND g % 2 = 0
                THEN (SELECT min(id) FROM users WHERE role = 'officer') + (g / 10) % :officers
           END,
           1, created, 7, 0,
           CASE WHEN g % 10 < 3 THEN created + interval '9 days' END,
           CASE WHEN (g / 10) % 20 = 0 THEN 2 ELSE 0 END,
           created, created + interval '1 hour',
           CASE WHEN g % 10 < 3 THEN NULL ELSE created + interval '20 days' END,
           'bench case ' || g, 1
    FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS g
    CROSS JOIN LATERAL (SELECT CAST(:now AS timestamptz)
                               - ((CAST(g AS bigint) * 7919) % 40 + 1) * interval '1 day'
                               + (g % 86400) * interval '1 second' AS created) AS c
""")


@contextmanager
def own_database(name: str) -> Iterator[str]:
    """A PostgreSQL database of its own on the server of DATABASE_URL, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgresql"):
        sys.exit(
            f"bench.{name} needs PostgreSQL: set DATABASE_URL to a PostgreSQL server "
            "(a database of its own is created there and dropped afterwards)."
        )
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    database = f"redress_bench_{uuid.uuid4().hex[:8]}"
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{database}"'))
    try:
        yield make_url(url).set(database=database).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        server.dispose()


@contextmanager
def bench_app(name: str) -> Iterator[Flask]:
    """The app on a PostgreSQL database of its own (dropped afterwards), with bench staff."""
    with own_database(name) as own:
        config = Config.from_env(redress_env="testing", database_url=own)
        app = core.create_app(config, packages=PACKAGES)
        app.extensions["redress.db"].engine.dispose()
        bigger = make_engine(config.sqlalchemy_url, pool_size=OFFICERS + 5)  # one per claimer
        app.extensions["redress.db"] = Database(engine=bigger, bind=bigger)
        register_case_kind(app, BENCH_KIND)
        with app.app_context():
            migrate.upgrade(engine())
            _staff_and_queues()
        yield app
        app.extensions["redress.db"].engine.dispose()


def _staff_and_queues() -> None:
    password = hash_password(PASSWORD)
    officers = [
        User(
            email=f"officer{i}@bench.example",
            name=f"Officer {i}",
            password_hash=password,
            role=Role.OFFICER,
        )
        for i in range(OFFICERS)
    ]
    session.add_all(officers)
    queues = [Queue(code=f"bench-{i}", name=f"Queue {i}", calendar_id=1) for i in range(QUEUES)]
    session.add_all(queues)
    session.flush()
    for i, officer in enumerate(officers):  # each officer works two queues
        for queue in (queues[i % QUEUES], queues[(i + 1) % QUEUES]):
            session.add(QueueMember(queue_id=queue.id, user_id=officer.id))
    session.commit()


def generate_cases(count: int) -> None:
    """Add `count` cases after those already there, then refresh the planner's statistics."""
    first = (session.scalar(select(func.count()).select_from(Case)) or 0) + 1
    session.execute(
        GENERATE,
        {
            "first": first,
            "last": first + count - 1,
            "queues": QUEUES,
            "officers": OFFICERS,
            "now": NOW,
        },
    )
    session.commit()
    session.connection().exec_driver_sql("ANALYZE cases")
    session.commit()
