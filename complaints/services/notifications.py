"""Who hears of a complaint's steps, at which address, in which language."""

from __future__ import annotations

from typing import Any

from complaints.models import Complaint
from complaints.workflow import COMPLAINT_WORKFLOW
from core.mail import queue_mail
from sellers.models import Seller
from sellers.services.registry import seller_language


def seller_contact(seller: Seller | None) -> str | None:
    """The seller's own address, else its platform's (forwarded complaints go there)."""
    if seller is None:
        return None
    return seller.contact_email or (seller.platform.contact_email if seller.platform else None)


def tell_consumer(complaint: Complaint, template: str, **context: Any) -> None:
    if complaint.consumer_email:  # blank once anonymised
        queue_mail(
            complaint.consumer_email,
            f"complaints/{template}",
            complaint.language,
            complaint=complaint,
            workflow=COMPLAINT_WORKFLOW,
            **context,
        )


def tell_seller(complaint: Complaint, template: str, **context: Any) -> bool:
    """Mail the seller if it can be reached; say whether it could."""
    address = seller_contact(complaint.seller)
    if address is None or complaint.seller is None:
        return False
    queue_mail(
        address,
        f"complaints/{template}",
        seller_language(complaint.seller),
        complaint=complaint,
        seller=complaint.seller,
        workflow=COMPLAINT_WORKFLOW,
        **context,
    )
    return True
