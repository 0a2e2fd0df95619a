"""Insight's pages: the supervisors' dashboard, workload and alerts; the public report and data."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from casework.access import can_see
from casework.kinds import case_kinds
from casework.models import Case, Queue
from core import clock
from core.access import roles_required
from core.db import session
from core.models import Role
from core.web import render_form
from insight import figures, opendata, transparency
from insight.alerts import RulesError, acknowledge, alert_rules, save_alert_rules
from insight.filters import LANGUAGES, parse_filters
from insight.forms import AcknowledgeForm, AlertRulesForm, NarrativeForm
from insight.models import Alert, AlertCase
from insight.narratives import (
    NarrativeError,
    consented_text,
    decide_narrative,
    narrative_of,
    redacted_text,
    sha256,
)
from insight.rollups import refreshed
from insight.workload import urgent_cases

bp = Blueprint("insight", __name__, url_prefix="/insight")
public_bp = Blueprint("insight_public", __name__)
SUPERVISING = (Role.SUPERVISOR, Role.ADMIN)
STAFF = (Role.OFFICER, Role.SUPERVISOR, Role.ADMIN)


def _choices() -> dict[str, object]:
    return {"kinds": case_kinds(), "languages": LANGUAGES,
            "queues": session.scalars(select(Queue).order_by(Queue.name)).all()}


@bp.get("/")
@roles_required(*SUPERVISING)
def dashboard() -> str:
    filters = parse_filters(request.args)
    open_alerts = session.scalars(select(Alert).where(Alert.ended_at.is_(None))
                                  .order_by(Alert.started_at.desc())).all()
    return render_template("insight/dashboard.html", filters=filters,
                           figures=figures.dashboard(filters), alerts=open_alerts,
                           state=refreshed(), **_choices())


@bp.get("/figures/<key>.csv")
@roles_required(*SUPERVISING)
def figure_csv(key: str) -> Response:
    filters = parse_filters(request.args)
    found = next((f for f in figures.dashboard(filters) if f.key == key), None)
    if found is None:
        abort(404)
    name = f"redress-{key}-{filters.first.isoformat()}-{filters.last.isoformat()}.csv"
    return Response(opendata.as_csv(found.rows, found.columns), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/workload")
@roles_required(*SUPERVISING)
def workload() -> str:
    filters = parse_filters(request.args)
    rows = figures.workload(filters)
    return render_template("insight/workload.html", rows=rows, filters=filters,
                           urgent=urgent_cases([row[0] for row in rows if row[0]]),
                           state=refreshed(), **_choices())


@bp.get("/alerts")
@roles_required(*SUPERVISING)
def alerts() -> str:
    found = session.scalars(select(Alert).order_by(Alert.ended_at.is_not(None),
                                                   Alert.started_at.desc()).limit(200)).all()
    return render_template("insight/alerts.html", alerts=found, rules=alert_rules())


@bp.get("/alerts/<id:alert_id>")
@roles_required(*SUPERVISING)
def alert(alert_id: int) -> str:
    found = session.get(Alert, alert_id) or abort(404)
    cases = session.scalars(select(Case).join(AlertCase, AlertCase.case_id == Case.id)
                            .where(AlertCase.alert_id == found.id).order_by(Case.id)).all()
    return render_template("insight/alert.html", alert=found, cases=cases, form=AcknowledgeForm())


@bp.post("/alerts/<id:alert_id>/acknowledge")
@roles_required(*SUPERVISING)
def acknowledge_alert(alert_id: int) -> Response:
    found = session.get(Alert, alert_id) or abort(404)
    if not AcknowledgeForm().validate_on_submit():
        abort(400)
    acknowledge(found, current_user, clock.now())
    session.commit()
    flash(_("Alert acknowledged."), "success")
    return redirect(url_for("insight.alert", alert_id=found.id))


@bp.route("/settings", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def settings() -> Response | tuple[str, int]:
    rules = alert_rules()
    form = AlertRulesForm(obj=rules)
    if form.validate_on_submit():
        try:
            save_alert_rules(form.seller_threshold.data, form.window_days.data,
                             form.rise_factor.data, form.rise_minimum.data,
                             form.baseline_weeks.data, clock.now())
        except RulesError as error:
            session.rollback()
            abort(400, error.message)
        session.commit()
        flash(_("Alert thresholds saved."), "success")
        return redirect(url_for("insight.settings"))
    return render_form("insight/settings.html", form)


@bp.post("/cases/<id:case_id>/narrative")
@roles_required(*STAFF)
def narrative(case_id: int) -> Response:
    case = session.get(Case, case_id)
    if case is None or not can_see(current_user, case):
        abort(404)
    form = NarrativeForm()
    if not form.validate_on_submit():
        abort(400, _("Choose to approve or withhold the text you read."))
    try:
        decide_narrative(case, current_user, form.decision.data == "approve", form.shown.data,
                         clock.now())
    except NarrativeError as error:
        session.rollback()
        abort(error.status, error.message)
    session.commit()
    flash(_("The narrative will be published with the next open data.")
          if form.decision.data == "approve" else _("The narrative will not be published."),
          "success")
    return redirect(url_for("casework.case", case_id=case.id))


def narrative_panel(case: Case) -> Markup | None:
    """The case page's section to approve a consented narrative for the open data."""
    if consented_text(case) is None:
        return None
    redacted = redacted_text(case) or ""
    return Markup(render_template(  # noqa: S704 - a rendered, autoescaped template
        "insight/narrative_panel.html", case=case, redacted=redacted, shown=sha256(redacted),
        decision=narrative_of(case), form=NarrativeForm()))


@public_bp.get("/transparency/")
def transparency_index() -> Response:
    return redirect(url_for("insight_public.transparency_report",
                            quarter=str(transparency.current_quarter())))


def _report(quarter: str) -> dict[str, object]:
    try:
        return transparency.report(transparency.parse_quarter(quarter))
    except transparency.QuarterError as error:
        abort(404 if "Q" in quarter and transparency.QUARTER.match(quarter) else 400,
              error.message)


@public_bp.get("/transparency/<quarter>")
def transparency_report(quarter: str) -> str:
    report = _report(quarter)
    return render_template("insight/transparency.html", report=report,
                           quarters=transparency.recent_quarters())


@public_bp.get("/transparency/<quarter>.json")
def transparency_json(quarter: str) -> Response:
    return jsonify(_report(quarter))


@public_bp.get("/open-data/")
def open_data() -> str:
    return render_template("insight/open_data.html", manifest=opendata.manifest(),
                           fields=opendata.DATASETS)


@public_bp.get("/open-data/<name>")
def open_data_file(name: str) -> Response:
    if name not in opendata.FILES or not (opendata.folder() / name).exists():
        abort(404)
    return send_from_directory(opendata.folder(), name, as_attachment=True)
