"""The production path: gunicorn with two workers and the scheduler as separate processes, on
PostgreSQL and Redis, as docs/deploy.md lays them out. Complaints filed over HTTP; the workers send
mail right after each request while the scheduler's deliver_mail job runs every second: every
mail arrives exactly once. /metrics adds up the workers' counts."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select

from core.models import JobOutcome, JobRun, OutboxMessage, OutboxStatus
from tests.complaints.consumer_helpers import api_complaint

METRICS_TOKEN = "production-path-metrics-token"


def _post(url: str, body: dict[str, Any]) -> dict[str, Any]:
    sent = urllib.request.Request(  # noqa: S310 - a local server
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(sent, timeout=30) as answer:  # noqa: S310
        assert answer.status == 201
        return dict(json.loads(answer.read()))


def _scheduled_deliveries(database_url: str) -> int:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        count = connection.scalar(
            select(func.count())
            .select_from(JobRun)
            .where(JobRun.job == "deliver_mail", JobRun.trigger == "schedule")
            .where(JobRun.outcome == JobOutcome.SUCCEEDED)
        )
    engine.dispose()
    return int(count or 0)


def _outbox(database_url: str) -> dict[str, int]:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        ).all()
    engine.dispose()
    return {str(status): count for status, count in rows}


def test_workers_and_scheduler_deliver_every_mail_once(
    served_database: str,
    redis_url: str,
    start_server: Any,
    inbox: Any,
    smtp_server: Any,
    tmp_path: Path,
) -> None:
    prometheus = tmp_path / "prometheus"
    prometheus.mkdir()
    settings = {
        "ratelimit_storage_uri": redis_url,
        "mail_server": "127.0.0.1",
        "mail_port": str(smtp_server.port),
        "metrics_token": METRICS_TOKEN,
        "prometheus_multiproc_dir": str(prometheus),
        "job_schedules": "deliver_mail=every 1s",
    }
    web = start_server(served_database, workers=2, **settings)
    start_server(served_database, command=["-m", "flask", "--app", "wsgi", "scheduler"], **settings)
    addresses = [f"consumer-{number}@example.org" for number in range(6)]
    for address in addresses:
        body = api_complaint()
        body["consumer"]["email"] = address
        _post(f"{web.url}/api/v1/complaints", body)

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and _outbox(served_database).get(OutboxStatus.SENT, 0) < 6:
        time.sleep(0.5)
    # The scheduler runs deliver_mail every second: wait for three of its runs after the last
    # mail, then nothing may have gone out again.
    target = _scheduled_deliveries(served_database) + 3
    while time.monotonic() < deadline and _scheduled_deliveries(served_database) < target:
        time.sleep(0.5)
    assert _scheduled_deliveries(served_database) >= target
    assert _outbox(served_database) == {OutboxStatus.SENT.value: 6}
    assert sorted(message["To"] for message in inbox.messages) == sorted(addresses)

    for _ in range(10):
        urllib.request.urlopen(f"{web.url}/livez", timeout=10).close()  # noqa: S310
    scrape = urllib.request.Request(  # noqa: S310
        f"{web.url}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}
    )
    with urllib.request.urlopen(scrape, timeout=10) as answer:  # noqa: S310
        text = answer.read().decode()
    line = 'redress_requests_total{endpoint="health.livez",method="GET",status="200"} 10.0'
    assert line in text  # whichever worker answered each, and whichever is scraped
    filed = (
        'redress_requests_total{endpoint="complaints_api.Complaints",method="POST",status="201"}'
    )
    assert f"{filed} 6.0" in text
    assert 'redress_job_runs_total{job="deliver_mail",outcome="succeeded"}' in text  # the scheduler
