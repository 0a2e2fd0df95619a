"""Benchmark the NLP pipelines against a TF-IDF + logistic regression baseline: one JSON line."""

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from threadpoolctl import threadpool_limits

import nlp
from nlp.evaluation import REAL_DEV, Report, evaluate_categories, read_labelled
from nlp.labels import KINDS, LANGUAGES
from nlp.language import detect
from nlp.training_data import Example, load_corpus, split

SEED = 7
BENCH_DOCS = 400  # half English (about 80 words), half Chinese (about 150 characters)
LATENCY_DOCS = 2000  # enough that p99 is not decided by three unlucky documents


class Baseline:
    """TF-IDF + logistic regression per kind and language, trained on the same corpus part."""

    def __init__(self, training: list[Example]) -> None:
        self.models: dict[tuple[str, str], Pipeline] = {}
        for kind in KINDS:
            for lang in LANGUAGES:
                cell = [ex for ex in training if ex.kind == kind and ex.lang == lang]
                if len({ex.label for ex in cell}) < 2:
                    continue
                # A fair baseline: classes weighted by inverse frequency (real data is skewed).
                model = make_pipeline(
                    _vectorizer(lang), LogisticRegression(max_iter=2000, class_weight="balanced")
                )
                model.fit([ex.text for ex in cell], [ex.label for ex in cell])
                self.models[(kind, lang)] = model

    def classify(self, texts: list[str], kind: str) -> list[str]:
        """Predict one label per text, routing by detected language like the real pipeline."""
        langs = ["zh" if detect(text) == "zh" else "en" for text in texts]
        out = [""] * len(texts)
        for lang in LANGUAGES:
            chosen = [i for i, text_lang in enumerate(langs) if text_lang == lang]
            model = self.models.get((kind, lang)) or self.models.get((kind, "en"))
            if chosen and model is not None:
                predicted = model.predict([texts[i] for i in chosen])
                for i, label in zip(chosen, predicted, strict=True):
                    out[i] = str(label)
        return out


def _vectorizer(lang: str) -> TfidfVectorizer:
    """Word 1-2-grams for English, character 1-3-grams for Chinese, sublinear tf (issue 15)."""
    if lang == "zh":
        return TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
    return TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)


def bench_texts(examples: list[Example], count: int) -> list[tuple[str, str]]:
    """Build (kind, text) pairs of about 80 English words or 150 Chinese characters."""
    rng = random.Random(SEED)
    pairs: list[tuple[str, str]] = []
    for lang, long_enough in (
        ("en", lambda t: len(t.split()) >= 80),
        ("zh", lambda t: len(t) >= 150),
    ):
        pool = [ex for ex in examples if ex.lang == lang]
        for _ in range(count // 2):
            kind = rng.choice(KINDS)
            same_kind = [ex for ex in pool if ex.kind == kind] or pool
            text = rng.choice(same_kind).text
            while not long_enough(text):
                text += " " + rng.choice(same_kind).text
            pairs.append((kind, text))
    return pairs


def throughput(classify: object, pairs: list[tuple[str, str]]) -> float:
    """Return documents per second of a batch function over (kind, text) pairs."""
    started = time.perf_counter()
    for kind in KINDS:
        texts = [text for k, text in pairs if k == kind]
        if texts:
            classify(texts, kind)  # type: ignore[operator]
    return len(pairs) / (time.perf_counter() - started)


def latency_ms(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Return the p50 and p99 of one-document full analyses, in milliseconds."""
    times = []
    for kind, text in pairs:
        started = time.perf_counter()
        nlp.analyze(text, kind)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def macro_by_cell(cells: dict[tuple[str, str], Report | None]) -> dict[str, float | None]:
    """Flatten reports to {"kind/lang": macro F1 or None}."""
    return {
        f"{kind}/{lang}": (
            None if report is None or report.macro_f1 is None else round(report.macro_f1, 3)
        )
        for (kind, lang), report in cells.items()
    }


def main() -> None:
    """Train the baseline, score both on real dev data, time both, print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path, nargs="?", default=REAL_DEV)
    args = parser.parse_args()
    records = read_labelled(args.file)
    training, _ = split(load_corpus(strict=False))
    with threadpool_limits(1):  # figures are per core
        baseline = Baseline(training)

        def spacy_classify(texts: list[str], kind: str) -> list[str]:
            return [a.category for a in nlp.analyze_many(texts, kind)]

        spacy_f1 = macro_by_cell(evaluate_categories(records, spacy_classify))
        baseline_f1 = macro_by_cell(evaluate_categories(records, baseline.classify))
        pairs = bench_texts(training, BENCH_DOCS)
        # Load both pipelines and meet the vocabulary once, as a running server has.
        throughput(spacy_classify, pairs)
        spacy_rate = throughput(spacy_classify, pairs)
        baseline_rate = throughput(baseline.classify, pairs)
        p50, p99 = latency_ms([pairs[i % len(pairs)] for i in range(LATENCY_DOCS)])
    print(
        json.dumps(
            {
                "spacy": {"macro_f1": spacy_f1, "docs_per_s": round(spacy_rate, 1)},
                "baseline": {"macro_f1": baseline_f1, "docs_per_s": round(baseline_rate, 1)},
                "p50_ms": round(p50, 3),
                "p99_ms": round(p99, 3),
                "ratio": round(spacy_rate / baseline_rate, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
