"""Sending a complaint to its seller: a secret link of the seller's own, and a fair summary."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import current_app

from complaints.models import Complaint
from complaints.notify import tell_seller
from sellers.services import issue_seller_access, seller_access_url

# Longer than any stage the seller acts in (10 working days to answer, mediation up to 45
# working days from acceptance), so the link still works for the whole case and an appeal.
ACCESS_VALID_FOR = timedelta(days=120)


def complaint_seller_url(secret: str) -> str:
    """The seller's page for the complaint (answer, propose, dispute), for mails."""
    base = current_app.extensions["redress.config"].public_base_url.rstrip("/")
    return f"{base}/complaints/seller/{secret}"


def forwarded_summary(complaint: Complaint) -> dict[str, Any]:
    """What the seller may see. Never the consumer's e-mail or phone: the seller answers through
    Redress. Name, order and story only with the consumer's consent to forward."""
    shown: dict[str, Any] = {
        "reference": complaint.reference, "platform": complaint.platform_name,
        "product": complaint.product, "purchase_date": complaint.purchase_date,
        "amount": complaint.amount, "currency": complaint.currency,
        "desired_resolution": complaint.desired_resolution.value,
        "country": complaint.consumer_country, "consented": complaint.consent_forward_to_seller,
    }
    if complaint.consent_forward_to_seller:
        shown.update(consumer_name=complaint.consumer_name, order_number=complaint.order_number,
                     description=complaint.description)
    return shown


def forward_to_seller(complaint: Complaint, odr: bool = False) -> bool:
    """Issue the seller a link for this complaint and mail it with the summary; False when the
    seller cannot be reached (nothing is issued then)."""
    seller = complaint.seller
    if seller is None:
        return False
    secret, _token = issue_seller_access(seller, complaint.reference, ACCESS_VALID_FOR)
    return tell_seller(complaint, "forwarded", odr=odr, summary=forwarded_summary(complaint),
                       url=complaint_seller_url(secret), record_url=seller_access_url(secret))
