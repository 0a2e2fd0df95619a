"""The officer pages: who sees what, each step from the case page, bad input refused."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from casework.models import Case, CaseAttachment, CaseEvent
from core.db import session
from core.files import open_content
from core.models import AuditEvent, OutboxMessage, Role
from tests.conftest import post_form, sign_in
from tests.factories import TEXTS, file_case, make_queue, make_staff


@dataclass(frozen=True)
class Row:
    """What a test keeps of a row once the context that made it is gone."""

    id: int
    email: str = ""
    reference: str = ""


def kept(row) -> Row:
    return Row(row.id, getattr(row, "email", ""), getattr(row, "reference", ""))


@pytest.fixture
def setup(app, test_kind):
    """Staff, a queue and a case, made in an app context of their own (requests get theirs)."""
    with app.app_context():
        officer = make_staff(Role.OFFICER, "Olga Officer")
        other = make_staff(Role.OFFICER, "Otto Outsider")
        supervisor = make_staff(Role.SUPERVISOR)
        make_queue(members=[officer], rule={"kind": "test_kind", "position": 1})
        case = file_case(
            at="2026-03-02 10:00",
            text="The earbuds never arrived. 耳机一直没有到货。",
            keys=[("email", "anna@example.org"), ("order", "8123456789")],
        )
        return {
            "officer": kept(officer),
            "other": kept(other),
            "supervisor": kept(supervisor),
            "case": kept(case),
        }


def new_case(app, **fields) -> Row:
    with app.app_context():
        return kept(file_case(**fields))


def reload(app, row: Row) -> Case:
    with app.app_context():
        case = session.get(Case, row.id)
        session.expunge(case)
        return case


def count(app, model, *where) -> int:
    with app.app_context():
        return session.scalar(select(func.count()).select_from(model).where(*where))


def test_only_staff_of_the_case_see_it(client, setup) -> None:
    url = f"/officer/cases/{setup['case'].id}"
    assert client.get(url).status_code == 302  # sign in first
    sign_in(client, setup["other"])
    assert client.get(url).status_code == 404
    assert setup["case"].reference not in client.get("/officer/cases").get_data(as_text=True)
    client = client.application.test_client()
    sign_in(client, setup["officer"])
    page = client.get(url)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Due at the end of" in html and "anna-" in html
    assert count(client.application, AuditEvent, AuditEvent.action == "personal_data.read") == 1
    assert setup["case"].reference in client.get("/officer/cases").get_data(as_text=True)


def test_people_without_a_staff_role_are_refused(app, client, test_kind) -> None:
    with app.app_context():
        consumer = kept(make_staff(Role.CONSUMER))
    sign_in(client, consumer)
    assert client.get("/officer/cases").status_code == 403
    assert client.get("/admin/casework/queues").status_code == 403


def test_lists_take_every_view_and_sort_and_refuse_bad_filters(client, setup) -> None:
    sign_in(client, setup["officer"])
    for view in ("queue", "mine", "unassigned", "due_soon", "overdue", "escalated"):
        for sort in ("urgency", "filed", "activity"):
            assert client.get(f"/officer/cases?view={view}&sort={sort}").status_code == 200
    for bad in (
        "view=all",
        "sort=random",
        "priority=9",
        "queue=x",
        "after=garbage",
        "category=" + "x" * 41,
    ):
        assert client.get(f"/officer/cases?{bad}").status_code == 400, bad


def test_an_illegal_step_from_the_page_is_refused_and_stores_nothing(client, setup) -> None:
    sign_in(client, setup["officer"])
    case = setup["case"]
    events = count(client.application, CaseEvent, CaseEvent.case_id == case.id)
    url = f"/officer/cases/{case.id}"
    assert post_form(client, f"{url}/transition", {"target": "resolved"}).status_code == 400
    answer = post_form(client, f"{url}/transition", {"target": "rejected", "reason": ""})
    assert answer.status_code == 400 and "reason" in answer.get_data(as_text=True)
    assert post_form(client, f"{url}/notes", {"body": "   "}).status_code == 400
    assert post_form(client, f"{url}/messages", {"to": "seller", "body": "Hi"}).status_code == 400
    assert post_form(client, f"{url}/correction", {"category": "nonsense"}).status_code == 400
    assert post_form(client, f"{url}/merge", {"survivor": "T-NONE"}).status_code == 404
    assert post_form(client, f"{url}/priority", {"priority": "7"}).status_code == 400
    assert count(client.application, CaseEvent, CaseEvent.case_id == case.id) == events
    assert post_form(client, f"{url}/transition", {"target": "accepted"}).status_code == 302
    assert reload(client.application, case).status == "accepted"


def test_notes_messages_and_attachments_go_on_the_timeline(client, setup) -> None:
    sign_in(client, setup["officer"])
    case = setup["case"]
    url = f"/officer/cases/{case.id}"
    assert post_form(client, f"{url}/notes", {"body": "Called the platform."}).status_code == 302
    assert (
        post_form(
            client, f"{url}/messages", {"to": "consumer", "body": "Which colour?"}
        ).status_code
        == 302
    )
    assert count(client.application, OutboxMessage, OutboxMessage.to_address.like("anna-%")) == 1
    upload = {"file": (io.BytesIO(b"%PDF-1.4 receipt"), "receipt.pdf")}
    assert (
        post_form(
            client, f"{url}/attachments", upload, content_type="multipart/form-data"
        ).status_code
        == 302
    )
    assert (
        post_form(client, f"{url}/attachments", {}, content_type="multipart/form-data").status_code
        == 400
    )
    with client.application.app_context():
        attachment = kept(
            session.scalars(select(CaseAttachment).where(CaseAttachment.case_id == case.id)).one()
        )
    download = client.get(f"/files/case/{attachment.id}")
    assert download.data == b"%PDF-1.4 receipt"
    html = client.get(url).get_data(as_text=True)
    assert "Called the platform." in html and "Which colour?" in html and "receipt.pdf" in html


def test_next_case_claims_the_most_urgent(client, setup) -> None:
    urgent = new_case(client.application, at="2026-03-03 10:00", priority=0)
    sign_in(client, setup["officer"])
    answer = post_form(client, "/officer/cases/next", {})
    assert answer.headers["Location"].endswith(f"/officer/cases/{urgent.id}")
    assert reload(client.application, urgent).assignee_id == setup["officer"].id


def test_merging_keeps_the_duplicates_events_and_tells_its_parties(client, setup) -> None:
    survivor = setup["case"]
    duplicate = new_case(client.application, at="2026-03-03 10:00", text="Same earbuds again")
    sign_in(client, setup["officer"])
    answer = post_form(
        client,
        f"/officer/cases/{duplicate.id}/merge",
        {"survivor": survivor.reference.lower(), "reason": "Same order"},
    )
    assert answer.status_code == 302
    merged = reload(client.application, duplicate)
    assert merged.status == "merged" and merged.merged_into_id == survivor.id
    assert (
        count(client.application, OutboxMessage, OutboxMessage.subject.contains(survivor.reference))
        == 1
    )
    html = client.get(f"/officer/cases/{survivor.id}").get_data(as_text=True)
    assert "from a merged case" in html


def test_supervisors_reassign_and_officers_may_not(client, setup) -> None:
    case, officer, supervisor = setup["case"], setup["officer"], setup["supervisor"]
    sign_in(client, officer)
    url = f"/officer/cases/{case.id}/assign"
    assert post_form(client, url, {"assignee": str(setup["other"].id)}).status_code == 403
    assert post_form(client, url, {"assignee": str(officer.id)}).status_code == 302
    client = client.application.test_client()
    sign_in(client, supervisor)
    assert post_form(client, url, {"assignee": ""}).status_code == 302
    assert reload(client.application, case).assignee_id is None


def test_bulk_actions_report_a_result_per_case(client, setup) -> None:
    second = new_case(client.application, at="2026-03-03 10:00")
    sign_in(client, setup["officer"])
    ids = [str(setup["case"].id), str(second.id)]
    post_form(client, f"/officer/cases/{second.id}/transition", {"target": "accepted"})
    answer = post_form(
        client,
        "/officer/cases/bulk",
        {"cases": ids, "action": "transition", "target": "accepted", "priority": "2"},
    )
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "done" in html and "refused" in html
    assert post_form(client, "/officer/cases/bulk", {"action": "priority"}).status_code == 400


def test_search_by_reference_key_and_words_in_both_languages(client, setup) -> None:
    case = setup["case"]
    sign_in(client, setup["officer"])
    for query in (case.reference, "ANNA@example.org", "8123456789", "earbuds", "没有到货", "耳机"):
        html = client.get("/officer/cases", query_string={"q": query}).get_data(as_text=True)
        assert case.reference in html, query
    html = client.get("/officer/cases", query_string={"q": "bicycle"}).get_data(as_text=True)
    assert case.reference not in html
    outsider = client.application.test_client()
    sign_in(outsider, setup["other"])
    html = outsider.get("/officer/cases", query_string={"q": "earbuds"}).get_data(as_text=True)
    assert case.reference not in html


def test_keyset_pages_cover_every_case_once(client, setup) -> None:
    with client.application.app_context():
        for day in range(3, 28):
            for _ in range(3):
                file_case(at=f"2026-03-{day:02d} 10:00", priority=day % 4)
    sign_in(client, setup["officer"])
    for sort in ("urgency", "filed", "activity"):
        seen, url = [], f"/officer/cases?sort={sort}"
        while url:
            html = client.get(url).get_data(as_text=True)
            seen += [ref for ref in TEXTS if ref in html and f">{ref}<" in html]
            marker = 'href="/officer/cases?after='
            url = (
                (
                    "/officer/cases?after="
                    + html.split(marker, 1)[1].split('"', 1)[0].replace("&amp;", "&")
                )
                if marker in html
                else None
            )
        assert len(seen) == len(set(seen)) == 76, sort


def test_attachments_kept_before_the_file_store_move_into_it(app) -> None:
    old = Path(app.instance_path) / "attachments"
    old.mkdir(parents=True, exist_ok=True)
    content = b"%PDF-1.4 an old receipt"
    digest = hashlib.sha256(content).hexdigest()
    (old / digest).write_bytes(content)
    (old / ("0" * 64)).write_bytes(b"not what its name says")
    result = app.test_cli_runner().invoke(args=["attachments", "move-to-file-store"])
    assert "1 attachments moved" in result.output
    with app.app_context(), open_content(digest) as moved:
        assert moved.read() == content
    assert sorted(path.name for path in old.iterdir()) == ["0" * 64]
