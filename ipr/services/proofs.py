"""After a forwarded counter-notice: the holder's proof that it took action, and the officer's
check (accepted, the takedown is upheld; refused, the window keeps running). Flushes, never
commits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from casework.models import Visibility
from casework.services.access import Actor
from casework.services.timeline import record_event
from core import clock
from core.db import session
from core.models import User
from core.uploads import EVIDENCE_MAX_FILES, CheckedFile
from ipr.models import (
    ActionProof,
    CounterNotice,
    CounterNoticeRule,
    FilePurpose,
    IprFile,
    ProofKind,
)
from ipr.services.counter_mail import CounterNoticeMail, tell_both
from ipr.services.counter_notices import REASONS_MAX, officer_actor
from ipr.services.files import store_file
from ipr.services.holders import holder_of
from ipr.services.refusals import IprError
from ipr.services.review import move_listing
from ipr.workflow import (
    COUNTER_NOTICE_STEPS,
    PROOF_STEPS,
    RIGHTS_HOLDER,
    CounterNoticeStatus,
    ListingState,
    ProofStatus,
)

AUTHORITY_MAX = 200
CASE_NUMBER_MAX = 100
KINDS_OF_RULE = {
    CounterNoticeRule.PRC: (ProofKind.COMPLAINT, ProofKind.LAWSUIT),
    CounterNoticeRule.US_DMCA: (ProofKind.COURT_ACTION,),
}


@dataclass(frozen=True)
class NewProof:
    """What the holder shows: the kind of action, where and when it was filed."""

    kind: str | None
    authority: str | None
    case_number: str | None = None
    filed_on: date | None = None
    description: str | None = None


def proof_files(proof: ActionProof) -> list[IprFile]:
    """The proof's files, in the order they came."""
    return list(
        session.scalars(select(IprFile).where(IprFile.proof_id == proof.id).order_by(IprFile.id))
    )


def window_open(counter: CounterNotice, now: datetime) -> bool:
    """Whether the holder may still send proof for this counter-notice."""
    return (
        counter.status == CounterNoticeStatus.FORWARDED
        and counter.window_ends_at is not None
        and now <= counter.window_ends_at
    )


def _check_window(counter: CounterNotice, user: User, now: datetime) -> None:
    holder = holder_of(user)
    if holder is None or counter.listing.notice.holder_id != holder.id:
        raise IprError(_("There is no such listing in your notices."), "not_found")
    if not window_open(counter, now):
        ended = counter.window_ends_at
        raise IprError(
            _("The window for proof ended on %(end)s.", end=ended.strftime("%Y-%m-%d %H:%M UTC"))
            if ended
            else _("This counter-notice does not wait for proof."),
            "conflict",
        )


def _checked_kind(counter: CounterNotice, kind: str | None) -> ProofKind:
    allowed = KINDS_OF_RULE[counter.rule]
    if kind not in [k.value for k in allowed]:
        raise IprError(
            _(
                "Under this listing's law the proof must be of: %(kinds)s.",
                kinds=", ".join(k.value.replace("_", " ") for k in allowed),
            ),
            field="kind",
        )
    return ProofKind(kind)


def _check_filing(proof: NewProof, files: Sequence[CheckedFile], today: date) -> None:
    """Refuse, naming the field, the first thing missing or wrong in where and when the action
    was filed and in its files."""
    authority = (proof.authority or "").strip()
    if not authority or len(authority) > AUTHORITY_MAX:
        raise IprError(
            _("Name the authority or court (at most 200 characters)."), field="authority"
        )
    if len((proof.case_number or "").strip()) > CASE_NUMBER_MAX:
        raise IprError(
            _("At most %(n)d characters, please.", n=CASE_NUMBER_MAX), field="case_number"
        )
    if not isinstance(proof.filed_on, date) or proof.filed_on > today:
        raise IprError(
            _("Give the day the action was filed (not in the future)."), field="filed_on"
        )
    if not files:
        raise IprError(_("Upload the filed complaint or lawsuit, or its receipt."), field="files")
    if len(files) > EVIDENCE_MAX_FILES:
        raise IprError(_("At most %(n)d files may be sent.", n=EVIDENCE_MAX_FILES), field="files")


def submit_proof(
    counter: CounterNotice, user: User, proof: NewProof, files: Sequence[CheckedFile]
) -> ActionProof:
    """The holder shows, within its window, that it filed a complaint or lawsuit (PRC) or a
    court action (DMCA); an officer checks it and meanwhile the listing stays down."""
    now = clock.now()
    _check_window(counter, user, now)
    kind = _checked_kind(counter, proof.kind)
    _check_filing(proof, files, now.date())
    assert proof.filed_on is not None  # checked above
    authority = (proof.authority or "").strip()
    kept = ActionProof(
        counter_notice_id=counter.id,
        kind=kind,
        authority=authority,
        case_number=(proof.case_number or "").strip() or None,
        filed_on=proof.filed_on,
        description=(proof.description or "").strip()[:REASONS_MAX] or None,
        submitted_at=now,
        submitted_by_id=user.id,
    )
    session.add(kept)
    session.flush()
    for checked in files:
        store_file(checked, FilePurpose.PROOF, user, proof_id=kept.id)
    record_event(
        counter.listing,
        Actor(RIGHTS_HOLDER, user),
        "proof_submitted",
        visibility=Visibility.PARTIES,
        data={"proof": kept.id, "kind": kind.value, "authority": authority},
    )
    session.flush()
    tell_both(counter, CounterNoticeMail.PROOF_RECEIVED, proof=kept)
    return kept


def check_proof(proof: ActionProof, officer: User, accept: bool, reasons: str = "") -> None:
    """Accepted, the takedown is upheld; refused (with reasons), the window keeps running and
    the listing comes back if it ends without other accepted proof."""
    actor = officer_actor(officer)
    counter = proof.counter_notice
    outcome = ProofStatus.ACCEPTED if accept else ProofStatus.REFUSED
    if (
        not PROOF_STEPS.allows(proof.status, outcome)
        or counter.status != CounterNoticeStatus.FORWARDED
    ):
        raise IprError(_("This proof was already checked."), "conflict")
    reasons = (reasons or "").strip()
    if not accept and not reasons:
        raise IprError(_("Say why the proof is not accepted."), field="reasons")
    if len(reasons) > REASONS_MAX:
        raise IprError(_("At most %(n)d characters, please.", n=REASONS_MAX), field="reasons")
    now = clock.now()
    proof.status = outcome
    proof.checked_at, proof.checked_by_id, proof.check_reasons = now, officer.id, reasons or None
    if accept:
        _uphold(counter, proof, actor, reasons, now)
    else:
        record_event(
            counter.listing,
            actor,
            "proof_refused",
            body=reasons,
            visibility=Visibility.PARTIES,
            data={"proof": proof.id},
        )
        session.flush()
        tell_both(counter, CounterNoticeMail.PROOF_REFUSED, reasons=reasons)


def _uphold(
    counter: CounterNotice, proof: ActionProof, actor: Actor, reasons: str, now: datetime
) -> None:
    assert COUNTER_NOTICE_STEPS.allows(counter.status, CounterNoticeStatus.UPHELD)
    move_listing(
        counter.listing, ListingState.UPHELD, actor, reasons or None, data={"proof": proof.id}
    )
    counter.status, counter.closed_at = CounterNoticeStatus.UPHELD, now
    session.flush()
    tell_both(counter, CounterNoticeMail.UPHELD, proof=proof)
