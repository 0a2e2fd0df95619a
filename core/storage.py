"""Where core.files keeps content: a local folder (the default) or an S3-compatible object store.

Both keep one object per SHA-256 digest under `<prefix>/<2 hex>/<digest>`. `STORAGE_URL` picks
the backend: `file:///srv/redress/files` (empty: `<instance>/files`) or `s3://bucket/prefix`, whose
endpoint, region and credentials boto3 reads from the environment (`AWS_ENDPOINT_URL`,
`AWS_DEFAULT_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`). Nothing here makes a
file public: every download goes through core.files' view and its reading rule.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol
from urllib.parse import unquote, urlsplit


class StorageError(RuntimeError):
    """The store cannot be used as configured; the message says what to set."""


class ContentStore(Protocol):
    """The few things core.files asks of a backend."""

    def put(self, digest: str, content: bytes) -> None:
        """Keep `content` under `digest`; if it is kept already, mark it as just used."""

    def open(self, digest: str) -> BinaryIO:
        """A readable stream of the content (FileNotFoundError when absent)."""

    def listing(self) -> Iterator[tuple[str, datetime]]:
        """Every digest kept, with when it was last stored."""

    def delete(self, digest: str) -> None: ...

    def check_writable(self) -> None:
        """Raise (StorageError or OSError) when content cannot be stored now."""


def _key(digest: str) -> str:
    return f"{digest[:2]}/{digest}"


class LocalStore:
    """A folder of this machine (or a shared mount): `<folder>/<2 hex>/<digest>`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __repr__(self) -> str:
        return f"LocalStore({self.folder})"

    def put(self, digest: str, content: bytes) -> None:
        target = self.folder / _key(digest)
        if target.exists():
            os.utime(target)  # used again now: the sweep's grace starts anew
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{digest}.{uuid.uuid4().hex[:8]}.partial")
        partial.write_bytes(content)
        partial.replace(target)  # readers never see half a file

    def open(self, digest: str) -> BinaryIO:
        return (self.folder / _key(digest)).open("rb")

    def listing(self) -> Iterator[tuple[str, datetime]]:
        for path in self.folder.glob("*/*"):
            if path.name.endswith(".partial"):
                continue
            try:
                modified = path.stat().st_mtime
            except FileNotFoundError:
                continue
            yield path.name, datetime.fromtimestamp(modified, UTC)

    def delete(self, digest: str) -> None:
        (self.folder / _key(digest)).unlink(missing_ok=True)

    def check_writable(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        probe = self.folder / f".ready-{uuid.uuid4().hex[:8]}"
        probe.write_bytes(b"")
        probe.unlink()


class S3Store:
    """A bucket of any S3-compatible store, under `prefix`."""

    def __init__(self, bucket: str, prefix: str, client: Any = None) -> None:
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self._client = client

    def __repr__(self) -> str:
        return f"S3Store(s3://{self.bucket}/{self.prefix})"

    @property
    def client(self) -> Any:
        if self._client is None:
            try:
                import boto3  # only nodes that use S3 need it
            except ImportError as exc:
                raise StorageError(
                    "STORAGE_URL=s3://... needs boto3: pip install 'redress[s3]'"
                ) from exc
            self._client = boto3.client("s3")  # endpoint, region, credentials: the environment
        return self._client

    def _name(self, digest: str) -> str:
        return f"{self.prefix}/{_key(digest)}" if self.prefix else _key(digest)

    def put(self, digest: str, content: bytes) -> None:
        from botocore.exceptions import ClientError

        name = self._name(digest)
        try:
            self.client.head_object(Bucket=self.bucket, Key=name)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") not in ("404", "NoSuchKey", "NotFound"):
                raise
            # One PUT is atomic: readers see the whole object or none.
            self.client.put_object(Bucket=self.bucket, Key=name, Body=content)
            return
        # Kept already: copy it onto itself so its LastModified (the sweep's clock) is now.
        self.client.copy_object(
            Bucket=self.bucket,
            Key=name,
            CopySource={"Bucket": self.bucket, "Key": name},
            MetadataDirective="REPLACE",
        )

    def open(self, digest: str) -> BinaryIO:
        from botocore.exceptions import ClientError

        try:
            found = self.client.get_object(Bucket=self.bucket, Key=self._name(digest))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                raise FileNotFoundError(digest) from exc
            raise
        body: BinaryIO = found["Body"]  # streamed: never read whole into memory here
        return body

    def listing(self) -> Iterator[tuple[str, datetime]]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=f"{self.prefix}/" if self.prefix else ""
        )
        for page in pages:
            for item in page.get("Contents", []):
                digest = item["Key"].rsplit("/", 1)[-1]
                if len(digest) == 64:
                    yield digest, item["LastModified"]

    def delete(self, digest: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._name(digest))

    def check_writable(self) -> None:
        name = f"{self.prefix}/.ready" if self.prefix else ".ready"
        self.client.put_object(Bucket=self.bucket, Key=name, Body=b"")


def store_from_url(url: str, instance_path: str, web_roots: tuple[Path, ...] = ()) -> ContentStore:
    """The backend `STORAGE_URL` names; an empty URL keeps files in `<instance>/files`."""
    if not url:
        return LocalStore(Path(instance_path) / "files")
    parts = urlsplit(url)
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise StorageError("STORAGE_URL=file:///absolute/path names a folder of this machine")
        folder = Path(unquote(parts.path)).resolve()
        for root in web_roots:
            if folder.is_relative_to(root.resolve()):
                raise StorageError(
                    f"STORAGE_URL points inside the web root ({root}); "
                    "files must only leave through the download view"
                )
        return LocalStore(folder)
    if parts.scheme == "s3":
        if not parts.netloc:
            raise StorageError("STORAGE_URL=s3://bucket/prefix needs a bucket name")
        return S3Store(parts.netloc, unquote(parts.path))
    raise StorageError("STORAGE_URL must start with file:// or s3://")
