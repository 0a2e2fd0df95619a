"""Only one scheduler acts at a time; when it dies, a waiting one takes over."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from core import migrate
from core.db import make_engine
from core.models import JobRun
from core.scheduler import AdvisoryLock, LeaseLock
from tests.conftest import POSTGRES_URL, temporary_database
from wsgi import PACKAGES  # noqa: F401 - registers every model

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def own_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    with temporary_database(request.param, tmp_path) as url:
        engine = make_engine(url)
        migrate.upgrade(engine)
        yield url, engine
        engine.dispose()


@pytest.mark.parametrize("own_database", ["sqlite"], indirect=True)
def test_a_lease_keeps_a_second_scheduler_out_until_it_runs_out(own_database) -> None:
    _, engine = own_database
    first = LeaseLock(engine, holder="first", lease=timedelta(seconds=1))
    second = LeaseLock(engine, holder="second", lease=timedelta(seconds=1))
    assert first.acquire() and not second.acquire()
    assert first.still_held()
    time.sleep(1.2)  # the first holder died without renewing
    assert second.acquire() and not first.still_held()


needs_postgres = pytest.mark.skipif(POSTGRES_URL is None, reason="needs PostgreSQL")


@needs_postgres
@pytest.mark.parametrize("own_database", ["postgresql"], indirect=True)
def test_an_advisory_lock_is_released_when_its_connection_goes(own_database) -> None:
    _, engine = own_database
    first, second = AdvisoryLock(engine), AdvisoryLock(engine)
    assert first.acquire() and not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


def start_scheduler(url: str, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDRESS_ENV": "testing",
        "SECRET_KEY": "scheduler-test-secret-key",
        "JOB_SCHEDULES": "deliver_mail=every 1s",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "scheduler"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def runs_by(engine: Engine) -> list[JobRun]:
    with Session(engine) as session:
        return list(session.scalars(select(JobRun).order_by(JobRun.started_at)))


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


@needs_postgres
@pytest.mark.parametrize("own_database", ["postgresql"], indirect=True)
def test_two_scheduler_processes_never_overlap_and_the_second_takes_over(
    own_database, tmp_path: Path
) -> None:
    url, engine = own_database
    first = start_scheduler(url, tmp_path / "first.log")
    second = None
    try:
        assert wait_for(lambda: len(runs_by(engine)) >= 2, 60), (tmp_path / "first.log").read_text()
        second = start_scheduler(url, tmp_path / "second.log")
        # Starting the app takes seconds on a busy machine: wait until it queues for the lock.
        assert wait_for(lambda: "waiting" in (tmp_path / "second.log").read_text(), 90), (
            tmp_path / "second.log"
        ).read_text()
        time.sleep(2)  # the first one keeps running jobs while the second waits
        assert {run.runner for run in runs_by(engine)} == {runs_by(engine)[0].runner}
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        runners_before = len({run.runner for run in runs_by(engine)})
        assert wait_for(lambda: len({r.runner for r in runs_by(engine)}) > runners_before, 60), (
            tmp_path / "second.log"
        ).read_text()
    finally:
        for process in (first, second):
            if process and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(15)
    runs = [run for run in runs_by(engine) if run.finished_at is not None]
    for earlier, later in itertools.pairwise(runs):
        assert earlier.finished_at <= later.started_at, "two runs of the job overlapped"
    assert "waiting" in (tmp_path / "second.log").read_text()
