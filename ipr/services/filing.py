"""Filing a notice: checked whole before anything is stored; then one case per new listing.

A notice comes as a `NewNotice`, which the web form and the API schema build alike.
`file_notice` refuses an incomplete notice naming every bad field ("rights.0",
"listings.17.url"), flags listings already under an open notice instead of opening them again,
analyses the text (infringement type, brand, seller, platform) to prefill and to warn the officer
when it does not match the rights named, and mails the holder a receipt.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask_babel import gettext as _
from sqlalchemy import select

import nlp
from casework.models import Priority
from casework.services.access import Actor
from casework.services.filing import next_reference, open_case
from casework.services.stages import set_deadline
from core import clock
from core.audit import record_audit
from core.countries import normal_country
from core.db import session
from core.mail import queue_mail
from core.metrics import observe_nlp
from core.models import User
from core.uploads import EVIDENCE_MAX_FILES, CheckedFile
from ipr.models import (
    MAX_LISTINGS,
    Channel,
    FilePurpose,
    IprFile,
    IpRight,
    Listing,
    Notice,
    RightsHolder,
    RightType,
)
from ipr.services.brands import brand_name
from ipr.services.files import store_file
from ipr.services.holders import filing_refusal, holder_of
from ipr.services.listing_input import (
    ReportedListing,
    listing_url_key,
    row_errors,
    url_problem,
)
from ipr.services.refusals import IprError, NoticeRefused
from ipr.services.rights import rights_for_notice
from ipr.workflow import GOOD_STANDING_REVIEW_DAYS, RIGHTS_HOLDER, UNDER_OPEN_NOTICE
from sellers.models import Platform, Seller
from sellers.services import SellerError, find_platform, resolve_seller
from sellers.services.identity import url_ids

log = logging.getLogger(__name__)
DESCRIPTION_MAX = 10_000
ANALYSED_MAX = 5000  # characters of the notice the NLP reads
REFERENCE_PREFIX = "IP"


@dataclass(frozen=True)
class NewNotice:
    """A notice as the holder sends it, by the web form or the API: the rights it relies on,
    why the listings infringe, the listings, and the holder's statements under its signature."""

    rights: tuple[int, ...]
    description: str
    listings: tuple[ReportedListing, ...]
    good_faith: bool
    accurate: bool
    signature: str

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> NewNotice:
        """The notice as a JSON object names its fields (the API body, a script)."""
        return cls(
            rights=tuple(data.get("rights") or ()),
            description=data.get("description") or "",
            listings=tuple(ReportedListing.from_mapping(row) for row in data.get("listings") or ()),
            good_faith=data.get("good_faith") is True,
            accurate=data.get("accurate") is True,
            signature=data.get("signature") or "",
        )


def _statement_errors(notice: NewNotice) -> dict[str, str]:
    errors: dict[str, str] = {}
    description = notice.description.strip()
    if not description:
        errors["description"] = _("Explain why these listings infringe your rights.")
    elif len(description) > DESCRIPTION_MAX:
        errors["description"] = _("At most %(n)d characters, please.", n=DESCRIPTION_MAX)
    if not notice.good_faith:
        errors["good_faith"] = _(
            "Confirm that you believe in good faith that the use is not authorised."
        )
    if not notice.accurate:
        errors["accurate"] = _(
            "Confirm under penalty of perjury that the notice is accurate and that you may act "
            "for the rights holder."
        )
    if not notice.signature.strip():
        errors["signature"] = _("Sign the notice with your name and capacity.")
    return errors


def _platform_of(row: ReportedListing) -> Platform | None:
    return find_platform(row.platform) or find_platform(urlsplit(row.url or "").hostname)


def platform_name(row: ReportedListing) -> str | None:
    """The platform a listing will be filed under: the one named, else the address's."""
    platform = _platform_of(row) if not url_problem(row.url) else None
    return platform.name if platform else row.platform


