"""Which language a person sees: their choice, then their account's, then their browser's."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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


DEFAULT_TIMEZONE = "Asia/Shanghai"
TIMEZONE_COOKIE = "tz"  # set by static/core/timezone.js from the browser's own zone


def select_timezone() -> str:
    """The time zone times are shown in: the browser's (its cookie), else Asia/Shanghai."""
    if not has_request_context():
        return DEFAULT_TIMEZONE
    chosen = (request.cookies.get(TIMEZONE_COOKIE) or "")[:64]
    try:
        return str(ZoneInfo(chosen)) if chosen else DEFAULT_TIMEZONE
    except (ValueError, ZoneInfoNotFoundError):
        return DEFAULT_TIMEZONE
