"""The jobs and the command line keep the figures and the open data current."""

from __future__ import annotations

from datetime import date

from core import clock
from core.jobs import run_job
from core.models import JobOutcome
from insight.services import figures
from insight.services.filters import Filters
from insight.services.opendata import folder
from tests.insight.conftest import _file, shanghai


def test_the_refresh_job_counts_a_new_case(app, data) -> None:
    with app.app_context():
        _file("2026-10-27 09:00", data.seller)
        period = Filters(date(2026, 10, 27), date(2026, 10, 28))
        before = next(f for f in figures.dashboard(period) if f.key == "intake_day").rows
        assert before == [("2026-10-27", 0), ("2026-10-28", 0)]  # filed after the last count
        run = run_job("insight_refresh", shanghai("2026-10-28 12:00"))
        assert run.outcome == JobOutcome.SUCCEEDED, run.error
        after = next(f for f in figures.dashboard(period) if f.key == "intake_day").rows
        assert after == [("2026-10-27", 1), ("2026-10-28", 0)]
        # running it again changes nothing: the days it covers are replaced, not added to
        run_job("insight_refresh", shanghai("2026-10-28 12:10"))
        assert next(f for f in figures.dashboard(period) if f.key == "intake_day").rows == after


def test_opendata_export_on_the_command_line(app, data) -> None:
    clock.set_now(shanghai("2026-10-28 12:00"))
    result = app.test_cli_runner().invoke(args=["opendata", "export"])
    assert result.exit_code == 0, result.output
    assert "3 complaints and 0 decided listings written" in result.output
    with app.app_context():
        assert (folder() / "complaints.csv").read_text(encoding="utf-8").count("\n") == 4


def test_the_alert_and_export_jobs_run(app, data) -> None:
    with app.app_context():
        for name in ("insight_alerts", "opendata_export", "insight_refresh_nightly"):
            run = run_job(name, shanghai("2026-10-28 12:00"))
            assert run.outcome == JobOutcome.SUCCEEDED, run.error
