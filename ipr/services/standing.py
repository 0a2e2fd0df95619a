"""A rights holder's good standing, computed from its decided listings (DESIGN.md section 5).

Good standing: over the last 3 months, at least 90% of the holder's decided listings were taken
down and at most 5% of them were reversed (restored after a counter-notice); both shares are of
the listings decided in those 3 months, by their first decision. A holder that loses it may
regain it only 3 months later. Holders in good standing are decided within 1 working day and
come first (ipr-1's review). The daily job records every change as a `StandingChange`; its
batches are committed by core.jobs.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select

from core import clock
from core.db import session
from core.jobs import each_in_batches
from core.mail import queue_mail
from ipr.models import Listing, Notice, RightsHolder, StandingChange, Verification
from ipr.workflow import THROUGH_TAKEDOWN, ListingState

STANDING_MONTHS = 3
MIN_TAKEN_DOWN = 0.90
MAX_REVERSED = 0.05
BATCH = 500


def months_later(moment: datetime, months: int) -> datetime:
    """The same time `months` calendar months later (or earlier, when negative)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(
        year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1])
    )


@dataclass(frozen=True)
class Figures:
    """What a holder's standing is computed from."""

    decided: int = 0
    taken_down: int = 0
    reversed: int = 0

    @property
    def meets(self) -> bool:
        return (
            self.decided > 0
            and self.taken_down >= MIN_TAKEN_DOWN * self.decided
            and self.reversed <= MAX_REVERSED * self.decided
        )

    @property
    def reason(self) -> str:
        """Why the figures meet the rule or not (a code the pages translate)."""
        if self.decided == 0:
            return "no_decided_listings"
        if self.taken_down < MIN_TAKEN_DOWN * self.decided:
            return "too_few_taken_down"
        if self.reversed > MAX_REVERSED * self.decided:
            return "too_many_reversed"
        return "meets"


def standing_figures(now: datetime, holder_ids: list[int] | None = None) -> dict[int, Figures]:
    """Each holder's decided, taken-down and reversed listings of the last 3 months: one
    grouped query for all holders (or those given)."""
    query = (
        select(
            Notice.holder_id,
            func.count(Listing.id),
            func.sum(case((Listing.status.in_(THROUGH_TAKEDOWN), 1), else_=0)),
            func.sum(case((Listing.status == ListingState.RESTORED, 1), else_=0)),
        )
        .join(Notice, Listing.notice_id == Notice.id)
        .where(Listing.decided_at > months_later(now, -STANDING_MONTHS), Listing.decided_at <= now)
        .group_by(Notice.holder_id)
    )
    if holder_ids is not None:
        query = query.where(Notice.holder_id.in_(holder_ids))
    return {
        holder: Figures(decided, taken or 0, back or 0)
        for holder, decided, taken, back in session.execute(query)
    }


def may_return_at(holder: RightsHolder) -> datetime | None:
    """When a holder that lost good standing may have it again."""
    if holder.standing_lost_at is None:
        return None
    return months_later(holder.standing_lost_at, STANDING_MONTHS)


def judge(holder: RightsHolder, figures: Figures, now: datetime) -> tuple[bool, str]:
    """Whether the holder is in good standing now, and the reason code."""
    if not figures.meets:
        return False, figures.reason
    if holder.status != Verification.VERIFIED:
        return False, "not_verified"
    back = may_return_at(holder)
    if not holder.good_standing and back is not None and now < back:
        return False, "waiting_period"
    return True, "meets"


def in_good_standing(holder_id: int, now: datetime | None = None) -> bool:
    """Whether the holder is in good standing by its records now (1 working day reviews)."""
    moment = now or clock.now()
    holder = session.get(RightsHolder, holder_id)
    if holder is None:
        return False
    figures = standing_figures(moment, [holder_id]).get(holder_id, Figures())
    return judge(holder, figures, moment)[0]


def _record_change(holder: RightsHolder, figures: Figures, now: datetime) -> bool | None:
    """Judge one holder; record and mail a change. True: gained, False: lost, None: no change."""
    good, reason = judge(holder, figures, now)
    holder.standing_checked_at = now
    if good == holder.good_standing:
        return None
    holder.good_standing = good
    if not good:
        holder.standing_lost_at = now
    session.add(
        StandingChange(
            holder_id=holder.id,
            at=now,
            good_standing=good,
            decided=figures.decided,
            taken_down=figures.taken_down,
            reversed=figures.reversed,
            reason=reason,
        )
    )
    queue_mail(
        holder.contact_email,
        "ipr/standing_changed",
        holder.language,
        holder=holder,
        good=good,
        figures=figures,
        reason=reason,
        back=may_return_at(holder),
    )
    return good


def record_standing(now: datetime) -> dict[str, int]:
    """Recompute every holder's standing; record and mail each change (daily job)."""
    figures = standing_figures(now)
    changes = {True: 0, False: 0}
    after = 0  # holders are judged in the order of their ids, each once

    def next_holders(_skip: set[int], size: int) -> list[RightsHolder]:
        nonlocal after
        batch = list(
            session.scalars(
                select(RightsHolder)
                .where(
                    (RightsHolder.status == Verification.VERIFIED) | RightsHolder.good_standing,
                    RightsHolder.id > after,
                )
                .order_by(RightsHolder.id)
                .limit(size)
            )
        )
        after = batch[-1].id if batch else after
        return batch

    def judge_holder(holder: RightsHolder) -> None:
        changed = _record_change(holder, figures.get(holder.id, Figures()), now)
        if changed is not None:
            changes[changed] += 1

    checked = each_in_batches(next_holders, judge_holder, size=BATCH)
    return {"gained": changes[True], "lost": changes[False], "checked": checked}


def verified_holders() -> list[RightsHolder]:
    """The verified organisations, by name (the officers' standing page)."""
    return list(
        session.scalars(
            select(RightsHolder)
            .where(RightsHolder.status == Verification.VERIFIED)
            .order_by(RightsHolder.legal_name)
        )
    )


def standing_history(holder: RightsHolder) -> list[StandingChange]:
    """The holder's last 20 changes of good standing, newest first."""
    return list(
        session.scalars(
            select(StandingChange)
            .where(StandingChange.holder_id == holder.id)
            .order_by(StandingChange.at.desc())
            .limit(20)
        )
    )
