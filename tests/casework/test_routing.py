"""New cases: numbered, routed by the first matching rule, triaged when the NLP is unsure,
and optionally given to the least busy officer on duty."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from casework.models import Case, Queue, QueueMember
from casework.services.assignment import assign_balanced, claim_next_case
from casework.services.corrections import CorrectionError, correct_analysis
from casework.services.filing import next_reference
from core.db import session
from core.models import Role
from tests.factories import TEST_KIND, file_case, make_queue, make_staff


def test_references_count_per_prefix_and_year_and_grow_past_six_digits(in_app) -> None:
    assert next_reference("Z", 2026) == "Z-2026-000001"
    assert next_reference("Z", 2026) == "Z-2026-000002"
    assert next_reference("Z", 2027) == "Z-2027-000001"
    session.execute(
        Case.metadata.tables["reference_counters"]
        .update()
        .where(Case.metadata.tables["reference_counters"].c.prefix == "Z")
        .values(last=999_999)
    )
    assert next_reference("Z", 2026) == "Z-2026-1000000"


def test_the_first_matching_rule_routes_and_unsure_cases_go_to_triage(in_app) -> None:
    english = make_queue(
        name="English", rule={"kind": "test_kind", "language": "en", "position": 1}
    )
    make_queue(name="Everything else", rule={"position": 2})
    case = file_case(
        at="2026-03-02 10:00",
        analysis={"category": "delivery", "language": "en", "confidence": 0.93, "entities": []},
    )
    assert case.queue_id == english.id and case.category == "delivery"
    unsure = file_case(
        at="2026-03-02 10:00",
        analysis={"category": "other", "language": "en", "confidence": 0.2, "entities": []},
    )
    triage = session.scalars(select(Queue).where(Queue.triage).order_by(Queue.id)).first()
    assert unsure.queue_id == triage.id


def test_automatic_assignment_picks_the_least_busy_officer_on_duty(in_app) -> None:
    busy, idle, away = (make_staff(Role.OFFICER) for _ in range(3))
    queue = make_queue(
        members=[busy, idle, away], auto_assign=True, rule={"kind": "test_kind", "position": 1}
    )
    session.get(QueueMember, (queue.id, away.id)).on_duty = False
    first = file_case(at="2026-03-02 10:00")
    assert first.assignee_id in {busy.id, idle.id}
    second = file_case(at="2026-03-02 11:00")
    assert {first.assignee_id, second.assignee_id} == {busy.id, idle.id}
    assert assign_balanced(second) is not None


def test_claiming_takes_the_most_urgent_then_the_earliest_due(in_app) -> None:
    officer = make_staff(Role.OFFICER)
    make_queue(members=[officer], rule={"kind": "test_kind", "position": 1})
    later = file_case(at="2026-03-05 10:00")
    sooner = file_case(at="2026-03-02 10:00")
    urgent = file_case(at="2026-03-09 10:00", priority=0)
    taken = [claim_next_case(officer) for _ in range(4)]
    assert [c.id if c else None for c in taken] == [urgent.id, sooner.id, later.id, None]


def test_claiming_follows_urgency_across_all_the_officers_queues(in_app) -> None:
    # PostgreSQL reads each queue apart (in index order) and then picks among their first cases.
    officer = make_staff(Role.OFFICER)
    make_queue(members=[officer], rule={"kind": "test_kind", "position": 1, "language": "en"})
    make_queue(members=[officer], rule={"kind": "test_kind", "position": 2, "language": "zh"})
    english_later = file_case(at="2026-03-05 10:00", language="en")
    chinese_sooner = file_case(at="2026-03-02 10:00", language="zh")
    english_urgent = file_case(at="2026-03-09 10:00", language="en", priority=0)
    chinese_later = file_case(at="2026-03-06 10:00", language="zh")
    english_sooner = file_case(at="2026-03-03 10:00", language="en")
    taken = [claim_next_case(officer) for _ in range(6)]
    assert [c.id if c else None for c in taken] == [
        english_urgent.id,
        chinese_sooner.id,
        english_sooner.id,
        english_later.id,
        chinese_later.id,
        None,
    ]


def test_corrections_are_exported_for_the_nlp(app, test_kind, tmp_path) -> None:
    with app.app_context():
        officer = make_staff(Role.OFFICER)
        make_queue(members=[officer], rule={"kind": "test_kind", "position": 1})
        case = file_case(at="2026-03-02 10:00", text="My Acme earbuds never came")
        object.__setattr__(TEST_KIND, "categories", ("delivery", "defective"))
        object.__setattr__(TEST_KIND, "entity_labels", ("BRAND", "PRODUCT"))
        try:
            with pytest.raises(CorrectionError):
                correct_analysis(case, officer, "delivery", "BRAND 3-99")
            correct_analysis(case, officer, "defective", "BRAND 3-7")
            correct_analysis(case, officer, "delivery", "BRAND 3-7\nPRODUCT 8-15")
            session.commit()
        finally:
            object.__setattr__(TEST_KIND, "categories", ())
            object.__setattr__(TEST_KIND, "entity_labels", ())
    target = tmp_path / "corrections.jsonl"
    result = app.test_cli_runner().invoke(args=["nlp", "export-corrections", str(target)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert lines == [
        {
            "text": "My Acme earbuds never came",
            "kind": "consumer",
            "language": None,
            "category": "delivery",
            "entities": [
                {"label": "BRAND", "start": 3, "end": 7, "text": "Acme"},
                {"label": "PRODUCT", "start": 8, "end": 15, "text": "earbuds"},
            ],
        }
    ]
