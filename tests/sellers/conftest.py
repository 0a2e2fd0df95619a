"""Factories for seller tests: sellers, case outcomes sent through the real signal, tokens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask

from core import clock
from core.db import session
from core.transaction import unit_of_work
from sellers.models import Seller
from sellers.services import issue_seller_access, resolve_seller
from sellers.services.ledger import record_case_outcome
from tests.factories import T0


@pytest.fixture
def make_seller(app: Flask) -> Callable[..., int]:
    """Resolve (usually: create) a seller and commit; returns its id."""

    def make(
        name: str = "Shenzhen ABC Technology Co., Ltd.",
        platform: str | None = "AliExpress",
        shop_url: str | None = None,
        platform_seller_id: str | None = None,
        **fields: Any,
    ) -> int:
        with app.app_context():
            seller = resolve_seller(name, shop_url, platform, platform_seller_id)
            for key, value in fields.items():
                setattr(seller, key, value)
            session.commit()
            return seller.id

    return make


@pytest.fixture
def outcome(app: Flask) -> Callable[..., None]:
    """Record a case outcome as complaints and ipr do, in a transaction of its own."""

    def send(seller_id: int, case_reference: str, event: str, at: datetime = T0) -> None:
        with app.app_context(), clock.frozen_at(at), unit_of_work():
            record_case_outcome(seller_id, case_reference, event, at)

    return send


@pytest.fixture
def access_link(app: Flask) -> Callable[..., str]:
    """Issue a seller-access secret for (seller, case) and commit; returns the secret."""

    def issue(
        seller_id: int, case_reference: str, valid_for: timedelta = timedelta(days=30)
    ) -> str:
        with app.app_context():
            secret, _ = issue_seller_access(
                session.get_one(Seller, seller_id), case_reference, valid_for
            )
            session.commit()
            return secret

    return issue
