"""Case attachments in core's one file store: how the download view finds them and who may read
them (staff who work on the case; parties only where the case's kind says so)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from casework.kinds import case_kind
from casework.models import Case, CaseAttachment
from casework.services.access import can_see
from core.audit import record_personal_data_read
from core.db import session
from core.files import FileSource, store_content
from core.models import User


def find_attachment(attachment_id: int) -> CaseAttachment | None:
    """The attachment with this id, or None (also once anonymised: its content is gone)."""
    found = session.get(CaseAttachment, attachment_id)
    return found if found is not None and found.sha256 else None


def may_read_attachment(user: User | None, attachment: CaseAttachment, key: str | None) -> bool:
    """Staff who may see the case read its files (the read is noted as a personal-data read);
    a party reads them when the kind's `party_may_read` allows it."""
    case = session.get_one(Case, attachment.case_id)
    if user is not None and user.role.is_staff:
        if not can_see(user, case):
            return False
        record_personal_data_read(f"case:{case.reference}", f"attachment {attachment.filename}")
        return True
    party_may_read = case_kind(case.kind).party_may_read
    return party_may_read is not None and party_may_read(user, case, attachment, key)


def move_legacy_attachments(folder: Path) -> int:
    """Move attachments kept in casework's own folder (before the one file store) into core's
    store; a file whose content does not match its name is left where it is."""
    moved = 0
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_file() and store_content(path.read_bytes()) == path.name:
            path.unlink()
            moved += 1
    return moved


def attachments_in_use() -> list[str]:
    """The contents case attachments still refer to (anonymised ones refer to none)."""
    return list(
        session.scalars(select(CaseAttachment.sha256).distinct().where(CaseAttachment.sha256 != ""))
    )


CASE_FILES = FileSource(
    name="case", find=find_attachment, may_read=may_read_attachment, in_use=attachments_in_use
)
