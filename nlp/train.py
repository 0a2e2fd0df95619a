"""Train the pipelines from the corpus with a fixed seed and save them to the model directory."""

import hashlib
import json
import random
import shutil
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example as SpacyExample
from spacy.util import fix_random_seed, minibatch

from nlp.calibration import fit
from nlp.calibration import save as save_calibration
from nlp.corpus_check import check_corpus, require_varied
from nlp.evaluation import score
from nlp.labels import KINDS, LABELS_BY_KIND, LANGUAGES, MODEL_ENTITIES, model_label
from nlp.pipeline import ENTITY_TAGGER, build, entity_tags, model_dir, textcat_name
from nlp.training_data import CORPUS_DIR, Example, load_corpus, split

SEED = 20261002
EPOCHS = 12
DROPOUT = 0.2
BATCH_SIZE = 16


class CandidateRejected(RuntimeError):
    """The freshly trained model scores lower on the held-out corpus than the one in use."""


def train(
    out: Path | None = None,
    log: bool = True,
    strict: bool = True,
    force: bool = False,
    root: Path = CORPUS_DIR,
    epochs: int = EPOCHS,
) -> dict[str, int]:
    """Build both language pipelines from the training part of the corpus; return text counts.

    The new model is a candidate: it replaces the model in `out` only if its mean macro F1 on the
    held-out part is not lower than that model's on the same texts (or with force=True).
    """
    out = out or model_dir()
    corpus = load_corpus(root, strict=strict)
    report = check_corpus(corpus)
    if log:
        print(report.format())
    require_varied(report)
    training, held_out = split(corpus)
    candidate = out.with_name(out.name + ".candidate")
    shutil.rmtree(candidate, ignore_errors=True)
    candidate.mkdir(parents=True)
    counts: dict[str, int] = {}
    pipelines: dict[str, Language] = {}
    for lang in LANGUAGES:
        examples = [ex for ex in training if ex.lang == lang]
        started = time.perf_counter()
        pipelines[lang] = _train_language(lang, examples, log, epochs)
        pipelines[lang].to_disk(candidate / lang)
        counts[lang] = len(examples)
        if log:
            seconds = time.perf_counter() - started
            print(f"{lang}: {len(examples)} texts, {seconds:.0f} s")
    scores = held_out_scores(pipelines, held_out)
    calibration = {cell: fit(scored) for cell, scored in scores.items() if scored}
    save_calibration(candidate / "calibration.json", calibration)
    new_f1 = held_out_f1(scores)
    meta = {
        "version": _version(corpus),
        "seed": SEED,
        "epochs": epochs,
        "trained": counts,
        "held_out": len(held_out),
        "held_out_macro_f1": new_f1,
    }
    (candidate / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    current_f1 = _current_f1(out, held_out)
    if log:
        print(f"held-out macro F1: candidate {_mean(new_f1):.3f}, in use {_fmt(current_f1)}")
    if current_f1 is not None and _mean(new_f1) < _mean(current_f1) and not force:
        shutil.rmtree(candidate, ignore_errors=True)
        raise CandidateRejected(
            f"the new model scores {_mean(new_f1):.3f} on the held-out corpus, the"
            f" model in use {_mean(current_f1):.3f}: the model in use stays (--force replaces it)"
        )
    _promote(candidate, out)
    if log:
        print(f"model {meta['version']} -> {out}")
    return counts


def held_out_scores(
    pipelines: dict[str, Language], held_out: list[Example]
) -> dict[str, list[tuple[dict[str, float], str]]]:
    """Per "kind/lang", the (label scores, gold label) of every held-out text."""
    scored: dict[str, list[tuple[dict[str, float], str]]] = {}
    for lang, nlp in pipelines.items():
        for kind in KINDS:
            cell = [ex for ex in held_out if ex.lang == lang and ex.kind == kind]
            others = [textcat_name(other) for other in KINDS if other != kind]
            docs = nlp.pipe((ex.text for ex in cell), disable=[ENTITY_TAGGER, "entities", *others])
            prefix = f"{kind}:"
            scored[f"{kind}/{lang}"] = [
                (
                    {k[len(prefix) :]: v for k, v in doc.cats.items() if k.startswith(prefix)},
                    ex.label,
                )
                for doc, ex in zip(docs, cell, strict=True)
            ]
    return scored


def held_out_f1(scores: dict[str, list[tuple[dict[str, float], str]]]) -> dict[str, float]:
    """Macro F1 per cell of the top label of each scored text."""
    f1: dict[str, float] = {}
    for cell, scored in scores.items():
        if not scored:
            continue
        kind = cell.split("/")[0]
        predicted = [max(s, key=s.__getitem__) if s else "other" for s, _ in scored]
        macro = score([gold for _, gold in scored], predicted, LABELS_BY_KIND[kind]).macro_f1
        f1[cell] = round(macro or 0.0, 4)
    return f1


def _current_f1(out: Path, held_out: list[Example]) -> dict[str, float] | None:
    # The model in use, scored on today's held-out texts (the corpus may have grown since).
    if not all((out / lang / "config.cfg").exists() for lang in LANGUAGES):
        return None
    pipelines = {lang: spacy.load(out / lang) for lang in LANGUAGES}
    return held_out_f1(held_out_scores(pipelines, held_out))


def _mean(f1: dict[str, float]) -> float:
    return sum(f1.values()) / len(f1) if f1 else 0.0


def _fmt(f1: dict[str, float] | None) -> str:
    return "none" if f1 is None else f"{_mean(f1):.3f}"


def _version(corpus: list[Example]) -> str:
    """When the model was trained and from which corpus: e.g. 20261205T0812-3f9a2c1b."""
    digest = hashlib.sha256()
    for example in sorted(corpus, key=lambda ex: (ex.kind, ex.lang, ex.text)):
        digest.update(f"{example.kind}\t{example.lang}\t{example.label}\t{example.text}\n".encode())
    return f"{datetime.now(UTC):%Y%m%dT%H%M}-{digest.hexdigest()[:8]}"


def _promote(candidate: Path, out: Path) -> None:
    # Swap whole directories: a running server never loads half a model or stale components.
    out.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        shutil.rmtree(out / lang, ignore_errors=True)
        (candidate / lang).rename(out / lang)
    for name in ("calibration.json", "meta.json"):
        (candidate / name).replace(out / name)
    shutil.rmtree(candidate, ignore_errors=True)


def _train_language(lang: str, corpus: list[Example], log: bool, epochs: int) -> Language:
    fix_random_seed(SEED)
    nlp = build(lang)
    by_kind = {kind: [_to_spacy(nlp, ex) for ex in corpus if ex.kind == kind] for kind in KINDS}
    examples = [eg for kind_examples in by_kind.values() for eg in kind_examples]
    if not examples:
        raise ValueError(f"the corpus has no {lang} texts to train on")
    optimizer = nlp.initialize(lambda: examples)
    shuffle = random.Random(SEED)  # noqa: S311 - reproducible order, not secrecy
    for epoch in range(epochs):
        batches = []
        for kind, kind_examples in by_kind.items():
            shuffle.shuffle(kind_examples)
            # Exclusive textcat has no "missing" labels: a head must never see the other kind.
            others = [textcat_name(other) for other in KINDS if other != kind]
            batches += [(batch, others) for batch in minibatch(kind_examples, size=BATCH_SIZE)]
        shuffle.shuffle(batches)
        losses: dict[str, float] = {}
        for batch, others in batches:
            nlp.update(batch, drop=DROPOUT, sgd=optimizer, losses=losses, exclude=others)
        if log:
            print(f"  {lang} epoch {epoch + 1}/{epochs} " + _format(losses.items()))
    return nlp


def _to_spacy(nlp: Language, example: Example) -> SpacyExample:
    doc = nlp.make_doc(example.text)
    entities: list[tuple[int, int, str]] = []
    for span in example.spans:
        if span.label not in MODEL_ENTITIES:
            continue  # rule labels stay "O" for the model: the rules find them
        aligned = doc.char_span(span.start, span.end, alignment_mode="expand")
        if aligned is not None:
            entities.append((aligned.start_char, aligned.end_char, span.label))
    cats = {
        model_label(example.kind, label): float(label == example.label)
        for label in LABELS_BY_KIND[example.kind]
    }
    return SpacyExample.from_dict(doc, {"tags": entity_tags(doc, entities), "cats": cats})


def _format(losses: Iterable[tuple[str, float]]) -> str:
    return " ".join(f"{name}={value:.1f}" for name, value in losses)
