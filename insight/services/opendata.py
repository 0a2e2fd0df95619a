"""Open data in the manner of the CFPB complaint database: closed complaints and decided notices.

Written by a nightly job (or `flask --app wsgi opendata export`) into files in the instance
folder, so the download page only serves files. Fields are the public ones only: dates, platform,
category, product (redacted), the seller's public business name from the registry (never the
name a consumer typed), the seller's response, timeliness and outcome; a consumer's narrative
only when consented, redacted and approved (insight.services.narratives).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import func, select

import nlp
from casework.models import Case
from complaints.models import Complaint
from complaints.workflow import COMPLAINT_WORKFLOW, ComplaintState
from core.csv_export import SafeCsvWriter, csv_text
from core.db import session
from insight.models import CaseFacts, Narrative
from insight.services.narratives import publishable
from ipr.models import Listing, Notice
from sellers.models import Seller

COMPLAINT_FIELDS = (
    "complaint_id",
    "date_received",
    "platform",
    "category",
    "product",
    "seller",
    "company_response",
    "timely",
    "outcome",
    "date_closed",
    "consumer_narrative",
)
NOTICE_FIELDS = (
    "listing_id",
    "notice_id",
    "date_received",
    "platform",
    "infringement_type",
    "seller",
    "decision",
    "date_decided",
    "timely",
    "current_state",
)
DATASETS = {"complaints": COMPLAINT_FIELDS, "notices": NOTICE_FIELDS}
FILES = tuple(f"{name}.{ext}" for name in DATASETS for ext in ("csv", "json"))
BATCH = 1000
Progress = Callable[[int], None]


def folder() -> Path:
    return Path(current_app.instance_path) / "opendata"


def _complaints() -> Any:
    f = CaseFacts
    return (
        select(
            Case.reference,
            f.filed_day,
            f.platform,
            f.category,
            f.product,
            Seller.name,
            f.seller_response,
            f.stages_late,
            f.outcome,
            f.outcome_day,
            Complaint.consent_publish_narrative,
            Complaint.description,
            Narrative,
        )
        .select_from(f)
        .join(Case, Case.id == f.case_id)
        .join(Complaint.__table__, Complaint.__table__.c.id == f.case_id)
        .outerjoin(Seller, Seller.id == f.seller_id)
        .outerjoin(Narrative, Narrative.case_id == f.case_id)
        .where(
            f.kind == COMPLAINT_WORKFLOW.kind,
            f.outcome.is_not(None),
            f.outcome != ComplaintState.MERGED,
        )
        .order_by(f.case_id)
    )


def _notices() -> Any:
    f = CaseFacts
    return (
        select(
            Case.reference,
            Notice.reference,
            f.filed_day,
            f.platform,
            func.coalesce(Notice.infringement_type, Case.category),
            Seller.name,
            f.decision,
            f.decision_day,
            f.stages_late,
            Case.status,
        )
        .select_from(f)
        .join(Case, Case.id == f.case_id)
        .join(Listing.__table__, Listing.__table__.c.id == f.case_id)
        .join(Notice, Notice.id == Listing.__table__.c.notice_id)
        .outerjoin(Seller, Seller.id == f.seller_id)
        .where(f.kind == "ipr_listing", f.decision.is_not(None))
        .order_by(f.case_id)
    )


class _Redactor:
    """nlp.redact for the free-text product field, once per distinct value."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if text and text not in self.seen:
            self.seen[text] = nlp.redact(text) if len(self.seen) < 100_000 else ""
        return self.seen.get(text, "")


def complaint_records() -> Iterator[dict[str, Any]]:
    redact = _Redactor()
    rows = session.execute(_complaints().execution_options(yield_per=BATCH))
    for (
        reference,
        received,
        platform,
        category,
        product,
        seller,
        response,
        late,
        outcome,
        closed,
        consent,
        description,
        narrative,
    ) in rows:
        yield {
            "complaint_id": reference,
            "date_received": received.isoformat(),
            "platform": platform,
            "category": category,
            "product": redact(product),
            "seller": seller or "",
            "company_response": response or "not_forwarded",
            "timely": "yes" if late == 0 else "no",
            "outcome": outcome,
            "date_closed": closed.isoformat() if closed else "",
            "consumer_narrative": publishable(consent, description, narrative),
        }


def notice_records() -> Iterator[dict[str, Any]]:
    rows = session.execute(_notices().execution_options(yield_per=BATCH))
    for (
        reference,
        notice,
        received,
        platform,
        infringement,
        seller,
        decision,
        decided,
        late,
        state,
    ) in rows:
        yield {
            "listing_id": reference,
            "notice_id": notice,
            "date_received": received.isoformat(),
            "platform": platform,
            "infringement_type": infringement or "",
            "seller": seller or "",
            "decision": decision,
            "date_decided": decided.isoformat() if decided else "",
            "timely": "yes" if late == 0 else "no",
            "current_state": state,
        }


RECORDS = {"complaints": complaint_records, "notices": notice_records}


def count_records() -> int:
    total = 0
    for query in (_complaints(), _notices()):
        total += session.scalar(select(func.count()).select_from(query.subquery())) or 0
    return total


def _write(name: str, fields: tuple[str, ...], target: Path, progress: Progress) -> int:
    """Write one dataset as CSV and JSON next to the old files, then swap them in."""
    csv_part, json_part = target / f".{name}.csv.part", target / f".{name}.json.part"
    count = 0
    with (
        csv_part.open("w", newline="", encoding="utf-8") as out_csv,
        json_part.open("w", encoding="utf-8") as out_json,
    ):
        writer = SafeCsvWriter(out_csv, fields)
        writer.writeheader()
        out_json.write("[")
        for record in RECORDS[name]():
            writer.writerow(record)
            out_json.write(("," if count else "") + "\n" + json.dumps(record, ensure_ascii=False))
            count += 1
            if count % BATCH == 0:
                progress(BATCH)
        out_json.write("\n]\n")
    progress(count % BATCH)
    os.replace(csv_part, target / f"{name}.csv")
    os.replace(json_part, target / f"{name}.json")
    return count


def export_open_data(now: datetime, progress: Progress = lambda _n: None) -> dict[str, int]:
    """Write every dataset and a manifest saying when and how many; returns the counts."""
    target = folder()
    target.mkdir(parents=True, exist_ok=True)
    counts = {name: _write(name, fields, target, progress) for name, fields in DATASETS.items()}
    manifest = {
        "generated_at": now.isoformat(),
        "counts": counts,
        "fields": {name: list(fields) for name, fields in DATASETS.items()},
    }
    part = target / ".manifest.json.part"
    part.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    os.replace(part, target / "manifest.json")
    return counts


def manifest() -> dict[str, Any] | None:
    """What the last export wrote (None before the first)."""
    path = folder() / "manifest.json"
    if not path.exists():
        return None
    found = json.loads(path.read_text(encoding="utf-8"))
    found["sizes"] = {
        name: (folder() / name).stat().st_size for name in FILES if (folder() / name).exists()
    }
    return found


def as_csv(rows: list[tuple[Any, ...]], columns: list[str]) -> str:
    """A small table as CSV text (the dashboard's downloads)."""
    return csv_text(columns, rows)
