"""Marshmallow's English validation messages, translated into the caller's language.

Marshmallow formats its messages in English; we match each against its template and translate
the template, then put the values back. N_ only marks a string for extraction.
"""

from __future__ import annotations

import re
from functools import cache

from flask_babel import gettext


def N_(message: str) -> str:
    return message


TEMPLATES = (
    N_("Missing data for required field."),
    N_("Unknown field."),
    N_("Field may not be null."),
    N_("Not a valid string."),
    N_("Not a valid integer."),
    N_("Not a valid number."),
    N_("Not a valid boolean."),
    N_("Not a valid date."),
    N_("Not a valid datetime."),
    N_("Not a valid email address."),
    N_("Not a valid URL."),
    N_("Not a valid list."),
    N_("Not a valid mapping type."),
    N_("Invalid input type."),
    N_("Invalid value."),
    N_("Invalid JSON body."),
    N_("Longer than maximum length {max}."),
    N_("Shorter than minimum length {min}."),
    N_("Length must be between {min} and {max}."),
    N_("Must be one of: {choices}."),
    N_("Must be greater than or equal to {min} and less than or equal to {max}."),
    N_("Must be greater than or equal to {min}."),
    N_("Must be less than or equal to {max}."),
)


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    compiled = []
    for template in TEMPLATES:
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+?)", re.escape(template))
        compiled.append((re.compile(f"^{pattern}$"), template))
    return tuple(compiled)


def translate_validation_message(message: str) -> str:
    """`message` in the current language when it is one of marshmallow's, else unchanged."""
    for pattern, template in _patterns():
        found = pattern.match(message)
        if found:
            return gettext(template).format(**found.groupdict())
    return gettext(message)


def flatten_field_errors(messages: object, prefix: str = "") -> dict[str, str]:
    """{"json": {"consumer": {"email": ["..."]}}} -> {"consumer.email": "..."} (translated)."""
    if isinstance(messages, dict):
        flat: dict[str, str] = {}
        for key, value in messages.items():
            if key in ("json", "query", "form", "files", "headers", "view_args") and not prefix:
                flat.update(flatten_field_errors(value, ""))
                continue
            name = str(key) if key != "_schema" else ""
            flat.update(
                flatten_field_errors(
                    value, f"{prefix}.{name}" if prefix and name else name or prefix
                )
            )
        return flat
    if isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages):
        return {prefix or "_body": " ".join(translate_validation_message(m) for m in messages)}
    if isinstance(messages, list):
        flat = {}
        for value in messages:
            flat.update(flatten_field_errors(value, prefix))
        return flat
    return {prefix or "_body": translate_validation_message(str(messages))}
