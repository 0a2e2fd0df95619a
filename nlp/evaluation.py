"""Measure the pipelines: categories per kind and language, entities on held-out corpus text."""

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from nlp.labels import ENTITY_LABELS, KINDS, LABELS_BY_KIND, LANGUAGES, PERSONAL_ENTITIES
from nlp.training_data import Example

REPO_ROOT = Path(__file__).resolve().parents[1]
REAL_DEV = REPO_ROOT.parent / "shared" / "data" / "real-dev.jsonl"

# Given texts of one kind, return one predicted label per text.
Classifier = Callable[[list[str], str], list[str]]


@dataclass(frozen=True, slots=True)
class LabelScore:
    """Precision, recall and F1 of one label (None where there is nothing to measure)."""

    precision: float | None
    recall: float | None
    f1: float | None
    support: int


@dataclass(frozen=True, slots=True)
class Report:
    """Per-label scores of one cell (kind and language, or entities of a language) and macro F1."""

    labels: dict[str, LabelScore]
    macro_f1: float | None  # over the labels present in the gold data
    size: int


def read_labelled(path: Path) -> list[dict[str, str]]:
    """Read a JSONL file of {id, kind, lang, label, text} records."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def score(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> Report:
    """Return per-label precision, recall, F1 and the macro F1 of single-label predictions."""
    pairs = list(zip(gold, predicted, strict=True))
    true_pos = Counter(g for g, p in pairs if g == p)
    return _report(true_pos, Counter(predicted), Counter(gold), labels, len(pairs))


def evaluate_categories(
    records: list[dict[str, str]], classify: Classifier
) -> dict[tuple[str, str], Report | None]:
    """Score a classifier on labelled records, per kind and language (None: no data)."""
    cells: dict[tuple[str, str], Report | None] = {}
    for kind in KINDS:
        for lang in LANGUAGES:
            cell = [r for r in records if r["kind"] == kind and r["lang"] == lang]
            if not cell:
                cells[(kind, lang)] = None
                continue
            predicted = classify([r["text"] for r in cell], kind)
            cells[(kind, lang)] = score([r["label"] for r in cell], predicted, LABELS_BY_KIND[kind])
    return cells


def evaluate_entities(
    examples: list[Example], find: Callable[[str], list[tuple[str, int, int]]]
) -> dict[str, Report | None]:
    """Score entities by exact span and label on hand-annotated texts, per language."""
    reports: dict[str, Report | None] = {}
    for lang in LANGUAGES:
        chosen = [ex for ex in examples if ex.lang == lang]
        true_pos: Counter[str] = Counter()
        found: Counter[str] = Counter()
        gold: Counter[str] = Counter()
        for example in chosen:
            expected = {(s.label, s.start, s.end) for s in example.spans}
            predicted = set(find(example.text))
            gold.update(label for label, _, _ in expected)
            found.update(label for label, _, _ in predicted)
            true_pos.update(label for label, _, _ in expected & predicted)
        report = _report(true_pos, found, gold, ENTITY_LABELS, len(chosen))
        reports[lang] = report if chosen else None
    return reports


def redaction_recall(
    examples: list[Example], find: Callable[[str], list[tuple[str, int, int]]]
) -> dict[str, tuple[int, int]]:
    """Count per label the personal spans wholly covered by found personal entities."""
    counts: dict[str, tuple[int, int]] = {}
    for example in examples:
        covered: set[int] = set()
        for label, start, end in find(example.text):
            if label in PERSONAL_ENTITIES:
                covered.update(range(start, end))
        for span in example.spans:
            if span.label in PERSONAL_ENTITIES:
                hit, total = counts.get(span.label, (0, 0))
                whole = all(i in covered for i in range(span.start, span.end))
                counts[span.label] = (hit + whole, total + 1)
    return counts


def format_report(title: str, report: Report | None) -> str:
    """Render a report as a small table (n/a where there is no data)."""
    if report is None:
        return f"{title}: n/a (no data)\n"
    lines = [
        f"{title} ({report.size} texts)   macro F1 {_fmt(report.macro_f1)}",
        f"  {'label':<18}{'prec':>7}{'recall':>8}{'F1':>7}{'n':>6}",
    ]
    for label, s in report.labels.items():
        lines.append(
            f"  {label:<18}{_fmt(s.precision):>7}{_fmt(s.recall):>8}{_fmt(s.f1):>7}{s.support:>6}"
        )
    return "\n".join(lines) + "\n"


def _report(
    true_pos: Counter[str],
    predicted: Counter[str],
    gold: Counter[str],
    labels: Sequence[str],
    size: int,
) -> Report:
    scores: dict[str, LabelScore] = {}
    for label in labels:
        precision = true_pos[label] / predicted[label] if predicted[label] else None
        recall = true_pos[label] / gold[label] if gold[label] else None
        f1 = None
        if recall is not None:
            p = precision or 0.0
            f1 = 2 * p * recall / (p + recall) if p + recall else 0.0
        scores[label] = LabelScore(precision, recall, f1, gold[label])
    present = [s.f1 for s in scores.values() if s.f1 is not None]
    macro = sum(present) / len(present) if present else None
    return Report(scores, macro, size)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"
