"""Evidence files: on the filing form, from the tracking page and by API; checked by content
before anything is stored, downloadable by the complaint's consumer, and by its seller only when
the consumer agreed to forwarding (staff: tests/complaints/test_consumer_access.py)."""

from __future__ import annotations

from sqlalchemy import select

from casework.models import CaseAttachment, CaseEvent, Visibility
from complaints.models import Complaint
from core.models import Role
from tests.complaints.consumer_helpers import (
    ELF,
    PDF,
    PNG,
    counts,
    file_form,
    filed,
    stored_files,
    upload,
)
from tests.complaints.walk import complaint_of, file, known_seller, seller_secret, step
from tests.conftest import csrf_token, post_form, sign_in

MB = 1024 * 1024


def test_files_sent_with_the_form_are_kept_and_downloadable_by_the_consumer(
    app, client, db
) -> None:
    reference, token = filed(client, [upload(PDF, "receipt.pdf"), upload(PNG, "photo.png")])
    complaint = db.scalars(select(Complaint)).one()
    kept = db.scalars(select(CaseAttachment).order_by(CaseAttachment.id)).all()
    assert [(a.filename, a.content_type) for a in kept] == [
        ("receipt.pdf", "application/pdf"),
        ("photo.png", "image/png"),
    ]
    assert all(a.case_id == complaint.id for a in kept)
    assert {a.sha256 for a in kept} <= stored_files(app)
    events = db.scalars(select(CaseEvent).where(CaseEvent.type == "attachment")).all()
    assert {(e.actor_label, e.visibility) for e in events} == {("consumer", Visibility.PARTIES)}

    page = client.get(f"/complaints/{reference}?token={token}").get_data(as_text=True)
    assert "receipt.pdf" in page and "photo.png" in page
    assert f"/files/case/{kept[0].id}?key={token}" in page  # the one download view
    download = client.get(f"/files/case/{kept[0].id}?key={token}")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.mimetype == "application/pdf"  # as checked by content, to save, not show


def test_a_spoofed_file_stops_the_filing_and_the_form_comes_back_filled(app, client, db) -> None:
    before, files_before = counts(db), stored_files(app)
    response = file_form(client, [upload(PDF, "invoice.pdf"), upload(ELF, "receipt.pdf")])
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="evidence-error">receipt.pdf is not a PDF, JPEG, PNG or WebP file.' in html
    assert 'value="Anna Berg"' in html and 'value="8123456789"' in html
    assert "never arrived and the seller is silent." in html
    assert "please choose your files again" in html
    assert counts(db) == before == (0, 0)
    assert stored_files(app) == files_before


def test_eleven_files_are_refused_with_nothing_stored(app, client, db) -> None:
    files_before = stored_files(app)
    response = file_form(client, [upload(PNG, f"photo-{n}.png") for n in range(11)])
    assert response.status_code == 400
    assert "At most 10 files may be sent." in response.get_data(as_text=True)
    assert counts(db) == (0, 0) and stored_files(app) == files_before


def test_a_50_mb_file_is_refused_with_413_on_the_page(app, client, db) -> None:
    files_before = stored_files(app)
    response = file_form(client, [upload(PDF + b"0" * (50 * MB), "scan.pdf")])
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "scan.pdf is larger than 10 MB." in html and "<html" in html
    assert counts(db) == (0, 0) and stored_files(app) == files_before


def test_a_refused_file_is_explained_in_chinese(client, db) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh"
    response = file_form(client, [upload(ELF, "receipt.pdf")])
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "receipt.pdf 不是 PDF、JPEG、PNG 或 WebP 文件。" in html
    assert "请重新选择文件" in html
    assert counts(db) == (0, 0)


