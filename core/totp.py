"""The second factor of staff accounts: a TOTP app (RFC 6238) plus ten one-time recovery codes.

The TOTP secret rests Fernet-encrypted under a key derived from SECRET_KEY and is shown only
while enrolling; recovery codes are shown once and stored as SHA-256 (they are random, so a
fast hash is enough)."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets

import pyotp
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from core import clock
from core.audit import record_audit
from core.db import session
from core.errors import Refusal
from core.models import RecoveryCode, User
from core.sessions import end_all_sessions

RECOVERY_CODE_COUNT = 10
ISSUER = "Redress"
STEP_S = 30


def _fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"redress totp secret").derive(
        current_app.config["SECRET_KEY"].encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def _secret_of(user: User) -> str | None:
    if user.totp_secret is None:
        return None
    return _fernet().decrypt(user.totp_secret.encode()).decode()


def is_enabled(user: User) -> bool:
    return user.totp_enabled_at is not None


def pending_secret(user: User) -> str:
    """The secret to enrol with (made on first call); refused once the factor is on."""
    if is_enabled(user):
        raise Refusal(_l("Your second factor is already on."), "conflict")
    secret = _secret_of(user)
    if secret is None:
        secret = pyotp.random_base32()
        user.totp_secret = _fernet().encrypt(secret.encode()).decode()
    return secret


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def in_groups(text: str, size: int = 4) -> str:
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


def _matching_step(secret: str, code: str) -> int | None:
    """The time step `code` belongs to, allowing one step of clock drift either way."""
    totp, now = pyotp.TOTP(secret), clock.now()
    current = int(now.timestamp()) // STEP_S
    for step in (current, current - 1, current + 1):
        if secrets.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _accept_totp(user: User, code: str) -> bool:
    secret = _secret_of(user)
    step = _matching_step(secret, code) if secret else None
    # A code counts once: a step at or before the last accepted one is a replay.
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    return True


def _normalised(code: str) -> str:
    return re.sub(r"[\s-]", "", code).upper()


def _code_hash(code: str) -> str:
    return hashlib.sha256(_normalised(code).encode()).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with ten new ones; returns them to show once."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [
        in_groups(base64.b32encode(secrets.token_bytes(10)).decode(), 4).replace(" ", "-")
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    session.add_all(RecoveryCode(user_id=user.id, code_hash=_code_hash(code)) for code in codes)
    session.flush()
    return codes


def turn_on(user: User, code: str) -> list[str]:
    """Turn the second factor on when `code` proves the app holds the secret; returns the
    recovery codes. Other sessions end: they were opened with the password alone."""
    if is_enabled(user) or user.totp_secret is None or not _accept_totp(user, _normalised(code)):
        raise Refusal(
            _l("This code is not right. Check the time on your phone and try the newest code."),
            "refused",
            {"code": str(_l("This code is not right."))},
        )
    user.totp_enabled_at = clock.now()
    end_all_sessions(user, "second_factor_on", keep=user.session_token)
    record_audit("user.totp_enabled", f"user:{user.id}", actor=user)
    return new_recovery_codes(user)


def check_second_factor(user: User, code: str) -> bool:
    """True for the current TOTP code, or an unused recovery code (which is then used up)."""
    code = _normalised(code)
    if re.fullmatch(r"\d{6}", code):
        return _accept_totp(user, code)
    found = session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _code_hash(code),
            RecoveryCode.used_at.is_(None),
        )
    )
    if found is None:
        return False
    found.used_at = clock.now()
    record_audit("user.recovery_code_used", f"user:{user.id}", actor=user)
    return True


def unused_recovery_codes(user: User) -> int:
    return len(
        session.scalars(
            select(RecoveryCode.id).where(
                RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
            )
        ).all()
    )


def turn_off(user: User, actor: User) -> None:
    """Remove the second factor (an admin, for someone who lost their phone and codes)."""
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    end_all_sessions(user, "second_factor_off")
    record_audit("user.totp_disabled", f"user:{user.id}", actor=actor)
