"""Fixtures for running Redress like a service: a real S3 API (moto's standalone server on
127.0.0.1) and the real Redis on 127.0.0.1:6379 (a database of these tests' own)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine

from core.config import PROJECT_ROOT
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


@pytest.fixture(scope="module")
def served_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database that separate server processes share: PostgreSQL when it answers."""
    from core import migrate
    from tests.conftest import POSTGRES_URL, temporary_database

    folder = tmp_path_factory.mktemp("served")
    with temporary_database("postgresql" if POSTGRES_URL else "sqlite", folder) as url:
        engine = create_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        yield url


class Server:
    """A gunicorn serving `wsgi:create_app()` from this tree, as production runs it."""

    def __init__(self, env: dict[str, str], workers: int = 1, command: list[str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="gunicorn-", suffix=".log")  # noqa: SIM115
        gunicorn = ["-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(
            [
                sys.executable,
                *(command or [*gunicorn, "--graceful-timeout", "5", "wsgi:create_app()"]),
            ],
            cwd=PROJECT_ROOT,
            env={**os.environ, **env},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_up(self, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise AssertionError(f"gunicorn did not come up:\n{self.output()}")

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Any]:
    """Start gunicorn nodes with `env` (production settings, a folder of the test's own)."""
    started: list[Server] = []

    def start(
        database_url: str, workers: int = 1, command: list[str] | None = None, **env: str
    ) -> Server:
        server = Server(
            {
                "REDRESS_ENV": "production",
                "SECRET_KEY": "ops-test-secret-key-not-for-production",
                "DATABASE_URL": database_url,
                "INSTANCE_PATH": str(tmp_path / "instance"),
                **{name.upper(): value for name, value in env.items()},
            },
            workers,
            command,
        )
        started.append(server)
        if command is None:
            server.wait_until_up()
        return server

    yield start
    for server in started:
        server.stop()
