"""All business logic of ipr; services flush and raise IprError (a core.errors.Refusal), never
commit. By subject: holders (organisations and their verification), rights (the vault), filing
(notices, with listing_input for the listings as typed), review (takedown, rejection, appeal),
bulk (many decisions at once), tracking (what the holder sees), counter_notices, windows, proofs,
restoration, counter_mail (after a takedown), seller_record (credit events and repeat
infringers), standing, misuse, leads, dashboard, public_log, files and file_access (the one
reading rule of IPR files), refusals."""

from ipr.services.bulk import bulk_decide
from ipr.services.filing import add_evidence, file_notice, holder_notice
from ipr.services.holders import filing_refusal, holder_of, save_holder, verify_holder
from ipr.services.review import Takedown, decide_appeal, file_appeal, reject, take_down
from ipr.services.rights import add_right, usable_rights, verify_right

__all__ = [
    "Takedown",
    "add_evidence",
    "add_right",
    "bulk_decide",
    "decide_appeal",
    "file_appeal",
    "file_notice",
    "filing_refusal",
    "holder_notice",
    "holder_of",
    "reject",
    "save_holder",
    "take_down",
    "usable_rights",
    "verify_holder",
    "verify_right",
]
