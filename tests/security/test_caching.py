"""Every page that shows a case answers `Cache-Control: no-store`: a shared computer's browser,
its back button or a proxy keeps no copy of a consumer's, seller's, officer's or holder's view."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from flask import Flask, g
from flask.testing import FlaskClient
from sqlalchemy import select

from complaints.models import Complaint
from core.db import session
from core.models import Role
from sellers.services import issue_seller_access
from tests.complaints.consumer_helpers import filed
from tests.conftest import sign_in
from tests.factories import make_staff, seller_link, taken_down


def _not_stored(client: FlaskClient, pages: list[str], **kwargs: Any) -> None:
    for page in pages:
        answer = client.get(page, **kwargs)
        assert answer.status_code == 200, page
        assert answer.headers.get("Cache-Control") == "no-store", page


def test_complaint_pages_of_consumer_seller_and_officer(app: Flask, client: FlaskClient) -> None:
    reference, token = filed(client)
    with app.app_context():
        complaint = session.scalars(select(Complaint).where(Complaint.reference == reference)).one()
        complaint_id = complaint.id
        secret, _ = issue_seller_access(complaint.seller, reference, timedelta(days=30))
        supervisor = SimpleNamespace(email=make_staff(Role.SUPERVISOR).email)
        session.commit()
    _not_stored(client, [f"/complaints/{reference}?token={token}", f"/seller-access/{secret}"])
    _not_stored(client, [f"/complaints/seller/{secret}"])
    _not_stored(client, [f"/api/v1/complaints/{reference}"], headers={"X-Tracking-Token": token})
    sign_in(client, supervisor)
    _not_stored(client, ["/officer/cases", f"/officer/cases/{complaint_id}"])


def test_listing_pages_of_holder_seller_and_officer(
    app: Flask, client: FlaskClient, ipr: dict[str, Any]
) -> None:
    case = taken_down(ipr, 1)
    counter_notice_page = seller_link(case)
    _not_stored(client, [counter_notice_page])
    sign_in(client, ipr["holder"].user)
    _not_stored(
        client,
        [
            "/ipr/dashboard",
            f"/ipr/dashboard/listings/{case.id}",
            f"/ipr/notices/{case.notice.reference}",
        ],
    )
    officer = app.test_client()
    g.pop("csrf_token", None)  # the ipr fixture's app context is shared by both clients' requests
    sign_in(officer, make_staff(Role.SUPERVISOR))
    _not_stored(
        officer, [f"/ipr/officer/notices/{case.notice.reference}", f"/officer/cases/{case.id}"]
    )
