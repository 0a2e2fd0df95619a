"""Facts for cases filed before insight kept them: their dimensions and how they ended.

Days here are UTC days (the facts kept as cases move use the case calendar's local day); the
timeline before insight is not replayed, so such cases have no decision or stage timings.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from casework.models import Case
from core.db import session
from core.jobs import each_in_batches
from insight.models import CaseFacts
from insight.services.recording import new_facts

BATCH = 500


def backfill_facts() -> int:
    """Add the facts of every case that has none, in batches (committed); return how many."""

    def without_facts(skip: set[int], size: int) -> Sequence[Case]:
        known = select(CaseFacts.case_id)
        return session.scalars(
            select(Case)
            .where(Case.id.not_in(known), Case.id.not_in(skip))
            .order_by(Case.id)
            .limit(size)
        ).all()

    def note_facts(case: Case) -> bool:
        facts = new_facts(case, case.created_at.date())
        if case.closed_at is not None:
            facts.outcome, facts.outcome_at = case.status, case.closed_at
            facts.outcome_day = case.closed_at.date()
        session.add(facts)
        session.flush()  # so that the next batch leaves the case out
        return True

    return each_in_batches(without_facts, note_facts, size=BATCH)
