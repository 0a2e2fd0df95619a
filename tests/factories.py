"""The one home of the tests' factories and clock helpers: accounts, queues, a test case kind,
sellers, rights holders, notices and takedowns. Tests import from here, never from each other."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, current_app
from flask.testing import FlaskClient
from sqlalchemy import select

from casework.kinds import CaseKind, Party
from casework.models import Calendar, Case, Queue, QueueMember, QueueRule
from casework.services.filing import open_case
from casework.workflow import STAFF, State, Transition, Workflow
from core import clock
from core.api_tokens import issue_api_token
from core.db import session
from core.jobs import run_job
from core.mail import deliver_due_mail
from core.models import Role, User
from core.passwords import hash_password
from ipr.api import NOTICES_SCOPE
from ipr.models import (
    Capacity,
    Channel,
    CounterNotice,
    IpRight,
    Listing,
    RightsHolder,
    RightsHolderMember,
    RightType,
    TrademarkOffice,
    Verification,
)
from ipr.services import Takedown, take_down
from ipr.services.filing import NewNotice, file_notice
from sellers.models import CreditEvent, Platform, Seller
from sellers.services import issue_seller_access
from tests.conftest import PASSWORD, post_form, sign_in

# --- Staff, queues and a small case kind for casework (single-table, so no migration) ---
PASSWORD_HASH = hash_password(PASSWORD)

TEST_WORKFLOW = Workflow(
    kind="test_kind",
    initial="submitted",
    states=(
        State("submitted", sla_days=7),
        State("awaiting_consumer", paused=True),
        State("accepted", sla_days=10, waits_on="consumer"),
        State("mediation", sla_days=45, counted_from="accepted"),
        State("resolved", decided=True),
        State("rejected", decided=True),
        State("merged", decided=True),
    ),
    transitions=(
        Transition("submitted", "accepted"),
        Transition("submitted", "rejected", needs_reason=True),
        Transition("submitted", "awaiting_consumer"),
        Transition("awaiting_consumer", "submitted", by=STAFF | {"consumer"}),
        Transition("accepted", "mediation", by=STAFF | {"system"}),
        Transition("mediation", "resolved"),
        *(Transition(state, "merged") for state in ("submitted", "accepted", "mediation")),
    ),
)


class KindCase(Case):
    """A test case: the base table only."""

    __mapper_args__ = {"polymorphic_identity": "test_kind"}  # noqa: RUF012


TEXTS: dict[str, str] = {}  # reference -> the consumer's text

KEYS: dict[str, list[tuple[str, str]]] = {}


def _parties(case: Case) -> list[Party]:
    return [
        Party("consumer", "Anna Berg", f"anna-{case.reference.lower()}@example.org", "zh"),
        Party("seller", "Bright Store", None),
    ]


TEST_KIND = CaseKind(
    name="test_kind",
    label="Test case",
    reference_prefix="T",
    nlp_kind="consumer",
    workflow=TEST_WORKFLOW,
    parties=_parties,
    text=lambda case: TEXTS.get(case.reference, ""),
    search_text=lambda case: TEXTS.get(case.reference, ""),
    relation_keys=lambda case: KEYS.get(case.reference, []),
    anonymise=lambda case: TEXTS.pop(case.reference, None),
)


def shanghai(text: str) -> datetime:
    """A moment given in Shanghai time, e.g. "2026-03-02 10:00"."""
    return datetime.fromisoformat(text + "+08:00")


def at(text: str) -> datetime:
    """Set the clock to a Shanghai time, e.g. "2026-03-02 10:00"; returns that moment."""
    moment = shanghai(text)
    clock.set_now(moment)
    return moment


def file_case(
    at: str | None = None,
    text: str = "",
    keys: list[tuple[str, str]] | None = None,
    analysis: dict[str, Any] | None = None,
    **fields: Any,
) -> KindCase:
    """File a test case (inside an app context), at a Shanghai time if given; committed."""
    if at:
        clock.set_now(shanghai(at))
    case = KindCase(**fields)
    case.reference = f"T-TEST-{uuid.uuid4().hex[:8].upper()}"
    TEXTS[case.reference] = text
    KEYS[case.reference] = keys or []
    open_case(case, analysis=analysis)
    session.commit()
    return case


def make_queue(
    code: str | None = None, members: list[User] = (), rule: dict | None = None, **fields: Any
) -> Queue:
    """A queue on the mainland China calendar, with members and a routing rule."""
    calendar = session.scalars(select(Calendar).where(Calendar.code == "CN")).one()
    queue = Queue(
        code=code or f"q-{uuid.uuid4().hex[:6]}",
        name=fields.pop("name", "Queue"),
        calendar_id=calendar.id,
        **fields,
    )
    session.add(queue)
    session.flush()
    for member in members:
        session.add(QueueMember(queue_id=queue.id, user_id=member.id))
    if rule is not None:
        session.add(QueueRule(queue_id=queue.id, position=rule.pop("position", 10), **rule))
    session.commit()
    return queue


def make_staff(role: Role, name: str | None = None) -> User:
    """A staff account (inside an app context), committed; password tests.conftest.PASSWORD."""
    user = User(
        email=f"{role.value}-{uuid.uuid4().hex[:6]}@example.org",
        name=name or f"Test {role.value}",
        password_hash=PASSWORD_HASH,
        role=role,
    )
    session.add(user)
    session.commit()
    return user


# --- Sellers ---
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def platform_id(app: Flask, name: str) -> int:
    with app.app_context():
        return session.scalar(select(Platform.id).where(Platform.name == name))


def seller_state(db, seller_id: int) -> tuple[str, int]:
    db.expire_all()
    seller = db.get(Seller, seller_id)
    return seller.tier.value, seller.active_points


# --- Rights holders, rights and notices ---
PLATFORM_CONTACT = "takedowns@example-market.test"

SELLER_CONTACT = "shop@best-deals.test"


@dataclass
class Holder:
    user: User
    holder: RightsHolder
    mark: IpRight
    token: str


def make_holder(
    name: str = "Brightline Audio Ltd.",
    mark: str = "BRIGHTLINE",
    good_standing: bool = False,
    language: str = "en",
) -> Holder:
    """A verified organisation with one verified trademark and an API token (committed)."""
    suffix = uuid.uuid4().hex[:6]
    user = make_staff(Role.RIGHTS_HOLDER, f"{name} user")
    holder = RightsHolder(
        legal_name=name,
        country="GB",
        contact_name="Helen Holder",
        contact_email=f"brand-{suffix}@example.org",
        language=language,
        capacity=Capacity.OWNER,
        status=Verification.VERIFIED,
        good_standing=good_standing,
    )
    session.add(holder)
    session.flush()
    session.add(RightsHolderMember(user_id=user.id, holder_id=holder.id))
    right = IpRight(
        holder_id=holder.id,
        right_type=RightType.TRADEMARK,
        title=mark,
        registration_number=f"38{suffix}",
        office=TrademarkOffice.CNIPA,
        nice_classes=[9],
        valid_from=date(2019, 1, 1),
        valid_until=date(2030, 1, 1),
        status=Verification.VERIFIED,
    )
    session.add(right)
    session.flush()
    secret, _token = issue_api_token(user, "tests", [NOTICES_SCOPE])
    session.commit()
    return Holder(user, holder, right, secret)


def add_right(holder: Holder, **fields: Any) -> IpRight:
    values = {
        "right_type": RightType.TRADEMARK,
        "title": "BRIGHTLINE PRO",
        "registration_number": uuid.uuid4().hex[:8],
        "office": TrademarkOffice.USPTO,
        "nice_classes": [9],
        "status": Verification.VERIFIED,
        **fields,
    }
    right = IpRight(holder_id=holder.holder.id, **values)
    session.add(right)
    session.commit()
    return right


def listing(number: int, **fields: Any) -> dict[str, Any]:
    return {
        "url": f"https://www.example-market.test/item/{number}.html",
        "platform": "Market",
        "seller": "Best Deals Shop",
        "listing_id": str(number),
        "explanation": "The BRIGHTLINE logo is copied on the box.",
        **fields,
    }


def notice_body(holder: Holder, listings: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    return {
        "rights": [holder.mark.id],
        "description": "These listings sell fake BRIGHTLINE earbuds with our registered mark.",
        "listings": listings,
        "good_faith": True,
        "accurate": True,
        "signature": "Helen Holder, counsel",
        **fields,
    }


def mail_to(inbox: Any, address: str) -> list[Any]:
    """What `address` received, once the outbox is delivered (services outside a request
    leave it to the delivery job)."""
    deliver_due_mail(current_app.extensions["redress.config"])
    return inbox.to(address)


def bearer(holder: Holder) -> dict[str, str]:
    return {"Authorization": f"Bearer {holder.token}"}


def local_day(moment: datetime) -> date:
    """The Shanghai calendar day of an aware moment."""
    return moment.astimezone(shanghai("2026-01-01 00:00").tzinfo).date()


# --- Takedowns and counter-notices ---
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 8

SELLER_EMAIL = "legal@best-deals.test"

NEW_YORK = ZoneInfo("America/New_York")


def taken_down(ipr: dict[str, Any], number: int = 1, right=None, **row: Any) -> Listing:
    """A listing reported by the fixture's holder and taken down by the first officer."""
    holder = ipr["holder"]
    body = notice_body(holder, [listing(number, **row)])
    if right is not None:
        body["rights"] = [right.id]
    notice = file_notice(holder.user, NewNotice.from_mapping(body), Channel.API)
    case = notice.listings[0]
    take_down(case, ipr["officers"][0], Takedown(right_id=right.id if right else None))
    session.commit()
    return case


