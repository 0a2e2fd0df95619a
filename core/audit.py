"""Recording who did what. Call record_audit in the same transaction as the change it describes."""

from __future__ import annotations

from typing import Any

from flask import has_request_context, request
from flask_login import current_user

from core.db import session
from core.models import AuditEvent, User


def record_audit(
    action: str, target: str | None = None, actor: User | None = None, **details: Any
) -> AuditEvent:
    """Add an audit event; actor and address default to the signed-in user and the request."""
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user._get_current_object()
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        actor_email=actor.email if actor else None,
        action=action,
        target=target,
        details=details,
        ip_address=request.remote_addr if has_request_context() else None,
    )
    session.add(event)
    return event


def record_personal_data_read(target: str, what: str) -> AuditEvent:
    """Note that a staff member opened personal data (`what`: e.g. "complaint contact")."""
    return record_audit(
        "personal_data.read",
        target,
        what=what,
        path=request.path if has_request_context() else None,
    )
