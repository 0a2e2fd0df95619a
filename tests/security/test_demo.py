"""Finding 4 of issue 21, the demo part: `demo load` does not run in production unless told so
plainly, and then the demo accounts get random passwords, printed once."""

from __future__ import annotations

import dataclasses
import re

import pytest
from flask import Flask
from sqlalchemy import func, select

from core.demo import DEMO_PASSWORD
from core.models import User
from tests.conftest import sign_in


@pytest.fixture
def production(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Flask:
    config = app.extensions["redress.config"]
    monkeypatch.setitem(
        app.extensions, "redress.config", dataclasses.replace(config, redress_env="production")
    )
    return app


def test_demo_load_refuses_in_production(production: Flask, db) -> None:
    result = production.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code != 0
    assert "--i-know-this-is-production" in result.output
    assert db.scalar(select(func.count()).select_from(User)) == 0


def test_demo_accounts_in_production_get_random_passwords(production: Flask, db) -> None:
    result = production.test_cli_runner().invoke(
        args=["demo", "load", "--i-know-this-is-production"]
    )
    assert result.exit_code == 0, result.output
    assert DEMO_PASSWORD not in result.output
    found = re.search(r"admin\s+(admin@demo\.redress\.example)\s+(\S+)", result.output)
    assert found, result.output
    admin = db.scalar(select(User).where(User.email == found.group(1)))
    client = production.test_client()
    sign_in(client, admin, found.group(2))
    again = production.test_cli_runner().invoke(
        args=["demo", "load", "--i-know-this-is-production"]
    )
    assert found.group(2) not in again.output  # shown once only
