"""One JSON line per request and per job run, a request id in and out, and no personal data in
the log: what an operator's log collector would see."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from core.jobs import run_job
from core.logs import JsonFormatter
from core.models import Role, User
from tests.complaints.consumer_helpers import FORM, filed
from tests.conftest import sign_in
from tests.factories import bearer, make_holder


@pytest.fixture
def log_lines() -> Iterator[Callable[[], list[dict[str, Any]]]]:
    """Every log line written meanwhile, as Redress formats it for stderr."""
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.DEBUG)  # the most a misconfigured node could write
    try:
        yield lambda: [
            line
            for line in map(json.loads, written.getvalue().splitlines())
            if line["logger"] != "mail.log"  # the tests' own SMTP server, in this process
        ]
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def _requests(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [line for line in lines if line["logger"] == "redress.request"]


def test_each_request_writes_one_line_with_the_callers_request_id(
    client: FlaskClient, log_lines: Callable[[], list[dict[str, Any]]]
) -> None:
    answer = client.get("/livez", headers={"X-Request-Id": "lb-7f3a9c2e"})
    assert answer.headers["X-Request-Id"] == "lb-7f3a9c2e"
    [line] = _requests(log_lines())
    assert line["request_id"] == "lb-7f3a9c2e"
    assert line["endpoint"] == "health.livez" and line["status"] == 200
    assert line["method"] == "GET" and line["user_id"] is None
    assert line["duration_ms"] >= 0 and line["time"].endswith("+00:00")


def test_a_request_without_a_usable_id_gets_a_new_one(
    client: FlaskClient, log_lines: Callable[[], list[dict[str, Any]]]
) -> None:
    first = client.get("/livez", headers={"X-Request-Id": 'bad id {"forged": 1}'})
    second = client.get("/no-such-page")
    ids = [first.headers["X-Request-Id"], second.headers["X-Request-Id"]]
    assert "forged" not in ids[0] and len(set(ids)) == 2
    lines = _requests(log_lines())
    assert [line["request_id"] for line in lines] == ids
    assert [line["status"] for line in lines] == [200, 404]


def test_the_line_names_the_signed_in_user_by_id(
    client: FlaskClient, make_user: Callable[..., User], log_lines: Callable[[], list[dict]]
) -> None:
    officer = make_user(Role.OFFICER)
    sign_in(client, officer)
    client.get("/")
    assert _requests(log_lines())[-1]["user_id"] == officer.id


def test_the_line_names_the_api_caller_by_their_tokens_user(
    app: Flask, client: FlaskClient, log_lines: Callable[[], list[dict]]
) -> None:
    with app.app_context():
        holder = make_holder()
        headers, user_id = bearer(holder), holder.user.id
    assert client.get("/api/v1/ipr/rights", headers=headers).status_code == 200
    assert _requests(log_lines())[-1]["user_id"] == user_id


def test_each_job_run_writes_one_line(app: Flask, log_lines: Callable[[], list[dict]]) -> None:
    with app.app_context():
        run_id = run_job("sweep_files").id
    [line] = [line for line in log_lines() if line["logger"] == "redress.job"]
    assert line["job"] == "sweep_files" and line["run_id"] == run_id
    assert line["outcome"] == "succeeded" and line["trigger"] == "command"
    assert set(line["counts"]) == {"removed", "kept"} and line["duration_ms"] >= 0


def test_filing_a_complaint_leaves_no_personal_data_in_the_log(
    app: Flask, client: FlaskClient, inbox: Any, log_lines: Callable[[], list[dict]]
) -> None:
    phone = "+49 151 2345 6789"
    reference, token = filed(client, phone=phone)
    client.get(f"/complaints/track/{reference}?token={token}")
    with app.app_context():
        run_job("deliver_mail")
    assert inbox.to(FORM["email"])  # the receipt went out meanwhile
    lines = log_lines()
    assert any(line["logger"] == "redress.request" and line["status"] == 302 for line in lines)
    written = json.dumps(lines, ensure_ascii=False)
    for personal in (FORM["email"], FORM["name"], phone, FORM["order_number"], token):
        assert personal not in written
