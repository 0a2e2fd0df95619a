"""One request, one transaction: core commits when a view's answer is a success and rolls back
when it is a refusal or an error, so services only flush and views never commit.

A view may say otherwise for its request: `refuse_changes()` when it answers a refusal with a
redirect (flash and go back), `keep_changes()` when a refusal must still leave a trace (a failed
sign-in is audited). Commands and scripts, which have no request, use `unit_of_work()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, Response, g

from core.db import session


def refuse_changes() -> None:
    """Roll this request's changes back although its answer is a success (a redirect)."""
    g.redress_keep_changes = False


def keep_changes() -> None:
    """Commit this request's changes although its answer is a refusal."""
    g.redress_keep_changes = True


def _should_commit(response: Response) -> bool:
    chosen = g.get("redress_keep_changes")
    return response.status_code < 400 if chosen is None else chosen


@contextmanager
def unit_of_work() -> Iterator[None]:
    """Commit what the block did, or roll it back if it raised."""
    try:
        yield
    except BaseException:
        session.rollback()
        raise
    session.commit()


def init_app(app: Flask) -> None:
    """Registered after every other after-request hook, so it runs first (Flask runs them in
    reverse): a failing commit still becomes the error page, and mail goes out after it."""

    @app.after_request
    def _end_transaction(response: Response) -> Response:
        if _should_commit(response):
            session.commit()
        else:
            session.rollback()
        return response
