"""Consumers' narratives for the open data: only with consent, redacted, and approved by an officer.

The officer approves the redacted text exactly as shown (its digest comes back with the click);
the approval holds the digest of the text it was made from, so an edited or anonymised complaint
publishes nothing until approved again.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

import nlp
from casework.models import Case
from complaints.models import Complaint
from core.audit import record_audit
from core.db import session
from core.errors import Refusal
from core.models import User
from insight.models import Narrative, NarrativeStatus


class NarrativeError(Refusal):
    """A narrative decision that cannot be made."""


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def consented_text(case: Case) -> str | None:
    """The complaint's narrative if the consumer consented to publishing it, else None."""
    if not isinstance(case, Complaint) or not case.consent_publish_narrative:
        return None
    return case.description or None


def redacted_text(case: Case) -> str | None:
    """The narrative with personal data replaced by placeholders, as it would be published."""
    text = consented_text(case)
    return nlp.redact(text) if text else None


def narrative_of(case: Case) -> Narrative | None:
    return session.scalar(select(Narrative).where(Narrative.case_id == case.id))


def decide_narrative(
    case: Case, officer: User, approve: bool, shown_sha256: str, now: datetime
) -> Narrative:
    """Approve (or withhold) the redacted narrative the officer saw; flushes."""
    text = consented_text(case)
    if text is None:
        raise NarrativeError(_("The consumer did not consent to publishing this narrative."))
    redacted = nlp.redact(text)
    if sha256(redacted) != shown_sha256:
        raise NarrativeError(
            _("The text changed since you read it. Read it again and decide."), "conflict"
        )
    narrative = narrative_of(case) or Narrative(case_id=case.id)
    narrative.redacted, narrative.source_sha256 = redacted, sha256(text)
    narrative.status = NarrativeStatus.APPROVED if approve else NarrativeStatus.WITHHELD
    narrative.decided_by_id, narrative.decided_at = officer.id, now
    session.add(narrative)
    record_audit(
        "narrative.approved" if approve else "narrative.withheld",
        f"case:{case.reference}",
        actor=officer,
    )
    session.flush()
    return narrative


def publishable(consent: bool, description: str | None, narrative: Narrative | None) -> str:
    """The narrative to publish: approved, consented, and made from the text as it is now."""
    if (
        not consent
        or narrative is None
        or narrative.status != NarrativeStatus.APPROVED
        or not description
        or narrative.source_sha256 != sha256(description)
    ):
        return ""
    return narrative.redacted