def test_the_consumer_adds_files_from_the_tracking_page(client, db) -> None:
    reference, token = filed(client, [upload(PDF, "receipt.pdf")])
    page = f"/complaints/{reference}?token={token}"
    response = client.post(
        f"/complaints/{reference}/evidence",
        data={
            "csrf_token": csrf_token(client, page),
            "token": token,
            "files": [upload(PNG, "chat.png")],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert "chat.png" in client.get(page).get_data(as_text=True)
    assert counts(db) == (1, 2)

    refused = client.post(
        f"/complaints/{reference}/evidence",
        data={
            "csrf_token": csrf_token(client, page),
            "token": token,
            "files": [upload(ELF, "game.exe.png")],
        },
        content_type="multipart/form-data",
    )
    assert refused.status_code == 400
    assert "game.exe.png is not a PDF, JPEG, PNG or WebP file." in refused.get_data(as_text=True)
    assert counts(db) == (1, 2)


def test_a_complaint_holds_at_most_ten_consumer_files(client, db) -> None:
    reference, token = filed(client, [upload(PNG, f"p{n}.png") for n in range(9)])
    url = f"/api/v1/complaints/{reference}/evidence"
    headers = {"X-Tracking-Token": token}
    two = {"evidence": [upload(PNG, "a.png"), upload(PNG, "b.png")]}
    refused = client.post(url, data=two, headers=headers, content_type="multipart/form-data")
    assert refused.status_code == 422
    assert refused.get_json()["error"]["message"] == (
        "A complaint may have at most 10 evidence files; it has 9."
    )
    assert counts(db) == (1, 9)


def test_evidence_by_api_needs_the_tracking_token(app, client, db) -> None:
    reference, token = filed(client)
    url = f"/api/v1/complaints/{reference}/evidence"
    files_before = stored_files(app)

    def send(headers: dict[str, str], *files: tuple) -> object:
        return client.post(
            url, data={"evidence": list(files)}, headers=headers, content_type="multipart/form-data"
        )

    for headers in ({}, {"X-Tracking-Token": "rdc_wrong"}):
        missing = send(headers, upload(PDF, "receipt.pdf"))
        assert missing.status_code == 404
        assert missing.get_json()["error"]["code"] == "not_found"
    unknown = client.post(
        "/api/v1/complaints/C-1999-000001/evidence",
        data={"evidence": [upload(PDF, "r.pdf")]},
        headers={"X-Tracking-Token": token},
        content_type="multipart/form-data",
    )
    assert unknown.status_code == 404 and unknown.get_json() == missing.get_json()
    assert counts(db) == (1, 0) and stored_files(app) == files_before

    spoofed = send({"X-Tracking-Token": token}, upload(PDF, "ok.pdf"), upload(ELF, "receipt.pdf"))
    assert spoofed.status_code == 422
    assert spoofed.get_json()["error"]["fields"] == {
        "evidence": "receipt.pdf is not a PDF, JPEG, PNG or WebP file."
    }
    assert counts(db) == (1, 0)

    huge = send({"X-Tracking-Token": token}, upload(PDF + b"0" * (50 * MB), "scan.pdf"))
    assert huge.status_code == 413
    assert huge.get_json()["error"] == {
        "code": "too_large",
        "fields": {},
        "message": "scan.pdf is larger than 10 MB.",
    }
    assert counts(db) == (1, 0) and stored_files(app) == files_before

    added = send({"X-Tracking-Token": token}, upload(PDF, "receipt.pdf"))
    assert added.status_code == 201
    assert [f["filename"] for f in added.get_json()["evidence"]] == ["receipt.pdf"]
    assert counts(db) == (1, 1)


def test_no_files_are_added_to_an_ended_complaint(client, db) -> None:
    reference, token = filed(client)
    page = f"/complaints/{reference}?token={token}"
    post_form(client, f"/complaints/{reference}/withdraw", {"token": token, "confirm": "y"})
    assert "Add the files" not in client.get(page).get_data(as_text=True)
    late = client.post(
        f"/api/v1/complaints/{reference}/evidence",
        data={"evidence": [upload(PDF, "late.pdf")]},
        headers={"X-Tracking-Token": token},
        content_type="multipart/form-data",
    )
    assert late.status_code == 409
    assert late.get_json()["error"]["message"] == (
        "This complaint has ended; it cannot be changed any more."
    )
    assert counts(db) == (1, 0)


def test_a_too_large_file_is_explained_in_chinese_by_api(client, db) -> None:
    reference, token = filed(client)
    response = client.post(
        f"/api/v1/complaints/{reference}/evidence",
        data={"evidence": [upload(PDF + b"0" * (11 * MB), "scan.pdf")]},
        headers={"X-Tracking-Token": token, "Accept-Language": "zh"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert response.get_json()["error"]["message"] == "scan.pdf 超过 10 MB。"
    assert counts(db) == (1, 0)


def test_the_seller_reads_the_evidence_only_when_the_consumer_agreed(
    app, client, db, make_user
) -> None:
    known_seller(app)
    officer = app.test_client()
    sign_in(officer, make_user(Role.SUPERVISOR))
    for consented in (True, False):
        reference, token = file(client, consent_forward_to_seller=consented)
        sent = client.post(
            f"/api/v1/complaints/{reference}/evidence",
            data={"evidence": [upload(PDF, f"receipt-{consented}.pdf")]},
            headers={"X-Tracking-Token": token},
            content_type="multipart/form-data",
        )
        assert sent.status_code == 201
        [added] = sent.get_json()["evidence"]
        assert step(officer, complaint_of(db, reference).id, "accept").status_code == 302
        secret = seller_secret(db)
        page = client.get(f"/complaints/seller/{secret}").get_data(as_text=True)
        download = client.get(f"/files/case/{added['id']}?key={secret}")
        if consented:
            assert f"receipt-{consented}.pdf" in page
            assert download.status_code == 200 and download.data == PDF
        else:
            assert "receipt-False.pdf" not in page and download.status_code == 404
        assert client.get(f"/files/case/{added['id']}?key=rds_wrong").status_code == 404
