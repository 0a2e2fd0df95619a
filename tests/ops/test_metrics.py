"""/metrics: request, job and outbox figures in the Prometheus format, for the configured token
or address range and nobody else."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from prometheus_client.parser import text_string_to_metric_families

from core.jobs import run_job
from tests.complaints.consumer_helpers import filed

TOKEN = "metrics-token-for-the-tests"


def _configure(app: Flask, monkeypatch: pytest.MonkeyPatch, **settings: str) -> None:
    config = replace(app.extensions["redress.config"], **settings)
    monkeypatch.setitem(app.extensions, "redress.config", config)


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _scrape(client: FlaskClient) -> dict[Any, float]:
    answer = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200
    assert answer.content_type.startswith("text/plain")
    return _samples(answer.get_data(as_text=True))


def test_metrics_are_hidden_unless_configured(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert client.get("/metrics").status_code == 404
    _configure(app, monkeypatch, metrics_token=TOKEN)
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer guess"}).status_code == 404
    _configure(app, monkeypatch, metrics_allow="10.0.0.0/8")
    assert client.get("/metrics").status_code == 404
    _configure(app, monkeypatch, metrics_allow="10.0.0.0/8, 127.0.0.0/8")
    assert client.get("/metrics").status_code == 200  # the test client calls from 127.0.0.1


def test_requests_jobs_and_the_outbox_are_counted(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _configure(app, monkeypatch, metrics_token=TOKEN)
    livez = (
        "redress_requests_total",
        (("endpoint", "health.livez"), ("method", "GET"), ("status", "200")),
    )
    runs = ("redress_job_runs_total", (("job", "sweep_files"), ("outcome", "succeeded")))
    before = _scrape(client)
    for _ in range(3):
        client.get("/livez")
    with app.app_context():
        run_job("sweep_files")
    after = _scrape(client)
    assert after[livez] - before.get(livez, 0) == 3
    assert after[runs] - before.get(runs, 0) == 1
    assert ("redress_request_duration_seconds_count", (("endpoint", "health.livez"),)) in after
    assert after[("redress_outbox_messages", (("status", "failed"),))] == 0
    assert ("redress_outbox_messages", (("status", "pending"),)) in after


def test_open_cases_are_counted_by_kind_stage_escalation_and_triage(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _configure(app, monkeypatch, metrics_token=TOKEN)
    before = _scrape(client)
    filed(client)
    after = _scrape(client)
    opened = {
        labels: value - before.get((name, labels), 0)
        for (name, labels), value in after.items()
        if name == "redress_open_cases" and value != before.get((name, labels), 0)
    }
    assert list(opened.values()) == [1]
    assert dict(next(iter(opened)))["kind"] == "complaint"
    assert ("redress_open_cases_escalated", (("level", "overdue"),)) in after
    assert ("redress_open_cases_in_triage", ()) in after


def test_nlp_latency_and_the_triage_share_are_counted(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _configure(app, monkeypatch, metrics_token=TOKEN)

    def analysed(samples: dict[Any, float]) -> float:
        return sum(
            value
            for (name, labels), value in samples.items()
            if name == "redress_nlp_analyses_total" and ("kind", "consumer") in labels
        )

    before = _scrape(client)
    filed(client)
    after = _scrape(client)
    assert analysed(after) - analysed(before) == 1  # routed or triage: one of the two
    count = ("redress_nlp_duration_seconds_count", (("kind", "consumer"),))
    assert after[count] - before.get(count, 0) == 1
