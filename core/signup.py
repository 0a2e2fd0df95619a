"""Sign-up by mail. The address is proven before an account exists, and the page answers the
same whether or not the address already has an account: its owner gets a mail saying so."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from core.audit import record_audit
from core.mail import queue_mail
from core.models import SELF_SIGN_UP_ROLES, Role, User
from core.users import create_user, find_user_by_email, normalise_email

SIGN_UP_MAX_AGE_S = 24 * 3600


@dataclass(frozen=True)
class SignUp:
    """What the person filled in on the first step, carried (signed) by the mailed link."""

    email: str
    name: str
    role: Role
    language: str | None


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="sign-up")


def request_sign_up(sign_up: SignUp, link_for: Callable[[str], str]) -> None:
    """Mail the link that finishes the sign-up, or, if the address has an account, tell its
    owner instead (so the page reveals nothing about which addresses have accounts)."""
    owner = find_user_by_email(sign_up.email)
    if owner is not None:
        queue_mail(owner.email, "sign_up_existing", owner.language, user=owner)
        record_audit("user.sign_up_for_existing_address", f"user:{owner.id}")
        return
    token = _serializer().dumps(
        {
            "email": normalise_email(sign_up.email),
            "name": sign_up.name.strip(),
            "role": sign_up.role.value,
            "language": sign_up.language,
        }
    )
    queue_mail(
        normalise_email(sign_up.email),
        "sign_up_confirm",
        sign_up.language,
        name=sign_up.name,
        link=link_for(token),
    )


def read_sign_up(token: str) -> SignUp | None:
    """The sign-up a valid, unexpired link carries, else None."""
    try:
        data = _serializer().loads(token, max_age=SIGN_UP_MAX_AGE_S)
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("role") not in {r.value for r in SELF_SIGN_UP_ROLES}:
        return None
    return SignUp(str(data["email"]), str(data["name"]), Role(data["role"]), data.get("language"))


def finish_sign_up(sign_up: SignUp, password: str) -> User:
    """Create the account the link was mailed for (refused if the address has one by now)."""
    return create_user(
        sign_up.email, sign_up.name, password, sign_up.role, language=sign_up.language
    )
