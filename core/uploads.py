"""Uploaded files: type judged by content, size capped, checked before anything is stored.

Complaints and IPR both take evidence files; the same checks apply everywhere, so a spoofed file
(a program named receipt.pdf) is refused the same way on every form and API.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import filetype
from flask_babel import gettext as _

EVIDENCE_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png", "image/webp"})
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_MAX_FILES = 10


# Control and format characters, of which bidi overrides (U+202E makes "gpj.exe" read as
# "exe.jpg") and zero-width marks: a name shown to an officer must read as what it is.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf"})


def clean_filename(filename: str | None) -> str:
    """The base name without hidden or control characters, at most 200 long; "file" if none."""
    kept = (
        " " if char.isspace() else char
        for char in Path(filename or "").name
        if char.isspace() or unicodedata.category(char) not in _HIDDEN_CATEGORIES
    )
    return " ".join("".join(kept).split())[:200] or "file"


class UploadError(ValueError):
    """A file that cannot be accepted; the message names the file and says why."""


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str  # as found in the content, never as claimed by the sender
    content: bytes


def check_upload(
    filename: str,
    content: bytes,
    *,
    allowed: frozenset[str] = EVIDENCE_TYPES,
    max_bytes: int = EVIDENCE_MAX_BYTES,
) -> CheckedFile:
    """The file with its real type, or UploadError when it is empty, too large or not allowed."""
    name = clean_filename(filename)
    if not content:
        raise UploadError(_("%(name)s is empty.", name=name))
    if len(content) > max_bytes:
        raise UploadError(
            _("%(name)s is larger than %(mb)d MB.", name=name, mb=max_bytes // (1024 * 1024))
        )
    kind = filetype.guess(content[:8192])
    if kind is None or kind.mime not in allowed:
        raise UploadError(_("%(name)s is not a PDF, JPEG, PNG or WebP file.", name=name))
    return CheckedFile(name, kind.mime, content)


def check_uploads(
    files: list[tuple[str, bytes]],
    *,
    max_files: int = EVIDENCE_MAX_FILES,
    allowed: frozenset[str] = EVIDENCE_TYPES,
    max_bytes: int = EVIDENCE_MAX_BYTES,
) -> list[CheckedFile]:
    """Every file checked, or UploadError for the first one refused (nothing is stored here)."""
    files = [(name, content) for name, content in files if name or content]
    if len(files) > max_files:
        raise UploadError(_("At most %(n)d files may be sent.", n=max_files))
    return [
        check_upload(name, content, allowed=allowed, max_bytes=max_bytes) for name, content in files
    ]
