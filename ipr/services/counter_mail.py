"""Mail after a takedown: every counter-notice step goes to both sides, in their languages."""

from __future__ import annotations

import enum
from typing import Any

from flask import current_app

from core.mail import queue_mail
from ipr.models import CounterNotice, Listing
from sellers.services.registry import canonical, platform_language

HOLDER_LISTING_PATH = "/ipr/dashboard/listings/{id}"


def holder_listing_url(listing: Listing) -> str:
    """The holder's page of this listing, for mails sent from requests and jobs alike."""
    base = current_app.extensions["redress.config"].public_base_url.rstrip("/")
    return base + HOLDER_LISTING_PATH.format(id=listing.id)


class CounterNoticeMail(enum.StrEnum):
    """The steps after a counter-notice that both sides are told of (the mails' `step`)."""

    RECEIVED = "received"
    FORWARDED = "forwarded"
    REFUSED = "refused"
    EXTENDED = "extended"
    PROOF_RECEIVED = "proof_received"
    PROOF_REFUSED = "proof_refused"
    UPHELD = "upheld"
    RESTORED = "restored"


def tell_both(counter: CounterNotice, step: CounterNoticeMail, **context: Any) -> None:
    """Mail the step to the rights holder's contact and to the seller's given address."""
    listing = counter.listing
    holder = listing.notice.holder
    queue_mail(
        holder.contact_email,
        "ipr/counter_holder",
        holder.language,
        step=step,
        listing=listing,
        holder=holder,
        counter=counter,
        page=holder_listing_url(listing),
        **context,
    )
    if counter.identity_email:
        queue_mail(
            counter.identity_email,
            "ipr/counter_seller",
            counter.language,
            step=step,
            listing=listing,
            counter=counter,
            **context,
        )


def tell_platform_restored(listing: Listing) -> None:
    """The takedown was the platform's measure: ask it to make the listing available again."""
    seller = canonical(listing.seller) if listing.seller is not None else None
    platform = listing.platform or (seller.platform if seller is not None else None)
    if platform is not None and platform.contact_email:
        queue_mail(
            platform.contact_email,
            "ipr/restored_platform",
            platform_language(platform),
            listing=listing,
            platform=platform,
        )
