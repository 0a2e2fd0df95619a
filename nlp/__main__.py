"""Command line: python -m nlp train | evaluate FILE | analyze | add-corrections FILE."""

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from nlp.analysis import analyze_many, find_all_entities
from nlp.calibration import triage_threshold
from nlp.compare import compare, format_rows
from nlp.corpus_check import CorpusTooRepetitive
from nlp.corrections import CorrectionError, add_corrections
from nlp.evaluation import (
    REAL_DEV,
    REAL_DEV_ENTITIES,
    evaluate_categories,
    evaluate_entities,
    evaluate_entity_overlap,
    evaluate_triage,
    format_report,
    format_triage,
    read_entities,
    read_labelled,
    redaction_recall,
)
from nlp.labels import KINDS
from nlp.pipeline import ModelNotBuilt
from nlp.train import CandidateRejected, train
from nlp.training_data import CorpusError, load_corpus, split

CHUNK = 256  # lines analysed together: batching is faster, and output still streams


def main(argv: list[str] | None = None) -> int:
    """Run one command of the NLP command line."""
    parser = argparse.ArgumentParser(prog="python -m nlp", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    training = commands.add_parser("train", help="build the models from nlp/corpus")
    training.add_argument(
        "--skip-invalid",
        action="store_true",
        help="report and skip bad corpus lines instead of stopping",
    )
    training.add_argument(
        "--force",
        action="store_true",
        help="replace the model in use even if the new one scores lower on the held-out corpus",
    )
    evaluate = commands.add_parser("evaluate", help="score categories on FILE, entities on corpus")
    evaluate.add_argument("file", type=Path, nargs="?", default=REAL_DEV)
    comparing = commands.add_parser("compare", help="train and score classifier set-ups")
    comparing.add_argument("only", nargs="*", help="set-ups whose name contains one of these")
    commands.add_parser("analyze", help="JSONL {id, text, kind} on stdin -> analyses on stdout")
    corrections = commands.add_parser("add-corrections", help="merge officer corrections")
    corrections.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except (
        OSError,
        CorpusError,
        CorpusTooRepetitive,
        CandidateRejected,
        CorrectionError,
        ModelNotBuilt,
    ) as error:
        print(f"error: {error}", file=sys.stderr)  # a message naming file and line, no traceback
        return 1


def _run(args: argparse.Namespace) -> int:
    if args.command == "train":
        started = time.perf_counter()
        train(strict=not args.skip_invalid, force=args.force)
        print(f"trained in {time.perf_counter() - started:.0f} s")
    elif args.command == "evaluate":
        run_evaluation(args.file)
    elif args.command == "compare":
        training, held_out = split(load_corpus(strict=False))
        rows = compare(training, held_out, read_labelled(REAL_DEV), args.only)
        print(format_rows(rows))
    elif args.command == "analyze":
        # Undecodable bytes become U+FFFD (the line then fails as JSON, not the process), and
        # a lone surrogate in a text is written as a JSON escape instead of crashing the output.
        sys.stdin.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]
        run_analysis(sys.stdin, sys.stdout)
    else:
        added, replaced = add_corrections(args.file)
        print(f"{added} corrections added, {replaced} replaced")
    return 0


def run_evaluation(path: Path) -> None:
    """Print category scores, triage and calibration on a labelled file (real-dev by default),
    entity overlap on real-dev's agreed spans, and entity scores on the held-out corpus."""
    records = read_labelled(path)
    cells = evaluate_categories(records, _classify)
    for (kind, lang), report in cells.items():
        print(format_report(f"category {kind}/{lang}", report))
    for (kind, lang), triage in evaluate_triage(records, _score).items():
        print(format_triage(f"triage {kind}/{lang}", triage))
    print()
    if path == REAL_DEV and REAL_DEV_ENTITIES.exists():
        overlap = evaluate_entity_overlap(records, read_entities(), _find_entities)
        for lang, report in overlap.items():
            print(format_report(f"entities {lang} (real-dev, overlap)", report))
    _, held_out = split(load_corpus(strict=False))
    entity_reports = evaluate_entities(held_out, _find_entities)
    for lang, report in entity_reports.items():
        print(format_report(f"entities {lang} (held-out corpus)", report))
    # What redaction cares about: is every character of each personal span removed?
    counts = redaction_recall(held_out, _find_entities)
    figures = ", ".join(f"{label} {hit}/{total}" for label, (hit, total) in sorted(counts.items()))
    hits, totals = sum(h for h, _ in counts.values()), sum(t for _, t in counts.values())
    print(f"redaction recall (held-out corpus): {hits / max(totals, 1):.3f} ({figures})")


def run_analysis(source: TextIO, sink: TextIO) -> None:
    """Analyse JSONL requests; an invalid line gets an error object, never a crash."""
    for chunk in _chunks(source):
        for result in _analyse_chunk(chunk):
            sink.write(json.dumps(result, ensure_ascii=False) + "\n")
        sink.flush()


def _analyse_chunk(lines: list[str]) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = [{} for _ in lines]
    by_kind: dict[str, list[tuple[int, Any, str]]] = {kind: [] for kind in KINDS}
    for i, line in enumerate(lines):
        try:
            request = json.loads(line)
        except json.JSONDecodeError as error:
            results[i] = {"id": None, "error": f"invalid JSON: {error}"}
            continue
        if not isinstance(request, dict):
            results[i] = {"id": None, "error": "expected a JSON object"}
            continue
        kind, text = request.get("kind", "consumer"), request.get("text")
        if kind not in KINDS or not isinstance(text, str):
            results[i] = {
                "id": request.get("id"),
                "error": f"need a string 'text' and a kind in {list(KINDS)}",
            }
            continue
        by_kind[kind].append((i, request.get("id"), text))
    for kind, items in by_kind.items():
        if items:
            texts, ids = [t for _, _, t in items], [id_ for _, id_, _ in items]
            analyses = analyze_many(texts, kind, ids=ids)
            for (i, _, _), analysis in zip(items, analyses, strict=True):
                results[i] = analysis.to_dict()
    return results


def _chunks(source: TextIO) -> Iterator[list[str]]:
    chunk: list[str] = []
    for line in source:
        if line.strip():
            chunk.append(line)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _classify(texts: list[str], kind: str) -> list[str]:
    return [analysis.category for analysis in analyze_many(texts, kind)]


def _score(texts: list[str], kind: str) -> list[tuple[str, float, float]]:
    return [
        (a.category, a.confidence, triage_threshold(kind, a.language))
        for a in analyze_many(texts, kind)
    ]


def _find_entities(text: str) -> list[tuple[str, int, int]]:
    return [(e.label, e.start, e.end) for e in find_all_entities(text)]


if __name__ == "__main__":
    sys.exit(main())
