"""Demo complaints, so that `make run` shows officers a queue with work in it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask import current_app
from sqlalchemy import func, select

from complaints.models import Complaint, Resolution
from complaints.services.filing import NewComplaint, file_complaint
from core.db import session

DEMO_COMPLAINTS = (
    NewComplaint(
        consumer_name="Anna Berg",
        consumer_email="anna.berg@example.org",
        consumer_country="DE",
        platform="AliExpress",
        seller_name="Shenzhen Bright Store Co., Ltd.",
        product="wireless earbuds",
        order_number="8123456789",
        purchase_date=date(2026, 10, 2),
        amount=Decimal("49.99"),
        currency="EUR",
        description="My wireless earbuds, ordered on 2 October, never arrived. Tracking has shown "
        "'in transit' for three weeks and the courier cannot find the parcel.",
        desired_resolution=Resolution.REFUND,
        consent_forward_to_seller=True,
        language="en",
    ),
    NewComplaint(
        consumer_name="李娜",
        consumer_email="li.na@example.cn",
        consumer_country="CN",
        platform="Temu",
        seller_name="Best Deals Shop",
        description="在Temu买的电热水壶用了两次底座就冒烟了，差点起火，孩子就在旁边，太危险了。"
        "商家只同意退一半的钱。",
        desired_resolution=Resolution.REFUND,
        consent_forward_to_seller=True,
        language="zh",
    ),
    NewComplaint(
        consumer_name="Marco Rossi",
        consumer_email="marco.rossi@example.it",
        consumer_country="IT",
        platform="Amazon",
        seller_name="Happy Gadgets Trading GmbH",
        product="smart watch",
        amount=Decimal("129.00"),
        currency="EUR",
        description="The watch I received is a fake: the logo is printed crooked, the box has "
        "spelling mistakes and the serial number is not recognised by the brand.",
        desired_resolution=Resolution.REFUND,
        consent_forward_to_seller=True,
        consent_share_with_rights_holder=True,
        language="en",
    ),
)


def load_demo_complaints() -> list[str]:
    """File the demo complaints once; print how to follow the first as its consumer."""
    if session_has_complaints():
        return ["Demo complaints: already there."]
    base = current_app.extensions["redress.config"].public_base_url
    links = []
    for new in DEMO_COMPLAINTS:
        complaint, secret = file_complaint(new)
        links.append(
            f"  {complaint.reference}: {base}/complaints/{complaint.reference}?token={secret}"
        )
    return ["Demo complaints (tracking links as their consumers got them):", *links]


def session_has_complaints() -> bool:
    return bool(session.scalar(select(func.count()).select_from(Complaint)))
