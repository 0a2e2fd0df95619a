"""All business logic of sellers (flushes, never commits), split by topic:

registry (platforms, sellers, identity resolution), identity (pure name and URL keys), ledger
(credit events and tiers), merges, access (seller links, claims and appeals), records (ledger
rows for pages), case_links (links from case references to case pages).
"""

from sellers.services.access import (
    claim_seller,
    decide_appeal,
    decide_claim,
    file_appeal,
    find_seller_access,
    issue_seller_access,
    register_case_summary,
    seller_access_url,
)
from sellers.services.ledger import (
    recompute_expired_credit,
    record_case_outcome,
    record_credit_event,
    refresh_credit,
)
from sellers.services.merges import merge_sellers, undo_merge
from sellers.services.registry import (
    SellerError,
    add_alias,
    find_platform,
    resolve_seller,
    save_platform,
    save_seller,
)

__all__ = [
    "SellerError",
    "add_alias",
    "claim_seller",
    "decide_appeal",
    "decide_claim",
    "file_appeal",
    "find_platform",
    "find_seller_access",
    "issue_seller_access",
    "merge_sellers",
    "recompute_expired_credit",
    "record_case_outcome",
    "record_credit_event",
    "refresh_credit",
    "register_case_summary",
    "resolve_seller",
    "save_platform",
    "save_seller",
    "seller_access_url",
    "undo_merge",
]
