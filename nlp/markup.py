"""The corpus markup `[[span|LABEL]]`: parse it into plain text with offsets, and write it back."""

import re
from dataclasses import dataclass

from nlp.labels import ENTITY_LABELS

_MARK = re.compile(r"\[\[(.*?)\|([^\[\]|]*)\]\]", re.DOTALL)


class MarkupError(ValueError):
    """A corpus line whose markup or labels are wrong."""


@dataclass(frozen=True, slots=True)
class Span:
    """An entity: label and character offsets into the plain text."""

    label: str
    start: int
    end: int


def parse(marked: str) -> tuple[str, list[Span]]:
    """Strip the markup from a text and return the plain text and its entity spans."""
    parts: list[str] = []
    spans: list[Span] = []
    length = 0
    last = 0
    for match in _MARK.finditer(marked):
        before = marked[last : match.start()]
        _check_plain(before)
        span_text, label = match.group(1), match.group(2)
        if label not in ENTITY_LABELS:
            raise MarkupError(f"unknown entity label {label!r} in {match.group(0)!r}")
        if not span_text.strip() or span_text != span_text.strip():
            raise MarkupError(f"empty or space-padded entity {match.group(0)!r}")
        _check_plain(span_text)
        parts += [before, span_text]
        length += len(before)
        spans.append(Span(label, length, length + len(span_text)))
        length += len(span_text)
        last = match.end()
    _check_plain(marked[last:])
    parts.append(marked[last:])
    return "".join(parts), spans


def render(text: str, spans: list[Span]) -> str:
    """Write a plain text and its spans as markup (the inverse of `parse`)."""
    _check_plain(text)
    out: list[str] = []
    last = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < last or span.end > len(text) or span.start >= span.end:
            raise MarkupError(f"overlapping or out-of-range span {span}")
        if span.label not in ENTITY_LABELS:
            raise MarkupError(f"unknown entity label {span.label!r}")
        out += [text[last : span.start], f"[[{text[span.start : span.end]}|{span.label}]]"]
        last = span.end
    out.append(text[last:])
    return "".join(out)


def _check_plain(text: str) -> None:
    # A stray bracket pair is a mistyped mark; keeping it silently would teach the model junk.
    if "[[" in text or "]]" in text:
        raise MarkupError(f"unbalanced or malformed markup near {text[:60]!r}")
