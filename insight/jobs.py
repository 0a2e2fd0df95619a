"""Insight's scheduled jobs: rollups, the open-case snapshot, alerts, the open-data files."""

from core.jobs import Job
from insight.services.alerts import raise_alerts
from insight.services.opendata import export_open_data
from insight.services.rollups import refresh_nightly, refresh_recent

JOBS = (
    Job(
        "insight_refresh",
        "*/10 * * * *",
        refresh_recent,
        "Recount today's figures and the open cases for the supervisors' dashboard.",
    ),
    Job(
        "insight_refresh_nightly",
        "20 2 * * *",
        refresh_nightly,
        "Recount the dashboard figures of the last five weeks.",
    ),
    Job(
        "insight_alerts",
        "25 * * * *",
        raise_alerts,
        "Alert supervisors to a seller with many complaints or a brand or product on the rise.",
    ),
    Job(
        "opendata_export",
        "40 2 * * *",
        export_open_data,
        "Write the open-data files: closed complaints and decided notices, no personal data.",
    ),
)
