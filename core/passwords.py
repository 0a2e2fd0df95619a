"""Password hashing (argon2id) and the signed, single-use tokens of password reset."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 10


def hash_password(password: str) -> str:
    """An argon2id hash of `password`."""
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    """True when `password` is the one `password_hash` was made from."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def make_reset_token(user_id: int, password_hash: str) -> str:
    """A token that resets this user's password once: it names the current hash."""
    return _serializer().dumps({"user": user_id, "hash": password_hash[-24:]})


def read_reset_token(token: str, max_age_s: int) -> tuple[int, str] | None:
    """(user id, hash fragment) from a valid, unexpired token, else None."""
    try:
        data = _serializer().loads(token, max_age=max_age_s)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("user"), int):
        return None
    return data["user"], str(data.get("hash", ""))
