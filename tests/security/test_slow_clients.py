"""gunicorn as production runs it (gunicorn.conf.py from the checkout, production settings):
clients that send half a request header and wait do not stall the site, and gunicorn's access
log, when an operator turns it on, holds no secret link."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from typing import Any

SLOW_CONNECTIONS = 4
HOLD_SECONDS = 8  # longer than gunicorn's wait for a quiet connection's data (5 s)


def _healthz(url: str) -> int:
    with urllib.request.urlopen(f"{url}/healthz", timeout=10) as answer:  # noqa: S310
        return int(answer.status)


def test_healthz_answers_while_slow_clients_hold_connections(
    served_database: str, start_server: Any
) -> None:
    web = start_server(served_database, workers=1)  # the worst case: one worker for everyone
    slow = []
    try:
        for number in range(SLOW_CONNECTIONS):
            connection = socket.create_connection(("127.0.0.1", web.port), timeout=5)
            connection.sendall(f"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow-{number}: ".encode())
            slow.append(connection)
        until = time.monotonic() + HOLD_SECONDS
        answered = 0
        while time.monotonic() < until:
            assert _healthz(web.url) == 200
            answered += 1
            time.sleep(1)
        assert answered >= HOLD_SECONDS // 2
        for connection in slow:  # they were held open all along, not dropped
            connection.sendall(b"1\r\n")
    finally:
        for connection in slow:
            connection.close()


def test_gunicorns_access_log_holds_no_secret_link(served_database: str, start_server: Any) -> None:
    web = start_server(served_database, gunicorn_cmd_args="--access-logfile -")
    for path in (
        "/complaints/C-2026-000001?token=rdc_SecretTrackingKey1",
        "/seller-access/rds_SecretSellerKey2",
    ):
        try:
            urllib.request.urlopen(f"{web.url}{path}", timeout=10)  # noqa: S310
        except urllib.error.HTTPError as refused:
            assert refused.code == 404
    time.sleep(0.5)  # the log line is written after the answer
    log = web.output()
    assert "GET /seller-access/[redacted]" in log and "token=[redacted]" in log
    assert "SecretTrackingKey1" not in log and "SecretSellerKey2" not in log
