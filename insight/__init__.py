"""insight: dashboards, statistics rollups, transparency report, open data (DESIGN.md section 2).

It reads every domain and nothing imports it: its facts are noted by a flush hook on the case
timeline (insight.services.recording), its pages are its own, and the case page shows its narrative
approval through casework's panel registry.
"""

from flask import Flask
from flask_babel import lazy_gettext as _l

from casework.kinds import register_case_panel
from core.demo import register_demo_loader
from core.jobs import register_jobs
from core.models import Role
from core.views import StartPoint, add_start_point
from insight import models  # noqa: F401 - the tables
from insight.cli import insight_cli, opendata_cli
from insight.demo import load_demo_figures
from insight.jobs import JOBS
from insight.services import recording  # noqa: F401 - the timeline hook
from insight.views import BLUEPRINTS, narrative_panel


def init_app(app: Flask) -> None:
    """The dashboard, workload and alert pages, the public report and open data, the jobs."""
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.cli.add_command(opendata_cli)
    app.cli.add_command(insight_cli)
    register_jobs(app, JOBS)
    register_case_panel(app, narrative_panel)
    register_demo_loader(app, load_demo_figures)
    add_start_point(
        app,
        StartPoint(
            audience=_l("Supervisors"),
            title=_l("Dashboard"),
            description=_l("Open cases, intake, deadlines met, time to act, escalations, alerts."),
            endpoint="insight_supervisor.dashboard",
            roles=frozenset({Role.SUPERVISOR, Role.ADMIN}),
        ),
    )
    add_start_point(
        app,
        StartPoint(
            audience=_l("Everyone"),
            title=_l("Transparency report and open data"),
            description=_l(
                "How many complaints and notices we handled each quarter, how fast, "
                "with what outcome; the data to download."
            ),
            endpoint="insight_public.transparency_index",
        ),
    )