def _listing_errors(rows: Sequence[ReportedListing]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not rows:
        errors["listings"] = _("Report at least one listing.")
    elif len(rows) > MAX_LISTINGS:
        errors["listings"] = _(
            "At most %(max)d listings per notice; this one has %(n)d. Split "
            "it into several notices.",
            max=MAX_LISTINGS,
            n=len(rows),
        )
        return errors  # the notice is refused whole; no need to read every row
    for index, row in enumerate(rows):
        problems = row_errors(row)
        for name, message in problems.items():
            errors[f"listings.{index}.{name}"] = message
        if "url" not in problems and not row.platform and _platform_of(row) is None:
            errors[f"listings.{index}.platform"] = _(
                "Name the platform: the address is not on a platform we know."
            )
    return errors


def _already_reported(
    holder: RightsHolder, rows: Sequence[ReportedListing]
) -> list[dict[str, Any]]:
    """The rows already under an open notice (or twice in this one), to flag, not reopen."""
    keys = [listing_url_key(row.url or "") for row in rows]
    found = {
        listing.url_key: listing
        for listing in session.scalars(
            select(Listing).where(
                Listing.url_key.in_(set(keys)), Listing.status.in_(UNDER_OPEN_NOTICE)
            )
        )
    }
    flagged, seen = [], set()
    for index, key in enumerate(keys):
        existing = found.get(key)
        if existing is not None:
            own = existing.notice.holder_id == holder.id  # never show another holder's case
            flagged.append(
                {
                    "position": index,
                    "url": rows[index].url,
                    "case": existing.reference if own else None,
                    "reason": "already_reported",
                }
            )
        elif key in seen:
            flagged.append(
                {
                    "position": index,
                    "url": rows[index].url,
                    "case": None,
                    "reason": "repeated_in_notice",
                }
            )
        seen.add(key)
    return flagged


def filing_holder(user: User) -> RightsHolder:
    """The organisation the user files for; refused when it may not file now."""
    holder = holder_of(user)
    refusal = filing_refusal(holder, clock.now())
    if holder is None or refusal is not None:
        raise IprError(refusal or "", "forbidden")
    return holder


def _problems(holder: RightsHolder, notice: NewNotice) -> tuple[list[IpRight], dict[str, str]]:
    rights, errors = rights_for_notice(holder, notice.rights, clock.now().date())
    errors |= _statement_errors(notice)
    errors |= _listing_errors(notice.listings)
    return rights, errors


def notice_problems(user: User, notice: NewNotice) -> dict[str, str]:
    """Every bad field of the notice, e.g. {"rights.1": ..., "listings.7.platform": ...}, for a
    caller that found problems of its own and answers them all at once."""
    return _problems(filing_holder(user), notice)[1]


def check_notice(user: User, notice: NewNotice) -> tuple[RightsHolder, list[IpRight]]:
    """The filing holder and the rights named, or NoticeRefused with every bad field."""
    holder = filing_holder(user)
    rights, errors = _problems(holder, notice)
    if errors:
        raise NoticeRefused(
            _(
                "The notice is incomplete or invalid; nothing was stored. See "
                "“fields” for each problem."
            ),
            fields=errors,
        )
    return holder, rights


def _analyse(notice: Notice, rows: Sequence[ReportedListing]) -> nlp.Analysis | None:
    explanations = list(dict.fromkeys((row.explanation or "").strip() for row in rows))
    text = "\n".join([notice.description, *explanations])[:ANALYSED_MAX]
    started = time.perf_counter()
    try:
        analysis = nlp.analyze(text, kind="ipr")
    except Exception:  # the NLP helps; a notice is filed without it
        log.exception("NLP analysis failed; notice %s is filed without it", notice.reference)
        observe_nlp("ipr", "failed", time.perf_counter() - started)
        return None
    # Listings go to the IPR queue whatever the confidence: "routed" for the triage share.
    observe_nlp("ipr", "routed", time.perf_counter() - started)
    return analysis


def notice_warnings(analysis: nlp.Analysis, rights: list[IpRight]) -> list[dict[str, Any]]:
    """Where the text does not match the rights named: a brand that is none of the marks, an
    infringement type for which no right of that type was named."""
    warnings: list[dict[str, Any]] = []
    marks = [right.title.casefold() for right in rights if right.right_type == RightType.TRADEMARK]
    for brand in dict.fromkeys(e.text.strip() for e in analysis.entities if e.label == "BRAND"):
        name = brand_name(brand)  # None: ", Inc.", "Hotel", "Finland": no brand at all
        key = (name or "").casefold()
        if name and not any(key in mark or mark in key for mark in marks):
            warnings.append({"code": "brand_mismatch", "text": brand})
    types = {right.right_type.value for right in rights}
    if analysis.category in {t.value for t in RightType} and analysis.category not in types:
        warnings.append({"code": "type_mismatch", "text": analysis.category})
    return warnings


def _prefill(
    row: ReportedListing, analysis: nlp.Analysis | None
) -> tuple[ReportedListing, list[str]]:
    """A lone listing with its empty seller filled from the text, and the fields filled."""
    if analysis is None or row.seller:
        return row, []
    sellers = [e.text.strip() for e in analysis.entities if e.label == "SELLER" and e.text.strip()]
    if sellers:
        return dataclasses.replace(row, seller=sellers[0][:200]), ["seller"]
    return row, []


class _Lookups:
    """Platforms and sellers found once per notice: its listings often share them."""

    def __init__(self) -> None:
        self.platforms: dict[tuple[str, str], Platform | None] = {}
        self.sellers: dict[tuple[str, int | None, str | None, str | None], Seller | None] = {}

    def platform(self, row: ReportedListing) -> Platform | None:
        key = ((row.platform or "").casefold(), urlsplit(row.url or "").hostname or "")
        if key not in self.platforms:
            self.platforms[key] = _platform_of(row)
        return self.platforms[key]

    def seller(self, row: ReportedListing, platform: Platform | None) -> Seller | None:
        seller_id = row.seller_id or (
            url_ids(platform.url_patterns, row.url)[0] if platform is not None else None
        )
        key = (
            (row.seller or "").strip().casefold(),
            platform.id if platform else None,
            seller_id,
            row.store_url,
        )
        if not (key[0] or key[2] or key[3]):
            return None
        if key not in self.sellers:
            try:
                self.sellers[key] = resolve_seller(row.seller, row.store_url, platform, seller_id)
            except SellerError:
                self.sellers[key] = None
        return self.sellers[key]


def listing_jurisdiction(row: ReportedListing, platform: Platform | None) -> str:
    """The country whose law governs the listing: the holder's choice, else the platform's,
    else China's (where Redress receives the notice)."""
    return normal_country(row.jurisdiction) or (platform.country if platform else None) or "CN"


def _open_listing(
    notice: Notice,
    holder: RightsHolder,
    user: User,
    position: int,
    row: ReportedListing,
    analysis: nlp.Analysis | None,
    lookups: _Lookups,
) -> Listing:
    platform = lookups.platform(row)
    seller = lookups.seller(row, platform)
    url = row.url or ""  # checked: every listing filed has its address and explanation
    # By id, not by relationship: the notice's collection is loaded once all are filed.
    listing = Listing(
        notice_id=notice.id,
        position=position,
        url=url.strip(),
        url_key=listing_url_key(url),
        platform_name=(row.platform or (platform.name if platform else None)),
        platform_id=platform.id if platform else None,
        seller_name=row.seller,
        platform_listing_id=row.listing_id,
        explanation=(row.explanation or "").strip(),
        reference=f"{notice.reference}-{position:03d}",
        language=holder.language,
        jurisdiction=listing_jurisdiction(row, platform),
        priority=Priority.HIGH if holder.good_standing else Priority.NORMAL,
        category=notice.infringement_type,
        seller=seller,
        nlp_analysis=analysis.to_record() if analysis is not None else None,
    )
    # Not handed to open_case: the listing goes to the IPR queue whatever the NLP's confidence.
    open_case(listing, Actor(RIGHTS_HOLDER, user))
    listing.nlp_confidence = analysis.confidence if analysis is not None else None
    if holder.good_standing and listing.sla_days is not None:
        listing.sla_days = min(listing.sla_days, GOOD_STANDING_REVIEW_DAYS)
        set_deadline(listing)
    return listing


def file_notice(
    user: User, new: NewNotice, channel: Channel, evidence: Sequence[CheckedFile] = ()
) -> Notice:
    """File a checked notice: number it, open a case per new listing, keep the evidence, and
    mail the holder a receipt. Refuses (IprError, NoticeRefused) before storing anything."""
    holder, rights = check_notice(user, new)
    rows = new.listings
    flagged = _already_reported(holder, rows)
    skipped = {flag["position"] for flag in flagged}
    if len(skipped) == len(rows):
        raise NoticeRefused(
            _("Every listing of this notice is already under an open notice; nothing was stored."),
            "conflict",
            fields={f"listings.{flag['position']}.url": _("Already reported.") for flag in flagged},
        )
    now = clock.now()
    notice = Notice(
        reference=next_reference(REFERENCE_PREFIX, now.year),
        holder_id=holder.id,
        submitted_by_id=user.id,
        channel=channel,
        description=new.description.strip(),
        good_faith=True,
        accurate=True,
        signature=new.signature.strip(),
        language=holder.language,
        rights=rights,
        flagged=flagged,
        created_at=now,
    )
    session.add(notice)
    analysis = _analyse(notice, rows)
    if analysis is not None:
        notice.nlp_analysis = analysis.to_record()
        notice.infringement_type = analysis.category
        notice.warnings = notice_warnings(analysis, rights)
    fresh = [row for index, row in enumerate(rows) if index not in skipped]
    if len(fresh) == 1:
        fresh[0], filled = _prefill(fresh[0], analysis)
        notice.warnings = [
            *(notice.warnings or []),
            *({"code": "prefilled", "text": name} for name in filled),
        ]
    session.flush()
    lookups = _Lookups()
    for position, row in enumerate(fresh, start=1):
        _open_listing(notice, holder, user, position, row, analysis, lookups)
    session.expire(notice, ["listings"])
    for checked in evidence:
        store_file(checked, FilePurpose.EVIDENCE, user, notice_id=notice.id)
    session.flush()
    record_audit(
        "ipr.notice_filed",
        f"notice:{notice.reference}",
        actor=user,
        listings=len(fresh),
        flagged=len(flagged),
        channel=channel.value,
    )
    queue_mail(
        holder.contact_email, "ipr/notice_received", holder.language, notice=notice, holder=holder
    )
    return notice


def holder_notice(user: User, reference: str) -> Notice | None:
    """The notice with this reference if the user's organisation filed it; else None (the same
    for another holder's notice as for an unknown reference)."""
    holder = holder_of(user)
    if holder is None or len(reference) > 40:
        return None
    return session.scalar(
        select(Notice).where(Notice.reference == reference, Notice.holder_id == holder.id)
    )


def add_evidence(notice: Notice, user: User, files: list[CheckedFile]) -> int:
    """Add evidence files to a notice (at most 10 in all)."""
    full = _("A notice keeps at most %(n)d evidence files.", n=EVIDENCE_MAX_FILES)
    return _keep_evidence(len(notice_files(notice)), files, full, user, notice_id=notice.id)


def add_listing_evidence(listing: Listing, user: User, files: list[CheckedFile]) -> int:
    """Add evidence files about one listing of a notice (at most 10 per listing)."""
    full = _("A listing keeps at most %(n)d evidence files.", n=EVIDENCE_MAX_FILES)
    return _keep_evidence(len(listing_files(listing)), files, full, user, listing_id=listing.id)


def _keep_evidence(kept: int, files: list[CheckedFile], full: str, user: User, **owner: int) -> int:
    if kept + len(files) > EVIDENCE_MAX_FILES:
        raise IprError(full, "invalid", field="files")
    for checked in files:
        store_file(checked, FilePurpose.EVIDENCE, user, **owner)
    session.flush()
    return len(files)


def listing_files(listing: Listing) -> list[IprFile]:
    """The evidence files about this one listing, in the order they came."""
    return list(
        session.scalars(
            select(IprFile).where(IprFile.listing_id == listing.id).order_by(IprFile.id)
        )
    )


def notice_files(notice: Notice) -> list[IprFile]:
    """The notice's evidence files, in the order they came."""
    return list(
        session.scalars(select(IprFile).where(IprFile.notice_id == notice.id).order_by(IprFile.id))
    )
