"""The blueprints, apart so that every view module can add routes to them."""

from flask import Blueprint

from ipr.labels import ipr_labels
from ipr.workflow import LISTING_WORKFLOW

bp = Blueprint("ipr", __name__, url_prefix="/ipr")
officer_bp = Blueprint("ipr_officer", __name__, url_prefix="/ipr/officer")


@bp.context_processor
@officer_bp.context_processor
def _labels() -> dict[str, object]:
    return {**ipr_labels(), "state_label": LISTING_WORKFLOW.label}
