"""The tracking page and API: messages and questions for the consumer, answering, withdrawing
with a confirmation, and rating the outcome once within 60 days."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from casework.models import CaseEvent
from complaints.models import Complaint, ComplaintFeedback
from complaints.workflow import ComplaintState as S
from core import clock
from core.models import Role
from tests.complaints.consumer_helpers import filed
from tests.complaints.walk import officer_step
from tests.conftest import csrf_token, post_form, sign_in


def feedback_count(db) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(ComplaintFeedback))


def test_the_consumer_sees_messages_for_them_but_not_internal_notes(
    app, client, db, make_user
) -> None:
    reference, token = filed(client)
    staff = app.test_client()
    sign_in(staff, make_user(Role.SUPERVISOR))
    case_id = db.scalar(select(Complaint.id))
    post_form(
        staff,
        f"/officer/cases/{case_id}/messages",
        {"to": "consumer", "body": "We have written to the seller for you."},
    )
    post_form(
        staff,
        f"/officer/cases/{case_id}/messages",
        {"to": "seller", "body": "Please answer the consumer."},
    )
    post_form(
        staff, f"/officer/cases/{case_id}/notes", {"body": "Internal: consumer seems reliable."}
    )
    page = client.get(f"/complaints/{reference}?token={token}").get_data(as_text=True)
    assert "We have written to the seller for you." in page
    assert "consumer seems reliable" not in page and "Please answer the consumer" not in page
    shown = client.get(
        f"/api/v1/complaints/{reference}", headers={"X-Tracking-Token": token}
    ).get_json()
    assert [m["body"] for m in shown["messages"]] == ["We have written to the seller for you."]


def test_the_consumer_answers_a_question_and_the_complaint_goes_back(
    app, client, db, make_user
) -> None:
    reference, token = filed(client)
    officer = make_user(Role.SUPERVISOR)
    officer_step(app, officer, reference, S.AWAITING_CONSUMER, "Which colour did you order?")
    page = f"/complaints/{reference}?token={token}"
    html = client.get(page).get_data(as_text=True)
    assert "The officers need more information" in html and "Which colour did you order?" in html

    blank = post_form(client, f"/complaints/{reference}/answer", {"token": token, "answer": " "})
    assert blank.status_code == 400 and "Write your answer first." in blank.get_data(as_text=True)
    response = post_form(
        client, f"/complaints/{reference}/answer", {"token": token, "answer": "Black, size M."}
    )
    assert response.status_code == 302
    db.expire_all()
    complaint = db.scalars(select(Complaint)).one()
    assert complaint.status == S.SUBMITTED
    answer = db.scalars(
        select(CaseEvent).where(CaseEvent.actor_label == "consumer", CaseEvent.type == "transition")
    ).one()
    assert answer.body == "Black, size M." and answer.after == S.SUBMITTED
    assert "Black, size M." in client.get(page).get_data(as_text=True)

    again = post_form(client, f"/complaints/{reference}/answer", {"token": token, "answer": "x"})
    assert again.status_code == 400
    assert "No question is waiting for your answer." in again.get_data(as_text=True)


def test_withdrawing_asks_for_confirmation_first(client, db) -> None:
    reference, token = filed(client)
    confirm_page = client.get(f"/complaints/{reference}/withdraw?token={token}")
    assert confirm_page.status_code == 200
    assert "cannot be reopened" in confirm_page.get_data(as_text=True)
    unconfirmed = post_form(client, f"/complaints/{reference}/withdraw", {"token": token})
    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm" in unconfirmed.get_data(as_text=True)
    assert db.scalars(select(Complaint)).one().status == S.SUBMITTED

    done = post_form(client, f"/complaints/{reference}/withdraw", {"token": token, "confirm": "y"})
    assert done.status_code == 302
    db.expire_all()
    assert db.scalars(select(Complaint)).one().status == S.WITHDRAWN
    html = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Your complaint is withdrawn." in html and "Withdraw the complaint" not in html


def test_withdrawing_an_ended_complaint_is_refused(app, client, db, make_user) -> None:
    reference, token = filed(client)
    officer = make_user(Role.SUPERVISOR)
    officer_step(app, officer, reference, S.REJECTED, "Out of scope.")
    response = post_form(
        client, f"/complaints/{reference}/withdraw", {"token": token, "confirm": "y"}
    )
    assert response.status_code == 400
    assert "This complaint has ended; it cannot be changed any more." in response.get_data(
        as_text=True
    )
    api = client.post(
        f"/api/v1/complaints/{reference}/withdraw",
        json={"confirm": True},
        headers={"X-Tracking-Token": token},
    )
    assert api.status_code == 409
    db.expire_all()
    assert db.scalars(select(Complaint)).one().status == S.REJECTED


def test_feedback_once_within_60_days_of_the_end(app, client, db, make_user) -> None:
    reference, token = filed(client)
    page = f"/complaints/{reference}?token={token}"
    assert "How did it go?" not in client.get(page).get_data(as_text=True)
    early = post_form(client, f"/complaints/{reference}/feedback", {"token": token, "rating": "4"})
    assert early.status_code == 400
    assert "Feedback opens when the complaint has ended." in early.get_data(as_text=True)

    officer = make_user(Role.SUPERVISOR)
    officer_step(app, officer, reference, S.REJECTED, "Handled elsewhere.")
    assert "How did it go?" in client.get(page).get_data(as_text=True)
    bad = post_form(client, f"/complaints/{reference}/feedback", {"token": token, "rating": "9"})
    assert bad.status_code == 400 and feedback_count(db) == 0
    given = post_form(
        client,
        f"/complaints/{reference}/feedback",
        {"token": token, "rating": "2", "comment": "Too slow."},
    )
    assert given.status_code == 302
    feedback = db.scalars(select(ComplaintFeedback)).one()
    assert (feedback.rating, feedback.comment) == (2, "Too slow.")
    assert "Your rating: 2 of 5." in client.get(page).get_data(as_text=True)
    staff = app.test_client()  # the officers read the rating on the case page
    sign_in(staff, officer)
    case_page = staff.get(f"/officer/cases/{feedback.complaint_id}").get_data(as_text=True)
    assert "2 of 5" in case_page and "Too slow." in case_page

    twice = post_form(client, f"/complaints/{reference}/feedback", {"token": token, "rating": "5"})
    assert twice.status_code == 400
    assert "You have already given your feedback" in twice.get_data(as_text=True)
    api = client.post(
        f"/api/v1/complaints/{reference}/feedback",
        json={"rating": 5},
        headers={"X-Tracking-Token": token},
    )
    assert api.status_code == 409 and feedback_count(db) == 1


def test_feedback_after_60_days_is_refused(app, client, db, make_user) -> None:
    reference, token = filed(client)
    officer = make_user(Role.SUPERVISOR)
    officer_step(app, officer, reference, S.REJECTED, "Not a consumer dispute.")
    clock.set_now(clock.now() + timedelta(days=61))
    assert "How did it go?" not in client.get(f"/complaints/{reference}?token={token}").get_data(
        as_text=True
    )
    late = client.post(
        f"/api/v1/complaints/{reference}/feedback",
        json={"rating": 3, "comment": None},
        headers={"X-Tracking-Token": token},
    )
    assert late.status_code == 409
    assert late.get_json()["error"]["message"] == (
        "Feedback closed 60 days after the complaint ended."
    )
    assert feedback_count(db) == 0


def test_the_api_answers_withdraws_and_validates(app, client, db, make_user) -> None:
    reference, token = filed(client)
    headers = {"X-Tracking-Token": token}
    url = f"/api/v1/complaints/{reference}"
    officer = make_user(Role.SUPERVISOR)
    officer_step(app, officer, reference, S.AWAITING_CONSUMER, "Send the order number.")
    shown = client.get(url, headers=headers).get_json()
    assert shown["can_answer"] and shown["question"] == "Send the order number."
    for body in ({"answer": 5}, {"answer": "x" * 5001}, {"answer": "ok", "extra": 1}, {}):
        refused = client.post(f"{url}/answer", json=body, headers=headers)
        assert refused.status_code == 422, body
    answered = client.post(f"{url}/answer", json={"answer": "8123456789"}, headers=headers)
    assert answered.status_code == 200 and answered.get_json()["status"] == "submitted"
    assert (
        client.post(f"{url}/withdraw", json={"confirm": "yes"}, headers=headers).status_code == 422
    )
    withdrawn = client.post(f"{url}/withdraw", json={"confirm": True}, headers=headers)
    assert withdrawn.status_code == 200 and withdrawn.get_json()["status"] == "withdrawn"
    assert client.post(f"{url}/feedback", json={"rating": "5"}, headers=headers).status_code == 422
    assert client.post(f"{url}/feedback", json={"rating": 5}, headers=headers).status_code == 201


def test_actions_carry_the_token_in_the_form_and_need_csrf(client, db) -> None:
    reference, token = filed(client)
    page = f"/complaints/{reference}?token={token}"
    html = client.get(page).get_data(as_text=True)
    assert f'name="token" type="hidden" value="{token}"' in html
    no_csrf = client.post(
        f"/complaints/{reference}/withdraw", data={"token": token, "confirm": "y"}
    )
    assert no_csrf.status_code == 400
    in_url_only = client.post(
        f"/complaints/{reference}/withdraw?token={token}",
        data={"csrf_token": csrf_token(client), "confirm": "y"},
    )
    assert in_url_only.status_code == 404
    db.expire_all()
    assert db.scalars(select(Complaint)).one().status == S.SUBMITTED


def test_the_tracking_page_speaks_chinese(client, db) -> None:
    reference, token = filed(client)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh"
    html = client.get(f"/complaints/{reference}?token={token}").get_data(as_text=True)
    assert "证据文件" in html and "撤回投诉" in html and "添加文件" in html
    refused = post_form(
        client, f"/complaints/{reference}/feedback", {"token": token, "rating": "5"}
    )
    assert refused.status_code == 400
    assert "投诉结束后才能评价。" in refused.get_data(as_text=True)
