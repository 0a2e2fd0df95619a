"""Restoring a listing when the holder's window after a counter-notice ends without accepted
proof: by an officer, or by the restore_listings job. A restoration reverses the takedown's credit
event (ipr.services.seller_record). Flushes; the job's batches are committed by core.jobs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import exists, select

from casework.services.access import SYSTEM_ACTOR, Actor
from core import clock
from core.audit import record_audit
from core.db import session
from core.jobs import each_in_batches
from core.models import User
from ipr.models import ActionProof, CounterNotice
from ipr.services.counter_mail import CounterNoticeMail, tell_both, tell_platform_restored
from ipr.services.counter_notices import officer_actor
from ipr.services.refusals import IprError
from ipr.services.review import move_listing
from ipr.services.seller_record import count_on_seller_record
from ipr.workflow import COUNTER_NOTICE_STEPS, CounterNoticeStatus, ListingState, ProofStatus
from sellers.models import CreditEventKind

RESTORE_BATCH = 100


def _pending_proof() -> Any:
    return exists().where(
        ActionProof.counter_notice_id == CounterNotice.id, ActionProof.status == ProofStatus.PENDING
    )


def may_restore(counter: CounterNotice, now: datetime) -> bool:
    """The window ended and no proof waits for an officer: the listing is due back."""
    if (
        not COUNTER_NOTICE_STEPS.allows(counter.status, CounterNoticeStatus.RESTORED)
        or counter.window_ends_at is None
    ):
        return False
    pending = session.scalar(
        select(ActionProof.id)
        .where(
            ActionProof.counter_notice_id == counter.id, ActionProof.status == ProofStatus.PENDING
        )
        .limit(1)
    )
    return counter.window_ends_at <= now and pending is None


def restore_listing(counter: CounterNotice, actor: Actor, now: datetime | None = None) -> None:
    """Restore the listing: the takedown ends, its credit event is reversed, both sides and
    the platform are told."""
    now = now or clock.now()
    if not may_restore(counter, now):
        raise IprError(
            _(
                "The listing can be restored only after the window ended without "
                "proof waiting for a check."
            ),
            "conflict",
        )
    listing = counter.listing
    move_listing(listing, ListingState.RESTORED, actor, data={"counter_notice": counter.id})
    counter.status, counter.closed_at = CounterNoticeStatus.RESTORED, now
    count_on_seller_record(listing, CreditEventKind.TAKEDOWN_RESTORED, now)
    session.flush()
    record_audit(
        "ipr.listing_restored",
        f"case:{listing.reference}",
        actor=actor.user,
        counter_notice=counter.id,
    )
    tell_both(counter, CounterNoticeMail.RESTORED)
    tell_platform_restored(listing)


def restore_now(counter: CounterNotice, officer: User) -> None:
    """An officer restores a listing whose window ended (the job would at its next run)."""
    restore_listing(counter, officer_actor(officer))


def restore_listings(now: datetime) -> dict[str, int]:
    """Restore every listing whose holder showed no accepted proof within its window."""

    def due(skip: set[int], size: int) -> list[CounterNotice]:
        query = select(CounterNotice).where(
            CounterNotice.status == CounterNoticeStatus.FORWARDED,
            CounterNotice.window_ends_at <= now,
            ~_pending_proof(),
        )
        if skip:  # changed meanwhile (an officer acted): nothing to restore
            query = query.where(CounterNotice.id.not_in(skip))
        return list(
            session.scalars(
                query.order_by(CounterNotice.window_ends_at, CounterNotice.id).limit(size)
            )
        )

    def restore(counter: CounterNotice) -> None:
        restore_listing(counter, SYSTEM_ACTOR, now)

    return {"restored": each_in_batches(due, restore, size=RESTORE_BATCH)}
