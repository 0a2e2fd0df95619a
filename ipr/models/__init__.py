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
    ProofKind,
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
    MAX_LISTINGS,
    Channel,
    Listing,
    ListingAppeal,
    Notice,
    StatementOfReasons,
    notice_rights,
)

__all__ = [
    "APPEAL_MONTHS",
    "MAX_LISTINGS",
    "ActionProof",
    "Capacity",
    "Channel",
    "CounterNotice",
    "CounterNoticeRule",
    "CounterfeitLead",
    "FilePurpose",
    "IpRight",
    "IprFile",
    "Listing",
    "ListingAppeal",
    "MisuseKind",
    "MisuseMeasure",
    "Notice",
    "PatentType",
    "ProofKind",
    "RepeatInfringerFlag",
    "RightType",
    "RightsHolder",
    "RightsHolderMember",
    "StandingChange",
    "StatementOfReasons",
    "TrademarkOffice",
    "Verification",
    "notice_rights",
]
