"""complaints: consumer complaints: intake, tracking, forwarding to the seller, settlement,
mediation, findings (DESIGN.md sections 2, 4 and 8)."""

from flask import Flask
from flask_babel import lazy_gettext as _l

import nlp
from casework.kinds import register_case_kind
from complaints import models  # noqa: F401 - the tables are part of the schema
from complaints.api import blp as complaints_api
from complaints.api import document_platform_or_seller
from complaints.demo import load_demo_complaints
from complaints.jobs import JOBS
from complaints.kind import COMPLAINT_KIND
from complaints.labels import resolution_label, settlement_kind_label, settlement_status_label
from complaints.services.next_steps import due_text
from complaints.services.seller_answers import case_summary_for_seller
from complaints.views import BLUEPRINTS
from complaints.views.consumer import refill_filing_form, refill_tracking_page
from complaints.views.seller import STEP_FORMS, refill_seller_page
from complaints.workflow import COMPLAINT_WORKFLOW
from core.api import register_api
from core.demo import register_demo_loader
from core.errors import register_form_refill
from core.health import register_readiness_check
from core.jobs import register_jobs
from core.models import Role
from core.views import StartPoint, add_start_point
from sellers.services import register_case_summary
from sellers.services.publication import register_person_check


def _names_a_person(name: str) -> bool:
    """The NLP reads (nearly) the whole seller name as a private person's name."""
    try:
        entities = nlp.analyze(name).entities
    except nlp.ModelNotBuilt:
        return False
    length = len(name.strip())
    return any(e.label == "PERSON" and len(e.text.strip()) >= 0.8 * length for e in entities)


def init_app(app: Flask) -> None:
    """The complaint case kind (its workflow, what casework reads of it, its panel), the
    consumer's, seller's and officer's pages, the JSON API, the deadline jobs."""
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    register_case_kind(app, COMPLAINT_KIND)
    # Nothing typed is lost to a refusal the view never sees (too large, too many, NUL, expired).
    register_form_refill(app, "complaints_consumer.new", refill_filing_form)
    for step in ("add_evidence", "answer", "feedback"):
        register_form_refill(app, f"complaints_consumer.{step}", refill_tracking_page)
    for step in STEP_FORMS:
        register_form_refill(app, step, refill_seller_page)
    register_api(app, complaints_api)
    document_platform_or_seller()
    register_jobs(app, JOBS)
    register_case_summary(app, case_summary_for_seller)
    register_person_check(app, _names_a_person)  # seller names shown publicly
    register_demo_loader(app, load_demo_complaints)
    register_readiness_check(app, "nlp_model", nlp.model_problem)  # filing works without it
    app.add_template_global(settlement_kind_label, "settlement_kind_label")
    app.add_template_global(settlement_status_label, "settlement_status_label")
    app.add_template_global(resolution_label, "resolution_label")
    app.add_template_global(due_text, "complaint_due_text")
    app.add_template_global(COMPLAINT_WORKFLOW.label, "complaint_state_label")
    add_start_point(
        app,
        StartPoint(
            audience=_l("Consumers"),
            title=_l("File a complaint"),
            description=_l(
                "A purchase from an online seller abroad went wrong? Tell us; no account needed."
            ),
            endpoint="complaints_consumer.new",
        ),
    )
    add_start_point(
        app,
        StartPoint(
            audience=_l("Consumers"),
            title=_l("My complaints"),
            description=_l("Every complaint filed with your account or its e-mail address."),
            endpoint="complaints_consumer.mine",
            roles=frozenset({Role.CONSUMER}),
        ),
    )
