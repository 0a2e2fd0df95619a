"""Admin pages: queues and their routing rules and members, SLA policies, calendars."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from casework.forms import (
    CalendarDayForm,
    CalendarYearForm,
    MemberForm,
    QueueForm,
    RuleForm,
    SlaForm,
)
from casework.kinds import case_kinds
from casework.models import (
    Calendar,
    CalendarDay,
    DayKind,
    Queue,
    QueueMember,
    QueueRule,
    SlaPolicy,
)
from casework.services.calendar_store import (
    mark_year_complete,
    missing_years,
    provisional_years,
    seed_from_library,
    set_day,
)
from casework.services.labels import category_label, language_label, page_labels
from casework.services.queues import (
    RULE_FIELDS,
    RuleValues,
    apply_rule,
    change_queue_calendar,
    rule_categories,
    rule_languages,
    rule_refusals,
)
from casework.services.stages import recompute_deadlines
from core import clock
from core.access import roles_required
from core.audit import record_audit
from core.db import session
from core.models import Role, User

bp = Blueprint("casework_admin", __name__, url_prefix="/admin/casework")
bp.context_processor(page_labels)


def _calendar_choices() -> list[SelectChoice]:
    calendars = session.scalars(select(Calendar).order_by(Calendar.name))
    return [SelectChoice(str(c.id), c.name) for c in calendars]


def _queue_or_404(queue_id: int) -> Queue:
    return session.get(Queue, queue_id) or abort(404)


@bp.route("/queues", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def queues() -> str | Response | tuple[str, int]:
    form = QueueForm()
    form.calendar.choices = _calendar_choices()
    if form.validate_on_submit():
        if session.scalar(select(Queue).where(Queue.code == form.code.data)):
            form.code.errors.append(_("Another queue has this code."))
        else:
            queue = Queue(
                code=form.code.data,
                name=form.name.data,
                calendar_id=int(form.calendar.data),
                triage=form.triage.data,
                auto_assign=form.auto_assign.data,
            )
            session.add(queue)
            session.flush()
            record_audit("queue.created", f"queue:{queue.code}")
            return redirect(url_for("casework_admin.queue", queue_id=queue.id))
    status = 400 if form.is_submitted() and form.errors else 200
    all_queues = session.scalars(select(Queue).order_by(Queue.name)).all()
    return render_template("casework/admin_queues.html", queues=all_queues, form=form), status


@bp.route("/queues/<id:queue_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def queue(queue_id: int) -> Response | tuple[str, int]:
    """The queue's page; posting its settings form changes them."""
    found = _queue_or_404(queue_id)
    settings = QueueForm(obj=found if request.method == "GET" else None)
    settings.calendar.choices = _calendar_choices()
    if request.method == "GET":
        settings.calendar.data = str(found.calendar_id)
        return _queue_page(found, _rule_form(), MemberForm(), settings)
    if settings.validate_on_submit():
        taken = session.scalar(
            select(Queue.id).where(Queue.code == settings.code.data, Queue.id != found.id)
        )
        if taken is not None:
            settings.code.errors.append(_("Another queue has this code."))
        else:
            found.code, found.name = settings.code.data, settings.name.data
            found.triage, found.auto_assign = settings.triage.data, settings.auto_assign.data
            moved = change_queue_calendar(found, int(settings.calendar.data))
            record_audit("queue.changed", f"queue:{found.code}", recomputed=moved)
            flash(_("Queue saved; %(n)d open deadlines were recomputed.", n=moved), "success")
            return redirect(url_for("casework_admin.queue", queue_id=found.id))
    return _queue_page(found, _rule_form(), MemberForm(), settings, 400)


def _queue_page(
    queue: Queue,
    rule: RuleForm,
    member: MemberForm,
    settings: QueueForm | None = None,
    status: int = 200,
) -> tuple[str, int]:
    if settings is None:
        settings = QueueForm(obj=queue, formdata=None)
        settings.calendar.choices = _calendar_choices()
        settings.calendar.data = str(queue.calendar_id)
    members = session.scalars(select(QueueMember).where(QueueMember.queue_id == queue.id)).all()
    return render_template(
        "casework/admin_queue.html",
        queue=queue,
        members=members,
        rule_form=rule,
        member_form=member,
        settings=settings,
        kinds=case_kinds(),
    ), status


