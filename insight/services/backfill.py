"""Facts for cases filed before insight kept them: their dimensions and how they ended.

Days here are UTC days (the facts kept as cases move use the case calendar's local day); the
timeline before insight is not replayed, so such cases have no decision or stage timings.
"""

from __future__ import annotations

from sqlalchemy import select

from casework.models import Case
from core.db import session
from insight.models import CaseFacts
from insight.services.recording import new_facts

BATCH = 500


def backfill_facts() -> int:
    """Add the facts of every case that has none, in batches (committed); return how many."""
    added = 0
    while True:
        known = select(CaseFacts.case_id)
        cases = session.scalars(select(Case).where(Case.id.not_in(known)).order_by(Case.id)
                                .limit(BATCH)).all()
        if not cases:
            return added
        for case in cases:
            facts = new_facts(case, case.created_at.date())
            if case.closed_at is not None:
                facts.outcome, facts.outcome_at = case.status, case.closed_at
                facts.outcome_day = case.closed_at.date()
            session.add(facts)
        session.commit()
        added += len(cases)
