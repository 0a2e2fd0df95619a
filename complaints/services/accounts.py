"""Optional consumer accounts: complaints filed while signed in, or with the account's e-mail
address once the consumer proved it by a mailed link, are listed as "My complaints"."""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import func, or_, select

from complaints.models import Complaint, ComplaintOwner, VerifiedConsumerEmail
from core.db import session
from core.mail import queue_mail
from core.models import Role, User

VERIFY_MAX_AGE_S = 3 * 24 * 3600


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="consumer-email")


def is_consumer(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role == Role.CONSUMER


def link_owner(complaint: Complaint, user: Any) -> None:
    """Tie a complaint filed by a signed-in consumer to the account."""
    if is_consumer(user):
        session.add(ComplaintOwner(complaint_id=complaint.id, user_id=user.id))


def verified_email(user: User) -> str | None:
    """The account's address if the consumer proved it and has not changed it since."""
    found = session.get(VerifiedConsumerEmail, user.id)
    if found is None or found.email.lower() != user.email.lower():
        return None
    return found.email.lower()


def send_verification(user: User) -> None:
    """Mail the account's address a link that proves the consumer reads it."""
    token = _serializer().dumps({"u": user.id, "e": user.email.lower()})
    queue_mail(
        user.email,
        "complaints/verify_email",
        user.language or "en",
        user=user,
        link=url_for("complaints_consumer.confirm_verification", token=token, _external=True),
    )


def verify_email(user: User, token: str) -> bool:
    """Record the address as proven when `token` is this account's fresh link."""
    try:
        data = _serializer().loads(token[:500], max_age=VERIFY_MAX_AGE_S)
    except BadSignature:
        return False
    if (
        not isinstance(data, dict)
        or data.get("u") != user.id
        or data.get("e") != user.email.lower()
    ):
        return False
    found = session.get(VerifiedConsumerEmail, user.id)
    if found is None:
        session.add(VerifiedConsumerEmail(user_id=user.id, email=user.email.lower()))
    else:
        found.email = user.email.lower()
    session.flush()
    return True


def _mine(user: User) -> Any:
    owned = select(ComplaintOwner.complaint_id).where(ComplaintOwner.user_id == user.id)
    email = verified_email(user)
    if email is None:
        return Complaint.id.in_(owned)
    return or_(Complaint.id.in_(owned), func.lower(Complaint.consumer_email) == email)


def my_complaints(user: User) -> list[Complaint]:
    """The consumer's complaints, newest first."""
    if not is_consumer(user):
        return []
    return list(
        session.scalars(
            select(Complaint)
            .where(_mine(user))
            .order_by(Complaint.created_at.desc(), Complaint.id.desc())
        )
    )


def owns(user: Any, complaint: Complaint) -> bool:
    """Whether a signed-in consumer may see the complaint without its tracking token."""
    if not is_consumer(user):
        return False
    return (
        session.scalar(
            select(func.count())
            .select_from(Complaint)
            .where(Complaint.id == complaint.id, _mine(user))
        )
        == 1
    )
