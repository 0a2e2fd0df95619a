"""Officers' pages: case lists, search, "next case", bulk actions, and the case page with its
steps. Every refusal is a 4xx that saves nothing."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from casework.forms import (
    AssignForm,
    AttachmentForm,
    BulkForm,
    CorrectionForm,
    MergeForm,
    MessageForm,
    NoteForm,
    PriorityForm,
    TransitionForm,
)
from casework.kinds import case_kind, case_kinds, case_panels
from casework.models import Case, CaseAttachment, Visibility
from casework.services import timeline as case_timeline
from casework.services.access import SUPERVISING, can_see
from casework.services.assignment import assign, change_priority, claim_next_case
from casework.services.bulk import MAX_SELECTION, bulk_apply, bulk_targets
from casework.services.corrections import correct_analysis
from casework.services.deadlines import describe_deadline
from casework.services.labels import PRIORITY_LABELS, category_label, page_labels
from casework.services.lists import (
    PAGE_SIZES,
    SORTS,
    VIEWS,
    CaseFilter,
    ListError,
    officer_cases,
)
from casework.services.merging import merge_cases, undo_deadline, undo_merge
from casework.services.search import related_cases, search_cases
from casework.services.transitions import (
    TransitionError,
    allowed_moves,
    merge_needs_a_survivor,
    transition,
)
from casework.workflow import MERGED
from core import clock
from core.access import roles_required
from core.audit import record_personal_data_read
from core.db import session
from core.errors import Refusal
from core.headers import keep_out_of_caches
from core.models import STAFF_ROLES, User

bp = keep_out_of_caches(
    Blueprint("casework_officer", __name__, url_prefix="/officer")
)  # its pages show cases
bp.context_processor(page_labels)
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
    return list(
        session.scalars(
            select(User).where(User.role.in_(STAFF_ROLES), User.active).order_by(User.name)
        )
    )


def _list_filter() -> CaseFilter:
    view = request.args.get("view", "queue")
    sort = request.args.get("sort", "urgency")
    if view not in VIEWS or sort not in SORTS:
        abort(400, _("Unknown view or sort order."))
    return CaseFilter(
        view=view,
        sort=sort,
        queue_id=_int_arg("queue"),
        kind=_text_arg("kind"),
        status=_text_arg("status"),
        category=_text_arg("category"),
        language=_text_arg("language"),
        priority=_int_arg("priority", 0, 3),
    )


def _bulk_form() -> BulkForm:
    form = BulkForm()
    form.target.choices = [SelectChoice("", "—")] + [
        SelectChoice(value, label) for value, label in bulk_targets().items()
    ]
    return form


def _list_page(bulk: BulkForm, error: str | None = None) -> str:
    """The list the request's filters ask for, with the bulk form (refilled after a refusal)."""
    wanted = _list_filter()
    size = _int_arg("size") or PAGE_SIZES[1]
    number = _int_arg("page", 1) or 1  # past the numbered pages only with a cursor
    if size not in PAGE_SIZES:
        abort(400, _("Show 25, 50 or 100 cases a page."))
    try:
        page = officer_cases(current_user, wanted, request.args.get("after") or None, size, number)
    except ListError:
        abort(400, _("This page link is broken; start again from the first page."))
    filters = {k: v for k, v in request.args.items() if k not in ("after", "page")}
    return render_template(
        "casework/cases.html",
        page=page,
        wanted=wanted,
        filters=filters,
        number=number,
        page_sizes=PAGE_SIZES,
        views=VIEWS,
        sorts=SORTS,
        kinds=case_kinds(),
        priorities=PRIORITY_LABELS,
        bulk=bulk,
        bulk_error=error,
        selected=set(bulk.cases.data or []),
        now=clock.now(),
        staff=staff_choices() if current_user.role in SUPERVISING else [],
    )


