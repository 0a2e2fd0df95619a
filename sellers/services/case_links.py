"""What sellers know of cases, which live in packages above it: links from case references on
sellers' pages to the case pages, and the cases to point at another seller when an officer moves
a case's credit events there."""

from collections.abc import Callable

from flask import Flask, current_app

from core.models import User

CaseLink = Callable[[str], str | None]  # case reference -> URL of the case page, or None
# (case reference, the seller it counted on, the seller it counts on now, who moved it)
CaseMover = Callable[[str, int, int, User | None], None]


def register_case_link(app: Flask, link: CaseLink) -> None:
    """Let casework turn case references on officer pages into links to the cases."""
    app.extensions.setdefault("sellers.case_links", []).append(link)


def case_url(reference: str) -> str | None:
    """The URL of the case page of `reference`, if a kind links it."""
    for link in current_app.extensions.get("sellers.case_links", []):
        url = link(reference)
        if url:
            return url
    return None


def register_case_mover(app: Flask, mover: CaseMover) -> None:
    """Let casework follow a case's credit events to the seller an officer moved them to."""
    app.extensions.setdefault("sellers.case_movers", []).append(mover)


def move_case(reference: str, source_id: int, target_id: int, actor: User | None) -> None:
    """Tell the packages that hold case `reference` that it is about `target_id` now."""
    for mover in current_app.extensions.get("sellers.case_movers", []):
        mover(reference, source_id, target_id, actor)
