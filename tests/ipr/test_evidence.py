"""Evidence the decider sees: a notice's files and each listing's, shown to the deciding officer
beside the listing (images inline, other files as downloads) and to the holder on its notice,
added by API per listing; nobody else can fetch them."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core.db import session
from core.models import Role
from ipr.models import FilePurpose, IprFile, Listing
from tests.conftest import post_form, sign_in
from tests.factories import PDF, bearer, listing, make_holder, make_staff, notice_body

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def _upload(client: FlaskClient, url: str, holder: Any, *files: tuple[bytes, str]) -> Any:
    return client.post(
        url,
        headers=bearer(holder),
        data={"files": [(io.BytesIO(content), name) for content, name in files]},
        content_type="multipart/form-data",
    )


def _filed(client: FlaskClient, holder: Any) -> dict[str, Any]:
    filed = client.post(
        "/api/v1/ipr/notices",
        json=notice_body(holder, [listing(1), listing(2)]),
        headers=bearer(holder),
    ).json
    notice_url = f"/api/v1/ipr/notices/{filed['reference']}"
    assert (
        _upload(client, f"{notice_url}/evidence", holder, (PDF, "test-buy.pdf")).status_code == 201
    )
    second = filed["listings"][1]["reference"]
    answer = _upload(
        client, f"{notice_url}/listings/{second}/evidence", holder, (PNG, "photo-of-fake.png")
    )
    assert answer.status_code == 201, answer.json
    return filed


def _listing_evidence(filed: dict[str, Any], reference: str) -> str:
    return f"/api/v1/ipr/notices/{filed['reference']}/listings/{reference}/evidence"


def _file_links(page: str) -> set[str]:
    return set(re.findall(r'(?:href|src)="(/files/ipr/\d+)"', page))


def test_the_deciding_officer_and_the_holder_see_the_evidence(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    holder = ipr["holder"]
    filed = _filed(client, holder)
    second = session.scalar(
        select(Listing).where(Listing.reference == filed["listings"][1]["reference"])
    )
    first = session.scalar(
        select(Listing).where(Listing.reference == filed["listings"][0]["reference"])
    )
    photo = session.scalar(select(IprFile).where(IprFile.filename == "photo-of-fake.png"))
    pdf = session.scalar(select(IprFile).where(IprFile.filename == "test-buy.pdf"))
    assert photo.listing_id == second.id and pdf.notice_id == second.notice_id

    sign_in(client, ipr["officers"][0])
    page = client.get(f"/officer/cases/{second.id}").text
    assert f'<img src="/files/ipr/{photo.id}"' in page  # the image shown inline
    assert f'href="/files/ipr/{pdf.id}"' in page and "test-buy.pdf" in page  # the PDF to download
    other = client.get(f"/officer/cases/{first.id}").text
    assert "photo-of-fake.png" not in other and "test-buy.pdf" in other  # about listing 2 only
    notice_page = client.get(f"/ipr/officer/notices/{filed['reference']}").text
    assert {f"/files/ipr/{photo.id}", f"/files/ipr/{pdf.id}"} <= _file_links(notice_page)
    assert client.get(f"/files/ipr/{photo.id}").data == PNG
    assert client.get(f"/files/ipr/{pdf.id}").data == PDF

    sign_in(client, holder.user)
    own = client.get(f"/ipr/notices/{filed['reference']}").text
    assert {f"/files/ipr/{photo.id}", f"/files/ipr/{pdf.id}"} <= _file_links(own)
    assert client.get(f"/files/ipr/{photo.id}").status_code == 200


def test_nobody_else_can_fetch_the_evidence(client: FlaskClient, ipr: dict[str, Any]) -> None:
    holder = ipr["holder"]
    filed = _filed(client, holder)
    ids = list(session.scalars(select(IprFile.id).where(IprFile.purpose == "evidence")))
    assert len(ids) == 2
    for outsider in (make_holder("Other Brand Ltd.", "OTHERMARK").user, make_staff(Role.OFFICER)):
        sign_in(client, outsider)
        for file_id in ids:
            assert client.get(f"/files/ipr/{file_id}").status_code == 404, outsider.role
    other = make_holder("Third Brand Ltd.", "THIRDMARK")
    url = _listing_evidence(filed, filed["listings"][0]["reference"])
    answer = _upload(client, url, other, (PDF, "mine.pdf"))
    assert answer.status_code == 404  # another holder's notice is as good as absent
    wrong = _upload(client, _listing_evidence(filed, "IP-2026-999999-001"), holder, (PDF, "x.pdf"))
    assert wrong.status_code == 404


def test_a_refused_or_eleventh_file_keeps_nothing(client: FlaskClient, ipr: dict[str, Any]) -> None:
    holder = ipr["holder"]
    filed = client.post(
        "/api/v1/ipr/notices", json=notice_body(holder, [listing(1)]), headers=bearer(holder)
    ).json
    url = _listing_evidence(filed, filed["listings"][0]["reference"])
    spoofed = _upload(client, url, holder, (PDF, "ok.pdf"), (b"MZ\x90\x00program", "photo.png"))
    assert spoofed.status_code == 422
    assert session.scalar(select(IprFile.id).where(IprFile.listing_id.is_not(None))) is None
    assert _upload(client, url, holder, *[(PDF, f"{n}.pdf") for n in range(10)]).status_code == 201
    assert _upload(client, url, holder, (PDF, "eleventh.pdf")).status_code == 422


def test_a_file_has_one_owner_after_the_migration(client: FlaskClient, ipr: dict[str, Any]) -> None:
    holder = ipr["holder"]
    filed = client.post(
        "/api/v1/ipr/notices", json=notice_body(holder, [listing(1)]), headers=bearer(holder)
    ).json
    found = session.scalar(
        select(Listing).where(Listing.reference == filed["listings"][0]["reference"])
    )
    both = IprFile(
        purpose=FilePurpose.EVIDENCE,
        notice_id=found.notice_id,
        listing_id=found.id,
        filename="x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )
    session.add(both)
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def _web_upload(client: FlaskClient, url: str, *files: tuple[bytes, str]) -> Any:
    data = {"files": [(io.BytesIO(content), name) for content, name in files]}
    return post_form(client, url, data, content_type="multipart/form-data")


def test_the_holder_adds_evidence_to_one_listing_on_the_web(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    holder = ipr["holder"]
    filed = client.post(
        "/api/v1/ipr/notices",
        json=notice_body(holder, [listing(1), listing(2)]),
        headers=bearer(holder),
    ).json
    first, second = (item["reference"] for item in filed["listings"])
    sign_in(client, holder.user)
    notice_page = client.get(f"/ipr/notices/{filed['reference']}").text
    url = f"/ipr/listings/{second}/evidence"
    assert f'href="{url}"' in notice_page  # each listing has its own way to add evidence
    assert "Evidence about" in client.get(url).text

    # A file that is not what its name says refuses them all, and says which and why.
    refused = _web_upload(client, url, (PDF, "ok.pdf"), (b"MZ\x90\x00program", "photo.png"))
    assert refused.status_code == 400, refused.text
    assert "photo.png" in refused.text and "Please correct the fields marked below." in refused.text
    assert "please choose your files again" in refused.text
    assert 'aria-invalid="true"' in refused.text
    assert session.scalar(select(IprFile.id).where(IprFile.listing_id.is_not(None))) is None
    nothing = _web_upload(client, url)
    assert nothing.status_code == 400 and "Choose at least one file." in nothing.text

    added = _web_upload(client, url, (PNG, "photo-of-fake.png"), (PDF, "test-buy.pdf"))
    assert added.status_code == 302
    shown = client.get(added.headers["Location"]).text
    assert "2 files added to " + second in shown
    kept = list(session.scalars(select(IprFile).where(IprFile.listing_id.is_not(None))))
    assert sorted(f.filename for f in kept) == ["photo-of-fake.png", "test-buy.pdf"]
    assert {f"/files/ipr/{f.id}" for f in kept} <= _file_links(shown)

    # The deciding officer sees them beside that listing only.
    sign_in(client, ipr["officers"][0])
    listings = {
        item.reference: item
        for item in session.scalars(select(Listing).where(Listing.reference.in_((first, second))))
    }
    page = client.get(f"/officer/cases/{listings[second].id}").text
    photo = next(f for f in kept if f.filename == "photo-of-fake.png")
    assert f'<img src="/files/ipr/{photo.id}"' in page
    assert "photo-of-fake.png" not in client.get(f"/officer/cases/{listings[first].id}").text


def test_another_holder_cannot_add_evidence_to_a_listing(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    holder = ipr["holder"]
    filed = client.post(
        "/api/v1/ipr/notices", json=notice_body(holder, [listing(1)]), headers=bearer(holder)
    ).json
    url = f"/ipr/listings/{filed['listings'][0]['reference']}/evidence"
    sign_in(client, make_holder("Other Brand Ltd.", "OTHERMARK").user)
    assert client.get(url).status_code == 404
    assert _web_upload(client, url, (PDF, "mine.pdf")).status_code == 404
    assert session.scalar(select(IprFile.id).where(IprFile.listing_id.is_not(None))) is None
