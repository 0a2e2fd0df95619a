"""`/metrics` in the Prometheus text format, for a configured token or address range only.

Counters and histograms live in each process; under gunicorn set `PROMETHEUS_MULTIPROC_DIR` (an
empty folder, before the server starts) and every worker writes its own file there, which any
worker adds up when scraped. Database figures (the outbox's backlog and failures, and what a
package registers with `register_database_gauges`, e.g. open cases) are read at scrape time, once
for the whole cluster.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from flask import Blueprint, Flask, abort, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from core.db import session
from core.models import OutboxMessage, OutboxStatus

REQUESTS = Counter("redress_requests", "Requests answered", ["endpoint", "method", "status"])
REQUEST_SECONDS = Histogram(
    "redress_request_duration_seconds", "Time to answer a request", ["endpoint"]
)
JOB_RUNS = Counter("redress_job_runs", "Job runs finished", ["job", "outcome"])
JOB_SECONDS = Histogram(
    "redress_job_duration_seconds",
    "Time a job run took",
    ["job"],
    buckets=(0.1, 0.5, 1, 5, 15, 60, 300, 900, float("inf")),
)
NLP_SECONDS = Histogram(
    "redress_nlp_duration_seconds",
    "Time one NLP analysis took at intake",
    ["kind"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, float("inf")),
)
# routed: confident enough to go straight to a queue; triage: to a person; failed: no analysis.
NLP_OUTCOMES = Counter("redress_nlp_analyses", "NLP analyses at intake", ["kind", "outcome"])

# A gauge source gives (name, help, labels, [(label values, value), ...]) read from the database.
GaugeRows = tuple[str, str, list[str], Iterable[tuple[list[str], float]]]
GaugeSource = Callable[[], Iterable[GaugeRows]]

bp = Blueprint("metrics", __name__)


def register_database_gauges(app: Flask, source: GaugeSource) -> None:
    """Let a package publish figures it reads from the database at scrape time."""
    app.extensions.setdefault("redress.gauge_sources", []).append(source)


def observe_job(job: str, outcome: str, seconds: float) -> None:
    JOB_RUNS.labels(job, outcome).inc()
    JOB_SECONDS.labels(job).observe(seconds)


def observe_nlp(kind: str, outcome: str, seconds: float) -> None:
    """One analysis at intake: its time, and whether it routed the case or sent it to triage
    (their ratio is the triage share)."""
    NLP_OUTCOMES.labels(kind, outcome).inc()
    NLP_SECONDS.labels(kind).observe(seconds)


def _outbox_gauges() -> Iterable[GaugeRows]:
    counts = dict(
        session.execute(
            select(OutboxMessage.status, func.count())
            .where(OutboxMessage.status != OutboxStatus.SENT)
            .group_by(OutboxMessage.status)
        ).all()
    )
    yield (
        "redress_outbox_messages",
        "Mail not sent yet (pending, sending) or given up (failed)",
        ["status"],
        [
            ([status.value], float(counts.get(status, 0)))
            for status in (OutboxStatus.PENDING, OutboxStatus.SENDING, OutboxStatus.FAILED)
        ],
    )


class _DatabaseCollector(Collector):
    def __init__(self, sources: list[GaugeSource]) -> None:
        self.sources = sources

    def collect(self) -> Iterator[Any]:
        for source in self.sources:
            for name, text, labels, rows in source():
                family = GaugeMetricFamily(name, text, labels=labels)
                for values, value in rows:
                    family.add_metric(values, value)
                yield family


def _allowed() -> bool:
    config = current_app.extensions["redress.config"]
    sent = request.headers.get("Authorization", "")
    if config.metrics_token and hmac.compare_digest(
        sent.encode(), f"Bearer {config.metrics_token}".encode()
    ):
        return True
    ranges = [part.strip() for part in config.metrics_allow.split(",") if part.strip()]
    if not ranges or not request.remote_addr:
        return False
    try:
        address = ipaddress.ip_address(request.remote_addr)
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(block, strict=False) for block in ranges)


@bp.get("/metrics")
def metrics() -> Response:
    if not _allowed():
        abort(404)  # as good as absent for everyone else
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)  # every worker's counts, added up
    else:
        from prometheus_client import REGISTRY as registry
    sources = [_outbox_gauges, *current_app.extensions.get("redress.gauge_sources", [])]
    scrape = CollectorRegistry()
    scrape.register(_DatabaseCollector(sources))
    body = generate_latest(registry) + generate_latest(scrape)
    return Response(body, content_type=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})


def _observe(response: Response) -> Response:
    started = g.get("request_started")
    endpoint = request.endpoint or "none"  # unmatched paths share one label, not one each
    REQUESTS.labels(endpoint, request.method, str(response.status_code)).inc()
    if started is not None:
        REQUEST_SECONDS.labels(endpoint).observe(time.perf_counter() - started)
    return response


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.after_request(_observe)
