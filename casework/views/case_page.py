"""The officer's case page and its steps. Every refusal is a 4xx that saves nothing."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from casework import timeline as case_timeline
from casework.access import SUPERVISING, can_see
from casework.assignment import AssignmentError, assign, change_priority
from casework.corrections import CorrectionError, correct_analysis
from casework.deadlines import describe_deadline
from casework.forms import (
    PRIORITY_LABELS,
    AssignForm,
    AttachmentForm,
    CorrectionForm,
    MergeForm,
    MessageForm,
    NoteForm,
    PriorityForm,
    TransitionForm,
)
from casework.kinds import case_kind, case_panels
from casework.merging import merge_cases
from casework.models import Case, CaseAttachment, Visibility
from casework.search import related_cases
from casework.transitions import TransitionError, allowed_moves, transition
from casework.views.blueprint import bp
from casework.views.lists import STAFF, staff_choices
from core.access import roles_required
from core.audit import record_personal_data_read
from core.db import session
from core.models import User

STATUS_OF = {"invalid": 400, "forbidden": 403, "conflict": 409}


def _visible_case(case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None or not can_see(current_user, case):
        abort(404)  # a case one may not see is as good as absent
    return case


def _refuse(message: str, status: int = 400) -> None:
    session.rollback()
    abort(status, message)


def _forms(case: Case) -> dict[str, object]:
    kind = case_kind(case.kind)
    move = TransitionForm()
    move.target.choices = [SelectChoice(m.target, str(m.label) or kind.workflow.label(m.target))
                           for m in allowed_moves(case, current_user) if not m.via_panel]
    message = MessageForm()
    message.to.choices = [SelectChoice(p.role, p.name) for p in kind.parties(case) if p.email]
    correction = CorrectionForm(category=case.category)
    correction.category.choices = [SelectChoice(c, c) for c in kind.categories]
    assignment = AssignForm()
    assignment.assignee.choices = [SelectChoice("", _("Nobody (back to the queue)"))] + [
        SelectChoice(str(u.id), u.name) for u in staff_choices()]
    return {"move": move, "note": NoteForm(), "message": message, "attachment": AttachmentForm(),
            "correction": correction, "assign": assignment, "merge": MergeForm(),
            "priority": PriorityForm(priority=str(case.priority))}


@bp.get("/cases/<id:case_id>")
@roles_required(*STAFF)
def case(case_id: int) -> str:
    case = _visible_case(case_id)
    kind = case_kind(case.kind)
    parties = kind.parties(case)
    record_personal_data_read(f"case:{case.reference}", "case parties and timeline")
    session.commit()
    attachments = {a.event_id: a for a in session.scalars(
        select(CaseAttachment).where(CaseAttachment.case_id == case.id))}
    return render_template(
        "casework/case.html", case=case, kind=kind, parties=parties,
        events=case_timeline.timeline(case), attachments=attachments,
        deadline=describe_deadline(case.due_explanation) if case.due_explanation else [],
        related=related_cases(case), forms=_forms(case), priorities=PRIORITY_LABELS,
        segments=highlight(kind.text(case), (case.nlp_analysis or {}).get("entities", [])),
        supervising=current_user.role in SUPERVISING,
        panel=kind.officer_panel(case) if kind.officer_panel else None,
        panels=case_panels(case))


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
@roles_required(*STAFF)
def move(case_id: int) -> Response:
    case = _visible_case(case_id)
    form = _forms(case)["move"]
    if not form.validate_on_submit():
        _refuse(_("This step is not open to you now."), 400)
    try:
        transition(case, form.target.data, current_user, form.reason.data)
    except TransitionError as error:
        _refuse(error.message, STATUS_OF[error.code])
    session.commit()
    flash(_("Case %(reference)s is now “%(state)s”.", reference=case.reference,
            state=case_kind(case.kind).workflow.label(case.status)), "success")
    return redirect(url_for("casework.case", case_id=case.id))


@bp.post("/cases/<id:case_id>/notes")
@roles_required(*STAFF)
def note(case_id: int) -> Response:
    case = _visible_case(case_id)
    form = NoteForm()
    if not form.validate_on_submit():
        _refuse(_("Write a note of at most 20,000 characters."))
    try:
        case_timeline.add_note(case, current_user, form.body.data)
    except case_timeline.TimelineError as error:
        _refuse(error.message)
    session.commit()
    return redirect(url_for("casework.case", case_id=case.id))


@bp.post("/cases/<id:case_id>/messages")
@roles_required(*STAFF)
def message(case_id: int) -> Response:
    case = _visible_case(case_id)
    form = _forms(case)["message"]
    if not form.validate_on_submit():
        _refuse(_("Choose who receives the message and write it."))
    try:
        case_timeline.send_message(case, current_user, form.body.data, set(form.to.data))
    except case_timeline.TimelineError as error:
        _refuse(error.message)
    session.commit()
    flash(_("Message sent."), "success")
    return redirect(url_for("casework.case", case_id=case.id))


@bp.post("/cases/<id:case_id>/attachments")
@roles_required(*STAFF)
def attach(case_id: int) -> Response:
    case = _visible_case(case_id)
    form = AttachmentForm()
    if not form.validate_on_submit():
        _refuse(_("Choose a file to attach."))
    upload = form.file.data
    visibility = Visibility.PARTIES if form.shared.data else Visibility.INTERNAL
    try:
        case_timeline.add_attachment(case, current_user, upload.filename or "",
                                     upload.mimetype, upload.read(), visibility)
    except case_timeline.TimelineError as error:
        _refuse(error.message)
    session.commit()
    return redirect(url_for("casework.case", case_id=case.id))


@bp.get("/cases/<id:case_id>/attachments/<id:attachment_id>")
@roles_required(*STAFF)
def attachment(case_id: int, attachment_id: int) -> Response:
    case = _visible_case(case_id)
    found = session.get(CaseAttachment, attachment_id)
    if found is None or found.case_id != case.id:
        abort(404)
    record_personal_data_read(f"case:{case.reference}", f"attachment {found.filename}")
    session.commit()
    return send_file(case_timeline.attachment_folder() / found.sha256, as_attachment=True,
                     download_name=found.filename, mimetype="application/octet-stream")


@bp.post("/cases/<id:case_id>/assign")
@roles_required(*STAFF)
def assign_case(case_id: int) -> Response:
    case = _visible_case(case_id)
    form = _forms(case)["assign"]
    if not form.validate_on_submit():
        _refuse(_("Choose someone from the list."))
    assignee = session.get(User, int(form.assignee.data)) if form.assignee.data else None
    try:
        assign(case, assignee, current_user)
    except AssignmentError as error:
        _refuse(error.message, STATUS_OF[error.code])
    session.commit()
    return redirect(url_for("casework.case", case_id=case.id))


@bp.post("/cases/<id:case_id>/priority")
@roles_required(*STAFF)
def priority(case_id: int) -> Response:
    case = _visible_case(case_id)
    form = PriorityForm()
    if not form.validate_on_submit():
        _refuse(_("Choose a priority from the list."))
    change_priority(case, int(form.priority.data), current_user)
    session.commit()
    return redirect(url_for("casework.case", case_id=case.id))


@bp.post("/cases/<id:case_id>/correction")
@roles_required(*STAFF)
def correct(case_id: int) -> Response:
    case = _visible_case(case_id)
    form = _forms(case)["correction"]
    if not form.validate_on_submit():
        _refuse(_("Choose a category from the list."))
    try:
        correct_analysis(case, current_user, form.category.data, form.entities.data or "")
    except CorrectionError as error:
        _refuse(error.message)
    session.commit()
    flash(_("Correction saved; it will train the next model."), "success")
    return redirect(url_for("casework.case", case_id=case.id))


@bp.post("/cases/<id:case_id>/merge")
@roles_required(*STAFF)
def merge(case_id: int) -> Response:
    case = _visible_case(case_id)
    form = MergeForm()
    if not form.validate_on_submit():
        _refuse(_("Give the reference of the case to keep."))
    survivor = session.scalar(select(Case).where(
        Case.reference == form.survivor.data.strip().upper()))
    if survivor is None or not can_see(current_user, survivor):
        _refuse(_("There is no case %(reference)s that you work on.",
                  reference=form.survivor.data.strip()), 404)
    try:
        merge_cases(case, survivor, current_user, form.reason.data)
    except TransitionError as error:
        _refuse(error.message, STATUS_OF[error.code])
    session.commit()
    flash(_("Case %(duplicate)s was merged into %(survivor)s.", duplicate=case.reference,
            survivor=survivor.reference), "success")
    return redirect(url_for("casework.case", case_id=survivor.id))
