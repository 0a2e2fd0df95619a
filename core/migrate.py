"""Alembic, driven from the app: migrations/env.py receives the connection and the metadata."""

from __future__ import annotations

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Connection, Engine

from core.config import PROJECT_ROOT
from core.db import Base

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


def alembic_config(connection: Connection | None = None) -> AlembicConfig:
    """An Alembic config for our migrations folder, optionally bound to an open connection."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    config.attributes["metadata"] = Base.metadata
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision`, in one transaction."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database back to `revision`, in one transaction."""
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)