def _rule_form(rule: QueueRule | None = None) -> RuleForm:
    form = RuleForm(obj=rule) if rule is not None and request.method == "GET" else RuleForm()
    if rule is not None and request.method == "GET":
        form.priority.data = "" if rule.priority is None else str(rule.priority)
    any_value = SelectChoice("", _("any"))
    form.kind.choices = [any_value] + [
        SelectChoice(name, str(kind.label)) for name, kind in case_kinds().items()
    ]
    form.category.choices = [any_value] + [
        SelectChoice(c, category_label(c)) for c in rule_categories()
    ]
    form.language.choices = [any_value] + [
        SelectChoice(code, language_label(code)) for code in rule_languages()
    ]
    return form


def _checked_rule(form: RuleForm) -> RuleValues | None:
    """The form's values, or None with the refusals written next to their fields."""
    if not form.validate_on_submit():
        return None
    text = {name: (getattr(form, name).data or "").strip() or None for name in RULE_FIELDS}
    values = RuleValues(
        position=form.position.data,
        priority=int(form.priority.data) if form.priority.data else None,
        **text,
    )
    refused = rule_refusals(values)
    for name, message in refused.items():
        getattr(form, name).errors = [message]
    return None if refused else values


@bp.post("/queues/<id:queue_id>/rules")
@roles_required(Role.ADMIN)
def add_rule(queue_id: int) -> Response | tuple[str, int]:
    found = _queue_or_404(queue_id)
    form = _rule_form()
    values = _checked_rule(form)
    if values is None:
        return _queue_page(found, form, MemberForm(), status=400)
    rule = QueueRule(queue_id=found.id)
    session.add(rule)
    apply_rule(rule, values)
    record_audit("queue.rule_added", f"queue:{found.code}", position=rule.position)
    return redirect(url_for("casework_admin.queue", queue_id=found.id))


