"""Password hashing (argon2id), password strength, and the signed, single-use tokens of password
reset."""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeTimedSerializer
from zxcvbn import zxcvbn

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 10
MIN_PASSWORD_SCORE = 3  # zxcvbn: 0 (a common password) to 4 (very hard to guess)


def hash_password(password: str) -> str:
    """An argon2id hash of `password`."""
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    """True when `password` is the one `password_hash` was made from."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


def spend_one_hash(password: str) -> None:
    """Check `password` against a hash nobody has, so an unknown address costs what a known one
    does and sign-in timing does not tell which addresses have accounts."""
    password_matches(_dummy_hash(), password)


def _guessable_words(personal: Sequence[str]) -> list[str]:
    """`personal` as an attacker would try it: whole, in parts, and with the parts run together
    ("Mei Chen" -> "mei chen", "mei", "chen", "meichen")."""
    words: set[str] = set()
    for text in personal:
        parts = [part for part in re.split(r"[^\w]+", text.lower()) if part]
        words.update([text.lower(), "".join(parts), *parts])
    return sorted(word for word in words if word)


def weak_password_reason(password: str, personal: Sequence[str] = ()) -> str | None:
    """Why `password` is too weak (short, common, or easy to guess from `personal` words), else
    None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return str(_l("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH))
    # zxcvbn's cost grows with length; past 100 characters a password is long enough.
    if zxcvbn(password[:100], user_inputs=_guessable_words(personal))["score"] < (
        MIN_PASSWORD_SCORE
    ):
        return str(
            _l(
                "This password is too common or too easy to guess. "
                "Use a longer phrase of several unrelated words."
            )
        )
    return None


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
