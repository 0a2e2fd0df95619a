"""The IP rights vault: a holder registers each right once with its certificate; an officer
verifies it; it is then reused in every notice while it is in force."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from core import clock
from core.audit import record_audit
from core.db import session
from core.mail import queue_mail
from core.models import User
from core.uploads import CheckedFile
from ipr.labels import PATENT_TYPE_LABELS
from ipr.models import (
    FilePurpose,
    IpRight,
    PatentType,
    RightsHolder,
    RightType,
    TrademarkOffice,
    Verification,
)
from ipr.services.files import store_file
from ipr.services.holders import record_verification
from ipr.services.refusals import IprError

NICE_CLASSES = range(1, 46)


def _text(fields: dict[str, Any], name: str) -> str | None:
    value = fields.get(name)
    return value.strip() or None if isinstance(value, str) else None


def _check(right_type: RightType, fields: dict[str, Any]) -> dict[str, str]:
    """Every missing or invalid field of a right of this type, by field name."""
    errors: dict[str, str] = {}
    required = {
        RightType.TRADEMARK: ("title", "registration_number", "office"),
        RightType.COPYRIGHT: ("title", "owner_name"),
        RightType.PATENT: ("title", "registration_number", "patent_type"),
    }[right_type]
    for name in required:
        if not _text(fields, name) and not fields.get(name):
            errors[name] = _("This field is required.")
    if right_type == RightType.TRADEMARK:
        classes = fields.get("nice_classes") or []
        if not classes:
            errors["nice_classes"] = _("Give at least one Nice class (1 to 45).")
        elif any(c not in NICE_CLASSES for c in classes):
            errors["nice_classes"] = _("Nice classes are numbers from 1 to 45.")
        if fields.get("office") == TrademarkOffice.OTHER and not _text(fields, "office_name"):
            errors["office_name"] = _("Name the office that registered the mark.")
    start, end = fields.get("valid_from"), fields.get("valid_until")
    if start and end and end < start:
        errors["valid_until"] = _("The right cannot end before it starts.")
    if end and end < clock.now().date():
        errors["valid_until"] = _("This right has expired; only rights in force can be registered.")
    return errors


def add_right(
    holder: RightsHolder,
    user: User,
    fields: dict[str, Any],
    certificate: CheckedFile | None,
    image: CheckedFile | None = None,
) -> IpRight:
    """Put a right in the holder's vault, pending an officer's check; the certificate is
    required (a registration certificate, or proof of authorship for an unregistered work)."""
    right_type = RightType(fields["right_type"])
    errors = _check(right_type, fields)
    if certificate is None:
        errors["certificate"] = _("Upload the certificate or proof of the right.")
    if errors:
        field, message = next(iter(errors.items()))
        raise IprError(message, field=field)
    right = IpRight(
        holder_id=holder.id,
        right_type=right_type,
        title=_text(fields, "title") or "",
        registration_number=_text(fields, "registration_number"),
        owner_name=_text(fields, "owner_name"),
        country=(_text(fields, "country") or "").upper() or None,
        valid_from=fields.get("valid_from"),
        valid_until=fields.get("valid_until"),
    )
    if right_type == RightType.TRADEMARK:
        right.office = TrademarkOffice(fields["office"])
        right.office_name = _text(fields, "office_name") if right.office == "other" else None
        right.nice_classes = sorted(set(fields["nice_classes"]))
    if right_type == RightType.PATENT:
        right.patent_type = PatentType(fields["patent_type"])
    session.add(right)
    session.flush()
    store_file(certificate, FilePurpose.CERTIFICATE, user, right_id=right.id)  # type: ignore[arg-type]
    if image is not None and right_type == RightType.TRADEMARK:
        store_file(image, FilePurpose.MARK_IMAGE, user, right_id=right.id)
    session.flush()
    record_audit("ipr.right_added", f"ip_right:{right.id}", actor=user, type=right_type.value)
    return right


def verify_right(right: IpRight, officer: User, accept: bool, reasons: str | None = None) -> None:
    """An officer verifies the right against its certificate, or refuses it with reasons."""
    if right.status != Verification.PENDING:
        raise IprError(_("This right was already checked."), "conflict")
    record_verification(right, officer, accept, reasons)
    record_audit(
        "ipr.right_verified" if accept else "ipr.right_refused",
        f"ip_right:{right.id}",
        actor=officer,
    )
    holder = right.holder
    queue_mail(
        holder.contact_email,
        "ipr/right_checked",
        holder.language,
        holder=holder,
        right=right,
        accepted=accept,
    )


def usable_rights(holder: RightsHolder, day: date | None = None) -> list[IpRight]:
    """The holder's verified rights in force on `day` (today): those a new notice may name."""
    day = day or clock.now().date()
    rights = session.scalars(
        select(IpRight)
        .where(IpRight.holder_id == holder.id, IpRight.status == Verification.VERIFIED)
        .order_by(IpRight.id)
    )
    return [right for right in rights if right.in_force_on(day)]


def rights_for_notice(
    holder: RightsHolder, ids: Sequence[int], day: date
) -> tuple[list[IpRight], dict[str, str]]:
    """The rights a notice names, and why each unusable one cannot be named ("rights.N")."""
    errors: dict[str, str] = {}
    found: list[IpRight] = []
    if not ids:
        errors["rights"] = _("Name at least one of your verified rights.")
    for position, right_id in enumerate(ids):
        right = session.get(IpRight, right_id)
        if right is None or right.holder_id != holder.id:
            errors[f"rights.{position}"] = _("There is no right %(id)s in your vault.", id=right_id)
        elif right.status != Verification.VERIFIED:
            errors[f"rights.{position}"] = _("The right %(id)s is not verified yet.", id=right_id)
        elif right.valid_until is not None and right.valid_until < day:
            errors[f"rights.{position}"] = _(
                "The right %(id)s is not in force (it expired on %(day)s).",
                id=right_id,
                day=right.valid_until.isoformat(),
            )
        elif not right.in_force_on(day):
            errors[f"rights.{position}"] = _(
                "The right %(id)s is not in force before %(day)s.",
                id=right_id,
                day=str(right.valid_from),
            )
        elif right not in found:
            found.append(right)
    return found, errors


def describe_right(right: IpRight) -> str:
    """The right as a statement of reasons and mails name it, e.g. "trademark BRIGHTLINE,
    CNIPA registration 12345678, classes 9"."""
    if right.right_type == RightType.TRADEMARK:
        office = right.office_name if right.office == TrademarkOffice.OTHER else right.office
        return _(
            "trademark “%(mark)s”, %(office)s registration %(number)s, Nice classes %(classes)s",
            mark=right.title,
            office=office,
            number=right.registration_number,
            classes=", ".join(str(c) for c in right.nice_classes),
        )
    if right.right_type == RightType.PATENT:
        return _(
            "patent %(number)s (%(type)s), “%(title)s”",
            number=right.registration_number,
            type=PATENT_TYPE_LABELS[right.patent_type] if right.patent_type else "",
            title=right.title,
        )
    if right.registration_number:
        return _(
            "copyright in “%(work)s” (owner %(owner)s, registration %(number)s)",
            work=right.title,
            owner=right.owner_name,
            number=right.registration_number,
        )
    return _("copyright in “%(work)s” (owner %(owner)s)", work=right.title, owner=right.owner_name)


def pending_rights() -> list[IpRight]:
    """Rights waiting for an officer, oldest first."""
    return list(
        session.scalars(
            select(IpRight).where(IpRight.status == Verification.PENDING).order_by(IpRight.id)
        )
    )
