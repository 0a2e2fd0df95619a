"""The supervisors' pages: who may open them, what they show, in English and Chinese."""

from __future__ import annotations

import re

import pytest

from core.models import Role
from tests.conftest import sign_in

PERIOD = "?from=2026-09-01&to=2026-10-31"


@pytest.mark.parametrize("role", [Role.CONSUMER, Role.RIGHTS_HOLDER, Role.SELLER, Role.OFFICER])
def test_only_supervisors_and_admins_see_the_dashboard(client, make_user, role) -> None:
    sign_in(client, make_user(role))
    for page in (
        "/insight/",
        "/insight/workload",
        "/insight/alerts",
        "/insight/figures/intake_day.csv",
    ):
        assert client.get(page).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client) -> None:
    answer = client.get("/insight/")
    assert answer.status_code == 302 and "/sign-in" in answer.headers["Location"]


def test_the_dashboard_shows_charts_with_text_alternatives_and_tables(client, data) -> None:
    sign_in(client, data.supervisor)
    html = client.get(f"/insight/{PERIOD}").get_data(as_text=True)
    canvases = re.findall(r"<canvas ([^>]*)>", html)
    assert canvases, "the dashboard draws charts"
    for attributes in canvases:
        assert 'role="img"' in attributes
        label = re.search(r'aria-label="([^"]+)"', attributes)
        assert label and len(label.group(1)) > 20
    assert (
        "Cases filed per day, line chart of 61 values from 2026-09-01 to 2026-10-31; the "
        "highest is 2026-09-30 with 1."
    ) in html
    assert html.count('<table class="data">') >= html.count("<canvas")
    assert "vendor/chartjs/chart.umd.min.js" in html and "cdn" not in html.lower()
    assert "Shenzhen Bright Store" in html


def test_the_dashboard_in_chinese(client, data) -> None:
    sign_in(client, data.supervisor)
    html = client.get(f"/insight/{PERIOD}", headers={"Accept-Language": "zh"}).get_data(
        as_text=True
    )
    assert "仪表板" in html and "每日受理案件" in html


def test_figures_download_as_csv(client, data) -> None:
    sign_in(client, data.supervisor)
    answer = client.get(f"/insight/figures/intake_day.csv{PERIOD}")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    lines = answer.get_data(as_text=True).splitlines()
    assert lines[0] == "Day,Cases filed" and len(lines) == 62
    assert [line for line in lines if line.endswith(",1")] == [
        "2026-09-30,1",
        "2026-10-12,1",
        "2026-10-13,1",
        "2026-10-15,1",
    ]
    assert client.get(f"/insight/figures/nothing.csv{PERIOD}").status_code == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?from=2026-13-01", "is not a date"),
        ("?from=2026-10-31&to=2026-10-01", "starts after it ends"),
        ("?from=2020-01-01&to=2026-10-01", "at most 366 days"),
        ("?kind=nonsense", "no kind of case"),
        ("?queue=abc", "no queue"),
        ("?queue=99999999999999", "no queue"),
        ("?language=fr", "en, zh or other"),
    ],
)
def test_bad_filters_are_refused_with_a_clear_message(client, data, query, message) -> None:
    sign_in(client, data.supervisor)
    answer = client.get(f"/insight/{query}")
    assert answer.status_code == 400
    assert message in answer.get_data(as_text=True)


def test_bad_filters_are_explained_in_chinese(client, data) -> None:
    sign_in(client, data.supervisor)
    answer = client.get(
        "/insight/?from=2026-10-31&to=2026-10-01", headers={"Accept-Language": "zh"}
    )
    assert answer.status_code == 400 and "期间的开始晚于结束" in answer.get_data(as_text=True)


def test_workload_lists_open_cases_per_officer_with_links(client, data) -> None:
    sign_in(client, data.supervisor)
    html = client.get(f"/insight/workload{PERIOD}").get_data(as_text=True)
    assert "unassigned" in html and "/officer/cases?view=unassigned" in html
    for lang in ("en", "zh"):
        assert client.get("/insight/workload", headers={"Accept-Language": lang}).status_code == 200
