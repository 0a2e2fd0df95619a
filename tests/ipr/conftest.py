"""Factories for the IPR tests: a verified rights holder with a verified trademark, a platform
with a contact, officers in the IPR queue, API tokens."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from casework.models import Queue, QueueMember
from core.db import session
from core.models import Role
from ipr.services.filing import NewNotice
from sellers.services import resolve_seller, save_platform
from tests.factories import (
    PLATFORM_CONTACT,
    SELLER_CONTACT,
    Holder,
    make_holder,
    make_staff,
    notice_body,
)


def new_notice(holder: Holder, listings: list[dict[str, Any]], **fields: Any) -> NewNotice:
    """The notice of `notice_body`, as the filing service takes it."""
    return NewNotice.from_mapping(notice_body(holder, listings, **fields))


@pytest.fixture
def ipr(app: Flask) -> Iterator[dict[str, Any]]:
    """Inside an app context: the platform (with a takedown contact), the seller, two officers
    in the IPR queue and a verified holder."""
    with app.app_context():
        save_platform(
            None,
            name="Market",
            domains=["example-market.test"],
            country="CN",
            contact_email=PLATFORM_CONTACT,
        )
        seller = resolve_seller("Best Deals Shop", None, "Market", None)
        seller.contact_email, seller.country = SELLER_CONTACT, "CN"
        queue = session.scalars(select(Queue).where(Queue.code == "ipr")).one()
        officers = [make_staff(Role.OFFICER, "Omar Officer"), make_staff(Role.OFFICER, "Wang Fang")]
        for officer in officers:
            session.add(QueueMember(queue_id=queue.id, user_id=officer.id))
        session.commit()
        yield {"seller": seller, "officers": officers, "queue": queue, "holder": make_holder()}
