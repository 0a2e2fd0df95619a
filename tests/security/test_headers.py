"""HTTPS is remembered by browsers in production, and a 405 says which methods an address takes."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskClient

import core
from core.config import Config
from wsgi import PACKAGES


def test_production_answers_carry_hsts(tmp_path: Path, client: FlaskClient) -> None:
    production = core.create_app(
        Config(
            redress_env="production",
            secret_key="production-like-secret-key-for-a-test",
            instance_path=str(tmp_path),
        ),
        packages=PACKAGES,
    )
    answer = production.test_client().get("/livez")
    assert answer.status_code == 200
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    # A developer's plain-HTTP machine must not be pinned to HTTPS.
    assert "Strict-Transport-Security" not in client.get("/livez").headers


def test_a_405_names_the_allowed_methods(client: FlaskClient) -> None:
    answer = client.delete("/livez")
    assert answer.status_code == 405
    assert set(answer.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD"}
    answer = client.get("/sign-out")
    assert answer.status_code == 405 and "POST" in answer.headers["Allow"]