@bp.route("/queues/<id:queue_id>/rules/<id:rule_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_rule(queue_id: int, rule_id: int) -> Response | tuple[str, int]:
    rule = session.get(QueueRule, rule_id)
    if rule is None or rule.queue_id != queue_id:
        abort(404)
    form = _rule_form(rule)
    if request.method == "POST":
        values = _checked_rule(form)
        if values is not None:
            apply_rule(rule, values)
            record_audit("queue.rule_changed", f"queue:{rule.queue.code}", rule=rule.id)
            flash(_("Rule saved; it routes new cases from now on."), "success")
            return redirect(url_for("casework_admin.queue", queue_id=queue_id))
    status = 400 if form.errors else 200
    return render_template("casework/admin_rule.html", queue=rule.queue, rule=rule, form=form), (
        status
    )


@bp.post("/queues/<id:queue_id>/rules/<id:rule_id>/delete")
@roles_required(Role.ADMIN)
def delete_rule(queue_id: int, rule_id: int) -> Response:
    rule = session.get(QueueRule, rule_id)
    if rule is None or rule.queue_id != queue_id:
        abort(404)
    session.delete(rule)
    record_audit("queue.rule_removed", f"queue:{queue_id}", rule=rule_id)
    return redirect(url_for("casework_admin.queue", queue_id=queue_id))


@bp.post("/queues/<id:queue_id>/members")
@roles_required(Role.ADMIN)
def add_member(queue_id: int) -> Response | tuple[str, int]:
    found = _queue_or_404(queue_id)
    form = MemberForm()
    if form.validate_on_submit():
        user = session.scalar(select(User).where(User.email == form.email.data.strip().lower()))
        if user is None or not user.role.is_staff:
            form.email.errors.append(_("No staff account has this address."))
        elif session.get(QueueMember, (found.id, user.id)) is None:
            session.add(QueueMember(queue_id=found.id, user_id=user.id))
            record_audit("queue.member_added", f"queue:{found.code}", user=user.email)
    if form.errors:
        return _queue_page(found, _rule_form(), form, status=400)
    return redirect(url_for("casework_admin.queue", queue_id=found.id))


@bp.post("/queues/<id:queue_id>/members/<id:user_id>/duty")
@roles_required(Role.ADMIN, Role.SUPERVISOR)
def toggle_duty(queue_id: int, user_id: int) -> Response:
    member = session.get(QueueMember, (queue_id, user_id)) or abort(404)
    member.on_duty = not member.on_duty
    record_audit("queue.duty_changed", f"queue:{queue_id}", user=user_id, on_duty=member.on_duty)
    return redirect(url_for("casework_admin.queue", queue_id=queue_id))


@bp.route("/sla", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def sla() -> str | Response | tuple[str, int]:
    form = SlaForm()
    kinds = case_kinds()
    if form.is_submitted():
        kind = kinds.get(form.kind.data or "")
        states = {s.name for s in kind.workflow.states} if kind else set()
        if not form.validate() or form.state.data not in states:
            return render_template(
                "casework/admin_sla.html",
                kinds=kinds,
                overrides=_overrides(),
                error=_("Give a known state and 1 to 365 working days."),
            ), 400
        policy = session.scalar(
            select(SlaPolicy).where(
                SlaPolicy.kind == form.kind.data, SlaPolicy.state == form.state.data
            )
        )
        if form.sla_days.data is None:
            if policy is not None:
                session.delete(policy)
        elif policy is None:
            session.add(
                SlaPolicy(kind=form.kind.data, state=form.state.data, sla_days=form.sla_days.data)
            )
        else:
            policy.sla_days = form.sla_days.data
        record_audit(
            "sla.changed", f"sla:{form.kind.data}:{form.state.data}", sla_days=form.sla_days.data
        )
        flash(_("The SLA applies to cases entering the state from now on."), "success")
        return redirect(url_for("casework_admin.sla"))
    return render_template(
        "casework/admin_sla.html", kinds=kinds, overrides=_overrides(), error=None
    )


def _overrides() -> dict[tuple[str, str], int]:
    return {(p.kind, p.state): p.sla_days for p in session.scalars(select(SlaPolicy))}


@bp.get("/calendars")
@roles_required(Role.ADMIN)
def calendars() -> str:
    this_year = clock.now().year
    found = session.scalars(select(Calendar).order_by(Calendar.name)).all()
    years = range(this_year, this_year + 2)
    missing = {c.id: missing_years(c, years) for c in found}
    provisional = {c.id: provisional_years(c, years) for c in found}
    return render_template(
        "casework/admin_calendars.html", calendars=found, missing=missing, provisional=provisional
    )


@bp.route("/calendars/<id:calendar_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def calendar(calendar_id: int) -> str | Response | tuple[str, int]:
    found = session.get(Calendar, calendar_id) or abort(404)
    form = CalendarDayForm()
    year_text = request.args.get("year", str(clock.now().year))
    if not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
        abort(400, _("Choose a year between 2000 and 2100."))
    year = int(year_text)
    if form.validate_on_submit():
        kind = DayKind(form.kind.data) if form.kind.data else None
        if kind is not None and not (form.name.data or "").strip():
            form.name.errors.append(_("Name the holiday or make-up day."))
        else:
            set_day(found, form.day.data, kind, (form.name.data or "").strip())
            changed = recompute_deadlines(found.id, form.day.data)
            flash(_("Day saved; %(n)d open deadlines were recomputed.", n=changed), "success")
            return redirect(
                url_for("casework_admin.calendar", calendar_id=found.id, year=form.day.data.year)
            )
    days = session.scalars(
        select(CalendarDay)
        .where(
            CalendarDay.calendar_id == found.id,
            CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31)),
        )
        .order_by(CalendarDay.day)
    )
    status = 400 if form.is_submitted() and form.errors else 200
    return render_template(
        "casework/admin_calendar.html",
        calendar=found,
        days=list(days),
        year=year,
        form=form,
        year_form=CalendarYearForm(),
        missing=missing_years(found, range(year, year + 1)),
        provisional=provisional_years(found, range(year, year + 1)),
    ), status


@bp.post("/calendars/<id:calendar_id>/years")
@roles_required(Role.ADMIN)
def complete_year(calendar_id: int) -> Response:
    found = session.get(Calendar, calendar_id) or abort(404)
    form = CalendarYearForm()
    if not form.validate_on_submit():
        abort(400, _("Choose a year between 2000 and 2100."))
    mark_year_complete(found, form.year.data)
    return redirect(url_for("casework_admin.calendar", calendar_id=found.id, year=form.year.data))


@bp.post("/calendars/<id:calendar_id>/seed")
@roles_required(Role.ADMIN)
def seed(calendar_id: int) -> Response:
    found = session.get(Calendar, calendar_id) or abort(404)
    added = seed_from_library(found)
    for year in added:
        recompute_deadlines(found.id, date(year, 1, 1), date(year, 12, 31))
    record_audit("calendar.seeded", f"calendar:{found.code}", years=added)
    flash(
        _("Years added from the library: %(years)s.", years=", ".join(map(str, added)) or "—"),
        "success",
    )
    return redirect(url_for("casework_admin.calendar", calendar_id=found.id))
