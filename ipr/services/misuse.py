"""Misuse of the notice procedure (DSA art. 23): a holder whose notices are frequently manifestly
unfounded is first warned, then suspended from notifying for a set period, each time by an
officer with reasons. The figures come from the records (listings rejected, and not reversed on
appeal, over the last 3 months); the decision stays the officer's. Flushes, never commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import case, func, or_, select

from core import clock
from core.audit import record_audit
from core.db import session
from core.mail import queue_mail
from core.models import Role, User
from ipr.models import Listing, MisuseKind, MisuseMeasure, Notice, RightsHolder
from ipr.services.refusals import IprError
from ipr.services.standing import STANDING_MONTHS, months_later
from ipr.workflow import UNFOUNDED

MISUSE_MONTHS = STANDING_MONTHS
MIN_UNFOUNDED = 5  # rejected listings in the period before the officers are shown a holder
MIN_UNFOUNDED_SHARE = 0.5  # ... and at least half of its decided listings
WARNING_MONTHS = 12  # a suspension needs a warning within this many months (art. 23(2))
MAX_SUSPENSION_DAYS = 365
REASONS_MAX = 5000


@dataclass(frozen=True)
class MisuseFigures:
    holder_id: int
    legal_name: str
    decided: int
    unfounded: int

    @property
    def share(self) -> float:
        return self.unfounded / self.decided if self.decided else 0.0


def misuse_figures(
    now: datetime, holder_id: int | None = None, only_frequent: bool = True
) -> list[MisuseFigures]:
    """Each holder's decided and rejected listings of the last 3 months, one grouped query;
    by default only those frequent enough for an officer to consider a measure."""
    unfounded = func.sum(case((Listing.status.in_(UNFOUNDED), 1), else_=0))
    query = (
        select(RightsHolder.id, RightsHolder.legal_name, func.count(Listing.id), unfounded)
        .join(Notice, Notice.holder_id == RightsHolder.id)
        .join(Listing, Listing.notice_id == Notice.id)
        .where(Listing.decided_at > months_later(now, -MISUSE_MONTHS), Listing.decided_at <= now)
        .group_by(RightsHolder.id, RightsHolder.legal_name)
        .order_by(unfounded.desc(), RightsHolder.id)
    )
    if holder_id is not None:
        query = query.where(RightsHolder.id == holder_id)
    found = [
        MisuseFigures(h, name, decided, bad or 0)
        for h, name, decided, bad in session.execute(query)
    ]
    if not only_frequent:
        return found
    return [f for f in found if f.unfounded >= MIN_UNFOUNDED and f.share >= MIN_UNFOUNDED_SHARE]


def unfounded_notices(holder: RightsHolder, now: datetime) -> list[str]:
    """The references of the holder's notices with a listing rejected in the period."""
    return list(
        session.scalars(
            select(Notice.reference)
            .join(Listing, Listing.notice_id == Notice.id)
            .where(
                Notice.holder_id == holder.id,
                Listing.status.in_(UNFOUNDED),
                Listing.decided_at > months_later(now, -MISUSE_MONTHS),
            )
            .group_by(Notice.reference)
            .order_by(Notice.reference)
        )
    )


def active_suspension(holder_id: int, now: datetime) -> MisuseMeasure | None:
    """The suspension running now, from the measures (not lifted, started, not ended)."""
    return session.scalar(
        select(MisuseMeasure)
        .where(
            MisuseMeasure.holder_id == holder_id,
            MisuseMeasure.kind == MisuseKind.SUSPENSION,
            MisuseMeasure.lifted_at.is_(None),
            MisuseMeasure.starts_at <= now,
            or_(MisuseMeasure.ends_at.is_(None), MisuseMeasure.ends_at > now),
        )
        .order_by(MisuseMeasure.ends_at.desc())
        .limit(1)
    )


def may_file(holder: RightsHolder) -> tuple[bool, str]:
    """Whether the holder may file a notice now as far as misuse goes, and if not, why."""
    suspension = active_suspension(holder.id, clock.now())
    if suspension is None:
        return True, ""
    assert suspension.ends_at is not None
    return False, _(
        "Your organisation is suspended from reporting until %(until)s, for "
        "frequently manifestly unfounded notices: %(reasons)s",
        until=suspension.ends_at.strftime("%Y-%m-%d %H:%M UTC"),
        reasons=suspension.reasons,
    )


