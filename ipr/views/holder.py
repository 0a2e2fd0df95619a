"""The rights holder's organisation and rights vault."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response

from core import clock
from core.access import roles_required
from core.db import session
from core.models import Role
from core.uploads import EVIDENCE_TYPES, CheckedFile, UploadError, check_upload
from core.web import render_form
from ipr.errors import IprError
from ipr.forms import OrganisationForm, RightForm
from ipr.services import add_right, holder_of, save_holder
from ipr.services.holders import power_of_attorney
from ipr.views.blueprints import bp

IMAGE_TYPES = frozenset(EVIDENCE_TYPES - {"application/pdf"})


def checked_file(upload: FileStorage | None,
                 allowed: frozenset[str] = EVIDENCE_TYPES) -> CheckedFile | None:
    """The uploaded file checked by content, None when none was chosen (UploadError if bad)."""
    if upload is None or not upload.filename:
        return None
    return check_upload(upload.filename, upload.read(), allowed=allowed)


def refuse_field(form: object, error: IprError | UploadError, field: str) -> None:
    session.rollback()
    name = getattr(error, "field", None) or field
    target = getattr(form, name, None) or getattr(form, field)
    target.errors = [*target.errors, str(getattr(error, "message", error))]


@bp.get("/")
@roles_required(Role.RIGHTS_HOLDER)
def home() -> str:
    holder = holder_of(current_user)
    rights = holder.rights if holder else []
    return render_template("ipr/home.html", holder=holder, rights=rights, today=clock.now().date(),
                           attorney=power_of_attorney(holder) if holder else None)


@bp.route("/organisation", methods=["GET", "POST"])
@roles_required(Role.RIGHTS_HOLDER)
def organisation() -> tuple[str, int] | Response:
    holder = holder_of(current_user)
    form = OrganisationForm(obj=holder) if holder else OrganisationForm()
    if holder and not form.is_submitted():
        form.capacity.data = holder.capacity.value
    if form.validate_on_submit():
        try:
            attorney = checked_file(form.power_of_attorney.data)
            save_holder(current_user, form.data, attorney)
        except (IprError, UploadError) as error:
            refuse_field(form, error, "power_of_attorney")
            return render_template("ipr/organisation.html", form=form, holder=holder), 400
        session.commit()
        flash(_("Saved. An officer checks your organisation before you can report listings; "
                "we will write to you."), "success")
        return redirect(url_for("ipr.home"))
    return render_form("ipr/organisation.html", form, holder=holder)


def _classes(text: str | None) -> list[int] | None:
    try:
        return [int(part) for part in (text or "").replace(";", ",").split(",") if part.strip()]
    except ValueError:
        return None


@bp.route("/rights/new", methods=["GET", "POST"])
@roles_required(Role.RIGHTS_HOLDER)
def new_right() -> tuple[str, int] | Response:
    holder = holder_of(current_user)
    if holder is None:
        flash(_("Register your organisation first."), "error")
        return redirect(url_for("ipr.organisation"))
    form = RightForm()
    if form.validate_on_submit():
        classes = _classes(form.nice_classes.data)
        if classes is None:
            form.nice_classes.errors = [_("Nice classes are numbers from 1 to 45.")]
            return render_template("ipr/right_form.html", form=form), 400
        try:
            certificate = checked_file(form.certificate.data)
            image = checked_file(form.mark_image.data, IMAGE_TYPES)
            add_right(holder, current_user, {**form.data, "nice_classes": classes}, certificate,
                      image)
        except (IprError, UploadError) as error:
            refuse_field(form, error, "certificate")
            return render_template("ipr/right_form.html", form=form), 400
        session.commit()
        flash(_("The right is in your vault; an officer verifies it against the certificate."),
              "success")
        return redirect(url_for("ipr.home"))
    return render_form("ipr/right_form.html", form)

