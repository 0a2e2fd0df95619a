"""Helpers for walking complaints through their paths as their parties do: by API, pages, mail."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.models import CaseEvent
from casework.services.transitions import transition
from complaints.models import Complaint
from complaints.workflow import ComplaintState
from core.db import session
from core.models import OutboxMessage, User
from sellers.models import CreditEvent, Seller
from sellers.services import find_platform, resolve_seller
from tests.complaints.consumer_helpers import api_complaint as api_body
from tests.conftest import post_form, readable_body

SHOP = "shop@bright-store.example"
SELLER_LINK = re.compile(r"/complaints/seller/(rds_[A-Za-z0-9_\-]+)")


def known_seller(app: Flask, contact: str | None = SHOP, country: str | None = "CN") -> int:
    """The example's seller on AliExpress, with a contact, as an officer would have it."""
    with app.app_context():
        seller = resolve_seller("Shenzhen Bright Store", None, find_platform("AliExpress"))
        seller.contact_email, seller.country = contact, country
        session.commit()
        return seller.id


def file(client: FlaskClient, **changes: Any) -> tuple[str, str]:
    """File the API example; its reference and tracking token."""
    response = client.post("/api/v1/complaints", json=api_body(**changes))
    assert response.status_code == 201, response.get_json()
    answer = response.get_json()
    return answer["reference"], answer["tracking_token"]


def complaint_of(db: Session, reference: str) -> Complaint:
    db.expire_all()
    return db.scalars(select(Complaint).where(Complaint.reference == reference)).one()


def step(client: FlaskClient, case_id: int, name: str, data: dict[str, Any] | None = None) -> Any:
    """Post an officer's step from the complaint panel."""
    return post_form(client, f"/officer/complaints/{case_id}/{name}", data or {})


def mails(db: Session, address: str) -> list[OutboxMessage]:
    db.expire_all()
    return list(
        db.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.to_address == address)
            .order_by(OutboxMessage.id)
        )
    )


def seller_secret(db: Session, address: str = SHOP) -> str:
    """The secret of the last seller link mailed to `address`."""
    for message in reversed(mails(db, address)):
        found = SELLER_LINK.search(readable_body(message))
        if found:
            return found.group(1)
    raise AssertionError(f"no seller link was mailed to {address}")


def moves(db: Session, case_id: int) -> list[str]:
    """The states the complaint went through, in order."""
    db.expire_all()
    return [
        event.after
        for event in db.scalars(
            select(CaseEvent)
            .where(CaseEvent.case_id == case_id, CaseEvent.type.in_(("filed", "transition")))
            .order_by(CaseEvent.at, CaseEvent.id)
        )
    ]


def credit(db: Session, seller_id: int) -> list[tuple[str, int]]:
    db.expire_all()
    return [
        (event.kind.value, event.points)
        for event in db.scalars(
            select(CreditEvent).where(CreditEvent.seller_id == seller_id).order_by(CreditEvent.id)
        )
    ]


def seller_tier(db: Session, seller_id: int) -> str:
    db.expire_all()
    return db.get(Seller, seller_id).tier.value


def run_job(app: Flask, name: str, moment: datetime) -> str:
    result = app.test_cli_runner().invoke(args=["jobs", "run", name, "--now", moment.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def officer_step(
    app: Flask, officer: User, reference: str, to: ComplaintState, reason: str
) -> None:
    """An officer's decision, through casework (the case page's own forms belong to the
    officer side of complaints)."""
    officer_id = officer.id  # read by the test's session before the app's opens a savepoint
    with app.app_context():
        complaint = session.scalars(select(Complaint).where(Complaint.reference == reference)).one()
        transition(complaint, to, session.get(User, officer_id), reason)
        session.commit()
