"""What the IPR enums are called on pages and in mails, in the reader's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ipr.models import Capacity, PatentType, RightType, Verification
from ipr.workflow import LISTING_WORKFLOW

VERIFICATION_LABELS = {Verification.PENDING: _l("waiting for verification"),
                       Verification.VERIFIED: _l("verified"),
                       Verification.REFUSED: _l("refused")}
CAPACITY_LABELS = {Capacity.OWNER: _l("owner of the rights"),
                   Capacity.AGENT: _l("agent of the rights holder")}
RIGHT_TYPE_LABELS = {RightType.TRADEMARK: _l("Trademark"), RightType.COPYRIGHT: _l("Copyright"),
                     RightType.PATENT: _l("Patent")}
PATENT_TYPE_LABELS = {PatentType.INVENTION: _l("Invention"),
                      PatentType.UTILITY: _l("Utility model"), PatentType.DESIGN: _l("Design")}


def ipr_labels() -> dict[str, object]:
    """Template context: the label tables, as `labels.verification[...]` etc."""
    return {"labels": {"verification": VERIFICATION_LABELS, "capacity": CAPACITY_LABELS,
                       "right_type": RIGHT_TYPE_LABELS, "patent_type": PATENT_TYPE_LABELS}}


def page_labels() -> dict[str, object]:
    """Template context of ipr's pages: the label tables and `state_label(name)`."""
    return {**ipr_labels(), "state_label": LISTING_WORKFLOW.label}
