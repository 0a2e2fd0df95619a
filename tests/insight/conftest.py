"""A small known data set of complaints, decided at known times across China's National Day.

Hand-computed (mainland China calendar, 2026; day 0 is the filing day):
- A, filed Wed 30 Sep 10:00, accepted Wed 14 Oct: 6 working days (1-7 Oct are holidays, Sat
  10 Oct is a make-up working day), within the 7 working days although 14 calendar days passed;
  forwarded, answered by the seller on 16 Oct, resolved 20 Oct: 10 working days from filing.
- B, filed Mon 12 Oct, accepted Fri 23 Oct: 9 working days, after its deadline (end of 21 Oct);
  forwarded, no answer (the system moved it on 26 Oct, in time), mediation failed 26 Oct: 10.
- C, filed Tue 13 Oct, rejected Wed 14 Oct: 1 working day.
- D, filed Thu 15 Oct, still submitted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask

from casework.services.access import SYSTEM_ACTOR, Actor
from casework.services.filing import open_case
from casework.services.transitions import transition
from complaints.models import Complaint, Resolution
from core import clock
from core.db import session
from core.models import Role, User
from core.passwords import hash_password
from insight.services.rollups import rebuild
from sellers.models import Platform, Seller
from tests.conftest import PASSWORD
from tests.factories import shanghai

# Personal data of the seeded complaints: none of it may ever be published.
PERSONAL = (
    "Anna Berg",
    "anna.berg@example.org",
    "+49 151 23456789",
    "8123456789",
    "12 Rue de la Paix",
    "LP00123456789CN",
    "张伟",
    "13812345678",
    "Bright Seller Person",
    "seller-contact@example.org",
)
NARRATIVE = (
    "My name is Anna Berg, I live at 12 Rue de la Paix, Paris. Order 8123456789 never "
    "arrived, tracking LP00123456789CN. Call me on +49 151 23456789 or write to "
    "anna.berg@example.org. The earbuds were fake."
)
NOW = "2026-10-28 12:00"


@dataclass
class DataSet:
    supervisor: Any  # id and email
    cases: dict[str, Any]  # id and reference
    seller: Any  # id


def _file(
    at: str,
    seller: Any,
    *,
    consent: bool = False,
    category: str = "delivery",
    analysis: dict | None = None,
    product: str = "wireless earbuds",
    brand: str | None = "Acme",
) -> Complaint:
    clock.set_now(shanghai(at))
    complaint = Complaint(
        kind="complaint",
        consumer_name="Anna Berg",
        consumer_email="anna.berg@example.org",
        consumer_phone="+49 151 23456789",
        consumer_country="DE",
        platform_name="Testmarket",
        seller_name="Bright Seller Person",
        product=product,
        order_number="8123456789",
        description=NARRATIVE,
        desired_resolution=Resolution.REFUND,
        category=category,
        language="en",
        consent_forward_to_seller=True,
        consent_publish_narrative=consent,
        seller_id=seller.id,
    )
    entities = [{"label": "BRAND", "text": brand, "start": 0, "end": 1}] if brand else []
    open_case(
        complaint,
        analysis=analysis
        or {"category": category, "confidence": 0.9, "language": "en", "entities": entities},
    )
    session.commit()
    return complaint


def _move(case: Complaint, at: str, to: str, actor: object, reason: str | None = None) -> None:
    clock.set_now(shanghai(at))
    transition(case, to, actor, reason)
    session.commit()


def build_data_set() -> DataSet:
    """The four complaints of the module docstring (inside an app context), committed."""
    supervisor = User(
        email="supervisor-insight@example.org",
        name="Sue Pervisor",
        password_hash=hash_password(PASSWORD),
        role=Role.SUPERVISOR,
    )
    platform = Platform(name="Testmarket", contact_email="platform@example.org")
    session.add_all([supervisor, platform])
    session.flush()
    seller = Seller(
        name="Shenzhen Bright Store",
        name_key="shenzhen bright store",
        platform_id=platform.id,
        contact_email="seller-contact@example.org",
        contact_person="Bright Seller Person",
        trader_phone="13812345678",
    )
    session.add(seller)
    session.commit()
    a = _file("2026-09-30 10:00", seller, consent=True)
    b = _file("2026-10-12 09:00", seller, category="counterfeit")
    c = _file(
        "2026-10-13 09:00",
        seller,
        analysis={"category": "other", "confidence": 0.3, "language": "en", "entities": []},
    )
    d = _file("2026-10-15 09:00", seller, brand=None)
    _move(a, "2026-10-14 10:00", "accepted", supervisor)
    _move(a, "2026-10-14 11:00", "awaiting_seller", supervisor)
    _move(a, "2026-10-16 11:00", "mediation", Actor("seller"))
    _move(a, "2026-10-20 11:00", "resolved", supervisor)
    _move(b, "2026-10-23 09:00", "accepted", supervisor)
    _move(b, "2026-10-23 10:00", "awaiting_seller", supervisor)
    _move(b, "2026-10-26 09:00", "mediation", SYSTEM_ACTOR)
    _move(b, "2026-10-26 10:00", "mediation_failed", supervisor, "The seller refused.")
    _move(c, "2026-10-14 09:00", "rejected", supervisor, "Out of scope.")
    clock.set_now(shanghai(NOW))
    rebuild(clock.now())
    session.commit()
    return DataSet(supervisor, {"A": a, "B": b, "C": c, "D": d}, seller)


@pytest.fixture
def data(app: Flask) -> DataSet:
    """The data set, as ids and references (no app context is left open: requests made by the
    test get contexts of their own, in the language they ask for)."""
    with app.app_context():
        found = build_data_set()
        return DataSet(
            SimpleNamespace(id=found.supervisor.id, email=found.supervisor.email),
            {
                name: SimpleNamespace(id=case.id, reference=case.reference)
                for name, case in found.cases.items()
            },
            SimpleNamespace(id=found.seller.id),
        )


@pytest.fixture
def in_app(app: Flask, data: DataSet) -> Iterator[None]:
    """An app context for calling services directly."""
    with app.app_context():
        yield
