"""Admins' changes to queues and routing rules, checked against the kinds, categories and
languages that exist, so that a rule never waits for a value no case will ever have."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from casework.kinds import case_kinds
from casework.models import Case, Queue, QueueRule
from casework.services.stages import set_deadline
from core.db import session
from core.models import LANGUAGES

OTHER_LANGUAGE = "other"  # what the NLP calls a text in neither supported language
RULE_FIELDS = ("kind", "category", "language", "jurisdiction")


@dataclass(frozen=True)
class RuleValues:
    position: int
    kind: str | None
    category: str | None
    language: str | None
    priority: int | None
    jurisdiction: str | None


def rule_languages() -> tuple[str, ...]:
    return (*LANGUAGES, OTHER_LANGUAGE)


def rule_categories(kind: str | None = None) -> list[str]:
    """The categories a rule may name: the kind's, or every kind's."""
    kinds = case_kinds()
    chosen = [kinds[kind]] if kind in kinds else list(kinds.values())
    return list(dict.fromkeys(label for k in chosen for label in k.categories))


def rule_refusals(values: RuleValues) -> dict[str, str]:
    """Field -> why a rule with these values could never match (empty when it can)."""
    refused: dict[str, str] = {}
    if values.kind is not None and values.kind not in case_kinds():
        refused["kind"] = _("“%(value)s” is not a kind of case.", value=values.kind)
    if values.category is not None and values.category not in rule_categories(values.kind):
        refused["category"] = _(
            "“%(value)s” is not a category of these cases; choose one from the list.",
            value=values.category,
        )
    if values.language is not None and values.language not in rule_languages():
        refused["language"] = _("“%(value)s” is not a language of Redress.", value=values.language)
    jurisdiction = values.jurisdiction
    if jurisdiction is not None and not (len(jurisdiction) == 2 and jurisdiction.isalpha()):
        refused["jurisdiction"] = _("Give a two-letter country code, e.g. CN.")
    return refused


def apply_rule(rule: QueueRule, values: RuleValues) -> None:
    """Write checked values into a new or existing rule."""
    rule.position, rule.priority = values.position, values.priority
    rule.kind, rule.category, rule.language = values.kind, values.category, values.language
    rule.jurisdiction = values.jurisdiction.upper() if values.jurisdiction else None
    session.flush()


def change_queue_calendar(queue: Queue, calendar_id: int, batch: int = 500) -> int:
    """Count the open cases of the queue in another calendar from now on (a case uses its
    queue's calendar); their deadlines are recomputed. Returns how many."""
    if queue.calendar_id == calendar_id:
        return 0
    queue.calendar_id = calendar_id
    ids = list(
        session.scalars(select(Case.id).where(Case.queue_id == queue.id, Case.closed_at.is_(None)))
    )
    for start in range(0, len(ids), batch):
        for case in session.scalars(select(Case).where(Case.id.in_(ids[start : start + batch]))):
            case.calendar_id = calendar_id
            set_deadline(case)
        session.flush()
    return len(ids)
