"""Filing on the web form: every field refused over its limit with nothing stored, a second send
of the same form files nothing new, likely duplicates are filed and flagged to officers."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from casework.models import CaseEvent, Visibility
from complaints.models import Complaint, DuplicateFlag
from core import clock
from core.models import Role
from tests.complaints.consumer_helpers import (
    FORM,
    PDF,
    api_complaint,
    counts,
    file_form,
    filed,
    upload,
)
from tests.conftest import csrf_token, sign_in

TOO_LONG = [
    ("name", "x" * 201),
    ("email", "a" * 250 + "@example.org"),
    ("email", "not an address"),
    ("phone", "1" * 41),
    ("country", "DEU"),
    ("country", "1"),
    ("platform", "p" * 81),
    ("seller_name", "s" * 201),
    ("shop_url", "https://x.example/" + "u" * 490),
    ("product", "p" * 201),
    ("order_number", "1" * 101),
    ("purchase_date", "yesterday"),
    ("amount", "forty"),
    ("amount", "99999999999"),
    ("amount", "-3"),
    ("currency", "EURO"),
    ("description", "too short"),
    ("description", "d" * 5001),
    ("desired_resolution", "cash"),
    ("name", "Anna\x07Berg"),
    # What users would otherwise be surprised to see filed:
    ("purchase_date", "2030-01-01"),  # in the future
    ("amount", "0"),  # nothing paid
    ("amount", "1e3"),  # not taken as 1000
    ("country", "XX"),  # two letters, but no country
    ("currency", "ABC"),  # three letters, but no currency
]


@pytest.mark.parametrize(
    ("field", "value"), TOO_LONG, ids=[f"{f}-{i}" for i, (f, _) in enumerate(TOO_LONG)]
)
def test_each_field_is_refused_next_to_it_and_nothing_is_stored(
    app, client, db, field, value
) -> None:
    response = file_form(client, [upload(PDF, "receipt.pdf")], **{field: value})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    error = re.search(rf'<p class="error" id="{field}-error">([^<]+)</p>', html)
    assert error and error.group(1).strip(), html
    assert "please choose your files again" in html  # the file was fine but is not kept
    assert counts(db) == (0, 0)


def test_a_field_error_in_chinese(client, db) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh"
    response = file_form(client, description="太短了")
    assert response.status_code == 400
    assert "请更正下面标出的字段。" in response.get_data(as_text=True)
    assert counts(db) == (0, 0)


def test_a_future_date_is_explained_in_chinese_and_the_form_comes_back_filled(client, db) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh"
    response = file_form(client, purchase_date="2030-01-01", country="XX")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and counts(db) == (0, 0)
    assert "购买日期不能晚于今天。" in html and "XX 不是国家代码" in html
    assert 'value="2030-01-01"' in html and 'value="Anna Berg"' in html


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"purchase_date": "2030-01-01"}, "purchase_date"),
        ({"amount": "0"}, "amount"),
        ({"amount": "1e3"}, "amount"),
        ({"currency": "ABC"}, "currency"),
        ({"consumer": {"name": "A", "email": "a@example.org", "country": "XX"}}, "country"),
    ],
)
def test_the_api_refuses_the_same_surprises(client, db, changes, field) -> None:
    answer = client.post("/api/v1/complaints", json=api_complaint(**changes))
    assert answer.status_code == 422 and field in str(answer.get_json())
    assert counts(db) == (0, 0)


def test_a_second_send_of_the_same_form_files_nothing(client, db, inbox) -> None:
    page = client.get("/complaints/new").get_data(as_text=True)
    submission = re.search(r'id="submission" name="submission" type="hidden" value="([^"]+)"', page)
    assert submission, page
    data = {**FORM, "csrf_token": csrf_token(client), "submission": submission.group(1)}
    first = client.post("/complaints/new", data=data)
    assert first.status_code == 302
    reference = db.scalars(select(Complaint)).one().reference

    again = client.post("/complaints/new", data=data)
    assert again.status_code == 409
    html = again.get_data(as_text=True)
    assert "You sent this form before, so we did not file it a second time." in html
    assert reference in html
    assert counts(db) == (1, 0)
    assert len(inbox.to("anna@example.org")) == 1

    fresh = re.search(
        r'name="submission" type="hidden" value="([^"]+)"',
        client.get("/complaints/new").get_data(as_text=True),
    )
    assert fresh and fresh.group(1) != submission.group(1)


def flags(db) -> list[tuple[str, str, str]]:
    db.expire_all()
    return [
        (
            db.get(Complaint, f.complaint_id).reference,
            db.get(Complaint, f.duplicate_of_id).reference,
            f.reason,
        )
        for f in db.scalars(select(DuplicateFlag))
    ]


def test_same_email_and_order_is_filed_and_flagged_to_the_officer(client, db, make_user) -> None:
    first, _ = filed(client)
    second, _ = filed(
        client, description="Earbuds never delivered; I paid and got nothing at all from this shop."
    )
    assert counts(db)[0] == 2
    assert flags(db) == [(second, first, "email_order")]
    note = db.scalars(select(CaseEvent).where(CaseEvent.type == "possible_duplicate")).one()
    assert note.visibility == Visibility.INTERNAL and note.after == first
    assert "Same e-mail address and order number as" in note.body

    sign_in(client, make_user(Role.SUPERVISOR))
    case_id = db.scalar(select(Complaint.id).where(Complaint.reference == second))
    html = client.get(f"/officer/cases/{case_id}").get_data(as_text=True)
    assert (
        "possible duplicate" in html.lower()
        and f"Same e-mail address and order number as {first}" in html
    )
    assert re.search(rf"duplicate: <a [^>]+>{first}</a>", html)


def test_near_identical_text_from_another_address_is_flagged(client, db) -> None:
    first, _ = filed(client, order_number="")
    second, _ = filed(
        client,
        email="someone.else@example.org",
        order_number="",
        description=FORM["description"].replace("silent.", "silent!"),
    )
    assert flags(db) == [(second, first, "text")]


def test_older_or_different_complaints_are_not_flagged(client, db) -> None:
    filed(client)
    clock.set_now(clock.now() + timedelta(days=31))
    filed(client)
    filed(
        client,
        email="other@example.org",
        order_number="777",
        description="The blender arrived broken and the shop refuses to replace it.",
    )
    assert counts(db)[0] == 3 and flags(db) == []
