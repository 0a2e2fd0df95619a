"""Officers' corrections of the NLP result (category and entities), kept for the next training.

The export is the JSONL that `python -m nlp add-corrections FILE` reads: one object a line with
"text", "kind", "language", "category" and "entities" ({"label", "start", "end", "text"}).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from casework.kinds import case_kind
from casework.models import Case, CaseEvent, EscalationLevel, Priority
from casework.services.access import Actor
from casework.services.filing import route
from casework.services.stages import set_deadline
from casework.services.timeline import record_event
from core.db import session
from core.errors import Refusal
from core.models import User

CORRECTION = "nlp_correction"


class CorrectionError(Refusal):
    """A correction of the NLP results that cannot be read."""


def parse_entities(lines: str, text: str, labels: tuple[str, ...]) -> list[dict[str, Any]]:
    """Entities written one a line as "LABEL start-end" (character offsets into the text)."""
    entities = []
    for number, line in enumerate(lines.splitlines(), 1):
        if not line.strip():
            continue
        try:
            label, span = line.split()
            start, end = (int(part) for part in span.split("-"))
        except ValueError as error:
            raise CorrectionError(
                _("Line %(n)d: write LABEL start-end, e.g. PRODUCT 4-17.", n=number)
            ) from error
        if label not in labels:
            raise CorrectionError(_("Line %(n)d: unknown label %(label)s.", n=number, label=label))
        if not 0 <= start < end <= len(text):
            raise CorrectionError(_("Line %(n)d: the offsets are outside the text.", n=number))
        entities.append({"label": label, "start": start, "end": end, "text": text[start:end]})
    return sorted(entities, key=lambda e: (e["start"], e["end"]))


def correct_analysis(case: Case, actor: User, category: str, entity_lines: str) -> CaseEvent:
    """Store the officer's category and entities for the case, and use the category from now."""
    kind = case_kind(case.kind)
    if category not in kind.categories:
        raise CorrectionError(_("Choose a category from the list."))
    entities = parse_entities(entity_lines, kind.text(case), kind.entity_labels)
    before = case.category
    case.category = category
    event = record_event(
        case,
        Actor.of(actor),
        CORRECTION,
        before=before,
        after=category,
        data={"category": category, "entities": entities},
    )
    if before != category and case.is_open:
        _follow_category(case, Actor.of(actor))
    session.flush()
    return event


def _follow_category(case: Case, actor: Actor) -> None:
    """Route the case and set its priority again as its corrected category asks: a priority the
    wrong category raised comes down (an overdue case keeps its one step up; a priority an
    officer chose stays), and a case the category sent to the wrong queue moves."""
    kind = case_kind(case.kind)
    if kind.category_priority and not _priority_chosen_by_hand(case):
        step_up = 1 if case.escalation_level >= EscalationLevel.OVERDUE else 0
        given = kind.category_priority.get(case.category or "", Priority.NORMAL)
        wanted = max(given - step_up, Priority.URGENT)
        if wanted != case.priority:
            record_event(
                case,
                actor,
                "priority",
                before=str(case.priority),
                after=str(wanted),
                data={"by_correction": True},
            )
            case.priority = wanted
    queue = route(case, confirmed=True)
    if queue is not None and queue.id != case.queue_id:
        record_event(
            case,
            actor,
            "queue",
            before=case.queue.name if case.queue else None,
            after=queue.name,
            data={"by_correction": True},
        )
        case.queue_id = queue.id
        if queue.calendar_id != case.calendar_id:
            case.calendar_id = queue.calendar_id
            set_deadline(case)  # counted in the new queue's calendar


def _priority_chosen_by_hand(case: Case) -> bool:
    changes = session.scalars(
        select(CaseEvent.data).where(CaseEvent.case_id == case.id, CaseEvent.type == "priority")
    )
    return any(not (data or {}).get("by_correction") for data in changes)


def export_corrections(out: IO[str]) -> int:
    """Write the latest correction of every case as JSONL; return how many lines."""
    count = 0
    for line in correction_records():
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        count += 1
    return count


def correction_records() -> Iterator[dict[str, Any]]:
    latest = (
        select(func.max(CaseEvent.id))
        .where(CaseEvent.type == CORRECTION)
        .group_by(CaseEvent.case_id)
    )
    events = select(CaseEvent).where(CaseEvent.id.in_(latest)).order_by(CaseEvent.id)
    for event in session.scalars(events):
        case = session.get(Case, event.case_id)
        assert case is not None
        kind = case_kind(case.kind)
        yield {
            "text": kind.text(case),
            "kind": kind.nlp_kind,
            "language": case.language,
            "category": event.data["category"],
            "entities": event.data["entities"],
        }
