"""No log line holds a secret link: not Redress's request line, not the development server's
access line, not an error that quotes a URL."""

from __future__ import annotations

import contextlib
import io
import logging
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from core.logs import JsonFormatter
from tests.complaints.consumer_helpers import filed
from tests.conftest import free_port


@pytest.fixture
def written() -> Iterator[io.StringIO]:
    """Every line logged meanwhile, as Redress's formatter writes it to stderr."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield out
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def test_visiting_a_tracking_link_logs_no_token(client: FlaskClient, written: io.StringIO) -> None:
    reference, token = filed(client)
    assert client.get(f"/complaints/{reference}?token={token}").status_code == 200
    assert client.get(f"/seller-access/rds_{token[4:]}").status_code == 404
    text = written.getvalue()
    assert '"endpoint": "complaints_consumer.track"' in text  # the visit is logged
    assert token not in text and token[4:] not in text


def test_the_development_servers_access_line_is_redacted(app: Flask, written: io.StringIO) -> None:
    server = make_server("127.0.0.1", free_port(), app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        for path in ("/livez?token=rdc_DevServerSecret1", "/seller-access-typo/rds_DevSecret2"):
            with contextlib.suppress(urllib.error.HTTPError):  # a 404 is logged all the same
                urllib.request.urlopen(f"http://127.0.0.1:{server.port}{path}", timeout=10)
    finally:
        server.shutdown()
        thread.join()
    text = written.getvalue()
    assert "GET /livez?token=[redacted]" in text  # the line is there, without its secret
    assert "DevServerSecret1" not in text and "DevSecret2" not in text


def test_only_a_developers_own_mail_log_shows_its_links() -> None:
    link = "http://127.0.0.1:5000/complaints/C-2026-000001?token=rdc_LocalOnly"

    def record(marked: bool) -> logging.LogRecord:
        made = logging.LogRecord("core.mail", logging.INFO, __file__, 1, link, None, None)
        if marked:
            made.shows_secret_links = True
        return made

    assert "rdc_LocalOnly" in JsonFormatter(development=True).format(record(marked=True))
    assert "rdc_LocalOnly" not in JsonFormatter(development=True).format(record(marked=False))
    assert "rdc_LocalOnly" not in JsonFormatter(development=False).format(record(marked=True))
