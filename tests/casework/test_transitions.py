"""Moving a case: only along the workflow, by those allowed, recorded, with its new deadline."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from casework.models import CaseEvent, QueueMember
from casework.services.access import Actor
from casework.services.transitions import TransitionError, allowed_moves, transition
from core import clock
from core.db import session
from core.models import Role
from tests.factories import file_case, make_queue, make_staff, shanghai


def events_of(case) -> list[tuple[str, str | None, str | None]]:
    return [
        (e.type, e.before, e.after)
        for e in session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
        )
    ]


@pytest.fixture
def officer(in_app):
    return make_staff(Role.OFFICER)


@pytest.fixture
def queue(in_app, officer):
    return make_queue(members=[officer], rule={"kind": "test_kind", "position": 1})


def test_a_filed_case_is_routed_numbered_and_due_in_seven_working_days(queue) -> None:
    case = file_case(at="2026-03-02 10:00")
    assert case.queue_id == queue.id and case.status == "submitted"
    assert case.due_at == shanghai("2026-03-11 23:59:59")
    # Warning at 75% of 7 working days: a quarter into the 6th working day, Tuesday 10 March.
    assert case.next_escalation_at == shanghai("2026-03-10 06:00")
    assert events_of(case) == [("filed", None, "submitted")]


def test_an_illegal_transition_is_refused_and_leaves_no_trace(queue, officer) -> None:
    case = file_case(at="2026-03-02 10:00")
    before = (case.status, case.due_at, case.version, events_of(case))
    with pytest.raises(TransitionError, match="cannot move"):
        transition(case, "resolved", officer)
    with pytest.raises(TransitionError) as refused:
        transition(case, "accepted", Actor("consumer"))
    assert refused.value.code == "forbidden"
    with pytest.raises(TransitionError, match="reason"):
        transition(case, "rejected", officer, reason="  ")
    session.rollback()
    session.refresh(case)
    assert (case.status, case.due_at, case.version, events_of(case)) == before


def test_an_officer_of_another_queue_may_not_move_the_case(queue) -> None:
    stranger = make_staff(Role.OFFICER)
    case = file_case(at="2026-03-02 10:00")
    assert allowed_moves(case, stranger) == []
    with pytest.raises(TransitionError) as refused:
        transition(case, "accepted", stranger)
    assert refused.value.code == "forbidden"


def test_a_transition_records_who_what_and_sets_the_next_deadline(queue, officer) -> None:
    case = file_case(at="2026-03-02 10:00")
    clock.set_now(shanghai("2026-03-03 09:00"))
    event = transition(case, "accepted", officer, reason="In scope")
    session.commit()
    assert (event.actor_id, event.before, event.after, event.body) == (
        officer.id,
        "submitted",
        "accepted",
        "In scope",
    )
    assert case.due_at == shanghai("2026-03-17 23:59:59")  # 10 working days from 3 March
    assert {m.target for m in allowed_moves(case, officer)} == {"mediation", "merged"}


def test_a_paused_state_does_not_use_up_the_deadline(queue, officer) -> None:
    case = file_case(at="2026-03-02 10:00")  # Monday; 7 working days end on Wednesday 11th
    clock.set_now(shanghai("2026-03-04 15:00"))  # two working days used (Tue, Wed)
    transition(case, "awaiting_consumer", officer, reason="Which order?")
    assert case.due_at is None and case.next_escalation_at is None
    clock.set_now(shanghai("2026-03-09 11:00"))  # the consumer answers a working week later
    transition(case, "submitted", Actor("consumer"))
    session.commit()
    assert case.due_at == shanghai("2026-03-16 23:59:59")  # the five days left, from the 9th
    assert case.due_explanation["used"] == 2


def test_mediation_counts_from_acceptance(queue, officer) -> None:
    case = file_case(at="2026-03-02 10:00")
    clock.set_now(shanghai("2026-03-03 09:00"))
    transition(case, "accepted", officer)
    clock.set_now(shanghai("2026-03-12 09:00"))
    transition(case, "mediation", Actor("system"))
    session.commit()
    # 45 working days from 3 March (Qingming 4-6 April and Labour Day 1-5 May skipped) end on
    # Saturday 9 May, a make-up working day.
    assert case.due_explanation["counted_from"] == "accepted"
    assert case.due_at == shanghai("2026-05-09 23:59:59")


def test_a_final_state_closes_the_case_and_stops_the_clock(queue, officer) -> None:
    case = file_case(at="2026-03-02 10:00")
    transition(case, "rejected", officer, reason="Out of scope")
    session.commit()
    assert case.closed_at is not None and case.due_at is None
    assert session.scalar(select(func.count()).select_from(QueueMember)) >= 1
