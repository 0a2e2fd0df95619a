"""Officers read every code in their own language, and a text in a language Redress does not
speak is stored as such and sent to a person, never made urgent by an unsure guess."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask_babel import force_locale

from casework.models import Priority, Queue
from casework.services.labels import EVENT_LABELS, event_label
from core.models import Role
from tests.complaints.walk import complaint_of, file, known_seller, step
from tests.conftest import post_form, sign_in
from tests.factories import at, make_queue

# Mixed German and English: the model reads it as "other" and guesses safety, unsure.
GERMAN = "Fire! The charger caught fire. Das Ladegerät hat gebrannt und ist explodiert."
CODES = ("awaiting_seller", "nlp_correction", "not_as_described", "transition", "internal")


def shown(html: str) -> str:
    """The text a reader sees: no tags, no attribute values."""
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture
def queues(app):
    """A queue for every complaint; the triage queue comes with the migrations."""
    with app.app_context():
        return make_queue(name="Complaints", rule={"kind": "complaint", "position": 1}).id


def test_a_chinese_officer_reads_states_categories_and_the_timeline_in_chinese(
    app, client, db, make_user, queues
) -> None:
    known_seller(app)
    at("2026-03-02 10:00")
    reference, _token = file(client)
    staff = app.test_client()
    sign_in(staff, make_user(Role.SUPERVISOR, language="zh"))
    case_id = complaint_of(db, reference).id
    step(staff, case_id, "accept")
    post_form(staff, f"/officer/cases/{case_id}/correction", {"category": "not_as_described"})
    post_form(staff, f"/officer/cases/{case_id}/messages", {"to": "consumer", "body": "您好"})
    page = shown(staff.get(f"/officer/cases/{case_id}").get_data(as_text=True))
    for chinese in ("与描述不符", "分析已更正", "状态变更", "仅工作人员", "发送给消费者"):
        assert chinese in page, chinese
    for code in CODES:
        assert code not in page, code
    listing = shown(staff.get("/officer/cases").get_data(as_text=True))
    assert "与描述不符" in listing and "not_as_described" not in listing


def test_a_text_in_another_language_goes_to_triage_and_is_not_made_urgent(
    app, client, db, queues
) -> None:
    at("2026-03-02 10:00")
    reference, _token = file(client, description=GERMAN, language="en")
    case = complaint_of(db, reference)
    assert case.nlp_analysis["language"] == "other"
    assert case.nlp_analysis["category"] == "safety"  # the guess, kept for the officers
    assert case.language == "other"  # stored as such, not as the filer's English
    assert db.get(Queue, case.queue_id).triage and case.queue_id != queues
    assert case.priority == Priority.NORMAL  # an unsure guess makes nothing urgent


def test_a_category_the_consumer_chose_still_sets_the_priority(app, client, db, queues) -> None:
    at("2026-03-02 10:00")
    reference, _token = file(client, description=GERMAN, category="safety")
    assert complaint_of(db, reference).priority == Priority.URGENT


def test_every_timeline_entry_any_package_records_has_a_label_in_chinese(app) -> None:
    """Scans the sources for the entry types they record, so that a new one cannot show as a
    code: `record_event(case, actor, "type", ...)`."""
    root = Path(__file__).resolve().parents[2]
    recorded = set()
    for package in ("casework", "complaints", "ipr", "sellers", "insight"):
        for source in (root / package).rglob("*.py"):
            text = source.read_text()
            recorded |= set(re.findall(r'record_event\(\s*[^,()]+,\s*[^,()]+,\s*"([a-z_]+)"', text))
    assert {"possible_duplicate", "seller_contact_added", "transition"} <= recorded
    assert recorded - EVENT_LABELS.keys() == set()
    with app.test_request_context(), force_locale("zh"):
        assert all(not re.search("[A-Za-z]", event_label(code)) for code in recorded)
