"""Files of the IPR workflow, kept in core's content-addressed file store; checked by content with
core.uploads before anything is stored. Each `IprFile` row says whose file it is."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from core.db import session
from core.files import store_content
from core.models import User
from core.uploads import CheckedFile
from ipr.models import FilePurpose, IprFile


def store_file(
    checked: CheckedFile, purpose: FilePurpose, uploaded_by: User | None, **owner: int
) -> IprFile:
    """Keep a checked file for the owner named in `owner` (holder_id=..., notice_id=...)."""
    stored = IprFile(
        purpose=purpose,
        filename=checked.filename,
        content_type=checked.content_type,
        size=len(checked.content),
        sha256=store_content(checked.content),
        uploaded_by_id=uploaded_by.id if uploaded_by else None,
        **owner,
    )
    session.add(stored)
    return stored


def files_of(*, holder_id: int | None = None, right_id: int | None = None) -> list[IprFile]:
    """The files of an organisation or of a right, in the order they came."""
    owner = (
        IprFile.holder_id == holder_id if holder_id is not None else IprFile.right_id == right_id
    )
    return list(session.scalars(select(IprFile).where(owner).order_by(IprFile.id)))


def move_legacy_files(folder: Path) -> int:
    """Move the files ipr kept in its own folder (before the one file store) into core's store;
    a file whose content does not match its name is left where it is."""
    moved = 0
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_file() and store_content(path.read_bytes()) == path.name:
            path.unlink()
            moved += 1
    return moved
