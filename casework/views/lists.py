"""Officer case lists, search, "next case", and bulk actions."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from casework.access import SUPERVISING
from casework.assignment import claim_next_case
from casework.bulk import bulk_apply
from casework.forms import PRIORITY_LABELS, BulkForm
from casework.kinds import case_kinds
from casework.lists import SORTS, VIEWS, CaseFilter, ListError, officer_cases
from casework.search import search_cases
from casework.views.blueprint import bp
from core import clock
from core.access import roles_required
from core.db import session
from core.models import Role, User

STAFF = (Role.OFFICER, Role.SUPERVISOR, Role.ADMIN)
MAX_INT = 2**31 - 1


def _int_arg(name: str, low: int = 0, high: int = MAX_INT) -> int | None:
    raw = request.args.get(name, "")
    if not raw:
        return None
    if not raw.isdigit() or not low <= int(raw) <= high:
        abort(400, _("The filter %(name)s must be a number.", name=name))
    return int(raw)


def _text_arg(name: str) -> str | None:
    value = request.args.get(name, "").strip()
    if len(value) > 40:
        abort(400, _("The filter %(name)s is too long.", name=name))
    return value or None


def staff_choices() -> list[User]:
    return list(session.scalars(select(User).where(User.role.in_(STAFF), User.active)
                                .order_by(User.name)))


@bp.get("/cases")
@roles_required(*STAFF)
def cases() -> str:
    query = request.args.get("q", "").strip()
    if query:
        if len(query) > 200:
            abort(400, _("Search for at most 200 characters."))
        return render_template("casework/search.html", query=query,
                               cases=search_cases(current_user, query))
    view = request.args.get("view", "queue")
    sort = request.args.get("sort", "urgency")
    if view not in VIEWS or sort not in SORTS:
        abort(400, _("Unknown view or sort order."))
    wanted = CaseFilter(view=view, sort=sort, queue_id=_int_arg("queue"),
                        kind=_text_arg("kind"), status=_text_arg("status"),
                        category=_text_arg("category"), language=_text_arg("language"),
                        priority=_int_arg("priority", 0, 3))
    try:
        page = officer_cases(current_user, wanted, request.args.get("after") or None)
    except ListError:
        abort(400, _("This page link is broken; start again from the first page."))
    filters = {k: v for k, v in request.args.items() if k != "after"}
    return render_template("casework/cases.html", page=page, wanted=wanted, filters=filters,
                           views=VIEWS, sorts=SORTS, kinds=case_kinds(),
                           priorities=PRIORITY_LABELS, bulk=BulkForm(), now=clock.now(),
                           staff=staff_choices() if current_user.role in SUPERVISING else [])


@bp.post("/cases/next")
@roles_required(*STAFF)
def next_case() -> Response:
    case = claim_next_case(current_user)
    session.commit()
    if case is None:
        flash(_("No unassigned case is waiting in your queues."), "info")
        return redirect(url_for("casework.cases"))
    flash(_("Case %(reference)s is now yours.", reference=case.reference), "success")
    return redirect(url_for("casework.case", case_id=case.id))


@bp.post("/cases/bulk")
@roles_required(*STAFF)
def bulk() -> str | tuple[str, int]:
    form = BulkForm()
    form.assignee.choices = [SelectChoice("", "—")] + [SelectChoice(str(u.id), u.name)
                                                       for u in staff_choices()]
    ids = [int(v) for v in form.cases.data or [] if v.isdigit() and int(v) <= MAX_INT]
    if not form.validate_on_submit() or not ids or len(ids) > 200:
        return render_template("casework/bulk_results.html", results=[],
                               error=_("Select between 1 and 200 cases and an action.")), 400
    assignee = None
    if form.action.data == "assign" and form.assignee.data:
        assignee = session.get(User, int(form.assignee.data)) if form.assignee.data.isdigit() \
            else None
        if assignee is None:
            return render_template("casework/bulk_results.html", results=[],
                                   error=_("Choose whom to assign the cases to.")), 400
    results = bulk_apply(current_user, ids, form.action.data, target=form.target.data,
                         assignee=assignee, priority=int(form.priority.data),
                         reason=form.reason.data)
    session.commit()
    status = 200 if any(r.ok for r in results) else 400
    return render_template("casework/bulk_results.html", results=results, error=None), status
