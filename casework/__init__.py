"""casework: the case workflow shared by every kind of case (DESIGN.md section 2)."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from casework import models  # noqa: F401 - registers the tables
from casework.cli import attachments_cli, calendars_cli, nlp_cli
from casework.demo import load_demo_queues
from casework.jobs import JOBS
from casework.services.files import CASE_FILES
from casework.services.metrics import case_gauges
from casework.services.sellers import case_link, follow_seller
from casework.views import BLUEPRINTS
from core.demo import register_demo_loader
from core.files import register_file_source
from core.jobs import register_jobs
from core.metrics import register_database_gauges
from core.models import STAFF_ROLES, Role
from core.views import StartPoint, add_start_point
from sellers.services.case_links import register_case_link, register_case_mover


def init_app(app: Flask) -> None:
    """Officer and admin pages, the command line, the jobs, case files, demo queues."""
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.cli.add_command(nlp_cli)
    app.cli.add_command(calendars_cli)
    app.cli.add_command(attachments_cli)
    register_demo_loader(app, load_demo_queues)
    register_jobs(app, JOBS)
    register_file_source(app, CASE_FILES)
    register_database_gauges(app, case_gauges)
    register_case_link(app, case_link)
    register_case_mover(app, follow_seller)
    add_start_point(
        app,
        StartPoint(
            audience=_l("Case officers and supervisors"),
            title=_l("My case queues"),
            description=_l("Cases waiting in your queues, most urgent first; take the next one."),
            endpoint="casework_officer.cases",
            roles=STAFF_ROLES,
        ),
    )
    add_start_point(
        app,
        StartPoint(
            audience=_l("Administrators"),
            title=_l("Queues, SLAs and calendars"),
            description=_l(
                "Routing rules, deadlines per state, holidays and make-up working days."
            ),
            endpoint="casework_admin.queues",
            roles=frozenset({Role.ADMIN}),
        ),
    )
