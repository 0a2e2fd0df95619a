"""One declarative base, one engine per app, and a session scoped to the application context.

Services flush, views and jobs commit. Tests bind the app to a connection inside a transaction they
roll back; `join_transaction_mode="create_savepoint"` turns the code's commits into savepoints then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from flask import Flask, current_app
from flask.globals import app_ctx
from sqlalchemy import Connection, DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on every backend (SQLite keeps no zone, so we restore it)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use core.clock.now() or an aware value")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar = {datetime: UTCDateTime()}


@dataclass
class Database:
    """The app's engine, and what its sessions bind to (a test may swap in a connection)."""

    engine: Engine
    bind: Engine | Connection


def _database() -> Database:
    return current_app.extensions["redress.db"]


def _new_session() -> Session:
    return Session(bind=_database().bind, join_transaction_mode="create_savepoint")


# One session per application context (each request, CLI command and job run has its own).
session: scoped_session[Session] = scoped_session(
    _new_session,  # type: ignore[arg-type]  # any factory of sessions will do
    scopefunc=lambda: id(app_ctx._get_current_object()),  # type: ignore[attr-defined]
)


def engine() -> Engine:
    """The current app's engine, for code that needs connections of its own."""
    return _database().engine


def make_engine(url: str, **options: Any) -> Engine:
    """An engine with the behaviour Redress relies on, whatever the backend."""
    if url.startswith("sqlite"):
        database = url.split("///", 1)[-1]
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        created = create_engine(url, connect_args={"timeout": 30}, **options)
        _make_sqlite_behave(created)
        return created
    return create_engine(url, pool_pre_ping=True, **options)


def _make_sqlite_behave(sqlite_engine: Engine) -> None:
    """Foreign keys on, and real transactions so SAVEPOINT and transactional DDL work."""

    @event.listens_for(sqlite_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy emit BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(sqlite_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # IMMEDIATE takes the write lock up front, so two writers queue (busy_timeout) instead of
        # one failing with "database is locked" when it upgrades a read to a write.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def init_app(app: Flask, url: str) -> None:
    """Give the app its engine and close each context's session when the context ends."""
    created = make_engine(url)
    app.extensions["redress.db"] = Database(engine=created, bind=created)

    @app.teardown_appcontext
    def _remove_session(_exc: BaseException | None) -> None:
        session.remove()
