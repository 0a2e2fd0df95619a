"""The one file store: every package keeps its files here, under their SHA-256 and outside the web
root, and every file goes out through one download view that asks the file's owner package
whether this reader may have it.

A package registers each kind of stored row once (`register_file_source`): how to find a row by
id, its reading rule, and which contents its rows still use. Consumers and sellers, who have no
account, read with the secret token of their link as `?key=`. Content is never deleted in a
request (its transaction might roll back): the daily `sweep_files` job removes what no committed
row uses any more.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, BinaryIO, Protocol

from flask import Blueprint, Flask, abort, current_app, request, send_file, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from core.models import User
from core.storage import ContentStore


class StoredFile(Protocol):
    """What a package's file row tells the download view."""

    sha256: str
    filename: str
    content_type: str


@dataclass(frozen=True)
class FileSource:
    """A kind of stored file: `find(id)` gives its row or None; `may_read(user, row, key)` says
    whether the signed-in `user` (None when anonymous), or whoever holds `key`, may read it;
    `in_use()` gives the digests its rows still refer to."""

    name: str
    find: Callable[[int], Any]
    may_read: Callable[[User | None, Any, str | None], bool]
    in_use: Callable[[], Iterable[str]]


def register_file_source(app: Flask, source: FileSource) -> None:
    sources = app.extensions.setdefault("redress.file_sources", {})
    if source.name in sources:
        raise ValueError(f"two file sources are called {source.name}")
    sources[source.name] = source


def content_store() -> ContentStore:
    """The backend STORAGE_URL chose (core.storage): a local folder or an S3 bucket."""
    store: ContentStore = current_app.extensions["redress.file_store"]
    return store


def store_content(content: bytes) -> str:
    """Keep `content` once, whoever sends it again; returns its SHA-256 digest, its name here."""
    digest = hashlib.sha256(content).hexdigest()
    content_store().put(digest, content)
    return digest


def open_content(digest: str) -> BinaryIO:
    """The content as a stream (FileNotFoundError when it is not kept)."""
    return content_store().open(digest)


# Content younger than this is never swept: its row may not be committed yet.
SWEEP_GRACE = timedelta(days=1)


def sweep_files(now: datetime) -> dict[str, int]:
    """Remove stored content that no committed row of any source uses any more."""
    sources = current_app.extensions.get("redress.file_sources", {}).values()
    used = {digest for source in sources for digest in source.in_use()}
    store = content_store()
    removed = 0
    for digest, stored_at in list(store.listing()):
        if digest not in used and now - stored_at > SWEEP_GRACE:
            store.delete(digest)
            removed += 1
    return {"removed": removed, "kept": len(used)}


def download_url(source: str, file_id: int, key: str | None = None) -> str:
    return url_for("files.download", source=source, file_id=file_id, key=key)


def may_read(user: User | None, source: str, row: StoredFile, key: str | None = None) -> bool:
    """The one reading rule: the owner package's, for this kind of file."""
    return bool(current_app.extensions["redress.file_sources"][source].may_read(user, row, key))


bp = Blueprint("files", __name__)


@bp.get("/files/<source>/<id:file_id>")
def download(source: str, file_id: int) -> Response:
    found_source = current_app.extensions.get("redress.file_sources", {}).get(source)
    row = found_source.find(file_id) if found_source else None
    user = current_user if current_user.is_authenticated else None
    if row is None or not may_read(user, source, row, request.args.get("key")):
        abort(404)  # a file one may not read is as good as absent
    try:
        content = open_content(row.sha256)
    except FileNotFoundError:
        abort(404)
    response = send_file(
        content,
        mimetype=row.content_type,
        as_attachment=True,
        download_name=row.filename,
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
