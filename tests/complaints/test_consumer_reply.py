"""The consumer answers an officer's question from the tracking page, with files: the answer and
the files land on the case's timeline, which officers read, and the complaint goes back to them."""

from __future__ import annotations

from sqlalchemy import select

from casework.models import CaseAttachment, CaseEvent
from complaints.models import Complaint
from complaints.workflow import ComplaintState as S
from core.models import Role
from tests.complaints.consumer_helpers import ELF, PDF, counts, filed, upload
from tests.complaints.walk import officer_step
from tests.conftest import csrf_token, sign_in


def _answer(client, reference: str, token: str, text: str, files) -> object:
    page = f"/complaints/{reference}?token={token}"
    return client.post(
        f"/complaints/{reference}/answer",
        data={
            "csrf_token": csrf_token(client, page),
            "token": token,
            "answer": text,
            "answer_files": files,
        },
        content_type="multipart/form-data",
    )


def test_the_answer_with_a_file_reaches_the_officers(app, client, db, make_user) -> None:
    reference, token = filed(client)
    officer = make_user(Role.SUPERVISOR)
    officer_step(app, officer, reference, S.AWAITING_CONSUMER, "Please send the delivery note.")
    html = client.get(f"/complaints/{reference}?token={token}").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html and "Files with your answer" in html

    sent = _answer(client, reference, token, "Here it is.", [upload(PDF, "delivery-note.pdf")])
    assert sent.status_code == 302
    db.expire_all()
    complaint = db.scalars(select(Complaint)).one()
    assert complaint.status == S.SUBMITTED
    [kept] = db.scalars(select(CaseAttachment)).all()
    assert kept.filename == "delivery-note.pdf"
    event = db.get(CaseEvent, kept.event_id)
    assert event.actor_label == "consumer"

    staff = app.test_client()
    sign_in(staff, officer)
    case_page = staff.get(f"/officer/cases/{complaint.id}").get_data(as_text=True)
    assert "Here it is." in case_page and "delivery-note.pdf" in case_page


def test_a_refused_file_refuses_the_answer_and_keeps_the_text(app, client, db, make_user) -> None:
    reference, token = filed(client)
    officer_step(app, make_user(Role.SUPERVISOR), reference, S.AWAITING_CONSUMER, "Which one?")
    refused = _answer(client, reference, token, "The black one.", [upload(ELF, "photo.png")])
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "photo.png is not a PDF, JPEG, PNG or WebP file." in html
    assert "The black one.</textarea>" in html
    assert html.count('id="files"') == 1 and 'id="answer_files"' in html
    assert "please choose your files again" in html
    db.expire_all()
    assert db.scalars(select(Complaint)).one().status == S.AWAITING_CONSUMER
    assert counts(db) == (1, 0)