@bp.get("/cases")
@roles_required(*STAFF_ROLES)
def cases() -> str:
    query = request.args.get("q", "").strip()
    if query:
        if len(query) > 200:
            abort(400, _("Search for at most 200 characters."))
        return render_template(
            "casework/search.html",
            query=query,
            cases=search_cases(current_user, query),
            kinds=case_kinds(),
        )
    return _list_page(_bulk_form())


@bp.post("/cases/next")
@roles_required(*STAFF_ROLES)
def next_case() -> Response:
    case = claim_next_case(current_user)
    if case is None:
        flash(_("No unassigned case is waiting in your queues."), "info")
        return redirect(url_for("casework_officer.cases"))
    flash(_("Case %(reference)s is now yours.", reference=case.reference), "success")
    return redirect(url_for("casework_officer.case", case_id=case.id))


def _bulk_refusal(form: BulkForm) -> str | None:
    """Why the bulk form cannot be applied as sent, or None."""
    ids = [v for v in form.cases.data or [] if v.isdigit() and int(v) <= MAX_INT]
    if not form.validate_on_submit() or not ids or len(ids) > MAX_SELECTION:
        return _("Select between 1 and 200 cases and an action.")
    if form.action.data == "transition":
        if form.target.data == MERGED:
            return merge_needs_a_survivor()
        if not form.target.data:  # any other state is checked case by case
            return _("Choose the state to move the cases to.")
    if form.action.data == "assign" and _bulk_assignee(form) is None:
        return _("Choose whom to assign the cases to.")
    return None


def _bulk_assignee(form: BulkForm) -> User | None:
    chosen = form.assignee.data or ""
    return session.get(User, int(chosen)) if chosen.isdigit() and int(chosen) <= MAX_INT else None


@bp.post("/cases/bulk")
@roles_required(*STAFF_ROLES)
def bulk() -> str | tuple[str, int]:
    form = _bulk_form()
    refused = _bulk_refusal(form)
    if refused:
        return _list_page(form, refused), 400
    results = bulk_apply(
        current_user,
        [int(v) for v in form.cases.data or [] if v.isdigit()],
        form.action.data,
        target=form.target.data,
        assignee=_bulk_assignee(form),
        priority=int(form.priority.data),
        reason=form.reason.data,
        reason_shared=form.shared.data,
    )
    status = 200 if any(r.ok for r in results) else 400
    return render_template("casework/bulk_results.html", results=results, error=None), status


