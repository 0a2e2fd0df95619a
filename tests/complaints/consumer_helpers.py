"""Shared by the consumer-side tests: a valid filing form, small real files, counters."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casework.models import CaseAttachment
from complaints.models import Complaint
from tests.conftest import csrf_token

FORM = {
    "name": "Anna Berg",
    "email": "anna@example.org",
    "country": "DE",
    "platform": "AliExpress",
    "seller_name": "Shenzhen Bright Store",
    "product": "wireless earbuds",
    "amount": "49.99",
    "currency": "EUR",
    "order_number": "8123456789",
    "description": "The wireless earbuds I ordered never arrived and the seller is silent.",
    "desired_resolution": "refund",
    "consent_forward_to_seller": "y",
    "website": "",
}
TEXT = (
    "I ordered wireless earbuds on AliExpress, order 8123456789, paid 49.99 EUR to "
    "Shenzhen Bright Store and they never arrived. The seller does not answer."
)


def api_complaint(**changes: Any) -> dict[str, Any]:
    """The API example of DESIGN.md section 8, with `changes`."""
    body: dict[str, Any] = {
        "consumer": {
            "name": "Anna Berg",
            "email": "anna@example.org",
            "phone": None,
            "country": "DE",
        },
        "platform": "AliExpress",
        "seller": {"name": "Shenzhen Bright Store", "shop_url": None, "platform_seller_id": None},
        "product": "wireless earbuds",
        "order_number": "8123456789",
        "purchase_date": "2026-01-15",  # before every date the tests set the clock to
        "amount": "49.99",
        "currency": "EUR",
        "description": TEXT,
        "desired_resolution": "refund",
        "consent_forward_to_seller": True,
        "seller_first": False,
        "consent_publish_narrative": False,
        "consent_share_with_rights_holder": False,
        "language": "en",
    }
    body.update(changes)
    return body


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64


def upload(content: bytes, name: str) -> tuple[BytesIO, str]:
    return BytesIO(content), name


def file_form(
    client: FlaskClient, files: list[tuple[BytesIO, str]] | None = None, **changes: Any
) -> Any:
    """Send the filing form (multipart, as the page does) with `files` as evidence."""
    data: dict[str, Any] = {"csrf_token": csrf_token(client, "/complaints/new"), **FORM, **changes}
    if files:
        data["evidence"] = files
    return client.post("/complaints/new", data=data, content_type="multipart/form-data")


def filed(
    client: FlaskClient, files: list[tuple[BytesIO, str]] | None = None, **changes: Any
) -> tuple[str, str]:
    """File through the form; the reference and tracking token from the redirect."""
    response = file_form(client, files, **changes)
    assert response.status_code == 302, response.get_data(as_text=True)
    path, query = response.headers["Location"].split("?token=")
    return path.rsplit("/", 1)[1], query


def counts(db: Session) -> tuple[int, int]:
    """Complaints and attachments stored."""
    db.expire_all()
    return (
        db.scalar(select(func.count()).select_from(Complaint)),
        db.scalar(select(func.count()).select_from(CaseAttachment)),
    )


def stored_files(app: Flask) -> set[str]:
    folder = Path(app.instance_path) / "files"  # core.files: <2 hex>/<sha256>
    return {path.name for path in folder.glob("*/*")} if folder.exists() else set()
