"""Admin pages for platforms: where forwarded complaints and takedown requests go."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from core.access import roles_required
from core.db import session
from core.models import Role
from core.web import render_form
from sellers.forms import PlatformForm
from sellers.models import Platform
from sellers.services import registry

bp = Blueprint("sellers_admin", __name__)


@bp.get("/admin/platforms")
@roles_required(Role.ADMIN)
def platforms() -> str:
    return render_template(
        "sellers/platforms.html", platforms=registry.platforms(), form=PlatformForm()
    )


@bp.post("/admin/platforms")
@roles_required(Role.ADMIN)
def create_platform() -> Response | tuple[str, int]:
    form = PlatformForm()
    if _save(None, form):
        return redirect(url_for("sellers_admin.platforms"))
    return render_template("sellers/platforms.html", platforms=registry.platforms(), form=form), 400


@bp.route("/admin/platforms/<id:platform_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_platform(platform_id: int) -> Response | tuple[str, int]:
    platform = session.get(Platform, platform_id) or abort(404)
    form = PlatformForm(obj=platform)
    if not form.is_submitted():
        form.domains.data = ", ".join(platform.domains)
        form.aliases.data = "\n".join(platform.aliases)
        form.url_patterns.data = "\n".join(platform.url_patterns)
    if _save(platform, form):
        return redirect(url_for("sellers_admin.platforms"))
    return render_form("sellers/platform_form.html", form, platform=platform)


def _lines(value: str | list[str] | None) -> list[str]:
    """A text area's lines (a list when the form was filled from the platform itself)."""
    return list(value) if isinstance(value, list) else (value or "").splitlines()


def _save(platform: Platform | None, form: PlatformForm) -> bool:
    if not form.validate_on_submit():
        return False
    try:
        saved = registry.save_platform(
            platform,
            actor=current_user,
            name=form.name.data,
            name_zh=form.name_zh.data,
            aliases=_lines(form.aliases.data),
            domains=(form.domains.data or "").split(","),
            country=form.country.data,
            counter_notice_rule=form.counter_notice_rule.data,
            url_patterns=_lines(form.url_patterns.data),
            contact_email=form.contact_email.data,
            contact_url=form.contact_url.data,
        )
    except registry.SellerError as error:
        getattr(form, error.field or "name").errors.append(error.message)
        return False
    flash(_("Platform %(name)s is saved.", name=saved.name), "success")
    return True
