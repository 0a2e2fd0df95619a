"""Benchmark claiming: 20 officers taking "next case" at once on PostgreSQL; one JSON line.

The same 2,000 unassigned cases are claimed twice: through `claim_next_case` (the service, with
its timeline event, in an app context per claim, as a request would) and by a bare loop of
`SELECT ... FOR UPDATE SKIP LOCKED` + `UPDATE`. `ratio` is the service's claims per second
divided by the bare loop's (aim: at least 0.5).
"""

from __future__ import annotations

import json
import threading
import time

from flask import Flask
from sqlalchemy import select, text, update

from bench.cases import NOW, bench_app, generate_cases
from casework.models import Case, Queue, QueueMember
from casework.services.assignment import claim_next_case
from core import clock
from core.db import engine, session
from core.models import User

CLAIMERS = 20
CASES = 2_000

BARE_PICK = text("""
    SELECT id FROM cases
    WHERE queue_id = :queue AND assignee_id IS NULL AND closed_at IS NULL
    ORDER BY priority, due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
""")
BARE_TAKE = text("UPDATE cases SET assignee_id = :officer, version = version + 1 WHERE id = :id")


def _together(work, count: int = CLAIMERS) -> float:
    start = threading.Barrier(count + 1)
    threads = [threading.Thread(target=work, args=(i, start)) for i in range(count)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began


def _service(app: Flask, officers: list[int]) -> tuple[float, int]:
    taken: list[int] = []

    def work(i: int, start: threading.Barrier) -> None:
        start.wait()
        while True:
            with app.app_context():
                case = claim_next_case(session.get(User, officers[i]))
                if case is None:
                    return
                taken.append(case.id)
                session.commit()

    return _together(work), len(taken)


def _bare(queue: int, officers: list[int]) -> tuple[float, int]:
    taken: list[int] = []
    shared = engine()

    def work(i: int, start: threading.Barrier) -> None:
        with shared.connect() as connection:
            start.wait()
            while True:
                with connection.begin():
                    found = connection.execute(BARE_PICK, {"queue": queue}).scalar()
                    if found is None:
                        return
                    connection.execute(BARE_TAKE, {"officer": officers[i], "id": found})
                taken.append(found)

    return _together(work), len(taken)


def main() -> None:
    with bench_app("claim") as app, app.app_context():
        clock.set_now(NOW)
        generate_cases(CASES)
        queue = session.scalar(select(Queue.id).where(Queue.code == "bench-0"))
        session.execute(
            update(Case)
            .where(Case.id.is_not(None))
            .values(queue_id=queue, assignee_id=None, closed_at=None, status="submitted")
        )
        session.execute(text("DELETE FROM queue_members"))
        officers = list(session.scalars(select(User.id).order_by(User.id)))[:CLAIMERS]
        session.add_all(QueueMember(queue_id=queue, user_id=o) for o in officers)
        session.commit()
        service_s, service_n = _service(app, officers)
        session.execute(update(Case).where(Case.id.is_not(None)).values(assignee_id=None))
        session.commit()
        bare_s, bare_n = _bare(queue, officers)
    service_rate, bare_rate = service_n / service_s, bare_n / bare_s
    print(
        json.dumps(
            {
                "bench": "claim",
                "database": "postgresql",
                "claimers": CLAIMERS,
                "cases": CASES,
                "service_claims": service_n,
                "service_claims_per_s": round(service_rate, 1),
                "bare_claims": bare_n,
                "bare_claims_per_s": round(bare_rate, 1),
                "ratio": round(service_rate / bare_rate, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
