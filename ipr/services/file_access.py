"""Who may read an IPR file, the one rule behind core's download view (`/files/ipr/<id>`):

- staff: an organisation's and its rights' files; a notice's or a listing's evidence, a
  counter-notice's evidence and a proof when they work on one of the listings concerned (reading
  is recorded as personal data read);
- the rights holder: every file of its own organisation, rights, notices and listings;
- the seller, with its secret link as `?key=`: the evidence of its counter-notices on the listing
  the link is about.
"""

from __future__ import annotations

from sqlalchemy import select

from casework.services.access import can_see
from core.audit import record_personal_data_read
from core.db import session
from core.files import FileSource
from core.models import STAFF_ROLES, User
from ipr.models import ActionProof, CounterNotice, IprFile, IpRight, Listing, Notice, RightsHolder
from ipr.services.counter_notices import listing_by_link
from ipr.services.holders import holder_of

SOURCE = "ipr"


def find_file(file_id: int) -> IprFile | None:
    return session.get(IprFile, file_id)


def _holder_of_file(found: IprFile) -> int | None:
    """The organisation the file belongs to."""
    if found.holder_id is not None:
        return found.holder_id
    if found.right_id is not None:
        return session.get_one(IpRight, found.right_id).holder_id
    listings = _listings_of_file(found)
    return listings[0].notice.holder_id if listings else None


def _listings_of_file(found: IprFile) -> list[Listing]:
    """The listings a notice's, a counter-notice's or a proof's file is about."""
    if found.notice_id is not None:
        return list(session.get_one(Notice, found.notice_id).listings)
    if found.listing_id is not None:
        return [session.get_one(Listing, found.listing_id)]
    counter_id = found.counter_notice_id
    if found.proof_id is not None:
        counter_id = session.get_one(ActionProof, found.proof_id).counter_notice_id
    if counter_id is None:
        return []
    return [session.get_one(CounterNotice, counter_id).listing]


def _staff_may_read(user: User, found: IprFile) -> bool:
    if (
        found.holder_id is None
        and found.right_id is None
        and not any(can_see(user, listing) for listing in _listings_of_file(found))
    ):
        return False
    record_personal_data_read(f"ipr_file:{found.id}", found.filename)
    return True


def _seller_may_read(found: IprFile, key: str) -> bool:
    reached = listing_by_link(key)
    if reached is None or found.counter_notice_id is None:
        return False
    counter = session.get(CounterNotice, found.counter_notice_id)
    return counter is not None and counter.listing_id == reached.listing.id


def may_read_file(user: User | None, found: IprFile, key: str | None) -> bool:
    """Whether the signed-in `user`, or whoever holds the seller's secret `key`, may read it."""
    if user is not None and user.role in STAFF_ROLES:
        return _staff_may_read(user, found)
    if user is not None:
        holder: RightsHolder | None = holder_of(user)
        if holder is not None and _holder_of_file(found) == holder.id:
            return True
    return key is not None and _seller_may_read(found, key)


def files_in_use() -> list[str]:
    """The contents IPR files refer to (for core's sweep of unused content)."""
    return list(session.scalars(select(IprFile.sha256).distinct()))


FILE_SOURCE = FileSource(name=SOURCE, find=find_file, may_read=may_read_file, in_use=files_in_use)
