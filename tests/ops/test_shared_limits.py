"""Several web nodes share one rate limit through Redis (`pip install 'redress[redis]'`, the
README's `RATELIMIT_STORAGE_URI=redis://...`): two gunicorn processes, the real Redis."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - a local server
            return int(answer.status)
    except urllib.error.HTTPError as refused:
        return refused.code


def test_two_nodes_share_the_api_limit_through_redis(
    served_database: str, redis_url: str, start_server: Any
) -> None:
    limits = {"ratelimit_storage_uri": redis_url, "api_rate_limit": "3 per minute"}
    one = start_server(served_database, **limits)
    two = start_server(served_database, **limits)
    assert [_status(f"{one.url}/api/v1/me") for _ in range(3)] == [401, 401, 401]
    assert _status(f"{two.url}/api/v1/me") == 429  # the other node counted the same address
    assert _status(f"{one.url}/api/v1/me") == 429


def test_without_redis_each_node_counts_alone(served_database: str, start_server: Any) -> None:
    """Why the README asks for Redis: in-memory counts are per process."""
    limits = {"ratelimit_storage_uri": "memory://", "api_rate_limit": "3 per minute"}
    one = start_server(served_database, **limits)
    two = start_server(served_database, **limits)
    assert [_status(f"{one.url}/api/v1/me") for _ in range(4)][-1] == 429
    assert _status(f"{two.url}/api/v1/me") == 401


def test_several_workers_in_production_refuse_per_worker_limits(
    served_database: str, start_server: Any
) -> None:
    command = ["-m", "gunicorn", "--workers", "2", "--bind", "127.0.0.1:0", "wsgi:create_app()"]
    server = start_server(served_database, command=command, ratelimit_storage_uri="memory://")
    assert server.process.wait(timeout=60) != 0
    assert "RATELIMIT_STORAGE_URI=memory:// counts limits in each of the 2 workers" in (
        server.output()
    )
