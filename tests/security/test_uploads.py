"""Upload names read as what they are, and officers' files are judged by their content like
everyone else's: a program named receipt.pdf is refused on the officer's page too."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.models import CaseAttachment
from complaints.models import Complaint
from core.models import Role
from core.uploads import clean_filename
from tests.complaints.consumer_helpers import ELF, PDF, filed, upload
from tests.conftest import post_form, sign_in

# "receipt" + right-to-left override + "fdp.exe": shown as "receiptexe.pdf" by a browser.
DISGUISED = "receipt\u202efdp.exe"


def _attachments(db: Session, reference: str) -> list[CaseAttachment]:
    db.expire_all()
    case_id = db.scalars(select(Complaint.id).where(Complaint.reference == reference)).one()
    return list(db.scalars(select(CaseAttachment).where(CaseAttachment.case_id == case_id)))


def test_names_lose_bidi_overrides_and_control_characters() -> None:
    assert clean_filename(DISGUISED) == "receiptfdp.exe"
    assert clean_filename("bill\u200b\x07\x00 2026\n.pdf") == "bill 2026 .pdf"
    assert clean_filename("../../\u2066etc\u2069/passwd") == "passwd"
    assert clean_filename("\u202e\u200f") == "file"
    assert clean_filename("收据.pdf") == "收据.pdf"


def test_a_consumers_file_is_stored_under_its_clean_name(client: FlaskClient, db: Session) -> None:
    reference, _token = filed(client, [upload(PDF, DISGUISED + "\x07.pdf")])
    [stored] = _attachments(db, reference)
    assert stored.filename == "receiptfdp.exe.pdf"


def test_officer_uploads_are_checked_by_content(
    client: FlaskClient, db: Session, make_user: Any
) -> None:
    reference, _token = filed(client)
    case_id = db.scalars(select(Complaint.id).where(Complaint.reference == reference)).one()
    sign_in(client, make_user(Role.SUPERVISOR))
    url = f"/officer/cases/{case_id}/attachments"

    def attach(content: bytes, name: str, claimed: str) -> Any:
        data = {"file": (upload(content, name)[0], name, claimed)}
        return post_form(client, url, data, content_type="multipart/form-data")

    refused = attach(ELF, "receipt.pdf", "application/pdf")
    assert refused.status_code == 400
    assert "receipt.pdf is not a PDF" in refused.get_data(as_text=True)
    assert _attachments(db, reference) == []
    assert attach(PDF, DISGUISED + ".pdf", "text/html").status_code == 302
    [kept] = _attachments(db, reference)
    assert (kept.filename, kept.content_type) == ("receiptfdp.exe.pdf", "application/pdf")
