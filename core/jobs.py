"""Scheduled jobs: each package declares its jobs in its jobs.py; here they are registered and run.

A job is a function of the time alone (`now`) that returns counts of what it did. What it changes
is committed when it returns; a job that works through many rows goes through `each_in_batches`,
the one place a job's batches are committed. Every run is recorded as a JobRun.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask, current_app
from sqlalchemy import func, select

from core import clock
from core.db import session
from core.errors import Refusal
from core.logs import log_job_run
from core.metrics import observe_job
from core.models import JobOutcome, JobRun

log = logging.getLogger(__name__)
RUNNER = f"{socket.gethostname()}:{os.getpid()}"
JobCounts = dict[str, int]
_EVERY = re.compile(r"^every (\d+)\s*([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
BATCH = 200


class _HasId(Protocol):
    id: Any


Item = TypeVar("Item", bound=_HasId)


@dataclass(frozen=True)
class Job:
    """A declared job: `schedule` is a crontab line in UTC ("*/5 * * * *") or "every 30s"."""

    name: str
    schedule: str
    run: Callable[[datetime], JobCounts | None]
    description: str


def trigger_for(schedule: str) -> BaseTrigger:
    """The APScheduler trigger of a schedule string."""
    every = _EVERY.match(schedule.strip())
    if every:
        return IntervalTrigger(**{_UNITS[every.group(2)]: int(every.group(1))}, timezone=UTC)
    return CronTrigger.from_crontab(schedule, timezone=UTC)


def register_jobs(app: Flask, jobs: Iterable[Job]) -> None:
    """Make a package's jobs known to `jobs list`, `jobs run`, the scheduler and the admin page."""
    registry = app.extensions.setdefault("redress.jobs", {})
    overrides = app.extensions["redress.config"].job_schedule_overrides()
    for job in jobs:
        if job.name in registry:
            raise ValueError(f"two jobs are called {job.name}")
        if job.name in overrides:
            job = Job(job.name, overrides[job.name], job.run, job.description)
        trigger_for(job.schedule)  # refuse a bad schedule at start-up, not at 3 a.m.
        registry[job.name] = job


def declared_jobs() -> dict[str, Job]:
    return dict(current_app.extensions.get("redress.jobs", {}))


def next_run(job: Job, after: datetime) -> datetime | None:
    return trigger_for(job.schedule).get_next_fire_time(None, after)


def run_job(name: str, now: datetime | None = None, trigger: str = "command") -> JobRun:
    """Run one job at once; with `now`, the clock is set to it for the duration of the run."""
    job = declared_jobs().get(name)
    if job is None:
        raise KeyError(name)
    moment = now or clock.now()
    run = JobRun(
        job=name,
        trigger=trigger,
        runner=RUNNER,
        clock_at=moment,
        started_at=clock.wall_now(),
        outcome=JobOutcome.RUNNING,
    )
    session.add(run)
    session.commit()
    run_id = run.id
    started = time.perf_counter()
    error: str | None = None
    with clock.frozen_at(moment) if now else nullcontext():
        try:
            counts = job.run(moment) or {}
            session.commit()  # what the job did after its last batch
        except Exception as exc:  # a failed job is recorded and shown, never lost in a log
            session.rollback()
            log.exception("job %s failed", name)
            outcome, counts, error = JobOutcome.FAILED, {}, _describe(exc)
        else:
            outcome = JobOutcome.SUCCEEDED
    run = session.get_one(JobRun, run_id)
    run.outcome, run.counts, run.error = outcome, counts, error
    run.finished_at = clock.wall_now()
    session.commit()
    seconds = time.perf_counter() - started
    log_job_run(run_id, name, trigger, str(outcome), counts, seconds)
    observe_job(name, str(outcome), seconds)
    return run


def each_in_batches(
    find: Callable[[set[int], int], Sequence[Item]],
    act: Callable[[Item], bool | None],
    size: int = BATCH,
) -> int:
    """Act on every item `find` gives, a batch at a time, committing each batch.

    `find(skip, size)` returns up to `size` items that still need acting on, leaving out the ids
    in `skip`: those `act` passed by (it returned False, or refused because another run or person
    moved the item meanwhile). So a batch that fails half-way costs only itself, and running the
    job twice does nothing more. Each item is acted on at most once a run: when `find` gives only
    items already seen (another run added work to them meanwhile), the next run takes it up.
    Returns how many items were acted on.
    """
    acted, skip, seen = 0, set[int](), set[int]()
    while batch := [item for item in find(skip, size) if item.id not in seen]:
        for item in batch:
            item_id = item.id
            seen.add(item_id)
            if _act_in_savepoint(act, item):
                acted += 1
            else:
                skip.add(item_id)
        session.commit()
    return acted


def by_batches(
    next_ids: Callable[[int, int], Sequence[int]],
    act: Callable[[Sequence[int]], object],
    size: int = BATCH,
) -> int:
    """Hand `act` whole batches of ids, committing each: for work that is cheaper a batch at a
    time (one query for 200 sellers, not 200 queries). `next_ids(after, size)` gives up to `size`
    ids above `after` in ascending order. Returns how many ids were handed over."""
    handed, after = 0, 0
    while ids := next_ids(after, size):
        act(ids)
        session.commit()
        handed, after = handed + len(ids), ids[-1]
    return handed


def _act_in_savepoint(act: Callable[[Item], bool | None], item: Item) -> bool:
    """One item's work, undone alone if it is refused."""
    savepoint = session.begin_nested()
    try:
        done = act(item) is not False
    except Refusal:
        savepoint.rollback()
        return False
    savepoint.commit()
    return done


def _describe(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))[-4000:]


def last_runs() -> dict[str, JobRun]:
    """The latest run of every job that has run."""
    latest = select(JobRun.job, func.max(JobRun.id).label("id")).group_by(JobRun.job).subquery()
    runs = session.scalars(select(JobRun).join(latest, JobRun.id == latest.c.id))
    return {run.job: run for run in runs}


def recent_runs(name: str, limit: int = 20) -> list[JobRun]:
    return list(
        session.scalars(
            select(JobRun).where(JobRun.job == name).order_by(JobRun.id.desc()).limit(limit)
        )
    )
