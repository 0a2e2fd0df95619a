"""Small helpers shared by the views of every package."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import render_template
from flask_wtf import FlaskForm


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
