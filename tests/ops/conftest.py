"""Fixtures for running Redress like a service: a real S3 API (moto's standalone server on
127.0.0.1) and the real Redis on 127.0.0.1:6379 (a database of these tests' own)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import free_port

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's S3 server speaking the real HTTP API on a free local port, for the whole session."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh bucket; boto3 finds the endpoint, region and credentials in the environment."""
    import boto3

    for name, value in {
        "AWS_ENDPOINT_URL": s3_endpoint,
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "redress-test",
        "AWS_SECRET_ACCESS_KEY": "redress-test-secret",
    }.items():
        monkeypatch.setenv(name, value)
    bucket = f"redress-{uuid.uuid4().hex[:12]}"
    boto3.client("s3").create_bucket(Bucket=bucket)
    return bucket


def redis_client() -> Any:
    import redis

    return redis.Redis.from_url(REDIS_URL)


@pytest.fixture
def redis_url() -> Iterator[str]:
    """The real Redis, its test database emptied before and after; CI requires it to answer."""
    import redis

    client = redis_client()
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("no Redis answers on 127.0.0.1:6379")
    client.flushdb()
    yield REDIS_URL
    client.flushdb()
