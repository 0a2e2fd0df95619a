"""When and how a seller is shown to the public.

A seller is public only once an officer decided a case about it (a case outcome was recorded on
it) or it claimed its record and an officer confirmed the claim. A name that a rule or a
registered check (the NLP's PERSON entity, registered by a package that may import nlp) reads as
a private person's is never shown: the public sees "a seller on <platform>".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from flask import Flask, current_app
from flask_babel import gettext as _
from sqlalchemy import ColumnElement

from core.db import session
from sellers.models import Seller
from sellers.services.identity import looks_like_person

PersonCheck = Callable[[str], bool]
_CHECKS = "sellers.person_checks"


def register_person_check(app: Flask, check: PersonCheck) -> None:
    """Let another package say whether a seller name is a private person's name."""
    app.extensions.setdefault(_CHECKS, []).append(check)


def names_a_person(name: str) -> bool:
    """Whether the rule or a registered check reads `name` as a private person's name."""
    return looks_like_person(name) or any(
        check(name) for check in current_app.extensions.get(_CHECKS, [])
    )


def publish_seller(seller: Seller, at: datetime) -> None:
    """Show the seller publicly from `at` on (nothing if it already is), deciding once whether
    its name may be shown."""
    if seller.public_since is not None:
        return
    seller.public_since = at
    seller.name_is_person = seller.name_is_person or names_a_person(seller.name)
    session.flush()


def is_public() -> ColumnElement[bool]:
    """The condition on sellers that the public may see."""
    return Seller.public_since.is_not(None)


def public_name(seller: Seller | None, platform_name: str | None = None) -> str:
    """The seller's name as the public sees it: its name once published, unless that is a
    person's name; otherwise "a seller on <platform>"."""
    if seller is not None and seller.public_since is not None and not seller.name_is_person:
        return seller.name
    platform = seller.platform.name if seller is not None and seller.platform else platform_name
    return _("a seller on %(platform)s", platform=platform) if platform else _("a seller")
