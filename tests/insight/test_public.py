"""The public transparency report and open data: right figures, no personal data."""

from __future__ import annotations

import csv
import io
import json
import re

from flask import Flask

from core import clock
from insight.services.opendata import export_open_data, folder
from tests.conftest import post_form, sign_in
from tests.insight.conftest import PERSONAL


def _export(app: Flask) -> dict[str, str]:
    with app.app_context():
        export_open_data(clock.now())
        return {
            name: (folder() / name).read_text(encoding="utf-8")
            for name in (
                "complaints.csv",
                "complaints.json",
                "notices.csv",
                "notices.json",
                "manifest.json",
            )
        }


def _no_personal_data(text: str) -> None:
    for value in PERSONAL:
        assert value not in text, value


def test_the_quarter_report_counts_by_hand(client, data) -> None:
    report = client.get("/transparency/2026-Q4.json").get_json()
    assert report["complaints_ended"] == 3
    assert report["complaints_ended_in_time"] == 2  # B's acceptance was late
    assert report["share_of_complaints_ended_in_time"] == 66.7
    assert sorted(
        (r["category"], r["outcome"], r["complaints"])
        for r in report["complaints_by_category_and_outcome"]
    ) == [
        ("counterfeit", "mediation_failed", 1),
        ("delivery", "rejected", 1),
        ("delivery", "resolved", 1),
    ]
    assert report["notices"]["received"] == 0 and report["counter_notices"] == 0
    _no_personal_data(json.dumps(report, ensure_ascii=False))


def test_the_report_page_in_both_languages(client, data) -> None:
    english = client.get("/transparency/2026-Q4").get_data(as_text=True)
    assert "Transparency report 2026-Q4" in english and "66.7" in english
    chinese = client.get("/transparency/2026-Q4", headers={"Accept-Language": "zh"})
    assert chinese.status_code == 200 and "透明度报告" in chinese.get_data(as_text=True)
    _no_personal_data(english)
    assert client.get("/transparency/").status_code == 302


def test_a_bad_quarter_is_refused(client, data) -> None:
    assert client.get("/transparency/2026-Q5").status_code == 400
    assert client.get("/transparency/2031-Q1").status_code == 404
    answer = client.get("/transparency/last-year.json")
    assert answer.status_code == 400 and "YYYY-Qn" in answer.get_data(as_text=True)


def test_open_data_has_the_closed_complaints_and_no_personal_data(app, client, data) -> None:
    files = _export(app)
    rows = list(csv.DictReader(io.StringIO(files["complaints.csv"])))
    by_id = {row["complaint_id"]: row for row in rows}
    assert set(by_id) == {data.cases[n].reference for n in "ABC"}  # D is still open
    a = by_id[data.cases["A"].reference]
    assert a["date_received"] == "2026-09-30" and a["platform"] == "Testmarket"
    assert a["seller"] == "Shenzhen Bright Store" and a["timely"] == "yes"
    assert a["company_response"] == "answered" and a["outcome"] == "resolved"
    assert a["product"] == "wireless earbuds"
    b = by_id[data.cases["B"].reference]
    assert (b["timely"], b["company_response"]) == ("no", "no_answer")
    assert json.loads(files["complaints.json"]) == rows
    for text in files.values():
        _no_personal_data(text)
    page = client.get("/open-data/").get_data(as_text=True)
    assert "complaints.csv" in page
    assert client.get("/open-data/complaints.csv").status_code == 200
    assert client.get("/open-data/../redress.sqlite3").status_code == 404
    assert client.get("/open-data/secrets.csv").status_code == 404


def test_an_unapproved_narrative_is_never_published(app, client, data) -> None:
    a = data.cases["A"]
    rows = list(csv.DictReader(io.StringIO(_export(app)["complaints.csv"])))
    assert all(row["consumer_narrative"] == "" for row in rows)
    sign_in(client, data.supervisor)
    page = client.get(f"/officer/cases/{a.id}").get_data(as_text=True)
    assert "Narrative for the open data" in page and "[PERSON]" in page
    shown = re.search(r'name="shown" value="([0-9a-f]{64})"', page).group(1)
    answer = post_form(
        client, f"/insight/cases/{a.id}/narrative", {"decision": "approve", "shown": shown}
    )
    assert answer.status_code == 302
    files = _export(app)
    published = {
        row["complaint_id"]: row["consumer_narrative"]
        for row in csv.DictReader(io.StringIO(files["complaints.csv"]))
    }
    assert published[a.reference].startswith("My name is [PERSON], I live at [ADDRESS].")
    assert [ref for ref, text in published.items() if text] == [a.reference]
    for text in files.values():
        _no_personal_data(text)


def test_an_approval_of_other_text_or_without_consent_is_refused(client, data) -> None:
    sign_in(client, data.supervisor)
    a, c = data.cases["A"], data.cases["C"]
    stale = post_form(
        client, f"/insight/cases/{a.id}/narrative", {"decision": "approve", "shown": "0" * 64}
    )
    assert stale.status_code == 409
    refused = post_form(
        client, f"/insight/cases/{c.id}/narrative", {"decision": "approve", "shown": "0" * 64}
    )
    assert refused.status_code == 400
    assert "did not consent" in refused.get_data(as_text=True)
    assert "Narrative for the open data" not in client.get(f"/officer/cases/{c.id}").get_data(
        as_text=True
    )
