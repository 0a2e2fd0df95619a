"""Who sees a complaint: its consumer (tracking token or account) and staff, nobody else; a lost
link is replaced by mail; consumer accounts list their complaints."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from casework.models import CaseAttachment, QueueMember
from casework.services.retention import anonymise_case
from complaints.models import Complaint
from complaints.workflow import ComplaintState as S
from core import clock
from core.db import session
from core.models import Role
from tests.complaints.consumer_helpers import PDF, counts, filed, upload
from tests.conftest import post_form, sign_in

LINK = re.compile(r"http://localhost(/complaints/\S+\?token=\S+)")


def test_a_lost_link_is_replaced_and_the_old_one_stops_once_the_new_is_used(
    client, db, inbox
) -> None:
    reference, token = filed(client)
    inbox.messages.clear()
    response = post_form(
        client,
        "/complaints/lost-link",
        {"email": "Anna@Example.org ", "reference": reference.lower()},
        follow_redirects=True,
    )
    assert response.status_code == 200
    answer = "If a complaint with this reference was filed with this e-mail address"
    assert answer in response.get_data(as_text=True)
    [mail] = inbox.to("anna@example.org")
    new = LINK.search(mail.get_content()).group(1)
    assert client.get(f"/complaints/{reference}?token={token}").status_code == 200
    assert client.get(new).status_code == 200
    assert client.get(f"/complaints/{reference}?token={token}").status_code == 404
    assert (
        client.get(
            f"/api/v1/complaints/{reference}", headers={"X-Tracking-Token": token}
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    "asked", [{"email": "mallory@example.org"}, {"reference": "C-1999-000001"}]
)
def test_a_lost_link_request_that_matches_nothing_looks_the_same(client, db, inbox, asked) -> None:
    reference, token = filed(client)
    inbox.messages.clear()
    response = post_form(
        client,
        "/complaints/lost-link",
        {"email": "anna@example.org", "reference": reference, **asked},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert (
        "If a complaint with this reference was filed with this e-mail address"
        in response.get_data(as_text=True)
    )
    assert inbox.messages == []
    assert client.get(f"/complaints/{reference}?token={token}").status_code == 200


def test_lost_link_requests_are_limited_per_address(client, db) -> None:
    statuses = [
        post_form(
            client,
            "/complaints/lost-link",
            {"email": "anna@example.org", "reference": f"C-2026-00000{n}"},
        ).status_code
        for n in range(6)
    ]
    assert statuses == [302] * 5 + [429]
    refused = post_form(client, "/complaints/lost-link", {"email": "bad", "reference": "x"})
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "Not an e-mail address." in html and "A reference looks like C-2026-000123." in html


def test_a_signed_in_consumer_lists_and_opens_their_complaints(
    client, db, make_user, inbox
) -> None:
    anna = make_user(Role.CONSUMER, email="anna@example.org")
    anonymous_client = client.application.test_client()
    earlier, _ = filed(anonymous_client)  # filed with the address, before signing in
    sign_in(client, anna)
    mine, _ = filed(client, email="anna.other@example.org", order_number="55")
    listed = client.get("/my/complaints").get_data(as_text=True)
    assert mine in listed and earlier not in listed
    assert client.get(f"/complaints/{mine}").status_code == 200
    assert client.get(f"/complaints/{earlier}").status_code == 404

    post_form(client, "/my/complaints/verify", {})
    [mail] = inbox.to("anna@example.org")[-1:]
    link = re.search(r"http://localhost(/my/complaints/verify/\S+)", mail.get_content())
    assert client.get(link.group(1) + "x").status_code == 302  # a tampered link is refused
    assert earlier not in client.get("/my/complaints").get_data(as_text=True)
    confirmed = client.get(link.group(1), follow_redirects=True).get_data(as_text=True)
    assert "Your e-mail address is confirmed." in confirmed
    assert earlier in confirmed and mine in confirmed
    assert client.get(f"/complaints/{earlier}").status_code == 200


def test_nobody_else_sees_a_complaint_or_its_files(app, client, db, make_user) -> None:
    reference, token = filed(client, [upload(PDF, "receipt.pdf")])
    _other_ref, other_token = filed(app.test_client(), email="bob@example.org", order_number="9")
    complaint = db.scalars(select(Complaint).where(Complaint.reference == reference)).one()
    attachment = db.scalars(select(CaseAttachment)).one()
    page, file = f"/complaints/{reference}", f"/files/case/{attachment.id}"
    assert client.get(f"{page}?token={token}").status_code == 200
    assert client.get(f"{file}?key={token}").status_code == 200

    strangers = {"anonymous": None}
    for role in (
        Role.CONSUMER,
        Role.RIGHTS_HOLDER,
        Role.SELLER,
        Role.OFFICER,
        Role.SUPERVISOR,
        Role.ADMIN,
    ):
        strangers[role.value] = make_user(role)
    addresses = iter(range(1, 100))

    def browser():  # each visitor from an address of its own, as the sign-in limit expects
        visitor = app.test_client()
        visitor.environ_base["REMOTE_ADDR"] = f"10.0.0.{next(addresses)}"
        return visitor

    for who, user in strangers.items():
        visitor = browser()
        if user is not None:
            sign_in(visitor, user)
        files = (file, f"{file}?key={other_token}", f"{file}?key=")
        # Staff who may see the case read its files by casework's rules (checked below).
        for url in (
            page,
            f"{page}?token={other_token}",
            f"{page}?token=",
            *(files if who not in ("supervisor", "admin") else ()),
        ):
            assert visitor.get(url).status_code == 404, (who, url)
        api = visitor.get(
            f"/api/v1/complaints/{reference}", headers={"X-Tracking-Token": other_token}
        )
        assert api.status_code == 404, who

    def staff_sees(user) -> int:
        visitor = browser()
        sign_in(visitor, user)
        case_page = visitor.get(f"/officer/cases/{complaint.id}").status_code
        assert visitor.get(file).status_code == (200 if case_page == 200 else 404), user.role
        return case_page

    assert staff_sees(strangers["supervisor"]) == 200 and staff_sees(strangers["admin"]) == 200
    officer = strangers["officer"]
    assert staff_sees(officer) == 404  # not one of the officers of its queue
    db.add(QueueMember(queue_id=complaint.queue_id, user_id=officer.id))
    db.commit()
    assert staff_sees(officer) == 200
    for role in ("consumer", "rights_holder", "seller"):
        assert staff_sees(strangers[role]) == 403


def test_every_route_answers_a_wrong_token_as_an_unknown_reference(client, db) -> None:
    reference, token = filed(client, [upload(PDF, "receipt.pdf")])
    attachment = db.scalars(select(CaseAttachment)).one()
    client.get("/")  # shows (and so clears) the message after filing
    counted = counts(db)
    for ref, secret in (
        (reference, "rdc_wrong"),
        (reference, ""),
        (reference, token.upper()),
        ("C-1999-000001", token),
    ):
        pages = [
            client.get(f"/complaints/{ref}?token={secret}"),
            client.get(f"/complaints/{ref}/withdraw?token={secret}"),
            client.get(
                f"/files/case/{attachment.id}?key={secret}"
                if ref == reference
                else f"/complaints/{ref}?token={secret}"
            ),
        ]
        pages += [
            post_form(client, f"/complaints/{ref}/{step}", {"token": secret, **data})
            for step, data in (
                ("withdraw", {"confirm": "y"}),
                ("answer", {"answer": "x"}),
                ("feedback", {"rating": "5"}),
                ("evidence", {}),
            )
        ]
        assert {page.status_code for page in pages} == {404}, ref
        assert len({page.get_data(as_text=True).split("<main")[1] for page in pages}) == 1
        headers = {"X-Tracking-Token": secret} if secret else {}
        api = [
            client.get(f"/api/v1/complaints/{ref}", headers=headers),
            client.post(
                f"/api/v1/complaints/{ref}/withdraw", json={"confirm": True}, headers=headers
            ),
            client.post(f"/api/v1/complaints/{ref}/answer", json={"answer": "x"}, headers=headers),
            client.post(f"/api/v1/complaints/{ref}/feedback", json={"rating": 5}, headers=headers),
        ]
        assert [a.status_code for a in api] == [404] * 4
        assert len({str(a.get_json()) for a in api}) == 1
    assert counts(db) == counted
    db.expire_all()
    assert db.scalars(select(Complaint)).one().status == S.SUBMITTED


def test_the_owner_acts_without_the_token_until_anonymised(app, client, db, make_user) -> None:
    sign_in(client, make_user(Role.CONSUMER))
    reference, _ = filed(client)
    done = post_form(client, f"/complaints/{reference}/withdraw", {"confirm": "y"})
    assert done.status_code == 302
    db.expire_all()
    complaint = db.scalars(select(Complaint)).one()
    assert complaint.status == S.WITHDRAWN
    with app.app_context():
        anonymise_case(session.get(Complaint, complaint.id), clock.now())
        session.commit()
    assert reference not in client.get("/my/complaints").get_data(as_text=True)
    assert client.get(f"/complaints/{reference}").status_code == 404
