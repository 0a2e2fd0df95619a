"""What the IPR enums are called on pages and in mails, in the reader's language."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ipr.models import (
    Capacity,
    CounterNotice,
    CounterNoticeRule,
    PatentType,
    RightType,
    Verification,
)
from ipr.workflow import LISTING_WORKFLOW, CounterNoticeStatus

VERIFICATION_LABELS = {
    Verification.PENDING: _l("waiting for verification"),
    Verification.VERIFIED: _l("verified"),
    Verification.REFUSED: _l("refused"),
}
# The holder's own organisation and rights, as its home page says where they stand.
HOLDER_STATE_LABELS = {
    Verification.PENDING: _l("Waiting for an officer to verify your organisation."),
    Verification.VERIFIED: _l("Verified: you may report listings."),
    Verification.REFUSED: _l("Refused by an officer:"),
}
RIGHT_STATE_LABELS = {
    Verification.PENDING: _l("Waiting for an officer"),
    Verification.VERIFIED: _l("Verified"),
    Verification.REFUSED: _l("Refused:"),
}
CAPACITY_LABELS = {
    Capacity.OWNER: _l("owner of the rights"),
    Capacity.AGENT: _l("agent of the rights holder"),
}
RIGHT_TYPE_LABELS = {
    RightType.TRADEMARK: _l("Trademark"),
    RightType.COPYRIGHT: _l("Copyright"),
    RightType.PATENT: _l("Patent"),
}
PATENT_TYPE_LABELS = {
    PatentType.INVENTION: _l("Invention"),
    PatentType.UTILITY: _l("Utility model"),
    PatentType.DESIGN: _l("Design"),
}
COUNTER_NOTICE_LABELS = {
    CounterNoticeStatus.RECEIVED: _l("received; an officer checks it"),
    CounterNoticeStatus.REFUSED: _l("refused"),
    CounterNoticeStatus.UPHELD: _l("the rights holder showed an action: takedown upheld"),
    CounterNoticeStatus.RESTORED: _l("no action shown in time: listing restored"),
}

# What each rule means for the seller's counter-notice, as the case pages say it.
COUNTER_NOTICE_RULE_LABELS = {
    CounterNoticeRule.PRC: _l(
        "PRC E-Commerce Law art. 43: the rights holder has 15 days after a counter-notice"
    ),
    CounterNoticeRule.US_DMCA: _l(
        "US DMCA s.512(g): the listing returns 10 to 14 business days after a counter-notice"
    ),
}


def counter_notice_label(counter: CounterNotice) -> str:
    """Where a counter-notice stands, with the end of the holder's window while it runs."""
    if counter.status == CounterNoticeStatus.FORWARDED and counter.window_ends_at is not None:
        return _(
            "forwarded to the rights holder; window until %(end)s",
            end=counter.window_ends_at.strftime("%Y-%m-%d %H:%M UTC"),
        )
    return str(COUNTER_NOTICE_LABELS.get(counter.status, counter.status))


def ipr_labels() -> dict[str, object]:
    """Template context: the label tables, as `labels.verification[...]` etc."""
    return {
        "labels": {
            "verification": VERIFICATION_LABELS,
            "holder_state": HOLDER_STATE_LABELS,
            "right_state": RIGHT_STATE_LABELS,
            "capacity": CAPACITY_LABELS,
            "right_type": RIGHT_TYPE_LABELS,
            "patent_type": PATENT_TYPE_LABELS,
            "counter_notice_rule": COUNTER_NOTICE_RULE_LABELS,
        }
    }


def page_labels() -> dict[str, object]:
    """Template context of ipr's pages: the label tables, `state_label(name)` and
    `counter_status(counter)`."""
    return {
        **ipr_labels(),
        "state_label": LISTING_WORKFLOW.label,
        "counter_status": counter_notice_label,
    }
