"""The consumer's pages: the complaint form, the tracking page, the home-page start point."""

from __future__ import annotations

from sqlalchemy import func, select

from complaints.models import Complaint
from core.models import OutboxMessage
from tests.conftest import post_form, readable_body

FORM = {
    "name": "Anna Berg",
    "email": "anna@example.org",
    "country": "DE",
    "platform": "AliExpress",
    "seller_name": "Shenzhen Bright Store",
    "product": "",
    "amount": "49.99",
    "currency": "EUR",
    "description": "The wireless earbuds I ordered never arrived and the seller is silent.",
    "desired_resolution": "refund",
    "consent_forward_to_seller": "y",
    "website": "",
}


def stored(db) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(Complaint))


def test_the_home_page_offers_to_file_a_complaint(client) -> None:
    html = client.get("/").get_data(as_text=True)
    assert "File a complaint" in html and "/complaints/new" in html


def test_a_consumer_files_and_follows_a_complaint(client, db) -> None:
    assert client.get("/complaints/new").status_code == 200
    response = post_form(client, "/complaints/new", FORM)
    assert response.status_code == 302
    track = response.headers["Location"]
    filed = db.scalars(select(Complaint)).one()
    assert track.startswith(f"/complaints/{filed.reference}?token=rdc_")
    # Without the form's script nothing was suggested to the consumer: nothing is filled in.
    assert filed.product is None
    assert filed.suggested["product"] == {"suggested": "wireless earbuds", "chosen": None}
    message = db.scalars(select(OutboxMessage)).one()
    assert f"http://localhost{track}" in readable_body(message)

    page = client.get(track)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert filed.reference in html and "Submitted" in html
    assert "anna@example.org" in html  # the flash message after filing only
    assert "anna@example.org" not in client.get(track).get_data(as_text=True)


def test_the_tracking_page_needs_the_right_token(client) -> None:
    response = post_form(client, "/complaints/new", FORM)
    reference = response.headers["Location"].split("?")[0].rsplit("/", 1)[1]
    assert client.get(f"/complaints/{reference}").status_code == 404
    assert client.get(f"/complaints/{reference}?token=rdc_wrong").status_code == 404
    assert client.get("/complaints/C-1999-000001?token=rdc_wrong").status_code == 404


def test_a_refused_form_names_the_fields_and_stores_nothing(client, db) -> None:
    bad = {
        **FORM,
        "email": "nope",
        "description": "short",
        "platform": "",
        "seller_name": "",
        "consent_forward_to_seller": "",
    }
    response = post_form(client, "/complaints/new", bad)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert html.count('aria-invalid="true"') == 4
    assert "Name the platform or the seller." in html
    assert stored(db) == 0


def test_robots_filling_the_trap_are_refused(client, db) -> None:
    response = post_form(client, "/complaints/new", {**FORM, "website": "http://spam.example"})
    assert response.status_code == 400
    assert stored(db) == 0


def test_filing_is_rate_limited_per_address(client, db) -> None:
    statuses = [
        post_form(client, "/complaints/new", {**FORM, "email": "x"}).status_code for _ in range(21)
    ]
    assert statuses[:20] == [400] * 20 and statuses[20] == 429


def test_officers_work_a_filed_complaint_in_casework(client, db, make_user) -> None:
    from core.models import Role
    from tests.conftest import sign_in

    post_form(client, "/complaints/new", FORM)
    filed = db.scalars(select(Complaint)).one()
    supervisor = make_user(Role.SUPERVISOR)
    sign_in(client, supervisor)
    page = client.get(f"/officer/cases/{filed.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert filed.reference in html and "Accept the complaint" in html
    listed = client.get("/officer/cases").get_data(as_text=True)
    assert filed.reference in listed
    for words in ("Anna Berg", "Bright Store"):
        found = client.get("/officer/cases", query_string={"q": words})
        assert filed.reference in found.get_data(as_text=True), words
