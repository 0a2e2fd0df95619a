"""The migrations are the schema: one head, head equals the models, every step reverses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from core import migrate
from core.db import Base, make_engine
from migrations.schema_filter import include_object
from tests.conftest import BACKENDS, temporary_database
from wsgi import PACKAGES  # noqa: F401 - importing the packages registers every model


@pytest.fixture(params=BACKENDS)
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with temporary_database(request.param, tmp_path) as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


def differences(engine: Engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        return compare_metadata(context, Base.metadata)


def test_there_is_exactly_one_head() -> None:
    assert len(ScriptDirectory.from_config(migrate.alembic_config()).get_heads()) == 1


def test_upgrading_an_empty_database_gives_the_models_schema(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)
    assert differences(empty_engine) == []


def test_every_revision_downgrades_and_upgrades_again(empty_engine: Engine) -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
    for revision in revisions:
        migrate.upgrade(empty_engine, revision)
        migrate.downgrade(empty_engine, "-1")
        migrate.upgrade(empty_engine, revision)
    migrate.downgrade(empty_engine, "base")
    with empty_engine.connect() as connection:
        command.current(migrate.alembic_config(connection))
        assert MigrationContext.configure(connection).get_current_revision() is None
    migrate.upgrade(empty_engine)
    assert differences(empty_engine) == []
