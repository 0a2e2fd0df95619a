"""Likely duplicates at filing: the same e-mail and order number, or near-identical text, within
30 days. The new complaint is always filed; officers see a flag on its timeline and the two cases
related on the case page."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from rapidfuzz import fuzz
from sqlalchemy import func, select

from casework.services.access import SYSTEM_ACTOR
from casework.services.filing import index_case
from casework.services.timeline import record_event
from complaints.models import Complaint, DuplicateFlag
from core import clock
from core.db import session
from core.models import LANGUAGES

WINDOW = timedelta(days=30)
NEAR_IDENTICAL = 92  # rapidfuzz ratio, 0-100
MAX_COMPARED = 500  # the most recent complaints whose text is compared


def _same_order(complaint: Complaint, since: datetime) -> Complaint | None:
    if not complaint.order_number:
        return None
    return session.scalar(
        select(Complaint)
        .where(
            func.lower(Complaint.consumer_email) == complaint.consumer_email.lower(),
            func.lower(Complaint.order_number) == complaint.order_number.lower(),
            Complaint.created_at >= since,
            Complaint.id != complaint.id,
        )
        .order_by(Complaint.created_at)
        .limit(1)
    )


def _same_text(complaint: Complaint, since: datetime) -> Complaint | None:
    text = complaint.description
    size = len(text)
    recent = session.execute(
        select(Complaint.id, Complaint.description)
        .where(
            Complaint.created_at >= since,
            Complaint.id != complaint.id,
            func.length(Complaint.description).between(int(size * 0.8), int(size * 1.25) + 1),
        )
        .order_by(Complaint.created_at.desc())
        .limit(MAX_COMPARED)
    ).all()
    for found_id, other in reversed(recent):  # the earliest match is the original
        if fuzz.ratio(text, other, score_cutoff=NEAR_IDENTICAL):
            return session.get(Complaint, found_id)
    return None


def flag_duplicates(complaint: Complaint) -> DuplicateFlag | None:
    """Flag a just-filed complaint that looks like an earlier one; None when it does not."""
    since = clock.now() - WINDOW
    original, reason = _same_order(complaint, since), "email_order"
    if original is None:
        original, reason = _same_text(complaint, since), "text"
    if original is None:
        return None
    flag = DuplicateFlag(complaint_id=complaint.id, duplicate_of_id=original.id, reason=reason)
    session.add(flag)
    # Officers of the complaint's queue read its language (queues are routed by language).
    with force_locale(complaint.language if complaint.language in LANGUAGES else "en"):
        why = (
            _(
                "Same e-mail address and order number as %(reference)s.",
                reference=original.reference,
            )
            if reason == "email_order"
            else _("Nearly the same text as %(reference)s.", reference=original.reference)
        )
        body = _("Possible duplicate, filed anyway: %(why)s", why=why)
    record_event(
        complaint,
        SYSTEM_ACTOR,
        "possible_duplicate",
        after=original.reference,
        body=body,
        data={"duplicate_of": original.reference, "reason": reason},
    )
    session.flush()
    index_case(original)  # both now share the key ("duplicate", original's reference)
    index_case(complaint)
    return flag


def duplicate_keys(complaint: Complaint) -> list[tuple[str, str]]:
    """Relation keys tying a complaint to the ones flagged as its duplicates, and back."""
    if complaint.id is None:
        return []
    originals = session.scalars(
        select(Complaint.reference)
        .join(DuplicateFlag, DuplicateFlag.duplicate_of_id == Complaint.id)
        .where(DuplicateFlag.complaint_id == complaint.id)
    )
    keys = [("duplicate", reference) for reference in originals]
    flagged = session.scalar(
        select(func.count())
        .select_from(DuplicateFlag)
        .where(DuplicateFlag.duplicate_of_id == complaint.id)
    )
    if flagged:
        keys.append(("duplicate", complaint.reference))
    return keys
