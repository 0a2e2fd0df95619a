"""The officer's steps after a takedown (forms on the listing's case page, see ipr.counter_panel)
and the page of holders' standing, misuse and repeat infringers. Thin: check, call one service,
commit, back to the case."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from casework.services.access import can_see
from core import clock
from core.access import roles_required
from core.audit import record_personal_data_read
from core.db import session
from core.models import STAFF_ROLES
from ipr.counter_forms import ExtensionForm, MisuseForm, ProofCheckForm, ReasonsForm
from ipr.counter_notices import extend_window, forward_counter_notice, refuse_counter_notice
from ipr.errors import IprError
from ipr.files import file_path
from ipr.misuse import active_suspension, decide_measure, lift_suspension, misuse_figures
from ipr.models import (
    ActionProof,
    CounterNotice,
    IprFile,
    MisuseKind,
    MisuseMeasure,
    RightsHolder,
    Verification,
)
from ipr.proofs import check_proof, restore_now
from ipr.repeat_infringers import open_flags
from ipr.standing import Figures, judge, standing_figures

bp = Blueprint("ipr_after", __name__, url_prefix="/ipr/officer")
STAFF = tuple(STAFF_ROLES)


def _counter(counter_id: int) -> CounterNotice:
    counter = session.get(CounterNotice, counter_id)
    if counter is None or not can_see(current_user, counter.listing):
        abort(404)  # a case one may not see is as good as absent
    return counter


def _step(counter: CounterNotice, work: Callable[[], object], done: str) -> Response:
    try:
        work()
    except IprError as error:
        session.rollback()
        abort(error.status, error.message)
    session.commit()
    flash(done, "success")
    return redirect(url_for("casework_officer.case", case_id=counter.listing_id))


def _valid(form: object) -> None:
    if not form.validate_on_submit():  # type: ignore[attr-defined]
        errors = "; ".join(f"{name}: {' '.join(map(str, e))}"
                           for name, e in form.errors.items())  # type: ignore[attr-defined]
        abort(400, errors or _("The form has expired. Reload the page."))


@bp.post("/counter-notices/<id:counter_id>/forward")
@roles_required(*STAFF)
def forward(counter_id: int) -> Response:
    counter = _counter(counter_id)
    _valid(ReasonsForm())
    return _step(counter, lambda: forward_counter_notice(counter, current_user),
                 _("The counter-notice is forwarded; the rights holder's window runs."))


@bp.post("/counter-notices/<id:counter_id>/refuse")
@roles_required(*STAFF)
def refuse(counter_id: int) -> Response:
    counter = _counter(counter_id)
    form = ReasonsForm()
    _valid(form)
    return _step(counter, lambda: refuse_counter_notice(counter, current_user,
                                                        form.reasons.data),
                 _("The counter-notice is refused; the listing stays down."))


@bp.post("/counter-notices/<id:counter_id>/extend")
@roles_required(*STAFF)
def extend(counter_id: int) -> Response:
    counter = _counter(counter_id)
    form = ExtensionForm()
    _valid(form)
    return _step(counter, lambda: extend_window(counter, current_user, form.working_days.data,
                                                form.reasons.data),
                 _("The window is extended."))


@bp.post("/counter-notices/<id:counter_id>/restore")
@roles_required(*STAFF)
def restore(counter_id: int) -> Response:
    counter = _counter(counter_id)
    _valid(ReasonsForm())
    return _step(counter, lambda: restore_now(counter, current_user),
                 _("The listing is restored."))


@bp.post("/proofs/<id:proof_id>/check")
@roles_required(*STAFF)
def check(proof_id: int) -> Response:
    proof = session.get(ActionProof, proof_id) or abort(404)
    counter = _counter(proof.counter_notice_id)
    form = ProofCheckForm()
    _valid(form)
    return _step(counter, lambda: check_proof(proof, current_user, form.decision.data == "accept",
                                              form.reasons.data),
                 _("The proof is checked."))


@bp.get("/counter-files/<id:file_id>")
@roles_required(*STAFF)
def download(file_id: int) -> Response:
    found = session.get(IprFile, file_id) or abort(404)
    if found.counter_notice_id is not None:
        _counter(found.counter_notice_id)
    elif found.proof_id is not None:
        _counter(session.get_one(ActionProof, found.proof_id).counter_notice_id)
    else:
        abort(404)
    record_personal_data_read(f"ipr_file:{found.id}", found.filename)
    session.commit()
    return send_file(file_path(found), as_attachment=True, download_name=found.filename,
                     mimetype="application/octet-stream")


@bp.get("/standing")
@roles_required(*STAFF)
def standing() -> str:
    now = clock.now()
    holders = list(session.scalars(select(RightsHolder).where(
        RightsHolder.status == Verification.VERIFIED).order_by(RightsHolder.legal_name)))
    figures = standing_figures(now)
    rows = [(h, figures.get(h.id, Figures()), judge(h, figures.get(h.id, Figures()), now))
            for h in holders]
    return render_template("ipr/standing.html", rows=rows, misuse=misuse_figures(now),
                           flags=open_flags(), form=MisuseForm(), now=now,
                           suspensions={h.id: active_suspension(h.id, now) for h in holders
                                        if h.suspended_until and h.suspended_until > now})


@bp.post("/standing/holders/<id:holder_id>/measure")
@roles_required(*STAFF)
def measure(holder_id: int) -> Response:
    holder = session.get(RightsHolder, holder_id) or abort(404)
    form = MisuseForm()
    _valid(form)
    try:
        decide_measure(holder, current_user, MisuseKind(form.kind.data), form.reasons.data,
                       form.days.data)
    except IprError as error:
        session.rollback()
        abort(error.status, error.message)
    session.commit()
    flash(_("The measure is recorded and the organisation is told."), "success")
    return redirect(url_for("ipr_after.standing"))


@bp.post("/standing/measures/<id:measure_id>/lift")
@roles_required(*STAFF)
def lift(measure_id: int) -> Response:
    found = session.get(MisuseMeasure, measure_id) or abort(404)
    _valid(ReasonsForm())
    try:
        lift_suspension(found, current_user)
    except IprError as error:
        session.rollback()
        abort(error.status, error.message)
    session.commit()
    flash(_("The suspension is lifted."), "success")
    return redirect(url_for("ipr_after.standing"))
