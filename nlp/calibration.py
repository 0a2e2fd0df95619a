"""Confidence that means what it says: temperature scaling and the triage threshold per cell.

Both are fitted on the held-out part of the corpus when the model is trained (never on real-dev)
and saved beside the model as calibration.json: {"consumer/en": {"temperature", "threshold", ...}}.
A text whose confidence is below its cell's threshold goes to a person (triage).
"""

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from nlp.pipeline import model_dir

TARGET_ACCURACY = 0.85  # of the texts routed without a person
MIN_ABOVE = 20  # a threshold needs this many held-out texts above it to be trusted
DEFAULT_THRESHOLD = 0.5  # where no calibration was fitted (a model trained before this file)
BINS = 10
_TEMPERATURES = [round(0.1 * step, 1) for step in range(2, 51)]  # 0.2 ... 5.0


@dataclass(frozen=True)
class CellCalibration:
    temperature: float
    threshold: float
    accuracy_above: float | None  # on the held-out part, after scaling
    coverage: float  # share of held-out texts at or above the threshold
    ece: float  # expected calibration error after scaling


def scale(scores: dict[str, float], temperature: float) -> dict[str, float]:
    """Scores sharpened (T < 1) or softened (T > 1), still summing to 1."""
    if temperature == 1.0:
        return scores
    logs = {label: math.log(max(p, 1e-9)) / temperature for label, p in scores.items()}
    top = max(logs.values())
    exp = {label: math.exp(value - top) for label, value in logs.items()}
    total = sum(exp.values())
    return {label: value / total for label, value in exp.items()}


def fit(scored: Sequence[tuple[dict[str, float], str]]) -> CellCalibration:
    """Fit the temperature (least negative log-likelihood) and the threshold on (scores, gold)."""
    temperature = min(_TEMPERATURES, key=lambda t: _nll(scored, t))
    pairs = _confidence_and_right(scored, temperature)
    threshold = choose_threshold(pairs)
    above = [right for confidence, right in pairs if confidence >= threshold]
    return CellCalibration(
        temperature=temperature,
        threshold=threshold,
        accuracy_above=round(sum(above) / len(above), 4) if above else None,
        coverage=round(len(above) / len(pairs), 4) if pairs else 0.0,
        ece=round(expected_calibration_error(pairs), 4),
    )


def choose_threshold(pairs: Sequence[tuple[float, bool]]) -> float:
    """The lowest confidence above which at least TARGET_ACCURACY of the texts are right.

    Lowest, because every text above it is spared a person's reading; with no such point the
    threshold is above every score and every text goes to triage.
    """
    ranked = sorted(pairs, key=lambda pair: -pair[0])
    right = 0
    best = 1.01
    for count, (confidence, correct) in enumerate(ranked, 1):
        right += correct
        if count >= MIN_ABOVE and right / count >= TARGET_ACCURACY:
            best = confidence
    return round(best, 4)


def expected_calibration_error(pairs: Sequence[tuple[float, bool]]) -> float:
    """Mean gap between confidence and accuracy over ten equal-width bins, weighted by size."""
    if not pairs:
        return 0.0
    gap = 0.0
    for b in range(BINS):
        low, high = b / BINS, (b + 1) / BINS
        chosen = [(c, r) for c, r in pairs if low <= c < high or (b == BINS - 1 and c == 1.0)]
        if chosen:
            confidence = sum(c for c, _ in chosen) / len(chosen)
            accuracy = sum(r for _, r in chosen) / len(chosen)
            gap += len(chosen) / len(pairs) * abs(confidence - accuracy)
    return gap


def confidence_and_right(
    scored: Sequence[tuple[dict[str, float], str]],
) -> list[tuple[float, bool]]:
    """(confidence, right?) of already scaled scores against the gold labels."""
    return _confidence_and_right(scored, 1.0)


def _confidence_and_right(
    scored: Sequence[tuple[dict[str, float], str]], temperature: float
) -> list[tuple[float, bool]]:
    pairs = []
    for scores, gold in scored:
        scaled = scale(scores, temperature)
        top = max(scaled, key=scaled.__getitem__)
        pairs.append((scaled[top], top == gold))
    return pairs


def _nll(scored: Sequence[tuple[dict[str, float], str]], temperature: float) -> float:
    return -sum(math.log(max(scale(s, temperature).get(gold, 0.0), 1e-9)) for s, gold in scored)


def save(path: Path, cells: dict[str, CellCalibration]) -> None:
    text = json.dumps({cell: asdict(c) for cell, c in cells.items()}, indent=2)
    path.write_text(text + "\n", encoding="utf-8")


@cache
def _load() -> dict[str, CellCalibration]:
    path = model_dir() / "calibration.json"
    if not path.exists():
        return {}
    return {
        cell: CellCalibration(**values)
        for cell, values in json.loads(path.read_text(encoding="utf-8")).items()
    }


def cell_calibration(kind: str, lang: str) -> CellCalibration | None:
    """The calibration of a kind and pipeline language, if the model has one."""
    return _load().get(f"{kind}/{lang}")


def triage_threshold(kind: str, language: str) -> float:
    """The confidence under which a text of this kind and language goes to a person."""
    calibration = cell_calibration(kind, "zh" if language == "zh" else "en")
    return DEFAULT_THRESHOLD if calibration is None else calibration.threshold
