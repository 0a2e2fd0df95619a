"""Sending a complaint to its seller: a secret link of the seller's own and a fair summary, at once
on acceptance, or once an officer adds the contact the seller lacked."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _

from casework.services.filing import index_case
from casework.services.timeline import record_event
from casework.services.transitions import transition
from complaints.models import Complaint
from complaints.services.checked_input import expect_state, field_refused
from complaints.services.notifications import seller_contact, tell_consumer, tell_seller
from complaints.workflow import ComplaintState
from core.models import User
from sellers.services import SellerError, issue_seller_access, resolve_seller, seller_access_url

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
        "reference": complaint.reference,
        "platform": complaint.platform_name,
        "product": complaint.product,
        "purchase_date": complaint.purchase_date,
        "amount": complaint.amount,
        "currency": complaint.currency,
        "desired_resolution": complaint.desired_resolution.value,
        "country": complaint.consumer_country,
        "consented": complaint.consent_forward_to_seller,
    }
    if complaint.consent_forward_to_seller:
        shown.update(
            consumer_name=complaint.consumer_name,
            order_number=complaint.order_number,
            description=complaint.description,
        )
    return shown


def forward_to_seller(complaint: Complaint, odr: bool = False) -> bool:
    """Issue the seller a link for this complaint and mail it with the summary; False when the
    seller cannot be reached (nothing is issued then)."""
    seller = complaint.seller
    if seller is None:
        return False
    secret, _token = issue_seller_access(seller, complaint.reference, ACCESS_VALID_FOR)
    return tell_seller(
        complaint,
        "forwarded",
        odr=odr,
        summary=forwarded_summary(complaint),
        url=complaint_seller_url(secret),
        record_url=seller_access_url(secret),
    )


def forward_or_hold(complaint: Complaint, officer: User) -> bool:
    """awaiting_seller with the seller mailed, or seller_contact_needed; whether it went."""
    if seller_contact(complaint.seller) is None:
        transition(complaint, ComplaintState.SELLER_CONTACT_NEEDED, officer)
        return False
    transition(complaint, ComplaintState.AWAITING_SELLER, officer)
    forward_to_seller(complaint)
    return True


def add_contact_and_forward(
    complaint: Complaint,
    officer: User,
    email: str | None,
    via_platform: bool = False,
    seller_name: str | None = None,
) -> None:
    """Give the complaint's seller (or its platform) a contact address, then forward."""
    expect_state(complaint, ComplaintState.SELLER_CONTACT_NEEDED)
    address = (email or "").strip() or None
    if address is not None:
        try:
            validate_email(address, check_deliverability=False)
        except EmailNotValidError:
            raise field_refused("email", _("Not an e-mail address.")) from None
        if len(address) > 254:
            raise field_refused("email", _("At most %(n)d characters, please.", n=254))
    if complaint.seller is None:
        try:
            complaint.seller = resolve_seller(
                seller_name or complaint.seller_name, None, complaint.platform_name
            )
        except SellerError:
            raise field_refused("seller_name", _("Name the seller first.")) from None
        index_case(complaint)  # the seller is now a key relating its complaints
    seller = complaint.seller
    if address is not None and via_platform:
        if seller.platform is None:
            raise field_refused(
                "via_platform",
                _("This seller's platform is not in the registry; give the seller's own address."),
            )
        seller.platform.contact_email = address
    elif address is not None:
        seller.contact_email = address
    if seller_contact(seller) is None:
        raise field_refused("email", _("Give an e-mail address to forward the complaint to."))
    record_event(
        complaint,
        officer,
        "seller_contact_added",
        data={"via_platform": bool(via_platform and address)},
    )
    transition(complaint, ComplaintState.AWAITING_SELLER, officer)
    forward_to_seller(complaint)
    tell_consumer(complaint, "accepted", forwarded=True)