def _visible_case(case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None or not can_see(current_user, case):
        abort(404)  # a case one may not see is as good as absent
    return case


def _forms(case: Case) -> dict[str, Any]:
    kind = case_kind(case.kind)
    move = TransitionForm()
    move.target.choices = [
        SelectChoice(m.target, str(m.label) or kind.workflow.label(m.target))
        for m in allowed_moves(case, current_user)
        if not m.via_panel and m.target != MERGED  # a merge is its own step, with a survivor
    ]
    message = MessageForm()
    message.to.choices = [SelectChoice(p.role, p.name) for p in kind.parties(case) if p.email]
    correction = CorrectionForm(category=case.category)
    correction.category.choices = [SelectChoice(c, category_label(c)) for c in kind.categories]
    assignment = AssignForm()
    assignment.assignee.choices = [SelectChoice("", _("Nobody (back to the queue)"))] + [
        SelectChoice(str(u.id), u.name) for u in staff_choices()
    ]
    return {
        "move": move,
        "note": NoteForm(),
        "message": message,
        "attachment": AttachmentForm(),
        "correction": correction,
        "assign": assignment,
        "merge": MergeForm(),
        "priority": PriorityForm(priority=str(case.priority)),
    }


@bp.get("/cases/<id:case_id>")
@roles_required(*STAFF_ROLES)
def case(case_id: int) -> str:
    return render_case(_visible_case(case_id))


def render_case(case: Case, refused: str | None = None) -> str:
    """The case page; `refused` says why a step sent from it could not be made (a stale tab:
    the case moved meanwhile), above the case as it is now."""
    kind = case_kind(case.kind)
    parties = kind.parties(case)
    record_personal_data_read(f"case:{case.reference}", "case parties and timeline")
    attachments = {
        a.event_id: a
        for a in session.scalars(select(CaseAttachment).where(CaseAttachment.case_id == case.id))
    }
    return render_template(
        "casework/case.html",
        case=case,
        kind=kind,
        parties=parties,
        events=case_timeline.timeline(case),
        attachments=attachments,
        deadline=describe_deadline(case.due_explanation) if case.due_explanation else [],
        related=related_cases(case),
        forms=_forms(case),
        priorities=PRIORITY_LABELS,
        segments=highlight(kind.text(case), (case.nlp_analysis or {}).get("entities", [])),
        supervising=current_user.role in SUPERVISING,
        panel=kind.officer_panel(case) if kind.officer_panel else None,
        panels=case_panels(case),
        merged_into=session.get(Case, case.merged_into_id) if case.merged_into_id else None,
        undo_until=undo_deadline(case),
        now=clock.now(),
        refused=refused,
        **page_labels(),  # also when another package's step renders the page
    )


def highlight(text: str, entities: list[dict]) -> list[tuple[str, str | None]]:
    """The text cut into pieces, each entity a piece with its label (overlaps are skipped)."""
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for entity in sorted(entities, key=lambda e: (e.get("start", 0), e.get("end", 0))):
        start, end = entity.get("start"), entity.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and at <= start < end <= len(text)):
            continue
        pieces += [(text[at:start], None), (text[start:end], str(entity.get("label", "")))]
        at = end
    pieces.append((text[at:], None))
    return [piece for piece in pieces if piece[0]]


@bp.post("/cases/<id:case_id>/transition")
@roles_required(*STAFF_ROLES)
def move(case_id: int) -> Response:
    case = _visible_case(case_id)
    form = _forms(case)["move"]
    try:
        if form.target.data == MERGED:
            raise TransitionError(merge_needs_a_survivor())
        if not form.validate_on_submit():  # e.g. from a page older than the case's state
            raise TransitionError(
                _(
                    "This step is not open to you now: the case is “%(state)s”.",
                    state=case_kind(case.kind).workflow.label(case.status),
                )
            )
        transition(
            case, form.target.data, current_user, form.reason.data, reason_shared=form.shared.data
        )
    except TransitionError as refused:
        return refused_on_case_page(case, refused)
    flash(
        _(
            "Case %(reference)s is now “%(state)s”.",
            reference=case.reference,
            state=case_kind(case.kind).workflow.label(case.status),
        ),
        "success",
    )
    return redirect(url_for("casework_officer.case", case_id=case.id))


def refused_on_case_page(case: Case, refused: Refusal) -> Response:
    """A step refused (often sent from a page older than the case): the case as it is now with
    the reason, under the refusal's status (4xx: the request's changes are rolled back)."""
    if not session.is_active:  # a failed flush: only core's rollback can answer
        raise refused
    session.expire(case)
    return make_response(render_case(case, refused.message), refused.status)


@bp.post("/cases/<id:case_id>/notes")
@roles_required(*STAFF_ROLES)
def note(case_id: int) -> Response:
    case = _visible_case(case_id)
    form = NoteForm()
    if not form.validate_on_submit():
        raise Refusal(_("Write a note of at most 20,000 characters."))
    case_timeline.add_note(case, current_user, form.body.data)
    return redirect(url_for("casework_officer.case", case_id=case.id))


@bp.post("/cases/<id:case_id>/messages")
@roles_required(*STAFF_ROLES)
def message(case_id: int) -> Response:
    case = _visible_case(case_id)
    form = _forms(case)["message"]
    if not form.validate_on_submit():
        raise Refusal(_("Choose who receives the message and write it."))
    case_timeline.send_message(case, current_user, form.body.data, set(form.to.data))
    flash(_("Message sent."), "success")
    return redirect(url_for("casework_officer.case", case_id=case.id))


