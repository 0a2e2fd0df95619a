"""The IPR data model (issue 9, DESIGN.md section 5), by subject: holders and their rights
(`holders`), notices and their listings (`notices`), counter-notices and the holders' proofs
(`counter_notices`), files (`files`), records of conduct (`conduct`), counterfeit leads (`leads`).
Every table is importable from here, as `from ipr.models import Listing`.
"""

from ipr.models.conduct import MisuseKind, MisuseMeasure, RepeatInfringerFlag, StandingChange
from ipr.models.counter_notices import (
    ActionProof,
    CounterNotice,
    CounterNoticeRule,
    CounterNoticeStatus,
    ProofKind,
    ProofStatus,
)
from ipr.models.files import FilePurpose, IprFile
from ipr.models.holders import (
    Capacity,
    IpRight,
    PatentType,
    RightsHolder,
    RightsHolderMember,
    RightType,
    TrademarkOffice,
    Verification,
)
from ipr.models.leads import CounterfeitLead
from ipr.models.notices import (
    APPEAL_MONTHS,
    GOOD_STANDING_REVIEW_DAYS,
    MAX_LISTINGS,
    REVIEW_DAYS,
    AppealStatus,
    Channel,
    Listing,
    ListingAppeal,
    Notice,
    StatementOfReasons,
    notice_rights,
)

__all__ = [
    "APPEAL_MONTHS", "GOOD_STANDING_REVIEW_DAYS", "MAX_LISTINGS", "REVIEW_DAYS", "ActionProof",
    "AppealStatus", "Capacity", "Channel", "CounterNotice", "CounterNoticeRule",
    "CounterNoticeStatus", "CounterfeitLead", "FilePurpose", "IpRight", "IprFile", "Listing",
    "ListingAppeal", "MisuseKind", "MisuseMeasure", "Notice", "PatentType", "ProofKind",
    "ProofStatus", "RepeatInfringerFlag", "RightType", "RightsHolder", "RightsHolderMember",
    "StandingChange", "StatementOfReasons", "TrademarkOffice", "Verification", "notice_rights",
]
