"""Officer corrections: corrected categories and entities join the corpus for the next training."""

import json
import os
from pathlib import Path
from typing import Any

from nlp.labels import ENTITY_LABELS, LABELS_BY_KIND, LANGUAGES
from nlp.language import detect
from nlp.markup import MarkupError, Span, parse, render
from nlp.training_data import CORRECTIONS_FILE


class CorrectionError(ValueError):
    """A correction that cannot go into the corpus."""


def to_corpus_record(correction: dict[str, Any]) -> dict[str, str]:
    """Turn a section-4 analysis plus its text into a corpus line (markup, kind, lang, label)."""
    text, kind = correction.get("text"), correction.get("kind")
    if not isinstance(text, str) or not text.strip():
        raise CorrectionError("a correction needs a non-empty 'text'")
    if kind not in LABELS_BY_KIND:
        raise CorrectionError(f"bad kind {kind!r}")
    label = correction.get("category")
    if label not in LABELS_BY_KIND[kind]:
        raise CorrectionError(f"{label!r} is not a {kind} label")
    spans = []
    for entity in correction.get("entities") or []:
        start, end, ent_label = entity.get("start"), entity.get("end"), entity.get("label")
        if ent_label not in ENTITY_LABELS:
            raise CorrectionError(f"unknown entity label {ent_label!r}")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise CorrectionError(f"entity offsets {start}-{end} are outside the text")
        if "text" in entity and entity["text"] != text[start:end]:
            raise CorrectionError(f"entity {entity['text']!r} is not the text at {start}-{end}")
        spans.append(Span(ent_label, start, end))
    language = correction.get("language")
    # "other" text is analysed by the English pipeline, so it trains the English one.
    lang = language if language in LANGUAGES else ("zh" if detect(text) == "zh" else "en")
    try:
        marked = render(text, spans)
    except MarkupError as error:
        raise CorrectionError(str(error)) from error
    return {"text": marked, "kind": kind, "lang": lang, "label": label}


def add_corrections(source: Path, target: Path = CORRECTIONS_FILE) -> tuple[int, int]:
    """Merge corrections from a JSONL file into the corpus; return (added, replaced)."""
    records = _read_existing(target)
    added = replaced = 0
    with source.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = to_corpus_record(json.loads(line))
            except (json.JSONDecodeError, AttributeError, CorrectionError) as error:
                raise CorrectionError(f"{source}:{number}: {error}") from error
            key = (record["kind"], parse(record["text"])[0])
            if key in records:
                replaced += records[key] != record
            else:
                added += 1
            records.pop(key, None)
            records[key] = record  # the latest correction of a text wins, and moves to the end
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    rows = [json.dumps(record, ensure_ascii=False) + "\n" for record in records.values()]
    temporary.write_text("".join(rows), encoding="utf-8")
    os.replace(temporary, target)  # a crash mid-write never leaves half a corpus file
    return added, replaced


def _read_existing(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    if not path.exists():
        return {}
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return {(r["kind"], parse(r["text"])[0]): r for r in records}
