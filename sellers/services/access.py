"""What sellers do themselves: secret per-case links, claiming a record, appealing an event."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import select

from core import clock
from core.audit import record_audit
from core.db import session
from core.mail import queue_mail
from core.models import Role, User
from core.tokens import digest, new_secret
from sellers.labels import KIND_LABELS
from sellers.models import (
    CreditAppeal,
    CreditEvent,
    CreditEventKind,
    RequestStatus,
    Seller,
    SellerAccessToken,
    SellerClaim,
)
from sellers.services.ledger import (
    MAX_REFERENCE,
    is_reversed,
    owner_id,
    reverse_credit_event,
)
from sellers.services.publication import publish_seller
from sellers.services.registry import SellerError, canonical, seller_language

ACCESS_PREFIX = "rds_"


def issue_seller_access(
    seller: Seller, case_reference: str, valid_for: timedelta
) -> tuple[str, SellerAccessToken]:
    """A secret link for `seller` about one case; the secret is returned once, never stored."""
    if not 0 < len(case_reference) <= MAX_REFERENCE:
        raise ValueError(f"a case reference has 1 to {MAX_REFERENCE} characters")
    secret = new_secret(ACCESS_PREFIX)
    token = SellerAccessToken(
        seller_id=seller.id,
        case_reference=case_reference,
        token_hash=digest(secret),
        expires_at=clock.now() + valid_for,
    )
    session.add(token)
    session.flush()
    return secret, token


def seller_access_url(secret: str) -> str:
    """The address of the seller's page for this secret, to put in a mail."""
    # Built from the configured base, not the request: mail is also sent from jobs and the CLI.
    base = current_app.extensions["redress.config"].public_base_url.rstrip("/")
    return f"{base}/seller-access/{secret}"


def find_seller_access(secret: str) -> SellerAccessToken | None:
    """The usable token with this secret (not expired, not revoked), else None."""
    if not secret.startswith(ACCESS_PREFIX) or len(secret) > 100:
        return None
    token = session.scalar(
        select(SellerAccessToken).where(SellerAccessToken.token_hash == digest(secret))
    )
    return token if token is not None and token.usable_at(clock.now()) else None


# What the seller was sent about a case lives in the package of that case's kind (complaints,
# ipr), which sellers cannot import: each registers a function that renders it, or says None.
CaseSummary = Callable[[str, int], Markup | None]  # (case_reference, seller_id) -> HTML


def register_case_summary(app: Flask, summary: CaseSummary) -> None:
    """Let a case kind show, on the seller's secret page, what the seller was sent."""
    app.extensions.setdefault("sellers.case_summaries", []).append(summary)


def case_summary(token: SellerAccessToken) -> Markup | None:
    """What the seller was sent about the token's case, rendered by the case's own package."""
    for summary in current_app.extensions.get("sellers.case_summaries", []):
        shown = summary(token.case_reference, token.seller_id)
        if shown is not None:
            return shown
    return None


def sellers_of_account(user: User) -> list[Seller]:
    """The seller records this account was confirmed for (as they stand after merges)."""
    linked = session.scalars(select(Seller).where(Seller.account_id == user.id).order_by(Seller.id))
    owners = {owner_id(seller.id) for seller in linked}
    return [session.get_one(Seller, owner) for owner in sorted(owners)]


def claim_seller(token: SellerAccessToken, user: User) -> SellerClaim:
    """A seller account asks to manage the token's seller record; an officer decides."""
    if user.role != Role.SELLER:
        raise SellerError(_l("Only a seller account can claim a seller record."))
    seller = session.get_one(Seller, token.seller_id)
    if seller.account_id == user.id:
        raise SellerError(_l("Your account already manages this seller record."))
    pending = session.scalar(
        select(SellerClaim).where(
            SellerClaim.seller_id == seller.id,
            SellerClaim.user_id == user.id,
            SellerClaim.status == RequestStatus.PENDING,
        )
    )
    if pending is not None:
        raise SellerError(_l("You have already claimed this record; an officer will decide."))
    claim = SellerClaim(seller_id=seller.id, user_id=user.id, access_token_id=token.id)
    session.add(claim)
    session.flush()
    record_audit("seller.claimed", f"seller:{seller.id}", actor=user, claim=claim.id)
    return claim


