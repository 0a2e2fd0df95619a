"""Rights-holder organisations: registration, the agent's power of attorney, verification."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from core import clock
from core.audit import record_audit
from core.db import session
from core.mail import queue_mail
from core.models import Role, User
from core.uploads import CheckedFile
from ipr.models import (
    Capacity,
    FilePurpose,
    IprFile,
    IpRight,
    RightsHolder,
    RightsHolderMember,
    Verification,
)
from ipr.services.files import store_file
from ipr.services.misuse import may_file
from ipr.services.refusals import IprError

HOLDER_FIELDS = (
    "legal_name",
    "country",
    "address",
    "contact_name",
    "contact_email",
    "contact_phone",
    "website",
    "language",
    "capacity",
    "principal_name",
)


def holder_of(user: User) -> RightsHolder | None:
    """The organisation the account acts for, if any."""
    if user.role != Role.RIGHTS_HOLDER:
        return None
    return session.scalar(
        select(RightsHolder).join(RightsHolderMember).where(RightsHolderMember.user_id == user.id)
    )


def power_of_attorney(holder: RightsHolder) -> IprFile | None:
    """The agent's latest power of attorney."""
    return session.scalar(
        select(IprFile)
        .where(IprFile.holder_id == holder.id, IprFile.purpose == FilePurpose.POWER_OF_ATTORNEY)
        .order_by(IprFile.id.desc())
        .limit(1)
    )


def save_holder(
    user: User, fields: dict[str, Any], attorney: CheckedFile | None = None
) -> RightsHolder:
    """Register the user's organisation, or correct it; either way an officer (re)checks it.

    An agent must name its principal and upload a power of attorney (once; a new one replaces
    it)."""
    if user.role != Role.RIGHTS_HOLDER:
        raise IprError(_("Only a rights-holder account can register an organisation."), "forbidden")
    holder = holder_of(user)
    capacity = Capacity(fields["capacity"])
    if capacity == Capacity.AGENT:
        if not (fields.get("principal_name") or "").strip():
            raise IprError(_("Name the rights holder you act for."), field="principal_name")
        if attorney is None and (holder is None or power_of_attorney(holder) is None):
            raise IprError(
                _("An agent must upload a power of attorney from the rights holder."),
                field="power_of_attorney",
            )
    created = holder is None
    if holder is None:
        holder = RightsHolder(created_by_id=user.id)
        session.add(holder)
    for name in HOLDER_FIELDS:
        value = fields.get(name)
        setattr(holder, name, value.strip() if isinstance(value, str) else value)
    holder.country = holder.country.upper()
    holder.capacity = capacity
    holder.principal_name = holder.principal_name or None if capacity == Capacity.AGENT else None
    holder.status, holder.refusal_reasons = Verification.PENDING, None
    holder.verified_at = holder.verified_by_id = None
    session.flush()
    if created:
        session.add(RightsHolderMember(user_id=user.id, holder_id=holder.id))
    if attorney is not None:
        store_file(attorney, FilePurpose.POWER_OF_ATTORNEY, user, holder_id=holder.id)
    session.flush()
    record_audit(
        "ipr.holder_registered" if created else "ipr.holder_changed",
        f"rights_holder:{holder.id}",
        actor=user,
    )
    return holder


def record_verification(
    record: RightsHolder | IpRight, officer: User, accept: bool, reasons: str | None
) -> None:
    """An officer's check of an organisation or a right: verified, or refused with reasons."""
    reasons = (reasons or "").strip() or None
    if not accept and not reasons:
        raise IprError(_("Give the reasons for the refusal."), field="reasons")
    record.status = Verification.VERIFIED if accept else Verification.REFUSED
    record.refusal_reasons = None if accept else reasons
    record.verified_at, record.verified_by_id = clock.now(), officer.id
    session.flush()


def verify_holder(
    holder: RightsHolder, officer: User, accept: bool, reasons: str | None = None
) -> None:
    """An officer verifies the organisation (it may now file), or refuses it with reasons."""
    if holder.status != Verification.PENDING:
        raise IprError(_("This organisation was already checked."), "conflict")
    record_verification(holder, officer, accept, reasons)
    record_audit(
        "ipr.holder_verified" if accept else "ipr.holder_refused",
        f"rights_holder:{holder.id}",
        actor=officer,
    )
    queue_mail(
        holder.contact_email, "ipr/holder_checked", holder.language, holder=holder, accepted=accept
    )


def filing_refusal(holder: RightsHolder | None, now: datetime) -> str | None:
    """Why this organisation may not file a notice now, or None when it may."""
    if holder is None:
        return _(
            "Register your organisation first; an officer verifies it before you can "
            "report listings."
        )
    if holder.status != Verification.VERIFIED:
        return _(
            "Your organisation is not verified yet; an officer checks it before you can "
            "report listings."
        )
    if holder.suspended_until is not None and holder.suspended_until > now:
        return _(
            "Your organisation is suspended from reporting until %(until)s.",
            until=holder.suspended_until.date().isoformat(),
        )
    allowed, reason = may_file(holder)  # ipr-2: the misuse measures on record (DSA art. 23)
    if not allowed:
        return reason
    return None


def pending_holders() -> list[RightsHolder]:
    """Organisations waiting for an officer, oldest first."""
    return list(
        session.scalars(
            select(RightsHolder)
            .where(RightsHolder.status == Verification.PENDING)
            .order_by(RightsHolder.id)
        )
    )
