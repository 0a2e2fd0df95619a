"""Factories for the IPR tests: a verified rights holder with a verified trademark, a platform
with a contact, officers in the IPR queue, API tokens."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from flask import Flask, current_app
from sqlalchemy import select

from casework.models import Queue, QueueMember
from core.api_tokens import issue_api_token
from core.db import session
from core.mail import deliver_due_mail
from core.models import Role, User
from ipr.api import NOTICES_SCOPE
from ipr.models import (
    Capacity,
    IpRight,
    RightsHolder,
    RightsHolderMember,
    RightType,
    TrademarkOffice,
    Verification,
)
from ipr.services.filing import NewNotice
from sellers.services import resolve_seller, save_platform
from tests.casework.conftest import make_staff, shanghai

PLATFORM_CONTACT = "takedowns@example-market.test"
SELLER_CONTACT = "shop@best-deals.test"


@dataclass
class Holder:
    user: User
    holder: RightsHolder
    mark: IpRight
    token: str


def make_holder(name: str = "Brightline Audio Ltd.", mark: str = "BRIGHTLINE",
                good_standing: bool = False, language: str = "en") -> Holder:
    """A verified organisation with one verified trademark and an API token (committed)."""
    suffix = uuid.uuid4().hex[:6]
    user = make_staff(Role.RIGHTS_HOLDER, f"{name} user")
    holder = RightsHolder(legal_name=name, country="GB", contact_name="Helen Holder",
                          contact_email=f"brand-{suffix}@example.org", language=language,
                          capacity=Capacity.OWNER, status=Verification.VERIFIED,
                          good_standing=good_standing)
    session.add(holder)
    session.flush()
    session.add(RightsHolderMember(user_id=user.id, holder_id=holder.id))
    right = IpRight(holder_id=holder.id, right_type=RightType.TRADEMARK, title=mark,
                    registration_number=f"38{suffix}", office=TrademarkOffice.CNIPA,
                    nice_classes=[9], valid_from=date(2019, 1, 1), valid_until=date(2030, 1, 1),
                    status=Verification.VERIFIED)
    session.add(right)
    session.flush()
    secret, _token = issue_api_token(user, "tests", [NOTICES_SCOPE])
    session.commit()
    return Holder(user, holder, right, secret)


def add_right(holder: Holder, **fields: Any) -> IpRight:
    values = {"right_type": RightType.TRADEMARK, "title": "BRIGHTLINE PRO",
              "registration_number": uuid.uuid4().hex[:8], "office": TrademarkOffice.USPTO,
              "nice_classes": [9], "status": Verification.VERIFIED, **fields}
    right = IpRight(holder_id=holder.holder.id, **values)
    session.add(right)
    session.commit()
    return right


def listing(number: int, **fields: Any) -> dict[str, Any]:
    return {"url": f"https://www.example-market.test/item/{number}.html", "platform": "Market",
            "seller": "Best Deals Shop", "listing_id": str(number),
            "explanation": "The BRIGHTLINE logo is copied on the box.", **fields}


def notice_body(holder: Holder, listings: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    return {"rights": [holder.mark.id], "description": "These listings sell fake BRIGHTLINE "
            "earbuds with our registered mark.", "listings": listings, "good_faith": True,
            "accurate": True, "signature": "Helen Holder, counsel", **fields}


def new_notice(holder: Holder, listings: list[dict[str, Any]], **fields: Any) -> NewNotice:
    """The notice of `notice_body`, as the filing service takes it."""
    return NewNotice.from_mapping(notice_body(holder, listings, **fields))


def mail_to(inbox: Any, address: str) -> list[Any]:
    """What `address` received, once the outbox is delivered (services outside a request
    leave it to the delivery job)."""
    deliver_due_mail(current_app.extensions["redress.config"])
    return inbox.to(address)


def bearer(holder: Holder) -> dict[str, str]:
    return {"Authorization": f"Bearer {holder.token}"}


@pytest.fixture
def ipr(app: Flask) -> Iterator[dict[str, Any]]:
    """Inside an app context: the platform (with a takedown contact), the seller, two officers
    in the IPR queue and a verified holder."""
    with app.app_context():
        save_platform(None, name="Market", domains=["example-market.test"], country="CN",
                      contact_email=PLATFORM_CONTACT)
        seller = resolve_seller("Best Deals Shop", None, "Market", None)
        seller.contact_email, seller.country = SELLER_CONTACT, "CN"
        queue = session.scalars(select(Queue).where(Queue.code == "ipr")).one()
        officers = [make_staff(Role.OFFICER, "Omar Officer"), make_staff(Role.OFFICER, "Wang Fang")]
        for officer in officers:
            session.add(QueueMember(queue_id=queue.id, user_id=officer.id))
        session.commit()
        yield {"seller": seller, "officers": officers, "queue": queue, "holder": make_holder()}


def local_day(moment: datetime) -> date:
    """The Shanghai calendar day of an aware moment."""
    return moment.astimezone(shanghai("2026-01-01 00:00").tzinfo).date()