def decide_claim(claim: SellerClaim, confirm: bool, actor: User) -> None:
    """Confirm (the account now manages the record) or refuse a claim."""
    if claim.status != RequestStatus.PENDING:
        raise SellerError(_l("This claim was already decided."))
    claim.status = RequestStatus.GRANTED if confirm else RequestStatus.REFUSED
    claim.decided_at, claim.decided_by_id = clock.now(), actor.id
    if confirm:
        claim.seller.account_id = claim.user_id
        publish_seller(claim.seller, clock.now())
    session.flush()
    record_audit(
        "seller.claim_confirmed" if confirm else "seller.claim_refused",
        f"seller:{claim.seller_id}",
        actor=actor,
        account=claim.user_id,
    )


def pending_claims() -> list[SellerClaim]:
    """Claims waiting for an officer, oldest first."""
    return list(
        session.scalars(
            select(SellerClaim)
            .where(SellerClaim.status == RequestStatus.PENDING)
            .order_by(SellerClaim.id)
        )
    )


def appeal_of(event: CreditEvent) -> CreditAppeal | None:
    """The appeal against this event, if the seller filed one."""
    return session.scalar(select(CreditAppeal).where(CreditAppeal.event_id == event.id))


def can_appeal(event: CreditEvent) -> bool:
    """An event may be appealed once, unless it answers another or was already reversed."""
    return not event.kind.is_answer and appeal_of(event) is None and not is_reversed(event)


def file_appeal(
    event: CreditEvent,
    reasons: str,
    evidence: str | None,
    *,
    user: User | None = None,
    access_token: SellerAccessToken | None = None,
) -> CreditAppeal:
    """The seller contests an event, with reasons and evidence; an officer will decide."""
    if not can_appeal(event):
        raise SellerError(_l("This event cannot be appealed (again)."))
    if not reasons or not reasons.strip():
        raise SellerError(_l("Say why the event is wrong."), "reasons")
    appeal = CreditAppeal(
        event_id=event.id,
        reasons=reasons.strip(),
        evidence=(evidence or "").strip() or None,
        filed_by_id=user.id if user else None,
        access_token_id=access_token.id if access_token else None,
    )
    session.add(appeal)
    session.flush()
    record_audit(
        "seller.appeal_filed",
        f"seller:{event.seller_id}",
        actor=user,
        event=event.id,
        appeal=appeal.id,
    )
    return appeal


def decide_appeal(appeal: CreditAppeal, uphold: bool, reasons: str, actor: User) -> CreditEvent:
    """The officer's decision becomes a new event (a reversal when upheld), mailed to the seller."""
    if appeal.status != RequestStatus.PENDING:
        raise SellerError(_l("This appeal was already decided."))
    if not reasons or not reasons.strip():
        raise SellerError(_l("Give the reasons for the decision."), "reasons")
    now = clock.now()
    event = appeal.event
    if uphold:
        result = reverse_credit_event(event, CreditEventKind.APPEAL_UPHELD, now)
    else:
        result = CreditEvent(
            seller_id=event.seller_id,
            kind=CreditEventKind.APPEAL_REJECTED,
            points=0,
            case_reference=event.case_reference,
            happened_at=now,
            expires_at=event.expires_at,
        )
        session.add(result)
        session.flush()
    appeal.status = RequestStatus.GRANTED if uphold else RequestStatus.REFUSED
    appeal.decided_at, appeal.decided_by_id = now, actor.id
    appeal.decision_reasons, appeal.result_event_id = reasons.strip(), result.id
    session.flush()
    record_audit(
        "seller.appeal_decided",
        f"seller:{event.seller_id}",
        actor=actor,
        appeal=appeal.id,
        upheld=uphold,
    )
    _mail_decision(appeal)
    return result


def _mail_decision(appeal: CreditAppeal) -> None:
    seller = session.get_one(Seller, appeal.event.seller_id)
    recipients: dict[str, str | None] = {}
    if seller.contact_email:
        recipients[seller.contact_email] = seller_language(seller)
    if seller.account is not None:
        recipients[seller.account.email] = seller.account.language
    for address, language in recipients.items():
        queue_mail(
            address,
            "sellers/appeal_decided",
            language,
            seller=canonical(seller),
            appeal=appeal,
            event=appeal.event,
            kind_label=KIND_LABELS[appeal.event.kind],
        )


def pending_appeals() -> list[CreditAppeal]:
    """Appeals waiting for an officer, oldest first."""
    return list(
        session.scalars(
            select(CreditAppeal)
            .where(CreditAppeal.status == RequestStatus.PENDING)
            .order_by(CreditAppeal.id)
        )
    )
