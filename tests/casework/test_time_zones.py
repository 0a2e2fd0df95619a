"""Officers read due times in their own time zone (the browser's, remembered in the tz cookie;
Asia/Shanghai without it), and the list and the case page say which zone that is."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select

from casework.models import Case
from core.db import session
from core.models import Role
from tests.complaints.walk import file, known_seller
from tests.conftest import sign_in
from tests.factories import at, make_queue


def _row(html: str, reference: str) -> str:
    return html.split(f">{reference}<", 1)[1].split("</tr>", 1)[0]


def test_due_times_follow_the_officers_time_zone(app, client, make_user) -> None:
    known_seller(app)
    with app.app_context():
        make_queue(name="Complaints", rule={"kind": "complaint", "position": 1})
    at("2026-03-02 10:00")
    reference, _token = file(client)
    with app.app_context():
        due = session.scalar(select(Case.due_at).where(Case.reference == reference))
    assert due is not None

    def shown(zone: str) -> str:
        return due.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")

    assert shown("Europe/Berlin") != shown("Asia/Shanghai")
    staff = app.test_client()
    sign_in(staff, make_user(Role.SUPERVISOR))

    row = _row(staff.get("/officer/cases").get_data(as_text=True), reference)
    assert shown("Asia/Shanghai") in row  # no zone known yet: the default one

    staff.set_cookie("tz", "Europe/Berlin")
    html = staff.get("/officer/cases").get_data(as_text=True)
    assert shown("Europe/Berlin") in _row(html, reference)
    assert shown("Asia/Shanghai") not in _row(html, reference)
    assert "Times in Europe/Berlin." in html

    case_id = html.split(f">{reference}<", 1)[0].rsplit("/officer/cases/", 1)[1].split('"')[0]
    page = staff.get(f"/officer/cases/{case_id}").get_data(as_text=True)
    assert f"<strong>{shown('Europe/Berlin')}</strong>" in page

    staff.set_cookie("tz", "Mars/Olympus_Mons")  # not a zone: the default again, said so
    html = staff.get("/officer/cases").get_data(as_text=True)
    assert shown("Asia/Shanghai") in _row(html, reference)
    assert "Times in Asia/Shanghai." in html
