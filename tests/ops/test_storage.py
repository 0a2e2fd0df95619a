"""The one file store on its two backends: a local folder (any folder, never inside the web root)
and an S3-compatible bucket (moto's real HTTP server). Each runs on SQLite and PostgreSQL through
the `app` fixture; downloads always stream through Redress's view and its reading rule."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import boto3
import pytest
from flask import Flask

import core
from core import clock
from core.config import PROJECT_ROOT
from core.files import FileSource, register_file_source, store_content, sweep_files
from core.storage import LocalStore, S3Store, StorageError, store_from_url
from tests.conftest import make_config
from wsgi import PACKAGES

ROWS: dict[int, Any] = {}


@pytest.fixture
def probe(app: Flask) -> Iterator[dict[int, Any]]:
    """A file source of the test's own: readable with ?key=secret, in use while in ROWS."""
    sources = app.extensions["redress.file_sources"]
    if "storage-probe" not in sources:
        register_file_source(
            app,
            FileSource(
                "storage-probe",
                ROWS.get,
                lambda user, row, key: key == "secret",
                lambda: {row.sha256 for row in ROWS.values()},
            ),
        )
    ROWS.clear()
    yield ROWS
    ROWS.clear()


@pytest.fixture(params=["local", "s3"])
def store(
    request: pytest.FixtureRequest, app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Any:
    """The app's store swapped for a fresh one of each backend, as STORAGE_URL would name it."""
    if request.param == "local":
        url = f"file://{tmp_path / 'shared-files'}"
    else:
        bucket = request.getfixturevalue("s3_bucket")
        url = f"s3://{bucket}/redress/files"
    chosen = store_from_url(url, app.instance_path)
    monkeypatch.setitem(app.extensions, "redress.file_store", chosen)
    return chosen


def _row(digest: str, name: str = "receipt.pdf") -> SimpleNamespace:
    return SimpleNamespace(sha256=digest, filename=name, content_type="application/pdf")


def test_content_is_kept_once_and_downloads_only_through_the_view(
    app: Flask, store: Any, probe: dict[int, Any]
) -> None:
    content = b"%PDF-1.4 receipt " + bytes(range(256)) * 4096  # 1 MiB, streamed
    with app.app_context():
        digest = store_content(content)
        assert store_content(content) == digest
    assert [found for found, _ in store.listing()] == [digest]  # one object, named by digest
    probe[5] = _row(digest)
    client = app.test_client()
    assert client.get("/files/storage-probe/5").status_code == 404  # the reading rule holds
    answer = client.get("/files/storage-probe/5?key=secret")
    assert answer.status_code == 200
    assert answer.data == content
    assert "receipt.pdf" in answer.headers["Content-Disposition"]
    assert answer.headers["Cache-Control"] == "private, no-store"
    probe[6] = _row("0" * 64, "gone.pdf")  # a row whose content is not in the store
    assert client.get("/files/storage-probe/6?key=secret").status_code == 404


def test_a_second_node_with_the_same_storage_url_serves_what_the_first_stored(
    app: Flask, store: Any
) -> None:
    with app.app_context():
        digest = store_content(b"%PDF-1.4 stored by node one")
    other_node = (
        S3Store(store.bucket, store.prefix)
        if isinstance(store, S3Store)
        else LocalStore(store.folder)
    )
    with other_node.open(digest) as stream:
        assert stream.read() == b"%PDF-1.4 stored by node one"


def test_the_sweep_removes_only_old_content_no_row_uses(
    app: Flask, store: Any, probe: dict[int, Any]
) -> None:
    with app.app_context():
        used = store_content(b"%PDF-1.4 still on a case")
        orphan = store_content(b"%PDF-1.4 its row was deleted")
        probe[1] = _row(used)
        now = clock.now()
        assert sweep_files(now)["removed"] == 0  # young content may belong to an open request
        assert sweep_files(now + timedelta(days=2))["removed"] == 1
    assert {digest for digest, _ in store.listing()} == {used}
    with pytest.raises(FileNotFoundError):
        store.open(orphan)


def test_storing_again_restarts_the_grace_so_the_sweep_spares_it(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, probe: dict[int, Any]
) -> None:
    """Old orphan content uploaded again by a request not yet committed is not swept under it."""
    folder = tmp_path / "files"
    monkeypatch.setitem(app.extensions, "redress.file_store", LocalStore(folder))
    with app.app_context():
        digest = store_content(b"%PDF-1.4 sent twice")
        path = folder / digest[:2] / digest
        old = path.stat().st_mtime - 3 * 86400
        os.utime(path, (old, old))
        store_content(b"%PDF-1.4 sent twice")
        assert sweep_files(clock.now())["removed"] == 0
    assert path.exists()


def test_storage_url_is_checked_at_start(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="web root"):
        store_from_url(
            f"file://{PROJECT_ROOT / 'static' / 'files'}", "", (PROJECT_ROOT / "static",)
        )
    with pytest.raises(StorageError, match="file:// or s3://"):
        store_from_url("ftp://example.org/files", "")
    with pytest.raises(StorageError, match="bucket"):
        store_from_url("s3:///prefix", "")
    assert isinstance(store_from_url("", str(tmp_path)), LocalStore)


def test_the_app_refuses_to_start_with_files_in_the_static_folder(tmp_path: Path) -> None:
    config = make_config(
        f"sqlite:///{tmp_path / 'x.sqlite3'}",
        tmp_path,
        25,
        storage_url=f"file://{PROJECT_ROOT / 'static' / 'files'}",
    )
    with pytest.raises(StorageError, match="web root"):
        core.create_app(config, packages=PACKAGES)


def test_s3_objects_are_private(
    app: Flask, s3_bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing is made public: no object grants anything to everyone."""
    chosen = store_from_url(f"s3://{s3_bucket}/p", app.instance_path)
    monkeypatch.setitem(app.extensions, "redress.file_store", chosen)
    with app.app_context():
        digest = store_content(b"%PDF-1.4 private")
    acl = boto3.client("s3").get_object_acl(Bucket=s3_bucket, Key=f"p/{digest[:2]}/{digest}")
    assert not [
        grant for grant in acl["Grants"] if grant["Grantee"].get("URI", "").endswith("AllUsers")
    ]
