"""The seller answers with files of its own through its secret link: a refused file refuses the
whole answer and keeps the text; accepted files are on the seller's page, the consumer's tracking
page and the case, downloadable by both parties."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from casework.models import CaseAttachment
from core.models import Role
from tests.complaints.consumer_helpers import ELF, PDF, PNG, upload
from tests.complaints.walk import complaint_of, file, known_seller, seller_secret, step
from tests.conftest import csrf_token, sign_in


def _answer(client, secret: str, text: str, files) -> object:
    return client.post(
        f"/complaints/seller/{secret}/answer",
        data={
            "csrf_token": csrf_token(client, f"/complaints/seller/{secret}"),
            "text": text,
            "files": files,
        },
        content_type="multipart/form-data",
    )


def _attachments(db) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(CaseAttachment))


def test_a_seller_answers_with_its_own_files(app, client, db, make_user) -> None:
    known_seller(app)
    officer = app.test_client()
    sign_in(officer, make_user(Role.SUPERVISOR))
    reference, token = file(client)
    assert step(officer, complaint_of(db, reference).id, "accept").status_code == 302
    secret = seller_secret(db)
    seller = app.test_client()

    refused = _answer(seller, secret, "Shipped on 5 March.", [upload(ELF, "label.pdf")])
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "label.pdf is not a PDF" in html and "Shipped on 5 March." in html
    assert 'id="answer-files"' in html and 'aria-invalid="true"' in html
    assert complaint_of(db, reference).status == "awaiting_seller" and _attachments(db) == 0

    sent = _answer(
        seller, secret, "Shipped on 5 March.", [upload(PDF, "label.pdf"), upload(PNG, "box.png")]
    )
    assert sent.status_code == 302
    assert complaint_of(db, reference).status == "mediation"
    page = seller.get(f"/complaints/seller/{secret}").get_data(as_text=True)
    mine = page.split("Your files", 1)[1]
    assert "label.pdf" in mine and "box.png" in mine

    tracking = client.get(f"/complaints/{reference}?token={token}").get_data(as_text=True)
    assert "label.pdf" in tracking and "box.png" in tracking
    ids = re.findall(r"/files/case/(\d+)\?key=", page)
    assert ids
    for file_id in ids:
        assert seller.get(f"/files/case/{file_id}?key={secret}").status_code == 200
        assert client.get(f"/files/case/{file_id}?key={token}").status_code == 200


def test_a_seller_sees_its_own_files_but_not_evidence_without_consent(
    app, client, db, make_user
) -> None:
    known_seller(app)
    officer = app.test_client()
    sign_in(officer, make_user(Role.SUPERVISOR))
    reference, token = file(client, consent_forward_to_seller=False)
    client.post(
        f"/api/v1/complaints/{reference}/evidence",
        data={"evidence": [upload(PDF, "receipt.pdf")]},
        headers={"X-Tracking-Token": token},
        content_type="multipart/form-data",
    )
    assert step(officer, complaint_of(db, reference).id, "accept").status_code == 302
    secret = seller_secret(db)
    seller = app.test_client()
    assert (
        _answer(seller, secret, "Here is the proof.", [upload(PDF, "proof.pdf")]).status_code == 302
    )
    page = seller.get(f"/complaints/seller/{secret}").get_data(as_text=True)
    assert "proof.pdf" in page and "receipt.pdf" not in page


def test_a_file_over_the_limit_gives_the_seller_its_answer_back(app, client, db, make_user) -> None:
    known_seller(app)
    officer = app.test_client()
    sign_in(officer, make_user(Role.SUPERVISOR))
    reference, _token = file(client)
    assert step(officer, complaint_of(db, reference).id, "accept").status_code == 302
    secret = seller_secret(db)
    seller = app.test_client()
    big = PDF + b"0" * (10 * 1024 * 1024)
    refused = _answer(seller, secret, "Shipped on 5 March.", [upload(big, "scan.pdf")])
    html = refused.get_data(as_text=True)
    assert refused.status_code == 413
    assert "scan.pdf is larger than 10 MB." in html and "Shipped on 5 March." in html
    assert re.search(r'<p class="error" id="answer-files-error">scan.pdf is larger', html)
    assert complaint_of(db, reference).status == "awaiting_seller" and _attachments(db) == 0
