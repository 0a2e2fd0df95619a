"""Per-address lockout after repeated failed sign-ins, counted in the database so that every
worker sees the same count. Unknown addresses are counted like known ones: the lockout tells no
one whether an account exists."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import case, update
from sqlalchemy.dialects import postgresql, sqlite

from core import clock
from core.db import session
from core.models import SignInFailures

FORGET_AFTER = timedelta(days=1)


def locked_until(email: str) -> datetime | None:
    """When sign-in for `email` opens again, if it is locked now."""
    row = session.get(SignInFailures, email, populate_existing=True)
    if row is None or row.locked_until is None or row.locked_until <= clock.now():
        return None
    return row.locked_until


def backoff(failures: int) -> timedelta | None:
    """How long `failures` failures in a row lock the address: none below the threshold, then
    the first lock, doubling with each further failure, up to the cap."""
    config = current_app.config
    over = failures - config["LOCKOUT_THRESHOLD"]
    if over < 0:
        return None
    seconds = config["LOCKOUT_FIRST_S"] * 2 ** min(over, 20)
    return timedelta(seconds=min(seconds, config["LOCKOUT_MAX_S"]))


def record_failure(email: str) -> None:
    """Count one more failure for `email` (atomically, whichever worker counts it)."""
    now = clock.now()
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(SignInFailures).values(email=email, failures=1, last_failure_at=now)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[SignInFailures.email],
            set_={
                # A day without failures starts the count again.
                "failures": case(
                    (SignInFailures.last_failure_at < now - FORGET_AFTER, 1),
                    else_=SignInFailures.failures + 1,
                ),
                "last_failure_at": now,
            },
        )
    )
    row = session.get(SignInFailures, email, populate_existing=True)
    assert row is not None  # just written
    lock = backoff(row.failures)
    if lock is not None:
        row.locked_until = now + lock
    session.flush()


def clear_failures(email: str) -> None:
    """Forget the failures of `email` after a successful sign-in."""
    session.execute(
        update(SignInFailures)
        .where(SignInFailures.email == email)
        .values(failures=0, locked_until=None)
        .execution_options(synchronize_session=False)
    )
