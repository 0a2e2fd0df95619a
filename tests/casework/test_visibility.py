"""What officers write is for staff unless they say otherwise: a journey through a real complaint
checks that no internal reason, note or officer's name reaches the consumer or the seller."""

from __future__ import annotations

from core.models import Role
from tests.complaints.walk import complaint_of, file, known_seller, seller_secret, step
from tests.conftest import post_form, sign_in
from tests.factories import at

OFFICER_NAME = "Wilhelmina Schreiber"
STEP_REASON = "Seller looks unreliable, consumer exaggerates"
BULK_REASON = "Batch moved before the holiday"
NOTE = "Called the platform about this shop"
SHARED_REASON = "The seller has answered; we now mediate between you."


def consumer_sees(client, reference: str, token: str) -> str:
    """The consumer's tracking page and API answer, as one text."""
    page = client.get(f"/complaints/{reference}?token={token}").get_data(as_text=True)
    api = client.get(f"/api/v1/complaints/{reference}", headers={"X-Tracking-Token": token})
    assert api.status_code == 200
    return page + api.get_data(as_text=True)


def test_internal_reasons_notes_and_names_stay_with_the_officers(
    app, client, db, make_user
) -> None:
    known_seller(app)
    at("2026-03-02 10:00")
    first, first_token = file(client)
    second, second_token = file(client, order_number="8123450000")
    staff = app.test_client()
    sign_in(staff, make_user(Role.SUPERVISOR, name=OFFICER_NAME))
    one, two = complaint_of(db, first).id, complaint_of(db, second).id
    for case_id in (one, two):
        assert step(staff, case_id, "accept").status_code == 302  # forwarded to the seller
        post_form(staff, f"/officer/cases/{case_id}/assign", {"assignee": ""})
    at("2026-03-03 10:00")
    moved = post_form(
        staff, f"/officer/cases/{one}/transition", {"target": "mediation", "reason": STEP_REASON}
    )
    assert moved.status_code == 302
    post_form(staff, f"/officer/cases/{one}/notes", {"body": NOTE})
    bulk = post_form(
        staff,
        "/officer/cases/bulk",
        {
            "cases": [str(two)],
            "action": "transition",
            "target": "mediation",
            "priority": "2",
            "reason": BULK_REASON,
        },
    )
    assert bulk.status_code == 200
    assert complaint_of(db, first).status == complaint_of(db, second).status == "mediation"

    seen = consumer_sees(client, first, first_token) + consumer_sees(client, second, second_token)
    seen += client.get(f"/complaints/seller/{seller_secret(db)}").get_data(as_text=True)
    for private in (STEP_REASON, BULK_REASON, NOTE, OFFICER_NAME):
        assert private not in seen, private
    assert "In mediation" in seen  # the parties still see the step itself

    officer_page = staff.get(f"/officer/cases/{one}").get_data(as_text=True)
    assert STEP_REASON in officer_page and NOTE in officer_page  # staff keep the reason


def test_a_reason_the_officer_shares_reaches_the_consumer(app, client, db, make_user) -> None:
    known_seller(app)
    at("2026-03-02 10:00")
    reference, token = file(client)
    staff = app.test_client()
    sign_in(staff, make_user(Role.SUPERVISOR, name=OFFICER_NAME))
    case_id = complaint_of(db, reference).id
    step(staff, case_id, "accept")
    post_form(
        staff,
        f"/officer/cases/{case_id}/transition",
        {"target": "mediation", "reason": SHARED_REASON, "shared": "y"},
    )
    assert SHARED_REASON in consumer_sees(client, reference, token)


def test_every_text_an_officer_writes_says_who_reads_it(app, client, db, make_user) -> None:
    known_seller(app)
    at("2026-03-02 10:00")
    reference, _token = file(client)
    staff = app.test_client()
    sign_in(staff, make_user(Role.SUPERVISOR))
    case_id = complaint_of(db, reference).id
    step(staff, case_id, "accept")
    page = staff.get(f"/officer/cases/{case_id}").get_data(as_text=True)
    assert page.count("Read by staff only, unless you tick") >= 2  # each step, the merge
    assert "Tell the parties (they will read the reason)" in page
    assert "the parties never see notes" in page
    assert "Mailed to the parties you choose" in page
    assert "never shown to the parties" in page  # the correction of the analysis
    listing = staff.get("/officer/cases").get_data(as_text=True)
    assert "Read by staff only, unless you tick" in listing  # the bulk reason