def seller_link(case: Listing) -> str:
    secret, _token = issue_seller_access(case.seller, case.reference, timedelta(days=30))
    session.commit()
    return f"/ipr/counter-notice/{secret}"


def declaration(**fields: Any) -> dict[str, Any]:
    return {
        "declaration": "We are the brand's authorised distributor; invoice attached.",
        "identity_name": "Li Wei",
        "identity_organisation": "Best Deals Trading Co.",
        "identity_address": "8 Harbour Road, Shenzhen",
        "identity_country": "CN",
        "identity_email": SELLER_EMAIL,
        "identity_phone": "+86 755 1234 5678",
        "language": "en",
        "good_faith": "y",
        "signature": "Li Wei, director",
        "evidence": (io.BytesIO(PDF), "invoice.pdf"),
        **fields,
    }


def file_by_link(client: FlaskClient, link: str, **fields: Any) -> Any:
    return post_form(client, link, declaration(**fields), content_type="multipart/form-data")


def forward(client: FlaskClient, officer, case: Listing) -> CounterNotice:
    counter = session.scalars(
        select(CounterNotice).where(CounterNotice.listing_id == case.id)
    ).one()
    sign_in(client, officer)
    answer = post_form(client, f"/ipr/officer/counter-notices/{counter.id}/forward", {})
    assert answer.status_code == 302, answer.text
    session.refresh(counter)
    session.refresh(case)
    return counter


def credit_kinds(case: Listing) -> list[str]:
    return sorted(
        e.kind.value
        for e in session.scalars(
            select(CreditEvent).where(CreditEvent.case_reference == case.reference)
        )
    )


def restore_at(moment: datetime) -> int:
    run = run_job("restore_listings", now=moment)
    assert run.outcome.value == "succeeded", run.error
    return run.counts["restored"]
