"""complaints: consumer complaints: intake, tracking (DESIGN.md sections 2, 4 and 8)."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from casework.kinds import register_case_kind
from complaints import (
    consumer_models,  # noqa: F401 - feedback, owners, duplicates
    consumer_views,  # noqa: F401 - lost link, my complaints
    models,  # noqa: F401 - the tables are part of the schema
)
from complaints.api import blp as complaints_api
from complaints.api import document_platform_or_seller
from complaints.api_consumer import ComplaintEvidence  # noqa: F401 - adds its routes
from complaints.demo import load_demo_complaints
from complaints.kind import COMPLAINT_KIND
from complaints.outcomes import init_outcomes
from complaints.views import bp
from core.api import register_api
from core.demo import register_demo_loader
from core.models import Role
from core.views import StartPoint, add_start_point


def init_app(app: Flask) -> None:
    """The complaint case kind (its workflow and what casework reads of it), the consumer's
    pages and the JSON API."""
    app.register_blueprint(bp)
    init_outcomes(app)  # officer steps, seller side, settlements, deadline jobs
    register_case_kind(app, COMPLAINT_KIND)
    register_api(app, complaints_api)
    document_platform_or_seller()
    register_demo_loader(app, load_demo_complaints)
    add_start_point(app, StartPoint(
        audience=_l("Consumers"), title=_l("File a complaint"),
        description=_l("A purchase from an online seller abroad went wrong? Tell us; no account "
                       "needed."),
        endpoint="complaints.new",
    ))
    add_start_point(app, StartPoint(
        audience=_l("Consumers"), title=_l("My complaints"),
        description=_l("Every complaint filed with your account or its e-mail address."),
        endpoint="complaints.mine", roles=frozenset({Role.CONSUMER}),
    ))
