"""The audit trail for admins: filter by action, person, target and period."""

from __future__ import annotations

from datetime import UTC, datetime, time

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import DateField, IntegerField, StringField
from wtforms.validators import Length, Optional

from core.access import roles_required
from core.admin.blueprint import bp
from core.db import session
from core.models import AuditEvent, Role

PAGE_SIZE = 100


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    action = StringField(_l("Action starts with"), validators=[Optional(), Length(max=60)])
    actor = StringField(_l("Person (e-mail)"), validators=[Optional(), Length(max=254)])
    target = StringField(_l("Target"), validators=[Optional(), Length(max=120)])
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("Until"), validators=[Optional()])
    before = IntegerField(validators=[Optional()])


@bp.get("/audit")
@roles_required(Role.ADMIN)
def audit() -> tuple[str, int]:
    form = AuditFilterForm(request.args)
    events: list[AuditEvent] = []
    if form.validate():
        events = list(session.scalars(_filtered(form).limit(PAGE_SIZE + 1)))
    more = len(events) > PAGE_SIZE
    page = render_template("core/admin_audit.html", form=form, events=events[:PAGE_SIZE], more=more)
    return page, 400 if form.errors else 200


def _filtered(form: AuditFilterForm):
    query = select(AuditEvent).order_by(AuditEvent.id.desc())
    if form.action.data:
        query = query.where(AuditEvent.action.startswith(form.action.data, autoescape=True))
    if form.actor.data:
        query = query.where(AuditEvent.actor_email == form.actor.data.strip().lower())
    if form.target.data:
        query = query.where(AuditEvent.target == form.target.data.strip())
    if form.since.data:
        query = query.where(AuditEvent.at >= datetime.combine(form.since.data, time.min, UTC))
    if form.until.data:
        query = query.where(AuditEvent.at <= datetime.combine(form.until.data, time.max, UTC))
    if form.before.data:
        query = query.where(AuditEvent.id < form.before.data)  # keyset: the next page
    return query
