"""Officers' approval of a consented narrative for the open data, and its case-page panel."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from casework.models import Case
from casework.services.access import can_see
from core import clock
from core.access import roles_required
from core.db import session
from core.headers import keep_out_of_caches
from core.models import STAFF_ROLES
from insight.forms import NarrativeForm
from insight.services.narratives import (
    consented_text,
    decide_narrative,
    narrative_of,
    redacted_text,
    sha256,
)

bp = keep_out_of_caches(
    Blueprint("insight_officer", __name__, url_prefix="/insight")
)  # its pages show cases


@bp.post("/cases/<id:case_id>/narrative")
@roles_required(*STAFF_ROLES)
def narrative(case_id: int) -> Response:
    case = session.get(Case, case_id)
    if case is None or not can_see(current_user, case):
        abort(404)
    form = NarrativeForm()
    if not form.validate_on_submit():
        abort(400, _("Choose to approve or withhold the text you read."))
    decide_narrative(
        case, current_user, form.decision.data == "approve", form.shown.data, clock.now()
    )
    flash(
        _("The narrative will be published with the next open data.")
        if form.decision.data == "approve"
        else _("The narrative will not be published."),
        "success",
    )
    return redirect(url_for("casework_officer.case", case_id=case.id))


def narrative_panel(case: Case) -> Markup | None:
    """The case page's section to approve a consented narrative for the open data."""
    if consented_text(case) is None:
        return None
    redacted = redacted_text(case) or ""
    return Markup(  # noqa: S704 - a rendered, autoescaped template
        render_template(
            "insight/narrative_panel.html",
            case=case,
            redacted=redacted,
            shown=sha256(redacted),
            decision=narrative_of(case),
            form=NarrativeForm(),
        )
    )
