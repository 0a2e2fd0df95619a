"""Per-process copies of what admins rarely change and every filing reads (calendars, SLA
policies, the platform registry), valid across processes and nodes.

Each process keeps values built from the database under the token of the one `settings_version`
row; a request reads the token once and rebuilds what was built under another. Any flush that
adds, changes or deletes a row of a watched model gives the row a new random token in the same
transaction, so a rolled-back edit never leaves a value behind under a token someone else gets.
Cached values must be plain (no ORM objects: they belong to one session).
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import g, has_app_context
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from core.db import session
from core.models import SettingsVersion

T = TypeVar("T")
_values: dict[Hashable, tuple[str, Any]] = {}
_lock = threading.Lock()
_watched: set[type] = set()


def cached(key: Hashable, build: Callable[[], T]) -> T:
    """The value under `key`, rebuilt when the settings changed since it was built."""
    token = _token()
    with _lock:
        found = _values.get(key)
    if found is not None and found[0] == token:
        return found[1]
    value = build()
    with _lock:
        _values[key] = (token, value)
    return value


def watch(*models: type) -> None:
    """Count every change to rows of `models` as a change of the settings."""
    _watched.update(models)


def settings_changed(flushing: Session | None = None) -> None:
    """Give the settings a new token (in the current transaction) and forget this request's."""
    new_token = update(SettingsVersion).values(token=secrets.token_hex(16))
    (flushing or session()).connection().execute(new_token)
    if has_app_context():
        g.pop("settings_token", None)


def _token() -> str:
    token = g.get("settings_token")
    if token is None:
        token = session.scalar(select(SettingsVersion.token)) or ""
        g.settings_token = token
    return str(token)


@event.listens_for(Session, "after_flush")
def _note_setting_edits(flushed: Session, _context: Any) -> None:
    watched = tuple(_watched)
    touched = (*flushed.new, *flushed.dirty, *flushed.deleted)
    if watched and any(isinstance(obj, watched) for obj in touched):
        settings_changed(flushed)
