"""Demo data: a verified rights holder with a verified trademark, and a few notices."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from casework.models import Queue, QueueMember
from core import clock
from core.db import session
from core.models import Role, User
from core.users import find_user_by_email
from ipr.models import (
    Capacity,
    Channel,
    IpRight,
    RightsHolder,
    RightsHolderMember,
    RightType,
    TrademarkOffice,
    Verification,
)
from ipr.services.filing import NewNotice, file_notice
from ipr.services.listing_input import ReportedListing

HOLDER_EMAIL = "holder@demo.redress.example"
DEMO_NOTICES = (
    (
        "Counterfeit BRIGHTLINE earbuds sold with our registered mark and copied packaging.",
        [
            (
                "https://www.aliexpress.com/item/1005006123456789.html",
                "AliExpress",
                "Shenzhen Bright Store Co., Ltd.",
                "1005006123456789",
                "Uses the BRIGHTLINE mark on earbuds we never made; test buy shows a fake.",
            ),
            (
                "https://www.temu.com/goods.html?goods_id=601099512345678",
                "Temu",
                "Best Deals Shop",
                "601099512345678",
                "BRIGHTLINE logo on the box and in the photos; not our product.",
            ),
        ],
    ),
    (
        "Listing titled BRIGHTLINE Pro headphones: our trademark used for unrelated goods.",
        [
            (
                "https://www.amazon.de/dp/B0DEMO1234",
                "Amazon",
                "Happy Gadgets Trading GmbH",
                "B0DEMO1234",
                "The title and images use the BRIGHTLINE word mark.",
            )
        ],
    ),
)


def _staff() -> list[User]:
    return list(
        session.scalars(
            select(User).where(
                User.role.in_((Role.OFFICER, Role.SUPERVISOR)),
                User.email.like("%@demo.redress.example"),
            )
        )
    )


def load_demo_ipr() -> list[str]:
    """Brightline Audio (verified, with the verified mark BRIGHTLINE) and its demo notices;
    the demo officers work the IPR queue."""
    user = find_user_by_email(HOLDER_EMAIL)
    if user is None:
        return []
    queue = session.scalar(select(Queue).where(Queue.code == "ipr"))
    for officer in _staff():
        if queue is not None and session.get(QueueMember, (queue.id, officer.id)) is None:
            session.add(QueueMember(queue_id=queue.id, user_id=officer.id))
    if session.get(RightsHolderMember, user.id) is not None:
        return ["Demo rights holder: already there."]
    now = clock.now()
    holder = RightsHolder(
        legal_name="Brightline Audio Ltd.",
        country="GB",
        address="1 Demo Street, London",
        contact_name="Helen Holder",
        contact_email=HOLDER_EMAIL,
        language="en",
        capacity=Capacity.OWNER,
        status=Verification.VERIFIED,
        verified_at=now,
    )
    session.add(holder)
    session.flush()
    session.add(RightsHolderMember(user_id=user.id, holder_id=holder.id))
    mark = IpRight(
        holder_id=holder.id,
        right_type=RightType.TRADEMARK,
        title="BRIGHTLINE",
        registration_number="38123456",
        office=TrademarkOffice.CNIPA,
        nice_classes=[9],
        owner_name="Brightline Audio Ltd.",
        country="CN",
        valid_from=date(2019, 5, 14),
        valid_until=date(2029, 5, 13),
        status=Verification.VERIFIED,
        verified_at=now,
    )
    session.add(mark)
    session.flush()
    references = []
    for description, listings in DEMO_NOTICES:
        notice = file_notice(
            user,
            NewNotice(
                rights=(mark.id,),
                description=description,
                good_faith=True,
                accurate=True,
                signature="Helen Holder, brand protection manager",
                listings=tuple(
                    ReportedListing(
                        url=url,
                        platform=platform,
                        seller=seller,
                        listing_id=listing_id,
                        explanation=explanation,
                    )
                    for url, platform, seller, listing_id, explanation in listings
                ),
            ),
            Channel.WEB,
        )
        references.append(notice.reference)
    return [
        f"Demo rights holder: Brightline Audio Ltd. ({HOLDER_EMAIL}), verified trademark "
        f"BRIGHTLINE; notices {', '.join(references)}; API token: "
        f"flask --app wsgi ipr issue-token {HOLDER_EMAIL}"
    ]
