"""Redress NLP: category and entities of complaint texts. A plain library; models load lazily."""

from nlp.analysis import Analysis, Entity, analyze, analyze_many
from nlp.calibration import triage_threshold
from nlp.labels import CONSUMER_LABELS, ENTITY_LABELS, IPR_LABELS, PERSONAL_ENTITIES
from nlp.pipeline import ModelNotBuilt, model_problem, model_version
from nlp.redaction import redact

__all__ = [
    "CONSUMER_LABELS",
    "ENTITY_LABELS",
    "IPR_LABELS",
    "PERSONAL_ENTITIES",
    "Analysis",
    "Entity",
    "ModelNotBuilt",
    "analyze",
    "analyze_many",
    "model_problem",
    "model_version",
    "redact",
    "triage_threshold",
]
