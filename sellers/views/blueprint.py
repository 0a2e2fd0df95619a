"""The sellers blueprint, on which each page module registers its views."""

from collections.abc import Callable

from flask import Blueprint, Flask, current_app

from sellers.labels import KIND_LABELS, STATUS_LABELS, TIER_CHANGE_REASONS, TIER_LABELS

bp = Blueprint("sellers", __name__)


CaseLink = Callable[[str], str | None]  # case reference -> URL of the case page, or None


def register_case_link(app: Flask, link: CaseLink) -> None:
    """Let casework turn case references on officer pages into links to the cases."""
    app.extensions.setdefault("sellers.case_links", []).append(link)


def case_url(reference: str) -> str | None:
    for link in current_app.extensions.get("sellers.case_links", []):
        url = link(reference)
        if url:
            return url
    return None


@bp.context_processor
def _labels() -> dict[str, object]:
    return {"KIND_LABELS": KIND_LABELS, "TIER_LABELS": TIER_LABELS,
            "STATUS_LABELS": STATUS_LABELS, "TIER_CHANGE_REASONS": TIER_CHANGE_REASONS,
            "case_url": case_url}
