"""The complaint kind as casework sees it: workflow, deadlines, parties, keys, anonymisation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from casework.kinds import case_kind
from casework.services.access import SYSTEM_ACTOR, Actor
from casework.services.transitions import transition
from complaints.api.schemas import NewComplaintSchema
from complaints.models import Complaint
from complaints.services.filing import NewComplaint, file_complaint
from complaints.services.tracking import find_tracked
from complaints.workflow import COMPLAINT_WORKFLOW
from complaints.workflow import ComplaintState as S
from core import clock
from core.db import session
from tests.complaints.consumer_helpers import api_complaint as complaint


def test_the_workflow_follows_design_section_4() -> None:
    state = COMPLAINT_WORKFLOW.state
    assert COMPLAINT_WORKFLOW.initial == "submitted"
    assert state("submitted").sla_days == 7 and state("with_seller").sla_days == 10
    assert state("awaiting_consumer").paused
    assert state("awaiting_seller").sla_days == 10 and state("awaiting_seller").waits_on == "seller"
    assert state("mediation").sla_days == 45 and state("mediation").counted_from == "accepted"
    assert {s.name for s in COMPLAINT_WORKFLOW.states if s.decided} == {
        "resolved",
        "mediation_failed",
        "rejected",
        "withdrawn",
        "merged",
        "closed",
    }
    assert COMPLAINT_WORKFLOW.move("submitted", "rejected").needs_reason
    assert "consumer" in COMPLAINT_WORKFLOW.move("awaiting_consumer", "submitted").by
    assert "consumer" not in COMPLAINT_WORKFLOW.move("submitted", "accepted").by
    assert "seller" in COMPLAINT_WORKFLOW.move("awaiting_seller", "mediation").by


def test_filing_starts_seven_working_days_in_shanghai(app) -> None:
    with app.app_context():
        clock.set_now(datetime.fromisoformat("2026-03-02 10:00+08:00"))  # a Monday
        filed, _secret = file_complaint(_loaded())
        assert filed.due_at == datetime.fromisoformat("2026-03-11 23:59:59+08:00")
        transition(filed, S.WITH_SELLER, SYSTEM_ACTOR)  # the consumer chose the ODR lane
        assert filed.due_at == datetime.fromisoformat("2026-03-16 23:59:59+08:00")
        assert filed.is_open
        transition(filed, S.RESOLVED, Actor("consumer"))
        assert not filed.is_open
        session.rollback()


def _loaded() -> NewComplaint:
    """The API example as the schema loads it: the NewComplaint the filing service takes."""
    return NewComplaintSchema().load(complaint())


def test_parties_keys_and_anonymisation(app) -> None:
    with app.app_context():
        filed, secret = file_complaint(_loaded())
        session.flush()
        kind = case_kind("complaint")
        consumer, seller = kind.parties(filed)
        assert (consumer.role, consumer.email, consumer.language) == (
            "consumer",
            "anna@example.org",
            "en",
        )
        assert seller.role == "seller" and seller.name == "Shenzhen Bright Store"
        assert ("order", "8123456789") in kind.relation_keys(filed)
        assert "wireless earbuds" in kind.text(filed)
        assert find_tracked(filed.reference, secret) is filed

        kind.anonymise(filed)
        session.flush()
        assert filed.consumer_email == "" and filed.consumer_phone is None
        assert filed.description == "" and filed.order_number is None
        assert "Anna" not in kind.search_text(filed)
        assert find_tracked(filed.reference, secret) is None
        assert session.scalars(select(Complaint)).one() is filed
        session.rollback()
