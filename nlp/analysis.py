"""Analyse complaint texts: language, category with scores, and entities with exact offsets."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from nlp.calibration import cell_calibration, scale, triage_threshold
from nlp.labels import KINDS, LABELS_BY_KIND, model_label
from nlp.language import detect
from nlp.pipeline import load, model_version, textcat_name
from nlp.rules import Found, find_entities, resolve

OTHER_LANGUAGE_CONFIDENCE = 0.3  # low enough to send text in an unsupported language to triage
MAX_MODEL_CHARS = 200_000  # past this only the rules read on: a pasted book must not stall a worker
_SURROGATE = re.compile("[\ud800-\udfff]")
_NEXT_NAME_WORD = re.compile(r"[ \t]+(?:[A-Z]['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
_MODEL_RANK = 7  # the model's entities give way to the rules, which are precise by construction


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: label, text and character offsets into the original text."""

    label: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """Return the entity as in TAXONOMY.md section 4."""
        return {"label": self.label, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of analysing one text (TAXONOMY.md section 4)."""

    id: Any
    language: str
    kind: str
    category: str
    confidence: float
    scores: dict[str, float] = field(hash=False)
    entities: tuple[Entity, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of TAXONOMY.md section 4."""
        return {
            "id": self.id,
            "language": self.language,
            "kind": self.kind,
            "category": self.category,
            "confidence": self.confidence,
            "scores": dict(self.scores),
            "entities": [e.to_dict() for e in self.entities],
        }

    def to_record(self) -> dict[str, Any]:
        """What a case stores: the section-4 shape, the model that made it and the confidence
        under which a person decides where the case goes."""
        return {
            **self.to_dict(),
            "model_version": model_version(),
            "triage_below": triage_threshold(self.kind, self.language),
        }


def analyze(text: str, kind: str = "consumer", id: Any = None) -> Analysis:
    """Classify one text and find its entities."""
    return analyze_many([text], kind, ids=[id])[0]


def analyze_many(
    texts: Iterable[str],
    kind: str = "consumer",
    ids: Sequence[Any] | None = None,
    batch_size: int = 64,
) -> list[Analysis]:
    """Analyse many texts of one kind at once (faster than one by one); results keep input order."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    texts = [_check_text(text) for text in texts]
    ids = list(ids) if ids is not None else [None] * len(texts)
    if len(ids) != len(texts):
        raise ValueError("ids and texts differ in length")
    languages = [detect(text) for text in texts]
    results: list[Analysis | None] = [None] * len(texts)
    for pipeline_lang in ("en", "zh"):
        chosen = [i for i, lang in enumerate(languages) if _pipeline_for(lang) == pipeline_lang]
        if not chosen:
            continue
        nlp = load(pipeline_lang)
        skip = [textcat_name(other) for other in KINDS if other != kind]
        docs = nlp.pipe(
            (_model_text(texts[i]) for i in chosen), disable=skip, batch_size=batch_size
        )
        for i, doc in zip(chosen, docs, strict=True):
            results[i] = _result(ids[i], texts[i], languages[i], kind, doc)
    return [result for result in results if result is not None]


def find_all_entities(text: str) -> list[Entity]:
    """Return the entities of a text (model and rules) without classifying it."""
    nlp = load(_pipeline_for(detect(_check_text(text))))
    doc = nlp(_model_text(text), disable=[textcat_name(kind) for kind in KINDS])
    return _entities(text, doc)


def _result(id_: Any, text: str, language: str, kind: str, doc: Doc) -> Analysis:
    labels = LABELS_BY_KIND[kind]
    raw = {label: doc.cats.get(model_label(kind, label), 0.0) for label in labels}
    calibration = cell_calibration(kind, _pipeline_for(language))
    if calibration is not None and any(raw.values()):
        raw = scale(raw, calibration.temperature)  # the confidence is then what it says
    scores = {label: round(value, 4) for label, value in raw.items()}
    if any(scores.values()):
        category = max(scores, key=scores.__getitem__)
    else:  # spaCy leaves a text without tokens unscored: "other", with no preference at all
        category, scores = "other", dict.fromkeys(labels, round(1 / len(labels), 4))
    confidence = scores[category]
    if language == "other":
        confidence = min(confidence, OTHER_LANGUAGE_CONFIDENCE)
    return Analysis(id_, language, kind, category, confidence, scores, tuple(_entities(text, doc)))


def _entities(text: str, doc: Doc) -> list[Entity]:
    candidates = find_entities(text)
    rules = list(candidates)
    for ent in doc.ents:
        start, end = ent.start_char, ent.end_char
        if ent.label_ == "PERSON":
            end = _extend_surname(text, end, rules)
        if ent.label_ == "PRODUCT":  # "扫地机器" and the goods name "扫地机器人": the whole of both
            for net in (
                f for f in rules if f.label == "PRODUCT" and f.start < end and start < f.end
            ):
                start, end = min(start, net.start), max(end, net.end)
        candidates.append(Found(ent.label_, start, end, _MODEL_RANK))
    return [Entity(f.label, text[f.start : f.end], f.start, f.end) for f in resolve(candidates)]


def _extend_surname(text: str, end: int, rules: list[Found]) -> int:
    # The model often stops after a first name, and a leaked surname is still a leak; but a
    # following word that a rule claims ("Maria on Amazon") is left to the rule.
    for _ in range(2):
        word = _NEXT_NAME_WORD.match(text, end)
        if word is None or any(f.start < word.end() and f.end > end for f in rules):
            break
        end = word.end()
    return end


def _model_text(text: str) -> str:
    # spaCy cannot hash a lone surrogate (broken UTF-16 from some clients); the same-length
    # replacement keeps every offset valid for the original text.
    return _SURROGATE.sub("\ufffd", text[:MAX_MODEL_CHARS])


def _pipeline_for(language: str) -> str:
    return "zh" if language == "zh" else "en"


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return text
