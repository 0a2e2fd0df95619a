"""Liveness and readiness for load balancers and orchestrators (`/healthz` stays as DESIGN.md §8
has it, in core.views).

`/livez` answers 200 while the process serves at all. `/readyz` answers 200 only when this node
can do its work: the database answers, its schema is at the migrations' head, the file store
takes a write, and every check a package registered passes (complaints registers the NLP
model). Otherwise 503 with the reason of each failing check, so a balancer sends no traffic to a
node that would fail, and an operator sees why. A degraded dependency (the NLP model) makes the
node unready, yet requests it does get still work without it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Blueprint, Flask, current_app
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from core.db import session as db_session
from core.files import content_store
from core.migrate import alembic_config

# A check returns None when ready, else the reason, in a few words for an operator.
ReadinessCheck = Callable[[], str | None]

bp = Blueprint("health", __name__)


def register_readiness_check(app: Flask, name: str, check: ReadinessCheck) -> None:
    """Let a package say what else this node needs before it takes traffic."""
    app.extensions.setdefault("redress.readiness_checks", {})[name] = check


@cache
def _migration_heads() -> frozenset[str]:
    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def _database() -> str | None:
    try:
        db_session.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        db_session.rollback()
        return f"unreachable ({type(exc).__name__})"
    return None


def _migrations() -> str | None:
    try:
        current = frozenset(MigrationContext.configure(db_session.connection()).get_current_heads())
    except SQLAlchemyError as exc:
        db_session.rollback()
        return f"unknown ({type(exc).__name__})"
    if current != _migration_heads():
        at = ", ".join(sorted(current)) or "none"
        head = ", ".join(sorted(_migration_heads()))
        return f"at {at}, head is {head}: run `flask --app wsgi db upgrade`"
    return None


def _storage() -> str | None:
    store = content_store()
    try:
        store.check_writable()
    except Exception as exc:  # any backend's failure: this node cannot keep files now
        return f"not writable: {store!r} ({type(exc).__name__})"
    return None


def readiness() -> dict[str, str | None]:
    """Each check's reason (None: passed); the database first, as the others need it."""
    found: dict[str, str | None] = {"database": _database()}
    found["migrations"] = "database unreachable" if found["database"] else _migrations()
    found["storage"] = _storage()
    for name, check in current_app.extensions.get("redress.readiness_checks", {}).items():
        try:
            found[name] = check()
        except Exception as exc:  # a check that fails is a reason, not an error page
            found[name] = f"{type(exc).__name__}: {exc}"
    return found


@bp.get("/livez")
def livez() -> tuple[dict[str, str], int]:
    return {"status": "alive"}, 200


@bp.get("/readyz")
def readyz() -> tuple[dict[str, object], int]:
    found = readiness()
    reasons = {name: reason for name, reason in found.items() if reason}
    checks = {name: reason or "ok" for name, reason in found.items()}
    if reasons:
        return {"status": "not ready", "checks": checks, "reasons": reasons}, 503
    return {"status": "ready", "checks": checks}, 200
