"""Server-side sign-in sessions. The browser holds a random session id (in the Flask session and,
with "keep me signed in", in the remember cookie); the database holds only its SHA-256. A session
ends on sign-out, on a password change or reset, on a role change or deactivation, and after an
idle or absolute time-out, and a copied cookie dies with it."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, g, request
from flask import session as cookie_session
from flask_login import login_user
from sqlalchemy import select, update

from core import clock
from core.db import session
from core.models import User, UserSession

LAST_SEEN_RESOLUTION = timedelta(minutes=1)  # fewer writes: last seen is kept to the minute
# Enough to tell one's own devices apart on the account page; order matters (Edge says Chrome).
BROWSERS = (("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
)


def _hashed(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _limits(row: UserSession, user: User) -> tuple[timedelta, timedelta]:
    """(idle, absolute) time-outs of this session."""
    config = current_app.config
    if row.remember:
        lifetime = timedelta(days=config["REMEMBER_DAYS"])
        return lifetime, lifetime
    idle_minutes = (
        config["SESSION_IDLE_MINUTES_STAFF"]
        if user.role.is_staff
        else config["SESSION_IDLE_MINUTES"]
    )
    return timedelta(minutes=idle_minutes), timedelta(hours=config["SESSION_ABSOLUTE_HOURS"])


def summarise_user_agent(agent: str) -> str | None:
    """ "Firefox on Linux" from a User-Agent header; the header itself when nothing is known."""
    browser = next((name for mark, name in BROWSERS if mark in agent), None)
    system = next((name for mark, name in SYSTEMS if mark in agent), None)
    if browser and system:
        return f"{browser} on {system}"
    return agent[:120] or None


def start_session(user: User, remember: bool) -> str:
    """Record a new session for `user` and return its raw id (stored nowhere but the cookie)."""
    raw = secrets.token_urlsafe(32)
    session.add(
        UserSession(
            token_hash=_hashed(raw),
            user_id=user.id,
            remember=remember,
            user_agent=summarise_user_agent(request.user_agent.string),
        )
    )
    session.flush()
    user.session_token = raw
    return raw


def sign_in_browser(user: User, remember: bool) -> None:
    """Start a session for `user` in this browser, with a fresh CSRF token (no fixation)."""
    start_session(user, remember)
    # Flask-WTF keeps the token in the session and caches it on g: drop both.
    cookie_session.pop("csrf_token", None)
    g.pop("csrf_token", None)
    login_user(
        user, remember=remember, duration=timedelta(days=current_app.config["REMEMBER_DAYS"])
    )


def _live_row(raw: str) -> UserSession | None:
    return session.scalar(
        select(UserSession).where(
            UserSession.token_hash == _hashed(raw), UserSession.ended_at.is_(None)
        )
    )


def load_session_user(raw: str) -> User | None:
    """The user of a live session with this raw id, or None (ended, timed out, or deactivated)."""
    row = _live_row(raw)
    if row is None:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    now = clock.now()
    idle, absolute = _limits(row, user)
    if now - row.last_seen_at > idle or now - row.created_at > absolute:
        row.ended_at, row.ended_reason = now, "timed_out"
        return None
    if now - row.last_seen_at >= LAST_SEEN_RESOLUTION:
        row.last_seen_at = now
    user.session_token = raw
    return user


def end_session(raw: str | None, reason: str) -> None:
    """End the session with this raw id, if it is live."""
    row = _live_row(raw) if raw else None
    if row is not None:
        row.ended_at, row.ended_reason = clock.now(), reason


def end_all_sessions(user: User, reason: str, keep: str | None = None) -> int:
    """End every live session of `user` (but `keep`, a raw id); how many were ended."""
    query = update(UserSession).where(
        UserSession.user_id == user.id, UserSession.ended_at.is_(None)
    )
    if keep:
        query = query.where(UserSession.token_hash != _hashed(keep))
    result = session.execute(
        query.values(ended_at=clock.now(), ended_reason=reason).execution_options(
            synchronize_session=False
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def live_sessions(user: User) -> list[UserSession]:
    """The sessions of `user` that have not ended, most recently used first."""
    return list(
        session.scalars(
            select(UserSession)
            .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
            .order_by(UserSession.last_seen_at.desc())
        )
    )


def is_current(row: UserSession, user: User) -> bool:
    return user.session_token is not None and row.token_hash == _hashed(user.session_token)
