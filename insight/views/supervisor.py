"""The supervisors' pages: the dashboard and its figures as CSV, workload, alerts, thresholds."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from casework.kinds import case_kinds
from casework.models import Case, Queue
from core import clock
from core.access import roles_required
from core.db import session
from core.headers import keep_out_of_caches
from core.models import Role
from core.web import render_form
from insight.forms import AcknowledgeForm, AlertRulesForm
from insight.models import Alert, AlertCase
from insight.services import figures, opendata
from insight.services.alerts import acknowledge, alert_rules, save_alert_rules
from insight.services.filters import LANGUAGES, parse_filters
from insight.services.rollups import refreshed
from insight.services.workload import urgent_cases

bp = keep_out_of_caches(
    Blueprint("insight_supervisor", __name__, url_prefix="/insight")
)  # its pages show cases
SUPERVISING = (Role.SUPERVISOR, Role.ADMIN)


def _choices() -> dict[str, object]:
    return {
        "kinds": case_kinds(),
        "languages": LANGUAGES,
        "queues": session.scalars(select(Queue).order_by(Queue.name)).all(),
    }


@bp.get("/")
@roles_required(*SUPERVISING)
def dashboard() -> str:
    filters = parse_filters(request.args)
    open_alerts = session.scalars(
        select(Alert).where(Alert.ended_at.is_(None)).order_by(Alert.started_at.desc())
    ).all()
    return render_template(
        "insight/dashboard.html",
        filters=filters,
        figures=figures.dashboard(filters),
        alerts=open_alerts,
        state=refreshed(),
        **_choices(),
    )


@bp.get("/figures/<key>.csv")
@roles_required(*SUPERVISING)
def figure_csv(key: str) -> Response:
    filters = parse_filters(request.args)
    found = next((f for f in figures.dashboard(filters) if f.key == key), None)
    if found is None:
        abort(404)
    name = f"redress-{key}-{filters.first.isoformat()}-{filters.last.isoformat()}.csv"
    return Response(
        opendata.as_csv(found.rows, found.columns),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/workload")
@roles_required(*SUPERVISING)
def workload() -> str:
    filters = parse_filters(request.args)
    rows = figures.workload(filters)
    return render_template(
        "insight/workload.html",
        rows=rows,
        filters=filters,
        urgent=urgent_cases([row[0] for row in rows if row[0]]),
        state=refreshed(),
        **_choices(),
    )


@bp.get("/alerts")
@roles_required(*SUPERVISING)
def alerts() -> str:
    found = session.scalars(
        select(Alert).order_by(Alert.ended_at.is_not(None), Alert.started_at.desc()).limit(200)
    ).all()
    return render_template("insight/alerts.html", alerts=found, rules=alert_rules())


@bp.get("/alerts/<id:alert_id>")
@roles_required(*SUPERVISING)
def alert(alert_id: int) -> str:
    found = session.get(Alert, alert_id) or abort(404)
    cases = session.scalars(
        select(Case)
        .join(AlertCase, AlertCase.case_id == Case.id)
        .where(AlertCase.alert_id == found.id)
        .order_by(Case.id)
    ).all()
    return render_template("insight/alert.html", alert=found, cases=cases, form=AcknowledgeForm())


@bp.post("/alerts/<id:alert_id>/acknowledge")
@roles_required(*SUPERVISING)
def acknowledge_alert(alert_id: int) -> Response:
    found = session.get(Alert, alert_id) or abort(404)
    if not AcknowledgeForm().validate_on_submit():
        abort(400)
    acknowledge(found, current_user, clock.now())
    flash(_("Alert acknowledged."), "success")
    return redirect(url_for("insight_supervisor.alert", alert_id=found.id))


@bp.route("/settings", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def settings() -> Response | tuple[str, int]:
    rules = alert_rules()
    form = AlertRulesForm(obj=rules)
    if form.validate_on_submit():
        save_alert_rules(
            form.seller_threshold.data,
            form.window_days.data,
            form.rise_factor.data,
            form.rise_minimum.data,
            form.baseline_weeks.data,
            clock.now(),
        )
        flash(_("Alert thresholds saved."), "success")
        return redirect(url_for("insight_supervisor.settings"))
    return render_form("insight/settings.html", form)
