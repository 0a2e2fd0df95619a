"""docs/deploy.md's backup and restore, performed: pg_dump of the database and a copy of the file
store, restored into a fresh database and folder; the restored app serves the case and its file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

import core
from core import migrate
from tests.complaints.consumer_helpers import PDF, filed, upload
from tests.conftest import POSTGRES_URL, make_config, temporary_database
from wsgi import PACKAGES


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.mark.skipif(POSTGRES_URL is None, reason="pg_dump needs PostgreSQL (CI requires it)")
def test_a_backup_restores_into_a_fresh_database_and_folder(
    tmp_path: Path, smtp_server: Any
) -> None:
    live, restored = tmp_path / "live", tmp_path / "restored"
    live.mkdir()
    dump = tmp_path / "redress.dump"
    with temporary_database("postgresql", live) as url:
        app = core.create_app(make_config(url, live, smtp_server.port), packages=PACKAGES)
        migrate.upgrade(app.extensions["redress.db"].engine)
        reference, token = filed(app.test_client(), [upload(PDF, "receipt.pdf")])
        app.extensions["redress.db"].engine.dispose()
        subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", _libpq(url)], check=True)
        shutil.copytree(live / "files", restored / "files")  # the files after the dump

    with temporary_database("postgresql", restored) as url:
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={_libpq(url)}", dump], check=True)
        app = core.create_app(make_config(url, restored, smtp_server.port), packages=PACKAGES)
        client = app.test_client()
        assert client.get("/readyz").json["checks"]["migrations"] == "ok"
        page = client.get(f"/complaints/{reference}?token={token}")
        assert page.status_code == 200 and reference in page.get_data(as_text=True)
        link = re.search(r'href="(/files/case/\d+\?key=[^"]+)"', page.get_data(as_text=True))
        assert link is not None
        download = client.get(link.group(1).replace("&amp;", "&"))
        assert download.status_code == 200 and download.data == PDF
        app.extensions["redress.db"].engine.dispose()
