"""Load the corpus (nlp/corpus/<kind>/<lang>/<label>.jsonl and corrections) and split it."""

import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from nlp.labels import KINDS, LABELS_BY_KIND, LANGUAGES
from nlp.markup import MarkupError, Span, parse

CORPUS_DIR = Path(__file__).parent / "corpus"
CORRECTIONS_FILE = CORPUS_DIR / "corrections.jsonl"
HELD_OUT_PERCENT = 10  # of each file, chosen by a hash of the text: stable as the corpus grows


@dataclass(frozen=True, slots=True)
class Example:
    """One training text: plain text, its kind, language, label and entity spans."""

    text: str
    kind: str
    lang: str
    label: str
    spans: tuple[Span, ...]
    source: str  # "file:line", for error messages and reports


class CorpusError(ValueError):
    """A corpus file or line that cannot be used, named by file and line."""


def is_held_out(text: str) -> bool:
    """Tell whether a text belongs to the evaluation part of the corpus (never trained on)."""
    digest = hashlib.sha1(text.encode("utf-8")).digest()  # noqa: S324 - a split, not security
    return int.from_bytes(digest[:4], "big") % 100 < HELD_OUT_PERCENT


def load_corpus(root: Path = CORPUS_DIR, strict: bool = True) -> list[Example]:
    """Read every corpus file and the corrections, validating labels and markup.

    With strict=False a bad line is reported on stderr and skipped instead of stopping everything.
    """
    examples: list[Example] = []
    for kind in KINDS:
        for lang in LANGUAGES:
            for path in sorted((root / kind / lang).glob("*.jsonl")):
                if path.stem not in LABELS_BY_KIND[kind]:
                    raise CorpusError(f"{path}: {path.stem!r} is not a {kind} label")
                examples += _read(path, kind, lang, path.stem, strict)
    corrections = root / CORRECTIONS_FILE.name
    if corrections.exists():
        examples += _read(corrections, None, None, None, strict)
    return _deduplicate(examples)


def split(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    """Return (training, held-out) parts of the corpus."""
    held = [ex for ex in examples if is_held_out(ex.text)]
    return [ex for ex in examples if not is_held_out(ex.text)], held


def _read(
    path: Path, kind: str | None, lang: str | None, label: str | None, strict: bool
) -> Iterator[Example]:
    # A file may be growing while we read it (corpus writers append): a torn last line is skipped.
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines, 1):
        if not line.strip() or (number == len(lines) and not _is_json(line)):
            continue
        try:
            yield _parse_line(line, f"{path}:{number}", kind, lang, label)
        except CorpusError as error:
            if strict:
                raise
            print(f"skipped: {error}", file=sys.stderr)


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def _parse_line(
    line: str, where: str, kind: str | None, lang: str | None, label: str | None
) -> Example:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise CorpusError(f"{where}: not JSON ({error})") from error
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise CorpusError(f"{where}: expected an object with a string 'text'")
    rec_kind = kind or record.get("kind")
    rec_lang = lang or record.get("lang")
    rec_label = label or record.get("label")
    if rec_kind not in LABELS_BY_KIND or rec_lang not in LANGUAGES:
        raise CorpusError(f"{where}: bad kind {rec_kind!r} or lang {rec_lang!r}")
    if rec_label not in LABELS_BY_KIND[rec_kind]:
        raise CorpusError(f"{where}: {rec_label!r} is not a {rec_kind} label")
    try:
        text, spans = parse(record["text"])
    except MarkupError as error:
        raise CorpusError(f"{where}: {error}") from error
    return Example(text, rec_kind, rec_lang, rec_label, tuple(spans), where)


def _deduplicate(examples: list[Example]) -> list[Example]:
    # The last occurrence wins, so an officer's correction overrides the written corpus.
    latest: dict[tuple[str, str], Example] = {}
    for example in examples:
        latest.pop((example.kind, example.text), None)
        latest[(example.kind, example.text)] = example
    return list(latest.values())
