"""The spaCy pipelines: how they are built, where they live, and loading them once per process."""

import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from nlp import architectures  # noqa: F401 - registers the classifier
from nlp.labels import KINDS, LABELS_BY_KIND, LANGUAGES, MODEL_ENTITIES, model_label

DEFAULT_MODEL_DIR = Path(__file__).parent / "model"
# Per kind and language. Consumer texts: chosen on the held-out corpus by `python -m nlp compare`
# (2026-12-05, 14,457 consumer texts): every word, stop words kept, word 1-2-grams in English and
# character 1-3-grams in Chinese, sublinear unit-length counts (README, "Classifier set-ups").
# Notices keep content words only: with every word the English IPR head fell from 0.94 to 0.83
# on the held-out corpus (legal boilerplate is shared by every infringement type).
TEXTCAT_SETUPS = {
    "consumer": {
        "en": {"ngram_size": 2, "normalize": True, "content_words": False},
        "zh": {"ngram_size": 3, "normalize": True, "content_words": False},
    },
    "ipr": {
        "en": {"ngram_size": 1, "normalize": False, "content_words": True},
        "zh": {"ngram_size": 2, "normalize": True, "content_words": True},
    },
}
# Measured on the held-out corpus: width 32 loses nothing in English and runs ~20% faster than
# 48; Chinese brands and shops, read character by character, need the wider encoder.
ENCODER_WIDTH = {"en": 32, "zh": 48}
ENTITY_TAGGER = "entity_tagger"
ENTITY_TAGS: tuple[str, ...] = ("O", *(f"{p}-{label}" for label in MODEL_ENTITIES for p in "BI"))


class ModelNotBuilt(RuntimeError):
    """The models are missing: run `python -m nlp train` first."""


def model_dir() -> Path:
    """Return where the built models live (REDRESS_NLP_MODEL overrides nlp/model/)."""
    return Path(os.environ.get("REDRESS_NLP_MODEL") or DEFAULT_MODEL_DIR)


def textcat_name(kind: str) -> str:
    """Return the pipeline component that classifies texts of a kind."""
    return f"textcat_{kind}"


class CjkTokenizer:
    """One token per Chinese character, but Latin words and numbers whole ("Amazon", "SF123")."""

    _TOKEN = re.compile(r"\s+|[A-Za-z0-9]+(?:[.'\-_][A-Za-z0-9]+)*|\S")

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for match in self._TOKEN.finditer(text):
            token = match.group()
            if token[0].isspace():
                # spaCy keeps one trailing space per token; longer runs become tokens of their own.
                if words and not spaces[-1] and token[0] == " ":
                    spaces[-1] = True
                    token = token[1:]
                if not token:
                    continue
            words.append(token)
            spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    def to_disk(self, path: Path, **kwargs: Any) -> None:
        """Nothing to save: the tokenizer is pure code."""

    def from_disk(self, path: Path, **kwargs: Any) -> "CjkTokenizer":
        """Nothing to load: the tokenizer is pure code."""
        return self


@spacy.registry.tokenizers("redress.cjk_tokenizer.v1")
def create_cjk_tokenizer() -> Any:
    """Register the Chinese tokenizer so saved pipelines load without pkuseg or downloads."""
    return lambda nlp: CjkTokenizer(nlp.vocab)


def blank(lang: str) -> Language:
    """An empty pipeline of the language, with the Chinese tokenizer for Chinese."""
    if lang == "zh":
        tokenizer = {"@tokenizers": "redress.cjk_tokenizer.v1"}
        return spacy.blank("zh", config={"nlp": {"tokenizer": tokenizer}})
    return spacy.blank(lang)


def build(lang: str) -> Language:
    """Return an untrained pipeline: an entity tagger and one bag-of-ngrams textcat per kind."""
    nlp = blank(lang)
    # A tagger over BIO tags, not spaCy's transition-based NER: measured 5-8 times faster for
    # the same small encoder, which brings the full analysis near 1,000 texts per second.
    attrs = ["NORM", "SHAPE"] if lang == "zh" else ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
    tok2vec = {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": ENCODER_WIDTH[lang],
            "attrs": attrs,
            "rows": [4000] * len(attrs),
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": ENCODER_WIDTH[lang],
            "depth": 2,
            "window_size": 1,
            "maxout_pieces": 2,
        },
    }
    tagger_model = {
        "@architectures": "spacy.Tagger.v2",
        "nO": None,
        "normalize": False,
        "tok2vec": tok2vec,
    }
    nlp.add_pipe("tagger", name=ENTITY_TAGGER, config={"model": tagger_model})
    nlp.add_pipe("redress_tags_to_entities", name="entities")
    for kind in KINDS:
        bow = {"@architectures": "redress.LowerBOW.v1", **TEXTCAT_SETUPS[kind][lang]}
        nlp.add_pipe("textcat", name=textcat_name(kind), config={"model": bow})
    # Labels fixed here, or initialize() would give every head the labels of both kinds.
    settings = nlp.config["initialize"]["components"]
    settings[ENTITY_TAGGER] = {"labels": list(ENTITY_TAGS)}
    for kind in KINDS:
        labels = [model_label(kind, label) for label in LABELS_BY_KIND[kind]]
        settings[textcat_name(kind)] = {"labels": labels}
    return nlp


def entity_tags(doc: Doc, spans: list[tuple[int, int, str]]) -> list[str]:
    """Return the BIO tag of every token of a doc for token-aligned (start, end, label) spans."""
    tags = ["O"] * len(doc)
    for start, end, label in spans:
        span = doc.char_span(start, end)
        if span is None or any(tags[i] != "O" for i in range(span.start, span.end)):
            continue  # misaligned or overlapping: leave it out rather than teach a wrong boundary
        tags[span.start] = f"B-{label}"
        for i in range(span.start + 1, span.end):
            tags[i] = f"I-{label}"
    return tags


@Language.component("redress_tags_to_entities")
def tags_to_entities(doc: Doc) -> Doc:
    """Turn the entity tagger's BIO tags into doc.ents (a stray I- starts an entity)."""
    spans: list[Span] = []
    start, label = 0, ""
    for token in doc:
        tag = token.tag_
        inside = tag[2:] if tag.startswith("I-") else ""
        if label and inside == label:
            continue
        if label:
            spans.append(Span(doc, start, token.i, label))
        start, label = token.i, (tag[2:] if tag[:2] in ("B-", "I-") else "")
    if label:
        spans.append(Span(doc, start, len(doc), label))
    doc.ents = spans
    return doc


def model_problem() -> str | None:
    """Why the models cannot serve now (None: every language's pipeline loads), for /readyz."""
    for lang in LANGUAGES:
        try:
            load(lang)
        except (ModelNotBuilt, OSError, ValueError) as exc:
            return str(exc)
    return None


@cache
def model_version() -> str | None:
    """The version of the built model (when and from which corpus), stored with each analysis."""
    meta = model_dir() / "meta.json"
    if not meta.exists():
        return None
    return json.loads(meta.read_text(encoding="utf-8")).get("version")


@cache
def load(lang: str) -> Language:
    """Load a built pipeline once per process (never at import, never from the network)."""
    path = model_dir() / lang
    if not (path / "config.cfg").exists():
        raise ModelNotBuilt(f"no model at {path}: run `python -m nlp train` first")
    return spacy.load(path)
