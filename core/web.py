"""Small helpers shared by the views of every package."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import flash, render_template
from flask_wtf import FlaskForm

from core.errors import Refusal
from core.transaction import refuse_changes


def safe_next_url(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def render_form(template: str, form: FlaskForm, **context: Any) -> tuple[str, int]:
    """Render a page with a form: 400 when the form was sent and refused, else 200."""
    status = 400 if form.is_submitted() and form.errors else 200
    return render_template(template, form=form, **context), status


def render_refused(
    template: str, form: FlaskForm, refusal: Refusal, **context: Any
) -> tuple[str, int]:
    """The form's page again, as the person filled it, with the refusal on the fields it names
    (the rest as a message at the top); nothing the request changed is kept."""
    refuse_changes()
    unplaced = []
    for name, reason in (refusal.fields or {}).items():
        field = form._fields.get(name.split(".", 1)[0])
        if field is None:
            unplaced.append(reason)
        else:
            field.errors = [*field.errors, reason]
    if unplaced or not refusal.fields:
        flash(" ".join(unplaced) or refusal.message, "error")
    return render_template(template, form=form, **context), refusal.status


def flash_refusal(refusal: Refusal) -> None:
    """Tell the person why, for a page that answers with a redirect; the changes are dropped."""
    refuse_changes()
    flash(refusal.message, "error")
