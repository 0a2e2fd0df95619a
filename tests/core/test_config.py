"""Configuration comes from the environment and refuses unsafe production settings."""

from __future__ import annotations

import pytest

from core import create_app
from core.config import DEFAULT_SECRET_KEY, Config, ConfigError


def test_production_refuses_the_default_secret_key(tmp_path) -> None:
    config = Config.from_env({"REDRESS_ENV": "production"}, instance_path=str(tmp_path))
    assert config.secret_key == DEFAULT_SECRET_KEY
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app(config)


def test_development_runs_with_the_default_key_on_sqlite_in_the_instance_folder(tmp_path) -> None:
    config = Config.from_env({"REDRESS_ENV": "development"}, instance_path=str(tmp_path))
    app = create_app(config)
    assert config.sqlalchemy_url == f"sqlite:///{tmp_path / 'redress.sqlite3'}"
    assert app.config["SESSION_COOKIE_SECURE"] is False


def test_environment_values_are_typed() -> None:
    config = Config.from_env(
        {
            "REDRESS_ENV": "production",
            "SECRET_KEY": "s" * 40,
            "MAIL_PORT": "2525",
            "MAIL_USE_TLS": "true",
            "DATABASE_URL": "postgres://u@db/redress",
        }
    )
    assert config.mail_port == 2525 and config.mail_use_tls is True
    assert config.sqlalchemy_url == "postgresql+psycopg://u@db/redress"
    assert config.flask_settings()["SESSION_COOKIE_SECURE"] is True


def test_a_malformed_number_is_named() -> None:
    with pytest.raises(ConfigError, match="MAIL_PORT"):
        Config.from_env({"MAIL_PORT": "twenty-five"})