@bp.post("/cases/<id:case_id>/attachments")
@roles_required(*STAFF_ROLES)
def attach(case_id: int) -> Response:
    case = _visible_case(case_id)
    form = AttachmentForm()
    if not form.validate_on_submit():
        raise Refusal(_("Choose a file to attach."))
    upload = form.file.data
    visibility = Visibility.PARTIES if form.shared.data else Visibility.INTERNAL
    case_timeline.add_attachment(
        case, current_user, upload.filename or "", upload.read(), visibility
    )
    return redirect(url_for("casework_officer.case", case_id=case.id))


@bp.post("/cases/<id:case_id>/assign")
@roles_required(*STAFF_ROLES)
def assign_case(case_id: int) -> Response:
    case = _visible_case(case_id)
    form = _forms(case)["assign"]
    if not form.validate_on_submit():
        raise Refusal(_("Choose someone from the list."))
    assignee = session.get(User, int(form.assignee.data)) if form.assignee.data else None
    assign(case, assignee, current_user)
    return redirect(url_for("casework_officer.case", case_id=case.id))


@bp.post("/cases/<id:case_id>/priority")
@roles_required(*STAFF_ROLES)
def priority(case_id: int) -> Response:
    case = _visible_case(case_id)
    form = PriorityForm()
    if not form.validate_on_submit():
        raise Refusal(_("Choose a priority from the list."))
    change_priority(case, int(form.priority.data), current_user)
    return redirect(url_for("casework_officer.case", case_id=case.id))


@bp.post("/cases/<id:case_id>/correction")
@roles_required(*STAFF_ROLES)
def correct(case_id: int) -> Response:
    case = _visible_case(case_id)
    form = _forms(case)["correction"]
    if not form.validate_on_submit():
        raise Refusal(_("Choose a category from the list."))
    correct_analysis(case, current_user, form.category.data, form.entities.data or "")
    flash(_("Correction saved; it will train the next model."), "success")
    return redirect(url_for("casework_officer.case", case_id=case.id))


@bp.post("/cases/<id:case_id>/merge")
@roles_required(*STAFF_ROLES)
def merge(case_id: int) -> Response:
    case = _visible_case(case_id)
    form = MergeForm()
    if not form.validate_on_submit():
        raise Refusal(_("Give the reference of the case to keep."))
    survivor = session.scalar(
        select(Case).where(Case.reference == form.survivor.data.strip().upper())
    )
    if survivor is None or not can_see(current_user, survivor):
        raise Refusal(
            _(
                "There is no case %(reference)s that you work on.",
                reference=form.survivor.data.strip(),
            ),
            "not_found",
        )
    try:
        merge_cases(case, survivor, current_user, form.reason.data, reason_shared=form.shared.data)
    except TransitionError as refused:
        return refused_on_case_page(case, refused)
    flash(
        _(
            "Case %(duplicate)s was merged into %(survivor)s.",
            duplicate=case.reference,
            survivor=survivor.reference,
        ),
        "success",
    )
    return redirect(url_for("casework_officer.case", case_id=survivor.id))


@bp.post("/cases/<id:case_id>/unmerge")
@roles_required(*STAFF_ROLES)
def unmerge(case_id: int) -> Response:
    case = _visible_case(case_id)  # the form is only a button: CSRFProtect checks its token
    try:
        survivor = undo_merge(case, current_user)
    except TransitionError as refused:
        return refused_on_case_page(case, refused)
    flash(
        _(
            "Case %(duplicate)s is no longer merged into %(survivor)s.",
            duplicate=case.reference,
            survivor=survivor.reference,
        ),
        "success",
    )
    return redirect(url_for("casework_officer.case", case_id=case.id))
