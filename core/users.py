"""Accounts: sign-up, sign-in, roles, deactivation and password reset. Flushes, never commits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from core import clock, lockout, passwords
from core.audit import record_audit
from core.db import session
from core.errors import Refusal
from core.mail import queue_mail
from core.models import Role, User
from core.passwords import hash_password, make_reset_token, needs_rehash, read_reset_token
from core.sessions import end_all_sessions


class AccountError(Refusal):
    """A refused account change; `field` names the form field it concerns, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(
            str(message),
            "conflict" if field == "email" else "refused",
            {field: str(message)} if field else None,
        )
        self.field = field


class SignInLocked(Exception):
    """Too many failed sign-ins for an address: it opens again at `until`."""

    def __init__(self, until: datetime) -> None:
        super().__init__(until.isoformat())
        self.until = until


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(
    email: str,
    name: str,
    password: str,
    role: Role,
    language: str | None = None,
    actor: User | None = None,
) -> User:
    """Create an account; refuses an e-mail address that already has one."""
    if find_user_by_email(email) is not None:
        raise AccountError(_l("An account with this e-mail address already exists."), "email")
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        password_hash=hash_password(password),
        role=role,
        language=language,
    )
    session.add(user)
    session.flush()
    record_audit("user.created", f"user:{user.id}", actor=actor, role=role.value, email=user.email)
    return user


def check_password(email: str, password: str) -> User | None:
    """The active user with these credentials, or None, counting the failure towards a lockout.

    Raises SignInLocked while the address is locked, whatever the password. Known and unknown
    addresses cost one password hash each, so timing tells nothing.
    """
    email = normalise_email(email)[:254]
    check_not_locked(email)
    user = find_user_by_email(email)
    if user is None:
        passwords.spend_one_hash(password)
        matches = False
    else:
        matches = passwords.password_matches(user.password_hash, password)
    if user is None or not matches or not user.active:
        record_sign_in_failure(email)
        return None
    lockout.clear_failures(email)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def check_not_locked(email: str) -> None:
    """Raise SignInLocked while too many failures lock `email`."""
    until = lockout.locked_until(normalise_email(email)[:254])
    if until is not None:
        raise SignInLocked(until)


def record_sign_in_failure(email: str) -> None:
    """Audit a failed sign-in step and count it towards the address's lockout."""
    lockout.record_failure(email)
    record_audit("user.sign_in_failed", email=email)


def record_sign_in(user: User) -> None:
    """Note a completed sign-in (password, and the second factor where one is on)."""
    user.last_sign_in_at = clock.now()
    record_audit("user.signed_in", f"user:{user.id}", actor=user)


def _active_admins() -> int:
    return (
        session.scalar(
            select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.active)
        )
        or 0
    )


def change_role(user: User, role: Role, actor: User) -> None:
    """Give `user` a new role, keeping at least one active admin."""
    if user.role == role:
        return
    if user.role == Role.ADMIN and user.active and _active_admins() <= 1:
        raise AccountError(_l("Redress needs at least one active admin."), "role")
    record_audit(
        "user.role_changed",
        f"user:{user.id}",
        actor=actor,
        before=user.role.value,
        after=role.value,
    )
    user.role = role
    end_all_sessions(user, "role_changed")  # what the old role opened must close now


def set_active(user: User, active: bool, actor: User) -> None:
    """Deactivate (or reactivate) an account; an admin cannot deactivate themselves."""
    if user.active == active:
        return
    if not active and user.id == actor.id:
        raise AccountError(_l("You cannot deactivate your own account."))
    if not active and user.role == Role.ADMIN and _active_admins() <= 1:
        raise AccountError(_l("Redress needs at least one active admin."))
    user.active = active
    if not active:
        end_all_sessions(user, "deactivated")
    record_audit("user.activated" if active else "user.deactivated", f"user:{user.id}", actor=actor)


def update_profile(user: User, name: str, language: str | None) -> None:
    """Change what a person may change about themselves: their name and language."""
    if (user.name, user.language) != (name.strip(), language):
        record_audit(
            "user.profile_changed",
            f"user:{user.id}",
            actor=user,
            before={"name": user.name, "language": user.language},
            after={"name": name.strip(), "language": language},
        )
        user.name, user.language = name.strip(), language


def request_password_reset(email: str, reset_url_for: Callable[[str], str]) -> None:
    """Mail a reset link if an active account has this address; silent otherwise (no oracle)."""
    user = find_user_by_email(email)
    if user is None or not user.active:
        return
    token = make_reset_token(user.id, user.password_hash)
    queue_mail(user.email, "password_reset", user.language, user=user, link=reset_url_for(token))
    record_audit("user.password_reset_requested", f"user:{user.id}", actor=user)


def user_for_reset_token(token: str) -> User | None:
    """The user a still-valid reset token belongs to (a used token no longer matches)."""
    found = read_reset_token(token, current_app.config["PASSWORD_RESET_MAX_AGE_S"])
    if found is None:
        return None
    user = session.get(User, found[0])
    if user is None or not user.active or user.password_hash[-24:] != found[1]:
        return None
    return user


def reset_password(user: User, new_password: str) -> None:
    """Set a new password, which also invalidates every earlier reset token and ends every
    session (whoever knew the old password is signed out everywhere)."""
    user.password_hash = hash_password(new_password)
    ended = end_all_sessions(user, "password_reset")
    record_audit("user.password_reset", f"user:{user.id}", actor=user, sessions_ended=ended)


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change a signed-in user's password; ends their other sessions, keeps this one."""
    if not passwords.password_matches(user.password_hash, current_password):
        raise AccountError(_l("This is not your current password."), "current_password")
    user.password_hash = hash_password(new_password)
    ended = end_all_sessions(user, "password_changed", keep=user.session_token)
    record_audit("user.password_changed", f"user:{user.id}", actor=user, sessions_ended=ended)
