"""Admin pages for what runs behind the scenes: scheduled jobs and outgoing mail."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from core import clock
from core.access import roles_required
from core.admin.blueprint import bp
from core.audit import record_audit
from core.db import session
from core.jobs import declared_jobs, last_runs, next_run, recent_runs, run_job
from core.mail import mail_needing_attention, retry_message
from core.models import OutboxMessage, Role


@bp.get("/jobs")
@roles_required(Role.ADMIN)
def jobs() -> str:
    now = clock.now()
    declared = sorted(declared_jobs().values(), key=lambda job: job.name)
    return render_template(
        "core/admin_jobs.html",
        jobs=declared,
        last=last_runs(),
        upcoming={job.name: next_run(job, now) for job in declared},
        form=FlaskForm(),
    )


@bp.get("/jobs/<name>")
@roles_required(Role.ADMIN)
def job_runs(name: str) -> str:
    job = declared_jobs().get(name) or abort(404)
    return render_template("core/admin_job_runs.html", job=job, runs=recent_runs(name))


@bp.post("/jobs/<name>/run")
@roles_required(Role.ADMIN)
def run_job_now(name: str) -> Response:
    if name not in declared_jobs():
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    record_audit("job.run_requested", f"job:{name}")
    run = run_job(name, trigger="admin")
    category = "success" if run.outcome.value == "succeeded" else "error"
    flash(_("%(job)s ran: %(outcome)s.", job=name, outcome=run.outcome.value), category)
    return redirect(url_for("admin.jobs"))


@bp.get("/mail")
@roles_required(Role.ADMIN)
def mail() -> str:
    return render_template(
        "core/admin_mail.html", messages=mail_needing_attention(), form=FlaskForm()
    )


@bp.post("/mail/<id:message_id>/retry")
@roles_required(Role.ADMIN)
def retry_mail(message_id: int) -> Response:
    message = session.get(OutboxMessage, message_id) or abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    retry_message(message)
    record_audit("mail.retry_requested", f"outbox:{message.id}")
    flash(_("The message to %(to)s will be sent again.", to=message.to_address), "success")
    return redirect(url_for("admin.mail"))
