"""The rights holder's notices: report listings (one by one, pasted, CSV), follow them, appeal
a rejection."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response

from core import clock
from core.access import roles_required
from core.db import session
from core.models import Role
from core.uploads import UploadError, check_uploads
from ipr.errors import IprError, NoticeRefused
from ipr.forms import AppealForm, NoticeForm
from ipr.listing_input import Parsed, parse_csv, parse_lines
from ipr.models import Channel, Listing, Notice
from ipr.services import file_appeal, file_notice, filing_refusal, holder_of, usable_rights
from ipr.services.notices import check_notice
from ipr.services.review import appeal_deadline, appeal_of, withdraw
from ipr.services.rights import describe_right
from ipr.services.tracking import notice_view
from ipr.views.blueprints import bp

FIELD_LABELS = {"url": _l("address"), "platform": _l("platform"), "seller": _l("seller"),
                "listing_id": _l("listing id"), "explanation": _l("explanation")}


def _collect(form: NoticeForm) -> Parsed:
    """Every listing of the form: the rows, then the pasted lines, then the CSV file."""
    defaults = {"platform": form.default_platform.data or "",
                "explanation": form.default_explanation.data or ""}
    parsed = Parsed()
    for number, row in enumerate(form.listings.data, start=1):
        if any((value or "").strip() for value in row.values()):
            cleaned = {name: (value or "").strip() or None for name, value in row.items()}
            for name, value in defaults.items():
                cleaned[name] = cleaned.get(name) or value.strip() or None
            parsed.add(cleaned, _("listing %(n)d of the form", n=number))
    parse_lines(form.pasted.data or "", defaults, parsed)
    upload = form.csv_file.data
    if upload is not None and upload.filename:
        parse_csv(upload.read(), defaults, parsed)
    return parsed


def _problems(fields: dict[str, str], origins: list[str], form: NoticeForm) -> list[str]:
    """The refusal as the form shows it: field errors in place, listing rows in one list."""
    problems: list[str] = []
    for key, message in fields.items():
        parts = key.split(".")
        if parts[0] == "listings" and len(parts) == 3 and parts[1].isdigit():
            where = origins[int(parts[1])] if int(parts[1]) < len(origins) else parts[1]
            problems.append(f"{where} ({FIELD_LABELS.get(parts[2], parts[2])}): {message}")
        elif parts[0] in ("rights", "description", "good_faith", "accurate", "signature"):
            getattr(form, parts[0]).errors = [*getattr(form, parts[0]).errors, message]
        else:
            problems.append(message)
    return problems


def _form_page(form: NoticeForm, problems: list[str], status: int) -> tuple[str, int]:
    return render_template("ipr/notice_form.html", form=form, problems=problems), status


@bp.route("/notices/new", methods=["GET", "POST"])
@roles_required(Role.RIGHTS_HOLDER)
def new_notice() -> tuple[str, int] | Response:
    holder = holder_of(current_user)
    refusal = filing_refusal(holder, clock.now())
    if refusal is not None:
        flash(refusal, "error")
        return redirect(url_for("ipr.home"))
    form = NoticeForm()
    form.rights.choices = [(right.id, describe_right(right)) for right in usable_rights(holder)]
    if not form.validate_on_submit():
        return _form_page(form, [], 400 if form.is_submitted() else 200)
    parsed = _collect(form)
    data: dict[str, Any] = {"rights": form.rights.data, "description": form.description.data,
                            "listings": parsed.rows, "good_faith": form.good_faith.data,
                            "accurate": form.accurate.data, "signature": form.signature.data}
    fields = dict(parsed.errors)
    try:
        evidence = check_uploads([(f.filename or "", f.read()) for f in form.evidence.data or []
                                  if f.filename])
    except UploadError as error:
        evidence, fields["evidence"] = [], str(error)
        form.evidence.errors = [str(error)]
    try:
        check_notice(current_user, data)
    except NoticeRefused as refused:
        fields |= refused.fields
    if fields:
        return _form_page(form, _problems(fields, parsed.origins, form), 422)
    try:
        notice = file_notice(current_user, data, Channel.WEB, evidence)
    except NoticeRefused as refused:
        session.rollback()
        return _form_page(form, _problems(refused.fields, parsed.origins, form), refused.status)
    session.commit()
    flash(_("Notice %(reference)s received: %(n)d listings to review.",
            reference=notice.reference, n=len(notice.listings)), "success")
    return redirect(url_for("ipr.notice", reference=notice.reference))


def _own_notice(reference: str) -> Notice:
    holder = holder_of(current_user)
    notice = session.scalar(select(Notice).where(
        Notice.reference == reference, Notice.holder_id == (holder.id if holder else 0)))
    if notice is None:
        abort(404)  # another holder's notice is as good as absent
    return notice


@bp.get("/notices")
@roles_required(Role.RIGHTS_HOLDER)
def notices() -> str:
    holder = holder_of(current_user)
    found = session.scalars(select(Notice).where(Notice.holder_id == (holder.id if holder
                                                                      else 0))
                            .order_by(Notice.id.desc()).limit(200))
    return render_template("ipr/notices.html", notices=list(found), holder=holder)


@bp.get("/notices/<string(maxlength=40):reference>")
@roles_required(Role.RIGHTS_HOLDER)
def notice(reference: str) -> str:
    found = _own_notice(reference)
    return _notice_page(found)


def _notice_page(found: Notice, form: AppealForm | None = None,
                 failed: str | None = None) -> Any:
    now = clock.now()
    appealable = {listing.id for listing in found.listings if listing.status == "rejected"
                  and appeal_of(listing) is None and (appeal_deadline(listing) or now) >= now}
    page = render_template("ipr/notice.html", notice=found, view=notice_view(found),
                           appealable=appealable, appeal_form=form or AppealForm(),
                           failed=failed, deadline=appeal_deadline)
    return (page, 400) if failed else page


@bp.post("/listings/<string(maxlength=40):reference>/appeal")
@roles_required(Role.RIGHTS_HOLDER)
def appeal(reference: str) -> Any:
    listing = session.scalar(select(Listing).where(Listing.reference == reference))
    holder = holder_of(current_user)
    if listing is None or holder is None or listing.notice.holder_id != holder.id:
        abort(404)
    form = AppealForm()
    if not form.validate_on_submit():
        return _notice_page(listing.notice, form, reference)
    try:
        file_appeal(listing, current_user, form.grounds.data)
    except IprError as error:
        session.rollback()
        form.grounds.errors = [error.message]
        return _notice_page(listing.notice, form, reference)
    session.commit()
    flash(_("Your appeal on %(reference)s is filed; another officer will decide it.",
            reference=listing.reference), "success")
    return redirect(url_for("ipr.notice", reference=listing.notice.reference))



@bp.post("/listings/<string(maxlength=40):reference>/withdraw")
@roles_required(Role.RIGHTS_HOLDER)
def withdraw_listing(reference: str) -> Response:
    listing = session.scalar(select(Listing).where(Listing.reference == reference))
    if listing is None or not FlaskForm().validate_on_submit():
        abort(404 if listing is None else 400)
    try:
        withdraw(listing, current_user)
    except IprError as error:
        session.rollback()
        abort(error.status, error.message)
    session.commit()
    flash(_("You withdrew your report of %(reference)s.", reference=listing.reference),
          "success")
    return redirect(url_for("ipr.notice", reference=listing.notice.reference))
