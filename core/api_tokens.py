"""API tokens: random bearer secrets, stored as SHA-256 digests, scoped and revocable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask, current_app
from sqlalchemy import select

from core import clock
from core.audit import record_audit
from core.db import session
from core.models import ApiToken, Role, User
from core.tokens import digest, new_secret

TOKEN_PREFIX = "rdr_"  # noqa: S105 - makes a leaked token recognisable; not a secret
LAST_USED_PRECISION = timedelta(minutes=1)  # spare the database a write on every call


@dataclass(frozen=True)
class TokenScope:
    """What a token may be used for, and which roles may ask for it."""

    name: str
    label: str
    roles: frozenset[Role]


def register_token_scope(app: Flask, scope: TokenScope) -> None:
    app.extensions.setdefault("redress.token_scopes", {})[scope.name] = scope


def scopes_for(role: Role) -> list[TokenScope]:
    """The scopes a user with `role` may put on a token."""
    scopes = current_app.extensions.get("redress.token_scopes", {}).values()
    return [scope for scope in scopes if role in scope.roles]


def bearer_secret(header: str | None) -> str | None:
    """The token in an `Authorization: Bearer ...` header, if there is one."""
    if not header:
        return None
    scheme, _, secret = header.partition(" ")
    secret = secret.strip()
    return secret if scheme.lower() == "bearer" and 0 < len(secret) <= 200 else None


def issue_api_token(
    user: User,
    name: str,
    scopes: list[str],
    expires_at: datetime | None = None,
    actor: User | None = None,
) -> tuple[str, ApiToken]:
    """Create a token for `user`; the secret is returned once and never stored."""
    secret = new_secret(TOKEN_PREFIX)
    token = ApiToken(
        user_id=user.id,
        name=name,
        token_hash=digest(secret),
        prefix=secret[:12],
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
    )
    session.add(token)
    session.flush()
    record_audit(
        "api_token.issued",
        f"api_token:{token.id}",
        actor=actor or user,
        user=user.id,
        scopes=token.scopes,
    )
    return secret, token


def revoke_api_token(token: ApiToken, actor: User) -> None:
    """Make the token unusable from now on."""
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        record_audit("api_token.revoked", f"api_token:{token.id}", actor=actor)


def authenticate(header: str | None) -> ApiToken | None:
    """The usable token named by an Authorization header, with an active owner; else None."""
    secret = bearer_secret(header)
    if secret is None:
        return None
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(secret)))
    now = clock.now()
    if token is None or not token.usable_at(now) or not token.user.active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        token.last_used_at = now
    return token


def expired_token(header: str | None) -> ApiToken | None:
    """The token named by an Authorization header if it exists but has expired (to say so)."""
    secret = bearer_secret(header)
    if secret is None:
        return None
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(secret)))
    if token is None or token.revoked_at is not None or token.expires_at is None:
        return None
    return token if token.expires_at <= clock.now() else None


def tokens_of(user: User) -> list[ApiToken]:
    return list(
        session.scalars(
            select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
        )
    )
