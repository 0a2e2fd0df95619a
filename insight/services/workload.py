"""The officers' most urgent open cases, for the workload page's reassignment links."""

from __future__ import annotations

from sqlalchemy import select

from casework.models import Case
from casework.services.assignment import URGENCY
from core.db import session

PER_OFFICER = 5


def urgent_cases(officer_ids: list[int]) -> dict[int, list[Case]]:
    """Up to five open cases per officer, most urgent first (read by the assignee index)."""
    found: dict[int, list[Case]] = {}
    for officer_id in officer_ids[:200]:
        found[officer_id] = list(
            session.scalars(
                select(Case)
                .where(Case.assignee_id == officer_id, Case.closed_at.is_(None))
                .order_by(*URGENCY)
                .limit(PER_OFFICER)
            )
        )
    return found
