"""Evidence files: checked by content (core.uploads) before anything is stored, kept with the case
by casework (in core's one file store, by SHA-256), shown to the consumer, added by them later.

A file over the size limit stops being kept while it is still arriving, so a 50 MB upload is
never buffered whole; the rest of the form is still read, so the refusal (413) can bring the
form back as the person filled it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from flask import Request
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser

from casework.models import CaseAttachment, CaseEvent, Visibility
from casework.services.access import Actor
from casework.services.timeline import add_attachment
from complaints.models import Complaint
from complaints.services.checked_input import field_refused, refuse_ended
from complaints.workflow import CONSUMER, SELLER
from core.db import session
from core.models import STAFF_ROLES
from core.uploads import (
    EVIDENCE_MAX_BYTES,
    EVIDENCE_MAX_FILES,
    CheckedFile,
    UploadError,
    check_uploads,
)

CONSUMER_ACTOR = Actor(CONSUMER)
_MB = 1024 * 1024


class _CappedFile(tempfile.SpooledTemporaryFile[bytes]):
    """A received file that stops growing at the evidence limit: the rest is read and dropped."""

    def __init__(self, filename: str | None) -> None:
        super().__init__(max_size=512 * 1024, mode="rb+")
        self.name_sent = Path(filename or "").name.strip()[:200] or "file"
        self.too_large = False
        self._received = 0

    def write(self, data: Any) -> int:
        self._received += len(data)
        if self._received > EVIDENCE_MAX_BYTES:
            if not self.too_large:
                self.too_large = True
                self.truncate(0)
            return len(data)
        return super().write(data)


def _capped_stream(
    total_content_length: int | None,
    content_type: str | None,
    filename: str | None = None,
    content_length: int | None = None,
) -> IO[bytes]:
    return _CappedFile(filename)


class _EvidenceParser(FormDataParser):
    def __init__(
        self, stream_factory: Callable[..., IO[bytes]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(stream_factory=_capped_stream, **kwargs)


def cap_evidence_files(request: Request) -> None:
    """Keep no file of this request past the size of an evidence file; call before the form is
    first read (CSRF protection reads it), then `refuse_too_large_files` once it is."""
    request.form_data_parser_class = _EvidenceParser


def too_large_files(request: Request) -> list[str]:
    """The names of the files of this request that were over the evidence limit."""
    return [
        upload.stream.name_sent
        for _name, upload in request.files.items(multi=True)
        if isinstance(upload.stream, _CappedFile) and upload.stream.too_large
    ]


def refuse_too_large_files(request: Request) -> None:
    """413, naming the first file over the limit, if any was."""
    names = too_large_files(request)
    if names:
        raise RequestEntityTooLarge(
            _("%(name)s is larger than %(mb)d MB.", name=names[0], mb=EVIDENCE_MAX_BYTES // _MB)
        )


def files_were_sent(request: Request) -> bool:
    """Whether the person chose any file (which a refilled form cannot give back)."""
    return any(upload.filename for _name, upload in request.files.items(multi=True))


def received_files(files: Iterable[FileStorage]) -> list[tuple[str, bytes]]:
    """(name, content) of each file sent, skipping empty file inputs."""
    return [
        (upload.filename or "", upload.read())
        for upload in files
        if upload is not None and (upload.filename or upload.content_length)
    ]


def checked_evidence(
    files: list[tuple[str, bytes]], field: str, already: int = 0
) -> list[CheckedFile]:
    """The files checked by content and size, at most EVIDENCE_MAX_FILES with those `already`
    on the case; else a Refusal naming `field`, the input the files came in."""
    if already and already + len(files) > EVIDENCE_MAX_FILES:
        raise field_refused(
            field,
            _(
                "A complaint may have at most %(n)d evidence files; it has %(have)d.",
                n=EVIDENCE_MAX_FILES,
                have=already,
            ),
            "invalid",
        )
    try:
        return check_uploads(files)
    except UploadError as error:
        raise field_refused(field, str(error), "invalid") from error


def store_evidence(
    complaint: Complaint, files: list[CheckedFile], actor: Actor = CONSUMER_ACTOR
) -> list[CaseAttachment]:
    """Keep checked files with the complaint, visible to its parties."""
    return [
        add_attachment(
            complaint,
            actor,
            checked.filename,
            checked.content,
            Visibility.PARTIES,
        )
        for checked in files
    ]


def add_evidence(complaint: Complaint, files: list[tuple[str, bytes]], field: str = "files") -> int:
    """Check the files, then keep them with the open complaint; how many were added. A refusal
    names `field`, the input the files came in."""
    refuse_ended(complaint)
    if not files:
        raise field_refused(field, _("Choose at least one file."), "invalid")
    checked = checked_evidence(files, field, already=consumer_file_count(complaint))
    store_evidence(complaint, checked)
    return len(checked)


def _consumer_may_see() -> Any:
    return (CaseEvent.actor_label.in_((CONSUMER, SELLER))) | (
        CaseEvent.actor_label.in_(STAFF_ROLES) & (CaseEvent.visibility != Visibility.INTERNAL)
    )


def consumer_evidence(complaint: Complaint) -> list[CaseAttachment]:
    """The files the consumer may download: their own, those the seller sent with its answer,
    and those officers shared with them."""
    return list(
        session.scalars(
            select(CaseAttachment)
            .join(CaseEvent, CaseEvent.id == CaseAttachment.event_id)
            .where(CaseAttachment.case_id == complaint.id, _consumer_may_see())
            .order_by(CaseAttachment.id)
        )
    )


def consumer_file_count(complaint: Complaint) -> int:
    """How many evidence files the consumer has added."""
    return (
        session.scalar(
            select(func.count())
            .select_from(CaseAttachment)
            .join(CaseEvent, CaseEvent.id == CaseAttachment.event_id)
            .where(CaseAttachment.case_id == complaint.id, CaseEvent.actor_label == CONSUMER)
        )
        or 0
    )


def seller_files(complaint: Complaint) -> list[CaseAttachment]:
    """The files the seller sent with its answer."""
    return list(
        session.scalars(
            select(CaseAttachment)
            .join(CaseEvent, CaseEvent.id == CaseAttachment.event_id)
            .where(CaseAttachment.case_id == complaint.id, CaseEvent.actor_label == SELLER)
            .order_by(CaseAttachment.id)
        )
    )
