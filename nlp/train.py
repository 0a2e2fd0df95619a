"""Train the pipelines from the corpus with a fixed seed and save them to the model directory."""

import json
import random
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.training import Example as SpacyExample
from spacy.util import fix_random_seed, minibatch

from nlp.labels import KINDS, LABELS_BY_KIND, LANGUAGES, MODEL_ENTITIES, model_label
from nlp.pipeline import build, entity_tags, model_dir, textcat_name
from nlp.training_data import Example, load_corpus, split

SEED = 20261002
EPOCHS = 12
DROPOUT = 0.2
BATCH_SIZE = 16


def train(out: Path | None = None, log: bool = True, strict: bool = True) -> dict[str, int]:
    """Build both language pipelines from the training part of the corpus; return text counts."""
    out = out or model_dir()
    training, held_out = split(load_corpus(strict=strict))
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for lang in LANGUAGES:
        examples = [ex for ex in training if ex.lang == lang]
        started = time.perf_counter()
        nlp = _train_language(lang, examples, log)
        _replace_dir(nlp, out / lang)
        counts[lang] = len(examples)
        if log:
            seconds = time.perf_counter() - started
            print(f"{lang}: {len(examples)} texts, {seconds:.0f} s -> {out / lang}")
    meta = {"seed": SEED, "epochs": EPOCHS, "trained": counts, "held_out": len(held_out)}
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return counts


def _train_language(lang: str, corpus: list[Example], log: bool) -> Language:
    fix_random_seed(SEED)
    nlp = build(lang)
    by_kind = {kind: [_to_spacy(nlp, ex) for ex in corpus if ex.kind == kind] for kind in KINDS}
    examples = [eg for kind_examples in by_kind.values() for eg in kind_examples]
    if not examples:
        raise ValueError(f"the corpus has no {lang} texts to train on")
    optimizer = nlp.initialize(lambda: examples)
    shuffle = random.Random(SEED)  # noqa: S311 - reproducible order, not secrecy
    for epoch in range(EPOCHS):
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
            print(f"  {lang} epoch {epoch + 1}/{EPOCHS} " + _format(losses.items()))
    return nlp


def _replace_dir(nlp: Language, target: Path) -> None:
    # Write aside, then swap: a running server never loads half a model or stale components.
    fresh = target.with_name(target.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    nlp.to_disk(fresh)
    shutil.rmtree(target, ignore_errors=True)
    fresh.rename(target)


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