def measures_of(holder: RightsHolder) -> list[MisuseMeasure]:
    return list(
        session.scalars(
            select(MisuseMeasure)
            .where(MisuseMeasure.holder_id == holder.id)
            .order_by(MisuseMeasure.decided_at.desc())
        )
    )


def _officer(user: User) -> None:
    if user.role not in (Role.OFFICER, Role.SUPERVISOR, Role.ADMIN):
        raise IprError(_("Only case officers decide measures against misuse."), "forbidden")


def _reasons(reasons: str) -> str:
    reasons = (reasons or "").strip()
    if not reasons:
        raise IprError(_("Give the reasons for the measure."), field="reasons")
    if len(reasons) > REASONS_MAX:
        raise IprError(_("At most %(n)d characters, please.", n=REASONS_MAX), field="reasons")
    return reasons


def decide_measure(
    holder: RightsHolder, officer: User, kind: MisuseKind, reasons: str, days: int | None = None
) -> MisuseMeasure:
    """Warn the holder, or suspend it for `days` days after a recent warning; the holder is
    told the measure, its reasons and the notices considered."""
    _officer(officer)
    reasons = _reasons(reasons)
    now = clock.now()
    figures = next(iter(misuse_figures(now, holder.id, only_frequent=False)), None)
    measure = MisuseMeasure(
        holder_id=holder.id,
        kind=kind,
        reasons=reasons,
        notice_references=unfounded_notices(holder, now),
        unfounded_count=figures.unfounded if figures else 0,
        decided_at=now,
        decided_by_id=officer.id,
    )
    if kind == MisuseKind.SUSPENSION:
        if not isinstance(days, int) or not 1 <= days <= MAX_SUSPENSION_DAYS:
            raise IprError(
                _("A suspension lasts 1 to %(n)d days.", n=MAX_SUSPENSION_DAYS), field="days"
            )
        warned = session.scalar(
            select(MisuseMeasure.id)
            .where(
                MisuseMeasure.holder_id == holder.id,
                MisuseMeasure.kind == MisuseKind.WARNING,
                MisuseMeasure.decided_at > months_later(now, -WARNING_MONTHS),
            )
            .limit(1)
        )
        if warned is None:
            raise IprError(
                _(
                    "Warn the organisation first: a suspension needs a warning in the "
                    "last %(n)d months.",
                    n=WARNING_MONTHS,
                ),
                "conflict",
                field="kind",
            )
        if active_suspension(holder.id, now) is not None:
            raise IprError(_("The organisation is already suspended."), "conflict", field="kind")
        measure.starts_at, measure.ends_at = now, now + timedelta(days=days)
        holder.suspended_until = measure.ends_at  # ipr-1's filing check reads this column
    session.add(measure)
    session.flush()
    record_audit(
        f"ipr.misuse_{kind.value}", f"rights_holder:{holder.id}", actor=officer, measure=measure.id
    )
    queue_mail(
        holder.contact_email,
        "ipr/misuse_measure",
        holder.language,
        holder=holder,
        measure=measure,
        lifted=False,
    )
    return measure


def lift_suspension(measure: MisuseMeasure, officer: User) -> None:
    """End a running suspension early; the holder may file again at once."""
    _officer(officer)
    now = clock.now()
    if (
        measure.kind != MisuseKind.SUSPENSION
        or measure.lifted_at is not None
        or (measure.ends_at is not None and measure.ends_at <= now)
    ):
        raise IprError(_("This suspension is not running."), "conflict")
    measure.lifted_at, measure.lifted_by_id = now, officer.id
    holder = measure.holder
    holder.suspended_until = None
    session.flush()
    record_audit(
        "ipr.misuse_lifted", f"rights_holder:{holder.id}", actor=officer, measure=measure.id
    )
    queue_mail(
        holder.contact_email,
        "ipr/misuse_measure",
        holder.language,
        holder=holder,
        measure=measure,
        lifted=True,
    )
