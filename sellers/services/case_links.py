"""Links from case references on sellers' pages to the case pages of the kinds that know them."""

from collections.abc import Callable

from flask import Flask, current_app

CaseLink = Callable[[str], str | None]  # case reference -> URL of the case page, or None


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
