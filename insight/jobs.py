"""Insight's scheduled jobs: rollups, the open-case snapshot, alerts, the open-data files."""

from __future__ import annotations

from datetime import datetime

from core.db import session
from core.jobs import Job
from insight.alerts import raise_alerts
from insight.opendata import export_open_data
from insight.rollups import refresh

RECENT_DAYS = 2  # every few minutes: today and yesterday (cases filed, decided, escalated)
NIGHTLY_DAYS = 35  # each night: late corrections and reassignments of the last weeks


def refresh_recent(now: datetime) -> dict[str, int]:
    """Recount today's and yesterday's figures and the open cases for the dashboard."""
    counts = refresh(now, RECENT_DAYS)
    session.commit()
    return counts


def refresh_nightly(now: datetime) -> dict[str, int]:
    """Recount the figures of the last five weeks (late corrections, reassignments)."""
    counts = refresh(now, NIGHTLY_DAYS)
    session.commit()
    return counts


def alert_supervisors(now: datetime) -> dict[str, int]:
    """Open, continue or end systemic alerts (a seller's many complaints, a brand's rise)."""
    counts = raise_alerts(now)
    session.commit()
    return counts


def write_open_data(now: datetime) -> dict[str, int]:
    """Write the public CSV and JSON of closed complaints and decided notices."""
    counts = export_open_data(now)
    session.rollback()  # read only
    return counts


JOBS = (
    Job("insight_refresh", "*/10 * * * *", refresh_recent,
        "Recount today's figures and the open cases for the supervisors' dashboard."),
    Job("insight_refresh_nightly", "20 2 * * *", refresh_nightly,
        "Recount the dashboard figures of the last five weeks."),
    Job("insight_alerts", "25 * * * *", alert_supervisors,
        "Alert supervisors to a seller with many complaints or a brand or product on the rise."),
    Job("opendata_export", "40 2 * * *", write_open_data,
        "Write the open-data files: closed complaints and decided notices, no personal data."),
)
