"""The dashboard's figures against those counted by hand (see conftest.py)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from casework.services.corrections import correct_analysis
from casework.services.escalation import escalate_due_cases
from complaints.models import Complaint
from core.db import session
from core.models import User
from insight.models import CaseFacts
from insight.services import figures
from insight.services.filters import Filters
from insight.services.rollups import rebuild
from tests.insight.conftest import shanghai

OCTOBER = Filters(date(2026, 9, 1), date(2026, 10, 31))


def _figure(key: str, filters: Filters = OCTOBER) -> figures.Figure:
    return next(f for f in figures.dashboard(filters) if f.key == key)


def test_a_case_decided_across_national_day_counts_working_days_only(data, in_app) -> None:
    facts = session.get(CaseFacts, data.cases["A"].id)
    assert facts.decision == "accepted" and facts.decision_working_days == 6
    assert facts.outcome == "resolved" and facts.outcome_working_days == 10
    assert facts.stages_late == 0  # 14 calendar days, but within the 7 working days
    late = session.get(CaseFacts, data.cases["B"].id)
    assert late.decision_working_days == 9 and late.stages_late == 1


def test_deadlines_met_per_stage(data, in_app) -> None:
    rows = {row[0]: row[1:] for row in _figure("sla").rows}
    assert rows["Complaint: Submitted"] == (3, 2, 66.7)  # A and C in time, B late
    assert rows["Complaint: Waiting for the seller"] == (2, 2, 100.0)


def test_median_and_90th_percentile_of_time_to_act(data, in_app) -> None:
    rows = {row[0]: row[1:] for row in _figure("times").rows}
    assert rows["Filing to acceptance"] == (2, 7.5, 8.7)  # 6 and 9 working days
    assert rows["Filing to takedown"] == (0, None, None)
    resolution = next(v for k, v in rows.items() if k.startswith("Filing to resolution"))
    assert resolution == (3, 10.0, 10.0)  # 1, 10 and 10 working days


def test_percentile_interpolates_like_percentile_cont() -> None:
    assert figures.percentile([(1, 1), (2, 1), (3, 1), (4, 1)], 0.5) == 2.5
    assert figures.percentile([(5, 3)], 0.9) == 5
    assert figures.percentile([], 0.5) is None


def test_intake_open_cases_and_top_lists(data, in_app) -> None:
    per_day = _figure("intake_day").rows
    assert len(per_day) == 61 and per_day[0] == ("2026-09-01", 0)  # every day of the period
    assert [row for row in per_day if row[1]] == [
        ("2026-09-30", 1),
        ("2026-10-12", 1),
        ("2026-10-13", 1),
        ("2026-10-15", 1),
    ]
    weeks = _figure("intake_week").rows
    assert weeks[0] == ("2026-W36", 0) and [w for w in weeks if w[1]] == [
        ("2026-W40", 1),
        ("2026-W42", 3),
    ]
    assert _figure("open_kind").rows == [("Complaint", 1)]  # only D is open
    assert _figure("open_stage").rows == [("Complaint: Submitted", 1)]
    assert _figure("top_sellers").rows == [("Shenzhen Bright Store", 4)]
    assert _figure("top_platforms").rows == [("Testmarket", 4)]
    assert _figure("top_brands").rows == [("Acme", 2)]
    assert dict(_figure("top_categories").rows) == {"delivery": 3, "counterfeit": 1}


def test_nlp_triage_share(data, in_app) -> None:
    rows = {row[0]: row[1:] for row in _figure("nlp").rows}
    assert rows["Analysed by the NLP"] == (4, 100.0)
    assert rows["Sent to triage (low confidence)"] == (1, 25.0)  # C, at confidence 0.3


def test_filters_narrow_every_figure(data, in_app) -> None:
    counterfeit = Filters(date(2026, 9, 1), date(2026, 10, 31), category="counterfeit")
    assert [row for row in _figure("intake_day", counterfeit).rows if row[1]] == [("2026-10-12", 1)]
    rows = {row[0]: row[1:] for row in _figure("times", counterfeit).rows}
    assert rows["Filing to acceptance"] == (1, 9.0, 9.0)
    before = Filters(date(2026, 9, 1), date(2026, 9, 30))
    assert [row for row in _figure("intake_day", before).rows if row[1]] == [("2026-09-30", 1)]
    assert _figure("sla", before).rows == []


def test_escalations_and_officer_corrections_are_counted(data, in_app) -> None:
    late = session.get(Complaint, data.cases["D"].id)  # due at the end of Mon 26 October
    officer = session.scalar(select(User).where(User.id == data.supervisor.id))
    correct_analysis(late, officer, "defective", "")
    session.commit()
    escalate_due_cases(shanghai("2026-10-28 12:00"))
    rebuild(shanghai("2026-10-28 12:30"))
    session.commit()
    rows = {row[0]: row[1:] for row in _figure("escalations").rows}
    assert rows["warning"] == (1, 0) and rows["overdue"] == (1, 1)
    nlp = {row[0]: row[1:] for row in _figure("nlp").rows}
    assert nlp["Cases an officer corrected"] == (1, 25.0)
    assert nlp["Corrections that changed the category"] == (1, 100.0)
    assert dict(_figure("top_categories").rows)["defective"] == 1
