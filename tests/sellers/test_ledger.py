"""The credit ledger of DESIGN.md section 7, every row exercised through the case-outcome signal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from core.db import session
from core.jobs import run_job
from core.models import JobOutcome, OutboxMessage, Role, User
from sellers.models import CreditEvent, CreditEventKind, Seller, TierChange
from sellers.services import SellerError, decide_appeal, file_appeal
from sellers.services.ledger import record_case_outcome
from tests.factories import T0, seller_state


@pytest.mark.parametrize(
    ("event", "points", "tier"),
    [
        ("complaint_upheld", 2, "B"),
        ("no_answer", 3, "B"),
        ("refused_mediation", 4, "B"),
        ("takedown", 6, "B"),
        ("takedown_counterfeit", 12, "C"),
        ("counterfeit_confirmed", 12, "C"),
        ("unsafe_confirmed", 12, "C"),
        ("fraud_confirmed", 48, "D"),
    ],
)
def test_each_outcome_adds_its_points_and_moves_the_tier_at_once(
    make_seller, outcome, db, event: str, points: int, tier: str
) -> None:
    seller = make_seller()
    outcome(seller, "C-2026-000001", event)
    assert seller_state(db, seller) == (tier, points)
    [recorded] = db.scalars(select(CreditEvent)).all()
    assert (recorded.kind, recorded.points, recorded.case_reference) == (
        CreditEventKind(event),
        points,
        "C-2026-000001",
    )
    assert recorded.expires_at == T0 + timedelta(days=365)
    [change] = db.scalars(select(TierChange).where(TierChange.seller_id == seller)).all()
    assert (change.old_tier, change.new_tier, change.reason) == ("A", tier, "event")


def test_tier_boundaries(make_seller, outcome, db) -> None:
    seller = make_seller()
    for number in range(3):  # 3 x 3 = 9, + 2 = 11: still B
        outcome(seller, f"C-2026-00001{number}", "no_answer")
    outcome(seller, "C-2026-000020", "complaint_upheld")
    assert seller_state(db, seller) == ("B", 11)
    outcome(seller, "C-2026-000021", "complaint_upheld")
    assert seller_state(db, seller) == ("C", 13)
    outcome(seller, "IP-2026-000001-001", "takedown_counterfeit")
    outcome(seller, "IP-2026-000001-002", "takedown_counterfeit")
    outcome(seller, "C-2026-000022", "takedown")
    assert seller_state(db, seller) == ("C", 43)
    outcome(seller, "C-2026-000023", "no_answer")
    assert seller_state(db, seller) == ("C", 46)
    outcome(seller, "C-2026-000024", "complaint_upheld")
    assert seller_state(db, seller) == ("D", 48)


def test_a_restored_listing_reverses_its_takedown(make_seller, outcome, db) -> None:
    seller = make_seller()
    outcome(seller, "IP-2026-000045-001", "takedown")
    outcome(seller, "IP-2026-000045-002", "takedown_counterfeit")
    assert seller_state(db, seller) == ("C", 18)
    outcome(seller, "IP-2026-000045-002", "takedown_restored", T0 + timedelta(days=20))
    assert seller_state(db, seller) == ("B", 6)
    reversal = db.scalar(
        select(CreditEvent).where(CreditEvent.kind == CreditEventKind.TAKEDOWN_RESTORED)
    )
    assert reversal.points == -12 and reversal.reverses.case_reference == "IP-2026-000045-002"
    assert reversal.expires_at == reversal.reverses.expires_at  # they leave the record together
    outcome(seller, "IP-2026-000045-002", "takedown_restored")  # nothing left to reverse
    outcome(seller, "IP-2026-000099-001", "takedown_restored")  # never taken down
    assert seller_state(db, seller) == ("B", 6)
    assert db.scalar(select(func.count()).select_from(CreditEvent)) == 3


def test_the_same_outcome_sent_twice_counts_once(make_seller, outcome, db) -> None:
    seller = make_seller()
    outcome(seller, "C-2026-000007", "no_answer")
    outcome(seller, "C-2026-000007", "no_answer")
    assert seller_state(db, seller) == ("B", 3)


def test_an_unknown_outcome_is_refused_and_stores_nothing(app: Flask, make_seller, db) -> None:
    seller = make_seller()
    with app.app_context():
        with pytest.raises(ValueError):
            record_case_outcome(seller, "C-1", "appeal_upheld", T0)
        with pytest.raises(ValueError):
            record_case_outcome(seller, "C-1", "bad", T0)
        with pytest.raises(ValueError):
            record_case_outcome(seller, "C" * 41, "no_answer", T0)
        with pytest.raises(ValueError):
            record_case_outcome(2_000_000, "C-1", "no_answer", T0)
        with pytest.raises(ValueError):
            record_case_outcome(seller, "C-1", "no_answer", T0.replace(tzinfo=None))
        session.rollback()
    assert db.scalar(select(func.count()).select_from(CreditEvent)) == 0


def test_events_expire_after_365_days_through_the_nightly_job(
    app: Flask, make_seller, outcome, db
) -> None:
    seller = make_seller()
    quiet = make_seller("Quiet Seller", "Temu")
    outcome(seller, "C-2026-000001", "fraud_confirmed")
    outcome(seller, "C-2026-000002", "no_answer", T0 + timedelta(days=100))
    outcome(quiet, "C-2026-000003", "complaint_upheld", T0 + timedelta(days=200))
    assert seller_state(db, seller) == ("D", 51)
    with app.app_context():
        early = run_job("credit_recompute", now=T0 + timedelta(days=364))
        assert early.outcome == JobOutcome.SUCCEEDED and early.counts == {
            "sellers": 0,
            "tiers_changed": 0,
        }
        run = run_job("credit_recompute", now=T0 + timedelta(days=365, seconds=1))
        assert run.counts == {"sellers": 1, "tiers_changed": 1}  # the quiet seller untouched
    assert seller_state(db, seller) == ("B", 3)
    expired = db.get(Seller, seller)
    assert expired.next_expiry_at == T0 + timedelta(days=465)
    assert db.scalar(select(func.count()).select_from(CreditEvent)) == 3  # nothing deleted
    with app.app_context():
        run_job("credit_recompute", now=T0 + timedelta(days=600))
    assert seller_state(db, seller) == ("A", 0) and seller_state(db, quiet) == ("A", 0)
    assert db.get(Seller, seller).next_expiry_at is None
    history = db.scalars(
        select(TierChange.new_tier).where(TierChange.seller_id == seller).order_by(TierChange.id)
    ).all()
    assert history == ["D", "B", "A"]


def test_an_upheld_appeal_reverses_the_event_and_is_mailed(
    app: Flask, make_seller, outcome, make_user, db
) -> None:
    seller = make_seller(contact_email="shop@abc.example", country="DE")
    officer_id = make_user(Role.OFFICER).id
    outcome(seller, "C-2026-000001", "unsafe_confirmed")
    outcome(seller, "C-2026-000002", "no_answer")
    with app.app_context():
        event = session.scalar(
            select(CreditEvent).where(CreditEvent.kind == CreditEventKind.UNSAFE_CONFIRMED)
        )
        appeal = file_appeal(
            event, "The product passed its CE test; report attached.", "Test report TR-1"
        )
        with pytest.raises(SellerError):
            file_appeal(event, "Once more, please.", None)
        result = decide_appeal(
            appeal,
            True,
            "The test report shows the product is safe.",
            session.get_one(User, officer_id),
        )
        session.commit()
        assert result.kind == CreditEventKind.APPEAL_UPHELD and result.points == -12
    assert seller_state(db, seller) == ("B", 3)
    [mail] = db.scalars(
        select(OutboxMessage).where(OutboxMessage.to_address == "shop@abc.example")
    ).all()
    assert "upheld" in mail.subject and "C-2026-000001" in mail.subject
    assert "product is safe" in mail.body and "tier is now B" in mail.body


def test_a_rejected_appeal_is_an_event_of_no_points(
    app: Flask, make_seller, outcome, make_user, db
) -> None:
    seller = make_seller(contact_email="shop@abc.example", country="CN")
    officer_id = make_user(Role.OFFICER).id
    outcome(seller, "C-2026-000001", "no_answer")
    with app.app_context():
        event = session.scalar(select(CreditEvent))
        appeal = file_appeal(event, "We never received the complaint.", None)
        decide_appeal(
            appeal,
            False,
            "The complaint was delivered on 3 March.",
            session.get_one(User, officer_id),
        )
        session.commit()
    assert seller_state(db, seller) == ("B", 3)
    kinds = db.scalars(select(CreditEvent.kind).order_by(CreditEvent.id)).all()
    assert kinds == [CreditEventKind.NO_ANSWER, CreditEventKind.APPEAL_REJECTED]
    mail = db.scalar(select(OutboxMessage))
    assert mail.language == "zh" and "申诉" in mail.subject
