"""IPR files go out through core's one download view, under ipr's one reading rule: the holder's
own organisation, the staff who work on the listing, the seller with its secret link."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from core import clock
from core.db import session
from core.files import open_content
from core.models import AuditEvent, Role
from ipr.models import IprFile
from tests.conftest import sign_in
from tests.factories import (
    PDF,
    file_by_link,
    forward,
    make_holder,
    make_staff,
    seller_link,
    shanghai,
    taken_down,
)


def test_one_download_path_reads_by_one_rule(ipr: dict[str, Any], client: FlaskClient) -> None:
    clock.set_now(shanghai("2026-03-02 10:00"))
    case = taken_down(ipr)
    link = seller_link(case)
    assert file_by_link(client, link).status_code == 302
    evidence = session.scalars(select(IprFile).where(IprFile.counter_notice_id.is_not(None))).one()
    url = f"/files/ipr/{evidence.id}"

    secret = link.rsplit("/", 1)[1]
    by_link = client.get(url, query_string={"key": secret})
    assert by_link.status_code == 200 and by_link.data == PDF  # the seller, by its link
    assert client.get(url).status_code == 404  # no account, no link
    assert client.get(url, query_string={"key": "rds_not-a-real-link"}).status_code == 404

    forward(client, ipr["officers"][0], case)  # signs the officer in
    assert client.get(url).status_code == 200  # an officer of the IPR queue
    assert (
        session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "personal_data.read",
                AuditEvent.target == f"ipr_file:{evidence.id}",
            )
        ).first()
        is not None
    )
    client.post("/sign-out")

    sign_in(client, ipr["holder"].user)
    page = client.get(f"/ipr/dashboard/listings/{case.id}")
    assert url in page.text and client.get(url).status_code == 200  # the holder's own
    client.post("/sign-out")

    sign_in(client, make_holder("Other Brand Ltd.", "OTHERMARK").user)
    assert client.get(url).status_code == 404  # another holder: as good as absent
    client.post("/sign-out")
    sign_in(client, make_staff(Role.OFFICER, "Outside Officer"))
    assert client.get(url).status_code == 404  # an officer outside the IPR queue


def test_files_kept_before_the_file_store_move_into_it(app: Flask) -> None:
    old = Path(app.instance_path) / "ipr_files"
    old.mkdir(parents=True, exist_ok=True)
    content = b"%PDF-1.4 an old certificate"
    digest = hashlib.sha256(content).hexdigest()
    (old / digest).write_bytes(content)
    (old / ("0" * 64)).write_bytes(b"not what its name says")
    result = app.test_cli_runner().invoke(args=["ipr", "move-to-file-store"])
    assert "1 IPR files moved" in result.output
    with app.app_context(), open_content(digest) as moved:
        assert moved.read() == content
    assert sorted(path.name for path in old.iterdir()) == ["0" * 64]
