"""Demo sellers with credit records in every tier, recorded through the case-outcome signal."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core import clock
from core.db import session
from sellers.models import Seller
from sellers.services.access import issue_seller_access, seller_access_url
from sellers.services.ledger import record_case_outcome
from sellers.services.registry import find_platform, resolve_seller

# name, platform, platform seller id, country, registration number, outcomes (event, days ago)
DEMO_SELLERS = (
    ("Brightline Audio Official Store", "AliExpress", "910000123", "CN", "914403001922038216", ()),
    (
        "Shenzhen Bright Store Co., Ltd.",
        "AliExpress",
        "910000456",
        "CN",
        None,
        (("complaint_upheld", 40), ("no_answer", 12)),
    ),
    (
        "Happy Gadgets Trading GmbH",
        "Amazon",
        "A2DEMO7KQ1",
        "DE",
        "HRB 123456",
        (("takedown", 200), ("takedown_counterfeit", 30), ("complaint_upheld", 5)),
    ),
    (
        "Best Deals Shop",
        "Temu",
        "634418212",
        "CN",
        None,
        (("fraud_confirmed", 20), ("unsafe_confirmed", 60), ("takedown", 90)),
    ),
    ("杭州优品贸易有限公司", "Taobao", "tb-demo-88", "CN", None, (("no_answer", 400),)),
)


def load_demo_sellers() -> list[str]:
    """A few sellers with events that put them in tiers A to D (once)."""
    if session.scalar(select(Seller.id).limit(1)) is not None:
        return []
    now = clock.now()
    link = ""
    for number, (name, platform, seller_id, country, registration, outcomes) in enumerate(
        DEMO_SELLERS, start=1
    ):
        seller = resolve_seller(name, None, find_platform(platform), seller_id)
        seller.country, seller.registration_number = country, registration
        seller.contact_email = f"seller{number}@demo.redress.example"
        for index, (event, days_ago) in enumerate(outcomes, start=1):
            record_case_outcome(
                seller.id, f"DEMO-{number:02d}-{index:03d}", event, now - timedelta(days=days_ago)
            )
        if number == 4:
            secret, _ = issue_seller_access(seller, "DEMO-04-001", timedelta(days=90))
            link = seller_access_url(secret)
    session.flush()
    return [
        f"Demo sellers: {len(DEMO_SELLERS)} (tiers A to D), see /sellers",
        f"  the seller's own page for case DEMO-04-001: {link}",
    ]
