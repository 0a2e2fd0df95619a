"""The one scheduler process: it runs declared jobs on their schedules while it holds the lock.

PostgreSQL: a session advisory lock on a connection kept open; if the process dies, the server
drops the connection and the lock, and a waiting scheduler takes over. SQLite: a lease row that
the holder renews; a waiting scheduler takes over when the lease runs out.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Protocol

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask
from sqlalchemy import Connection, Engine, delete, insert, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from core import clock
from core.jobs import RUNNER, declared_jobs, run_job, trigger_for
from core.models import SchedulerLease

log = logging.getLogger(__name__)
LOCK_NAME = "scheduler"
ADVISORY_LOCK_KEY = 0x52454452  # "REDR": any constant all Redress schedulers agree on
LEASE = timedelta(seconds=45)
POLL_SECONDS = 5.0
JOBSTORE_TABLE = "apscheduler_jobs"

_app: Flask | None = None  # the app whose jobs this process schedules


class SchedulerLock(Protocol):
    def acquire(self) -> bool: ...
    def still_held(self) -> bool: ...
    def release(self) -> None: ...


class AdvisoryLock:
    """pg_try_advisory_lock on a connection of its own, held for as long as we lead."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.connection: Connection | None = None

    def acquire(self) -> bool:
        connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        got = connection.scalar(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
        )
        if got:
            self.connection = connection
        else:
            connection.close()
        return bool(got)

    def still_held(self) -> bool:
        try:
            return self.connection is not None and self.connection.scalar(text("SELECT 1")) == 1
        except DBAPIError:
            return False

    def release(self) -> None:
        if self.connection is None:
            return
        try:
            # The pool keeps the server session alive, so closing alone would keep the lock.
            self.connection.execute(
                text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY}
            )
        except DBAPIError:
            pass  # the connection is gone, and the lock with it
        finally:
            self.connection.close()
            self.connection = None


class LeaseLock:
    """A row in scheduler_leases that the holder renews before it runs out."""

    def __init__(self, engine: Engine, holder: str = RUNNER, lease: timedelta = LEASE) -> None:
        self.engine, self.holder, self.lease = engine, holder, lease

    def acquire(self) -> bool:
        now = clock.wall_now()
        with self.engine.begin() as connection:
            taken = connection.execute(
                update(SchedulerLease)
                .where(
                    SchedulerLease.name == LOCK_NAME,
                    (SchedulerLease.expires_at < now) | (SchedulerLease.holder == self.holder),
                )
                .values(holder=self.holder, expires_at=now + self.lease)
            ).rowcount
        if taken:
            return True
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    insert(SchedulerLease).values(
                        name=LOCK_NAME, holder=self.holder, expires_at=now + self.lease
                    )
                )
        except IntegrityError:
            return False  # someone else holds an unexpired lease
        return True

    def still_held(self) -> bool:
        return self.acquire()  # renewing is acquiring again as the same holder

    def release(self) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                delete(SchedulerLease).where(
                    SchedulerLease.name == LOCK_NAME, SchedulerLease.holder == self.holder
                )
            )


def lock_for(engine: Engine) -> SchedulerLock:
    return AdvisoryLock(engine) if engine.dialect.name == "postgresql" else LeaseLock(engine)


def run_scheduled_job(name: str) -> None:
    """What APScheduler calls (by reference, from its job store): one run in an app context."""
    assert _app is not None, "the scheduler runs jobs only after it has started"
    with _app.app_context():
        run_job(name, trigger="schedule")


def _start_jobs(app: Flask, engine: Engine) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOBSTORE_TABLE)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 600},
        timezone="UTC",
    )
    scheduler.start(paused=True)
    with app.app_context():
        declared = declared_jobs()
    for stored in scheduler.get_jobs():
        if stored.id not in declared:
            stored.remove()  # a job that was removed from the code
    for job in declared.values():
        scheduler.add_job(
            run_scheduled_job,
            trigger_for(job.schedule),
            args=[job.name],
            id=job.name,
            name=job.name,
            replace_existing=True,
        )
    scheduler.resume()
    return scheduler


def serve(app: Flask, stop: threading.Event | None = None) -> None:
    """Wait for the lock, then run jobs until `stop` is set or the lock is lost."""
    global _app
    _app = app
    stop = stop or threading.Event()
    engine: Engine = app.extensions["redress.db"].engine
    while not stop.is_set():
        lock = lock_for(engine)
        if not lock.acquire():
            log.info("another scheduler holds the lock; waiting")
            stop.wait(POLL_SECONDS)
            continue
        log.info("scheduler %s holds the lock and runs jobs", RUNNER)
        scheduler = _start_jobs(app, engine)
        try:
            while not stop.wait(POLL_SECONDS):
                if not lock.still_held():
                    log.error("scheduler lock lost; stopping jobs until it is regained")
                    break
        finally:
            scheduler.shutdown(wait=True)
            lock.release()


def start_in_background(app: Flask) -> threading.Event:
    """For the development server: the scheduler in a daemon thread. Returns its stop switch."""
    stop = threading.Event()
    threading.Thread(target=serve, args=(app, stop), name="redress-scheduler", daemon=True).start()
    return stop
