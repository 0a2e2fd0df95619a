"""Which language a person sees: their choice, then their account's, then their browser's."""

from __future__ import annotations

from flask import has_request_context, request, session
from flask_login import current_user

from core.models import LANGUAGES

LANGUAGE_NAMES = {"en": "English", "zh": "中文"}


def select_locale() -> str:
    """The language for this request (English outside requests: jobs, the command line)."""
    if not has_request_context():
        return "en"
    chosen = session.get("language")
    if chosen in LANGUAGES:
        return chosen
    if current_user and current_user.is_authenticated and current_user.language in LANGUAGES:
        return current_user.language
    return request.accept_languages.best_match(LANGUAGES) or "en"
