"""Compare text classifier set-ups for consumer complaints: `python -m nlp compare`.

Each set-up is trained on the training part of the corpus alone (a pipeline with one textcat, no
entity tagger, so a comparison takes minutes), scored on the held-out part, where the choice is
made, and on real-dev beside it, where it is only reported.
"""

import random
import time
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.training import Example as SpacyExample
from spacy.util import fix_random_seed, minibatch

from nlp.evaluation import Classifier, Report, evaluate_categories, score
from nlp.labels import LABELS_BY_KIND, LANGUAGES, model_label
from nlp.pipeline import TEXTCAT_SETUPS, blank
from nlp.training_data import Example

KIND = "consumer"
EPOCHS = 12
SEED = 20261205


def hash_tok2vec(width: int) -> dict[str, Any]:
    """A small hash-embedding CNN over lower-cased words and their affixes (no static vectors)."""
    attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
    return {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": width,
            "attrs": attrs,
            "rows": [5000] * len(attrs),
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": width,
            "depth": 2,
            "window_size": 1,
            "maxout_pieces": 3,
        },
    }


def _bow(lang: str, **overrides: Any) -> dict[str, Any]:
    return {"@architectures": "redress.LowerBOW.v1", **TEXTCAT_SETUPS[KIND][lang], **overrides}


# name -> language -> textcat model config. The first is what `python -m nlp train` builds.
SETUPS: dict[str, Callable[[str], dict[str, Any]]] = {
    "all-word BOW, 1-2-grams (built)": _bow,
    "content-word BOW, 1-grams (en), 2-grams (zh)": lambda lang: _bow(
        lang, ngram_size=1 if lang == "en" else 2, normalize=lang == "zh", content_words=True
    ),
    "spaCy TextCatBOW, 1-2-grams": lambda lang: {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
    },
    "CNN over hash embeddings": lambda lang: {
        "@architectures": "spacy.TextCatReduce.v1",
        "exclusive_classes": True,
        "use_reduce_first": False,
        "use_reduce_last": False,
        "use_reduce_max": True,
        "use_reduce_mean": True,
        "tok2vec": hash_tok2vec(64),
    },
    "ensemble (BOW + CNN)": lambda lang: {
        "@architectures": "spacy.TextCatEnsemble.v2",
        "linear_model": {
            "@architectures": "spacy.TextCatBOW.v3",
            "exclusive_classes": True,
            "ngram_size": 2,
            "no_output_layer": False,
        },
        "tok2vec": hash_tok2vec(64),
    },
}


def train_textcat(lang: str, model: dict[str, Any], examples: list[Example]) -> Language:
    """A pipeline of one consumer textcat with `model`, trained on `examples`."""
    fix_random_seed(SEED)
    nlp = blank(lang)
    nlp.add_pipe("textcat", config={"model": model})
    labels = [model_label(KIND, label) for label in LABELS_BY_KIND[KIND]]
    nlp.config["initialize"]["components"]["textcat"] = {"labels": labels}
    data = [
        SpacyExample.from_dict(
            nlp.make_doc(ex.text),
            {"cats": {lab: float(lab == model_label(KIND, ex.label)) for lab in labels}},
        )
        for ex in examples
    ]
    optimizer = nlp.initialize(lambda: data)
    shuffle = random.Random(SEED)  # noqa: S311 - reproducible order, not secrecy
    for _ in range(EPOCHS):
        shuffle.shuffle(data)
        for batch in minibatch(data, size=16):
            nlp.update(batch, drop=0.2, sgd=optimizer)
    return nlp


def classify_with(nlp: Language) -> Callable[[list[str]], list[str]]:
    prefix = f"{KIND}:"

    def classify(texts: list[str]) -> list[str]:
        return [max(doc.cats, key=doc.cats.__getitem__)[len(prefix) :] for doc in nlp.pipe(texts)]

    return classify


def compare(
    training: list[Example],
    held_out: list[Example],
    real_dev: list[dict[str, str]],
    only: list[str] | None = None,
) -> list[tuple[str, str, float | None, float | None, float]]:
    """(set-up, language, held-out macro F1, real-dev macro F1, seconds to train) per cell."""
    rows = []
    for name, setup in SETUPS.items():
        if only and not any(part.lower() in name.lower() for part in only):
            continue
        for lang in LANGUAGES:
            mine = [ex for ex in training if ex.kind == KIND and ex.lang == lang]
            started = time.perf_counter()
            classify = classify_with(train_textcat(lang, setup(lang), mine))
            seconds = time.perf_counter() - started
            held = [ex for ex in held_out if ex.kind == KIND and ex.lang == lang]
            held_report = score(
                [ex.label for ex in held], classify([ex.text for ex in held]), LABELS_BY_KIND[KIND]
            )
            dev = [r for r in real_dev if r["kind"] == KIND and r["lang"] == lang]
            dev_report = evaluate_categories(dev, _as_classifier(classify)).get((KIND, lang))
            rows.append((name, lang, held_report.macro_f1, _macro(dev_report), seconds))
    return rows


def _as_classifier(classify: Callable[[list[str]], list[str]]) -> Classifier:
    return lambda texts, _kind: classify(texts)


def _macro(report: Report | None) -> float | None:
    return None if report is None else report.macro_f1


def format_rows(rows: list[tuple[str, str, float | None, float | None, float]]) -> str:
    lines = [f"{'set-up':<30}{'lang':>5}{'held-out':>10}{'real-dev':>10}{'train s':>9}"]
    for name, lang, held, dev, seconds in rows:
        lines.append(f"{name:<30}{lang:>5}{_f(held):>10}{_f(dev):>10}{seconds:>9.0f}")
    return "\n".join(lines)


def _f(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"
