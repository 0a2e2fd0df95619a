"""The label names of TAXONOMY.md: a contract shared with the database, the API and the reports."""

CONSUMER_LABELS: tuple[str, ...] = (
    "delivery",
    "not_as_described",
    "defective",
    "counterfeit",
    "refund_return",
    "billing",
    "customs_tax",
    "safety",
    "misleading_ad",
    "fraud",
    "service",
    "privacy",
    "other",
)
IPR_LABELS: tuple[str, ...] = ("trademark", "copyright", "patent", "other")
LABELS_BY_KIND: dict[str, tuple[str, ...]] = {"consumer": CONSUMER_LABELS, "ipr": IPR_LABELS}
KINDS: tuple[str, ...] = tuple(LABELS_BY_KIND)
LANGUAGES: tuple[str, ...] = ("en", "zh")  # the pipelines; "other" text goes to "en"

# Learned by the statistical NER (PERSON and ADDRESS are also backed by rules).
MODEL_ENTITIES: tuple[str, ...] = ("PRODUCT", "BRAND", "SELLER", "PERSON", "ADDRESS")
# Regular enough for rules alone.
RULE_ENTITIES: tuple[str, ...] = (
    "PLATFORM",
    "ORDER_ID",
    "TRACKING_ID",
    "MONEY",
    "DATE",
    "URL",
    "EMAIL",
    "PHONE",
)
ENTITY_LABELS: tuple[str, ...] = MODEL_ENTITIES + RULE_ENTITIES
PERSONAL_ENTITIES: frozenset[str] = frozenset(
    {"EMAIL", "PHONE", "PERSON", "ADDRESS", "ORDER_ID", "TRACKING_ID"}
)


def model_label(kind: str, label: str) -> str:
    """Return the textcat label inside the model: kinds share names such as "other"."""
    return f"{kind}:{label}"
