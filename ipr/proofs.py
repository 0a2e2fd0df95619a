"""After a forwarded counter-notice: the holder's proof of an action, the officer's check, and
restoration when the window ends without accepted proof (the restore_listings job). A
restoration reverses the takedown's credit event (core.signals.case_outcome
"takedown_restored"). Flushes; only the job commits, per batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import exists, select

from casework.models import Visibility
from casework.services.access import SYSTEM_ACTOR, Actor
from casework.services.timeline import record_event
from core import clock
from core.audit import record_audit
from core.db import session
from core.models import User
from core.signals import case_outcome
from core.uploads import EVIDENCE_MAX_FILES, CheckedFile
from ipr.counter_mail import tell_both, tell_platform_restored
from ipr.counter_notices import REASONS_MAX, move, officer_actor
from ipr.errors import IprError
from ipr.files import store_file
from ipr.models import (
    ActionProof,
    CounterNotice,
    CounterNoticeRule,
    CounterNoticeStatus,
    FilePurpose,
    IprFile,
    ProofKind,
    ProofStatus,
)
from ipr.services.holders import holder_of
from ipr.workflow import RIGHTS_HOLDER

RESTORE_BATCH = 100
KINDS_OF_RULE = {CounterNoticeRule.PRC: (ProofKind.COMPLAINT, ProofKind.LAWSUIT),
                 CounterNoticeRule.US_DMCA: (ProofKind.COURT_ACTION,)}


def proof_files(proof: ActionProof) -> list[IprFile]:
    return list(session.scalars(select(IprFile).where(IprFile.proof_id == proof.id)
                                .order_by(IprFile.id)))


def _window_open(counter: CounterNotice, now: datetime) -> bool:
    return (counter.status == CounterNoticeStatus.FORWARDED
            and counter.window_ends_at is not None and now <= counter.window_ends_at)


def submit_proof(counter: CounterNotice, user: User, fields: dict[str, Any],
                 files: Sequence[CheckedFile]) -> ActionProof:
    """The holder shows, within its window, that it filed a complaint or lawsuit (PRC) or a
    court action (DMCA); an officer checks it and meanwhile the listing stays down."""
    holder = holder_of(user)
    listing = counter.listing
    if holder is None or listing.notice.holder_id != holder.id:
        raise IprError(_("There is no such listing in your notices."), status=404)
    now = clock.now()
    if not _window_open(counter, now):
        ended = counter.window_ends_at
        raise IprError(_("The window for proof ended on %(end)s.",
                         end=ended.strftime("%Y-%m-%d %H:%M UTC")) if ended else
                       _("This counter-notice does not wait for proof."), status=409)
    kind, authority = fields.get("kind"), (fields.get("authority") or "").strip()
    case_number = (fields.get("case_number") or "").strip() or None
    filed_on = fields.get("filed_on")
    allowed = KINDS_OF_RULE[counter.rule]
    if kind not in [k.value for k in allowed]:
        raise IprError(_("Under this listing's law the proof must be of: %(kinds)s.",
                         kinds=", ".join(k.value.replace("_", " ") for k in allowed)), "kind")
    if not authority or len(authority) > 200:
        raise IprError(_("Name the authority or court (at most 200 characters)."), "authority")
    if case_number and len(case_number) > 100:
        raise IprError(_("At most %(n)d characters, please.", n=100), "case_number")
    if not isinstance(filed_on, date) or filed_on > now.date():
        raise IprError(_("Give the day the action was filed (not in the future)."), "filed_on")
    if not files:
        raise IprError(_("Upload the filed complaint or lawsuit, or its receipt."), "files")
    if len(files) > EVIDENCE_MAX_FILES:
        raise IprError(_("At most %(n)d files may be sent.", n=EVIDENCE_MAX_FILES), "files")
    description = (fields.get("description") or "").strip()[:REASONS_MAX] or None
    proof = ActionProof(counter_notice_id=counter.id, kind=ProofKind(kind), authority=authority,
                        case_number=case_number, filed_on=filed_on, description=description,
                        submitted_at=now, submitted_by_id=user.id)
    session.add(proof)
    session.flush()
    for checked in files:
        store_file(checked, FilePurpose.PROOF, user, proof_id=proof.id)
    record_event(listing, Actor(RIGHTS_HOLDER, user), "proof_submitted",
                 visibility=Visibility.PARTIES,
                 data={"proof": proof.id, "kind": proof.kind.value, "authority": authority})
    session.flush()
    tell_both(counter, "proof_received", proof=proof)
    return proof


def check_proof(proof: ActionProof, officer: User, accept: bool, reasons: str = "") -> None:
    """Accepted, the takedown is upheld; refused (with reasons), the window keeps running and
    the listing comes back if it ends without other accepted proof."""
    actor = officer_actor(officer)
    counter = proof.counter_notice
    if proof.status != ProofStatus.PENDING or counter.status != CounterNoticeStatus.FORWARDED:
        raise IprError(_("This proof was already checked."), status=409)
    reasons = (reasons or "").strip()
    if not accept and not reasons:
        raise IprError(_("Say why the proof is not accepted."), "reasons")
    if len(reasons) > REASONS_MAX:
        raise IprError(_("At most %(n)d characters, please.", n=REASONS_MAX), "reasons")
    now = clock.now()
    proof.status = ProofStatus.ACCEPTED if accept else ProofStatus.REFUSED
    proof.checked_at, proof.checked_by_id, proof.check_reasons = now, officer.id, reasons or None
    listing = counter.listing
    if accept:
        move(listing, "upheld", actor, reasons or None, data={"proof": proof.id})
        counter.status, counter.closed_at = CounterNoticeStatus.UPHELD, now
        session.flush()
        tell_both(counter, "upheld", proof=proof)
    else:
        record_event(listing, actor, "proof_refused", body=reasons,
                     visibility=Visibility.PARTIES, data={"proof": proof.id})
        session.flush()
        tell_both(counter, "proof_refused", reasons=reasons)


def _pending_proof() -> Any:
    return exists().where(ActionProof.counter_notice_id == CounterNotice.id,
                          ActionProof.status == ProofStatus.PENDING)


def may_restore(counter: CounterNotice, now: datetime) -> bool:
    """The window ended and no proof waits for an officer: the listing is due back."""
    if counter.status != CounterNoticeStatus.FORWARDED or counter.window_ends_at is None:
        return False
    pending = session.scalar(select(ActionProof.id).where(
        ActionProof.counter_notice_id == counter.id, ActionProof.status == ProofStatus.PENDING)
        .limit(1))
    return counter.window_ends_at <= now and pending is None


def restore_listing(counter: CounterNotice, actor: Actor, now: datetime | None = None) -> None:
    """Restore the listing: the takedown ends, its credit event is reversed, both sides and
    the platform are told."""
    now = now or clock.now()
    if not may_restore(counter, now):
        raise IprError(_("The listing can be restored only after the window ended without "
                         "proof waiting for a check."), status=409)
    listing = counter.listing
    move(listing, "restored", actor, data={"counter_notice": counter.id})
    counter.status, counter.closed_at = CounterNoticeStatus.RESTORED, now
    if listing.seller_id is not None:
        case_outcome.send("ipr", seller_id=listing.seller_id, case_reference=listing.reference,
                          event="takedown_restored", at=now)
    session.flush()
    record_audit("ipr.listing_restored", f"case:{listing.reference}",
                 actor=actor.user, counter_notice=counter.id)
    tell_both(counter, "restored")
    tell_platform_restored(listing)


def restore_now(counter: CounterNotice, officer: User) -> None:
    """An officer restores a listing whose window ended (the job would at its next run)."""
    restore_listing(counter, officer_actor(officer))


def restore_listings(now: datetime) -> dict[str, int]:
    """Restore every listing whose holder showed no accepted proof within its window."""
    due = list(session.scalars(
        select(CounterNotice.id).where(CounterNotice.status == CounterNoticeStatus.FORWARDED,
                                       CounterNotice.window_ends_at <= now, ~_pending_proof())
        .order_by(CounterNotice.window_ends_at, CounterNotice.id)))
    restored = 0
    for start in range(0, len(due), RESTORE_BATCH):
        for counter_id in due[start:start + RESTORE_BATCH]:
            counter = session.get_one(CounterNotice, counter_id)
            try:
                with session.begin_nested():
                    restore_listing(counter, SYSTEM_ACTOR, now)
            except IprError:
                continue  # changed meanwhile (an officer acted): nothing to restore
            restored += 1
        session.commit()
    return {"restored": restored}
