"""The complaint deadlines that act by themselves (DESIGN.md section 4): the bodies of the jobs
in `complaints.jobs`.

Each job finds its cases through the index on (kind, status, due_at) or (kind, status,
closed_at), so it costs what is due, not what is open; core.jobs.each_in_batches commits each
batch, and a case another run or person moved meanwhile is refused and passed by: running twice
does nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import select

from casework.services.access import SYSTEM_ACTOR
from casework.services.transitions import transition
from complaints.models import Complaint
from complaints.services.findings import record_no_answer
from complaints.services.notifications import tell_consumer, tell_seller
from complaints.services.settlement import return_to_officers
from complaints.workflow import ENDINGS, ComplaintState
from core.db import session
from core.jobs import each_in_batches

BATCH = 200
FEEDBACK_WINDOW = timedelta(days=60)


def _due(now: datetime, state: ComplaintState) -> Callable[[set[int], int], Sequence[Complaint]]:
    """Finds the complaints in `state` whose stage deadline has passed, a batch at a time."""

    def find(skip: set[int], size: int) -> Sequence[Complaint]:
        query = (
            select(Complaint)
            .where(
                Complaint.kind == "complaint",
                Complaint.status == state,
                Complaint.closed_at.is_(None),
                Complaint.due_at <= now,
            )
            .order_by(Complaint.due_at, Complaint.id)
            .limit(size)
        )
        if skip:
            query = query.where(Complaint.id.not_in(skip))
        return list(session.scalars(query))

    return find


def _ended_before(cutoff: datetime) -> Callable[[set[int], int], Sequence[Complaint]]:
    """Finds the ended complaints whose feedback window is over, a batch at a time."""

    def find(skip: set[int], size: int) -> Sequence[Complaint]:
        query = (
            select(Complaint)
            .where(
                Complaint.kind == "complaint",
                Complaint.status.in_(ENDINGS),
                Complaint.closed_at <= cutoff,
            )
            .order_by(Complaint.closed_at, Complaint.id)
            .limit(size)
        )
        if skip:
            query = query.where(Complaint.id.not_in(skip))
        return list(session.scalars(query))

    return find


def seller_answer_overdue(now: datetime, batch: int = BATCH) -> dict[str, int]:
    """Complaints the seller did not answer in time go to mediation, recorded as not answered."""

    def seller_silent(complaint: Complaint) -> None:
        transition(complaint, ComplaintState.MEDIATION, SYSTEM_ACTOR, data={"seller": "no_answer"})
        record_no_answer(complaint, now)
        tell_consumer(complaint, "no_answer")
        tell_seller(complaint, "no_answer")

    return {
        "not_answered": each_in_batches(
            _due(now, ComplaintState.AWAITING_SELLER), seller_silent, batch
        )
    }


def odr_lane_overdue(now: datetime, batch: int = BATCH) -> dict[str, int]:
    """Complaints the seller did not settle within 10 working days go back to the officers."""

    def timed_out(complaint: Complaint) -> None:
        return_to_officers(complaint, SYSTEM_ACTOR, "timeout")

    return {"returned": each_in_batches(_due(now, ComplaintState.WITH_SELLER), timed_out, batch)}


def mediation_overdue(now: datetime, batch: int = BATCH) -> dict[str, int]:
    """Mediation past 45 working days from acceptance ends as failed; both parties are told."""

    def timed_out(complaint: Complaint) -> None:
        transition(
            complaint,
            ComplaintState.MEDIATION_FAILED,
            SYSTEM_ACTOR,
            "45 working days since acceptance passed",
            data={"timeout": True},
        )
        tell_consumer(complaint, "mediation_failed", timeout=True, refused=False, explanation="")
        tell_seller(complaint, "mediation_failed", timeout=True, refused=False, explanation="")

    return {"failed": each_in_batches(_due(now, ComplaintState.MEDIATION), timed_out, batch)}


def close_ended_complaints(now: datetime, batch: int = BATCH) -> dict[str, int]:
    """Ended complaints whose 60-day feedback window is over are closed."""

    def close(complaint: Complaint) -> None:
        transition(complaint, ComplaintState.CLOSED, SYSTEM_ACTOR)

    return {"closed": each_in_batches(_ended_before(now - FEEDBACK_WINDOW), close, batch)}
