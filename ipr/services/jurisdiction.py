"""The country whose law governs a listing: set at filing (the holder's choice, else the
platform's country, else China's) and corrected by an officer until a counter-notice starts a
window under it. The rule it brings is `counter_notices.listing_rule`."""

from __future__ import annotations

from flask_babel import gettext as _

from casework.models import Visibility
from casework.services.access import Actor
from casework.services.timeline import record_event
from core.audit import record_audit
from core.countries import normal_country
from core.db import session
from core.models import Role, User
from ipr.models import Listing
from ipr.services.counter_notices import counter_notices_of, listing_rule
from ipr.services.refusals import IprError

STAFF = (Role.OFFICER, Role.SUPERVISOR, Role.ADMIN)


def change_jurisdiction(listing: Listing, officer: User, code: str, reason: str) -> None:
    """Set the listing's jurisdiction; refused once a counter-notice's window runs."""
    if officer.role not in STAFF:
        raise IprError(_("Only case officers change the jurisdiction."), "forbidden")
    country = normal_country(code)
    if country is None:
        raise IprError(_("Give the country as two letters, e.g. CN or US."), field="jurisdiction")
    reason = (reason or "").strip()
    if not reason:
        raise IprError(_("Say why another country's law applies."), field="reason")
    if country == listing.jurisdiction:
        raise IprError(_("The listing is already under this country's law."), field="jurisdiction")
    if counter_notices_of(listing):
        raise IprError(
            _("The seller's counter-notice started a window under the present law: it stays."),
            "conflict",
        )
    before, listing.jurisdiction = listing.jurisdiction, country
    session.flush()
    record_event(
        listing,
        Actor.of(officer),
        "jurisdiction_changed",
        before=before,
        after=country,
        body=reason,
        visibility=Visibility.PARTIES,
        data={"rule": listing_rule(listing).value},
    )
    target = f"listing:{listing.id}"
    record_audit("ipr.jurisdiction_changed", target, actor=officer, before=before, after=country)
