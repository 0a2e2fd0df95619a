"""The complaint deadlines that act by themselves (DESIGN.md section 4).

Each job finds its cases through the index on (kind, status, due_at) or (kind, status,
closed_at), so it costs what is due, not what is open; it moves them in batches, committing
each, and a case another run already moved no longer matches: running twice does nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select

from casework.access import SYSTEM_ACTOR
from casework.transitions import TransitionError, transition
from complaints.models import Complaint
from complaints.services.findings import record_no_answer
from complaints.services.notifications import tell_consumer, tell_seller
from complaints.services.settlement import return_to_officers
from complaints.workflow import FINAL
from core.db import session

BATCH = 200
FEEDBACK_WINDOW = timedelta(days=60)


def _each_due(now: datetime, status: str, act: Callable[[Complaint, datetime], None],
              batch: int) -> int:
    """Apply `act` to each complaint in `status` whose stage deadline has passed."""
    done, skipped = 0, set[int]()
    while True:
        query = (select(Complaint).where(Complaint.kind == "complaint",
                                         Complaint.status == status,
                                         Complaint.closed_at.is_(None), Complaint.due_at <= now)
                 .order_by(Complaint.due_at, Complaint.id).limit(batch))
        if skipped:
            query = query.where(Complaint.id.not_in(skipped))
        found = list(session.scalars(query))
        if not found:
            return done
        for complaint in found:
            try:
                with session.begin_nested():
                    act(complaint, now)
                done += 1
            except TransitionError:  # moved meanwhile by someone else: leave it to them
                skipped.add(complaint.id)
        session.commit()


def _seller_silent(complaint: Complaint, now: datetime) -> None:
    transition(complaint, "mediation", SYSTEM_ACTOR, data={"seller": "no_answer"})
    record_no_answer(complaint, now)
    tell_consumer(complaint, "no_answer")
    tell_seller(complaint, "no_answer")


def _odr_timed_out(complaint: Complaint, _now: datetime) -> None:
    return_to_officers(complaint, SYSTEM_ACTOR, "timeout")


def _mediation_timed_out(complaint: Complaint, _now: datetime) -> None:
    transition(complaint, "mediation_failed", SYSTEM_ACTOR,
               "45 working days since acceptance passed", data={"timeout": True})
    tell_consumer(complaint, "mediation_failed", timeout=True, refused=False, explanation="")
    tell_seller(complaint, "mediation_failed", timeout=True, refused=False, explanation="")


def seller_answer_overdue(now: datetime, batch: int = BATCH) -> dict[str, int]:
    """Complaints the seller did not answer in time go to mediation, recorded as not answered."""
    return {"not_answered": _each_due(now, "awaiting_seller", _seller_silent, batch)}


def odr_lane_overdue(now: datetime, batch: int = BATCH) -> dict[str, int]:
    """Complaints the seller did not settle within 10 working days go back to the officers."""
    return {"returned": _each_due(now, "with_seller", _odr_timed_out, batch)}


def mediation_overdue(now: datetime, batch: int = BATCH) -> dict[str, int]:
    """Mediation past 45 working days from acceptance ends as failed; both parties are told."""
    return {"failed": _each_due(now, "mediation", _mediation_timed_out, batch)}


def close_ended_complaints(now: datetime, batch: int = BATCH) -> dict[str, int]:
    """Ended complaints whose 60-day feedback window is over are closed."""
    cutoff = now - FEEDBACK_WINDOW
    closed = 0
    for status in FINAL:
        while True:
            found = list(session.scalars(
                select(Complaint).where(Complaint.kind == "complaint",
                                        Complaint.status == status,
                                        Complaint.closed_at <= cutoff)
                .order_by(Complaint.closed_at, Complaint.id).limit(batch)))
            if not found:
                break
            for complaint in found:
                transition(complaint, "closed", SYSTEM_ACTOR)
                closed += 1
            session.commit()
    return {"closed": closed}

