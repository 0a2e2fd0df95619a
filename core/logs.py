"""Logs as one JSON object a line, for machines to gather from every node.

Each request writes one line (logger `redress.request`): time, request id, user id, method,
endpoint and route (never the path or query: links carry secret keys), status, duration. Each job
run writes one (logger `redress.job`): job, trigger, outcome, counts, duration. Every other line
written while a request is served carries its request id. The id comes from the caller's
`X-Request-Id` (a load balancer's) when it looks like one, else a new one, and is sent back in the
response's `X-Request-Id`. Lines hold ids and counts, never names, addresses or texts: personal data
stays in the database, where retention removes it. Whatever another library writes (the
development server's access line, an error quoting a URL) has its secret links redacted by the
formatter; gunicorn's access log, when turned on, by the logger class in gunicorn.conf.py.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from flask import Flask, g, has_request_context, request
from flask_login import current_user
from werkzeug.wrappers import Response

# A link's secret: a token-like query value, the key in a secret path, or a bare token of ours
# (rdc_ tracking, rds_ seller access, rdr_ API).
_SECRET = re.compile(
    r"(?P<keep>[?&;](?:token|secret|key)=|/(?:seller-access|complaints/seller|ipr/counter-notice"
    r"|reset-password|my/complaints/verify|track)/)[^\s&#/?\"']+"
    r"|\brd[a-z]_[A-Za-z0-9_-]+"
)
REDACTED = "[redacted]"
REQUEST_ID_HEADER = "X-Request-Id"
_GOOD_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
_HANDLER_MARK = "redress_json"
request_log = logging.getLogger("redress.request")
job_log = logging.getLogger("redress.job")


def redact_secrets(text: str) -> str:
    """The text with every secret of a link replaced by [redacted]."""
    return _SECRET.sub(lambda found: (found.group("keep") or "") + REDACTED, text)


def current_request_id() -> str | None:
    return g.get("request_id") if has_request_context() else None


class JsonFormatter(logging.Formatter):
    """A record as one JSON line: time, level, logger, message, request id, its `fields`.

    Secret links are redacted, except, on a developer's machine, in a record marked
    `extra={"shows_secret_links": True}` (the mail a developer reads instead of receiving it)."""

    def __init__(self, development: bool = False) -> None:
        super().__init__()
        self.development = development

    def _text(self, record: logging.LogRecord, text: str) -> str:
        if self.development and getattr(record, "shows_secret_links", False):
            return text
        return redact_secrets(text)

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": self._text(record, record.getMessage()),
        }
        request_id = getattr(record, "request_id", None) or current_request_id()
        if request_id:
            line["request_id"] = request_id
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["error"] = self._text(record, self.formatException(record.exc_info))
        return json.dumps(line, default=str, ensure_ascii=False)


def configure_logging(development: bool) -> None:
    """JSON lines on stderr for every logger, once a process (tests may add their own handlers)."""
    root = logging.getLogger()
    root.setLevel(logging.INFO if development else logging.WARNING)
    for logger in (request_log, job_log):
        logger.setLevel(logging.INFO)  # the access and job lines are wanted in production too
    if any(getattr(handler, _HANDLER_MARK, False) for handler in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(development))
    setattr(handler, _HANDLER_MARK, True)
    root.addHandler(handler)


def _start() -> None:
    sent = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = sent if _GOOD_REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish(response: Response) -> Response:
    request_id = g.get("request_id") or uuid.uuid4().hex
    response.headers[REQUEST_ID_HEADER] = request_id
    started = g.get("request_started")
    user_id = current_user.id if current_user and current_user.is_authenticated else None
    if user_id is None and g.get("api_token") is not None:
        user_id = g.api_token.user_id  # the JSON API's caller, by their token
    request_log.info(
        "request",
        extra={
            "request_id": request_id,
            "fields": {
                "user_id": user_id,
                "method": request.method,
                "endpoint": request.endpoint,
                "route": request.url_rule.rule if request.url_rule else None,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1)
                if started
                else None,
            },
        },
    )
    return response


def log_job_run(
    run_id: int, job: str, trigger: str, outcome: str, counts: dict[str, Any], seconds: float
) -> None:
    job_log.info(
        "job",
        extra={
            "fields": {
                "run_id": run_id,
                "job": job,
                "trigger": trigger,
                "outcome": outcome,
                "counts": counts,
                "duration_ms": round(seconds * 1000, 1),
            }
        },
    )


def init_app(app: Flask) -> None:
    """Give every request its id and its log line. Register before the transaction hook, so the
    line is written after the commit and times it too."""
    app.before_request(_start)
    app.after_request(_finish)
