"""Redaction of personal data for open data and exports."""

from nlp.analysis import find_all_entities
from nlp.labels import PERSONAL_ENTITIES


def redact(text: str) -> str:
    """Replace emails, phones, names, addresses, order and tracking ids by [LABEL] placeholders."""
    out: list[str] = []
    last = 0
    for entity in find_all_entities(text):
        if entity.label in PERSONAL_ENTITIES:
            out += [text[last : entity.start], f"[{entity.label}]"]
            last = entity.end
    out.append(text[last:])
    return "".join(out)
