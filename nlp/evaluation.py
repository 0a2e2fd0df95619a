"""Measure the pipelines: categories per kind and language, entities on held-out corpus text."""

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp.calibration import expected_calibration_error
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


REAL_DEV_ENTITIES = REAL_DEV.with_name("real-dev-entities.jsonl")
OVERLAP_LABELS = ("PRODUCT", "BRAND", "SELLER", "PLATFORM", "PERSON")  # what real-dev marks

# Given texts of one kind, return (label, confidence, triage threshold) per text.
Scorer = Callable[[list[str], str], list[tuple[str, float, float]]]


@dataclass(frozen=True, slots=True)
class TriageReport:
    """How far the confidence can be trusted in one cell (kind and language)."""

    size: int
    threshold: float  # the model's, fitted on the held-out corpus
    accuracy_above: float | None  # share right among the texts at or above the threshold
    coverage: float  # share of the texts at or above it (routed without a person)
    ece: float  # expected calibration error

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "size": self.size,
            "threshold": self.threshold,
            "accuracy_above": self.accuracy_above,
            "coverage": self.coverage,
            "ece": self.ece,
        }


def evaluate_triage(
    records: list[dict[str, str]], scorer: Scorer
) -> dict[tuple[str, str], TriageReport | None]:
    """Accuracy and coverage above the triage threshold, and calibration error, per cell."""
    cells: dict[tuple[str, str], TriageReport | None] = {}
    for kind in KINDS:
        for lang in LANGUAGES:
            cell = [r for r in records if r["kind"] == kind and r["lang"] == lang]
            if not cell:
                cells[(kind, lang)] = None
                continue
            scored = scorer([r["text"] for r in cell], kind)
            pairs = [
                (conf, label == r["label"])
                for (label, conf, _), r in zip(scored, cell, strict=True)
            ]
            above = [
                right for (conf, right), (_, _, t) in zip(pairs, scored, strict=True) if conf >= t
            ]
            cells[(kind, lang)] = TriageReport(
                size=len(cell),
                threshold=scored[0][2],
                accuracy_above=round(sum(above) / len(above), 3) if above else None,
                coverage=round(len(above) / len(cell), 3),
                ece=round(expected_calibration_error(pairs), 3),
            )
    return cells


def format_triage(title: str, report: TriageReport | None) -> str:
    if report is None:
        return f"{title}: n/a (no data)"
    return (
        f"{title} ({report.size} texts)   threshold {report.threshold:.3f}   right above it"
        f" {_fmt(report.accuracy_above)}   above it {report.coverage:.3f}   ECE {report.ece:.3f}"
    )


def evaluate_entity_overlap(
    records: list[dict[str, str]],
    gold: dict[str, list[dict[str, Any]]],
    find: Callable[[str], list[tuple[str, int, int]]],
) -> dict[str, Report | None]:
    """Score entities as real-dev's annotators agreed them: a predicted span is right when it
    overlaps a gold span of the same label (and a gold span found when one overlaps it)."""
    reports: dict[str, Report | None] = {}
    for lang in LANGUAGES:
        chosen = [r for r in records if r["lang"] == lang and r["id"] in gold]
        true_pos: Counter[str] = Counter()
        found: Counter[str] = Counter()
        wanted: Counter[str] = Counter()
        hit: Counter[str] = Counter()
        for record in chosen:
            expected = [(e["label"], e["start"], e["end"]) for e in gold[record["id"]]]
            predicted = [p for p in find(record["text"]) if p[0] in OVERLAP_LABELS]
            wanted.update(label for label, _, _ in expected)
            found.update(label for label, _, _ in predicted)
            true_pos.update(p[0] for p in predicted if any(_overlap(p, e) for e in expected))
            hit.update(e[0] for e in expected if any(_overlap(p, e) for p in predicted))
        reports[lang] = (
            _overlap_report(true_pos, found, hit, wanted, len(chosen)) if chosen else None
        )
    return reports


def read_entities(path: Path = REAL_DEV_ENTITIES) -> dict[str, list[dict[str, Any]]]:
    """real-dev-entities.jsonl as {id: [entity, ...]}."""
    with path.open(encoding="utf-8") as lines:
        return {
            r["id"]: r["entities"] for r in (json.loads(line) for line in lines if line.strip())
        }


def _overlap(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _overlap_report(
    true_pos: Counter[str], found: Counter[str], hit: Counter[str], wanted: Counter[str], size: int
) -> Report:
    scores: dict[str, LabelScore] = {}
    for label in OVERLAP_LABELS:
        precision = true_pos[label] / found[label] if found[label] else None
        recall = hit[label] / wanted[label] if wanted[label] else None
        f1 = None
        if recall is not None:
            p = precision or 0.0
            f1 = 2 * p * recall / (p + recall) if p + recall else 0.0
        scores[label] = LabelScore(precision, recall, f1, wanted[label])
    present = [s.f1 for s in scores.values() if s.f1 is not None]
    return Report(scores, sum(present) / len(present) if present else None, size)
