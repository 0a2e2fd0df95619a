"""The public pages: the quarterly transparency report and the open-data files."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    jsonify,
    redirect,
    render_template,
    send_from_directory,
    url_for,
)
from werkzeug.wrappers import Response

from insight.services import opendata, transparency

bp = Blueprint("insight_public", __name__)


@bp.get("/transparency/")
def transparency_index() -> Response:
    return redirect(
        url_for("insight_public.transparency_report", quarter=str(transparency.current_quarter()))
    )


def _report(quarter: str) -> dict[str, object]:
    return transparency.report(transparency.parse_quarter(quarter))


@bp.get("/transparency/<quarter>")
def transparency_report(quarter: str) -> str:
    report = _report(quarter)
    return render_template(
        "insight/transparency.html", report=report, quarters=transparency.recent_quarters()
    )


@bp.get("/transparency/<quarter>.json")
def transparency_json(quarter: str) -> Response:
    return jsonify(_report(quarter))


@bp.get("/open-data/")
def open_data() -> str:
    return render_template(
        "insight/open_data.html", manifest=opendata.manifest(), fields=opendata.DATASETS
    )


@bp.get("/open-data/<name>")
def open_data_file(name: str) -> Response:
    if name not in opendata.FILES or not (opendata.folder() / name).exists():
        abort(404)
    return send_from_directory(opendata.folder(), name, as_attachment=True)
