"""Several connections at once: two officers moving one case, twenty officers claiming."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

import core
from casework.kinds import register_case_kind
from casework.models import Case, CaseEvent
from casework.services.assignment import claim_next_case
from casework.services.transitions import transition
from core import migrate
from core.db import session
from core.models import Role, User
from tests.conftest import POSTGRES_URL, make_config, temporary_database
from tests.factories import TEST_KIND, file_case, make_queue, make_staff
from wsgi import PACKAGES


@pytest.fixture
def own_app(request: pytest.FixtureRequest, tmp_path: Path, smtp_server) -> Iterator[Flask]:
    """The app on a database of its own, so that threads commit for real."""
    with temporary_database(request.param, tmp_path) as url:
        app = core.create_app(make_config(url, tmp_path, smtp_server.port), packages=PACKAGES)
        migrate.upgrade(app.extensions["redress.db"].engine)
        register_case_kind(app, TEST_KIND)
        yield app
        app.extensions["redress.db"].engine.dispose()


def run_together(app: Flask, count: int, work: Callable[[int], object]) -> list[object]:
    """Run `work(i)` in `count` threads, each in an app context of its own, started together."""
    start = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(i: int) -> None:
        with app.app_context():
            start.wait()
            try:
                results[i] = work(i)
            except Exception as error:  # the loser's error is part of the result
                session.rollback()
                results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


needs_postgres = pytest.mark.skipif(POSTGRES_URL is None, reason="needs PostgreSQL")


# SQLite has one writer at a time and the version check of every UPDATE; the race between
# row locks that this test provokes is PostgreSQL's.
@needs_postgres
@pytest.mark.parametrize("own_app", ["postgresql"], indirect=True)
def test_of_two_concurrent_transitions_exactly_one_wins(own_app: Flask) -> None:
    with own_app.app_context():
        officer = make_staff(Role.OFFICER)
        make_queue(members=[officer], rule={"kind": "test_kind", "position": 1})
        case_id = file_case(at="2026-03-02 10:00").id
        officer_id = officer.id
    targets = ["accepted", "awaiting_consumer"]
    barrier = threading.Barrier(2)

    def move(i: int) -> str:
        try:
            case = session.get(Case, case_id)
            actor = session.get(User, officer_id)
        finally:
            barrier.wait(10)  # both have read the case in state "submitted"
        transition(case, targets[i], actor)
        session.commit()
        return targets[i]

    results = run_together(own_app, 2, move)
    winners = [r for r in results if isinstance(r, str)]
    assert len(winners) == 1, results
    with own_app.app_context():
        assert session.get(Case, case_id).status == winners[0]
        moves = session.scalar(
            select(func.count())
            .select_from(CaseEvent)
            .where(CaseEvent.case_id == case_id, CaseEvent.type == "transition")
        )
        assert moves == 1


@needs_postgres
@pytest.mark.parametrize("own_app", ["postgresql"], indirect=True)
def test_twenty_officers_claiming_at_once_each_get_a_different_case(own_app: Flask) -> None:
    with own_app.app_context():
        officers = [make_staff(Role.OFFICER) for _ in range(20)]
        make_queue(members=officers, rule={"kind": "test_kind", "position": 1})
        cases = {file_case(at="2026-03-02 10:00").id for _ in range(20)}
        officer_ids = [officer.id for officer in officers]

    def claim(i: int) -> tuple[int, int]:
        officer = session.get(User, officer_ids[i])
        case = claim_next_case(officer)
        session.commit()
        return case.id, officer.id

    results = run_together(own_app, 20, claim)
    assert all(isinstance(r, tuple) for r in results), results
    assert {case_id for case_id, _ in results} == cases
    with own_app.app_context():
        owners = dict(session.execute(select(Case.id, Case.assignee_id)).all())
        assert {owners[case_id] for case_id in cases} == set(officer_ids)


@pytest.mark.parametrize("own_app", ["sqlite"], indirect=True)
def test_claiming_on_sqlite_is_correct_one_after_another(own_app: Flask) -> None:
    with own_app.app_context():
        officers = [make_staff(Role.OFFICER) for _ in range(3)]
        make_queue(members=officers, rule={"kind": "test_kind", "position": 1})
        cases = [file_case(at="2026-03-02 10:00").id for _ in range(2)]
        claimed = [claim_next_case(officer) for officer in officers]
        session.commit()
        assert sorted(c.id for c in claimed if c) == cases and claimed[2] is None
