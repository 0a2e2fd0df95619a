"""Case lists come in numbered pages of 25, 50 or 100 cases, say how many cases there are, and
link every page the officer may want: the first, the last and those near the current one."""

from __future__ import annotations

import re

from casework.services.lists import Page
from core.db import session
from core.models import Role, User
from tests.conftest import sign_in
from tests.factories import file_case, make_queue, make_staff


def _references(html: str) -> list[str]:
    return re.findall(r">(T-TEST-[0-9A-F]{8})<", html)


def test_numbered_pages_of_the_chosen_size_cover_every_case_once(app, client, test_kind) -> None:
    with app.app_context():
        officer = make_staff(Role.OFFICER)
        officer_id = officer.id
        make_queue(members=[officer], rule={"kind": "test_kind", "position": 1})
        filed = [
            file_case(at=f"2026-03-{day:02d} {hour:02d}:00", text=f"Case of day {day}").reference
            for day in range(1, 29)
            for hour in (9, 11, 14, 16)
        ]
    with app.app_context():
        sign_in(client, session.get(User, officer_id))

    first = client.get("/officer/cases?sort=filed&size=25").get_data(as_text=True)
    assert "112 cases" in first
    assert len(_references(first)) == 25
    links = re.findall(r'href="/officer/cases\?page=(\d+)[^"]*"', first)
    assert links == ["1", "2", "3", "4", "5"]  # 112 cases, 25 a page
    assert 'page=1&amp;sort=filed&amp;size=25" aria-current="page"' in first

    seen: list[str] = []
    for number in range(1, 6):
        html = client.get(f"/officer/cases?sort=filed&size=25&page={number}").get_data(as_text=True)
        seen += _references(html)
    assert seen == filed  # every case once, in filing order, one page after the other

    hundred = client.get("/officer/cases?sort=filed&size=100").get_data(as_text=True)
    assert len(_references(hundred)) == 100
    assert re.findall(r'href="/officer/cases\?page=(\d+)', hundred) == ["1", "2"]
    assert 'option value="100" selected' in hundred

    for bad in ("size=30", "size=x", "page=0", "page=81&size=25"):
        response = client.get(f"/officer/cases?{bad}")
        assert response.status_code == 400, bad


def test_far_pages_are_left_out_between_the_first_the_current_and_the_last() -> None:
    many = Page(cases=[], next_cursor=None, total=1000, size=25)  # 40 pages
    assert many.page_links(1) == [1, 2, 3, None, 40]
    assert many.page_links(20) == [1, None, 18, 19, 20, 21, 22, None, 40]
    assert many.page_links(4) == [1, 2, 3, 4, 5, 6, None, 40]
    assert Page(cases=[], next_cursor=None, total=0).page_links(1) == [1]
