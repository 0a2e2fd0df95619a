"""Files of the IPR workflow, kept outside the web root under their SHA-256 (as casework keeps
case attachments); checked by content with core.uploads before anything is stored."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from flask import current_app

from core.db import session
from core.models import User
from core.uploads import CheckedFile
from ipr.models import IprFile


def file_folder() -> Path:
    return Path(current_app.instance_path) / "ipr_files"


def store_file(checked: CheckedFile, purpose: Any, uploaded_by: User | None,
               **owner: int) -> IprFile:
    """Keep a checked file for the owner named in `owner` (holder_id=..., notice_id=...)."""
    digest = hashlib.sha256(checked.content).hexdigest()
    folder = file_folder()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / digest
    if not target.exists():
        target.write_bytes(checked.content)
    stored = IprFile(purpose=purpose, filename=checked.filename,
                     content_type=checked.content_type, size=len(checked.content),
                     sha256=digest, uploaded_by_id=uploaded_by.id if uploaded_by else None,
                     **owner)
    session.add(stored)
    return stored


def file_path(stored: IprFile) -> Path:
    return file_folder() / stored.sha256
