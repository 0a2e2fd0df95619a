"""The consumer complaint workflow as data (DESIGN.md section 4): its states and the one table of
moves between them."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from casework.workflow import SUPERVISORS, SYSTEM, State, Transition, Workflow
from core.models import STAFF_ROLES

CONSUMER = "consumer"
SELLER = "seller"


class ComplaintState(StrEnum):
    SUBMITTED = "submitted"
    AWAITING_CONSUMER = "awaiting_consumer"
    WITH_SELLER = "with_seller"  # the ODR lane: the seller settles first
    ACCEPTED = "accepted"
    AWAITING_SELLER = "awaiting_seller"
    SELLER_CONTACT_NEEDED = "seller_contact_needed"
    MEDIATION = "mediation"
    RESOLVED = "resolved"
    MEDIATION_FAILED = "mediation_failed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"
    CLOSED = "closed"


S = ComplaintState
# How a complaint ends; from each it is closed once the consumer's feedback window is over.
ENDINGS = (S.RESOLVED, S.MEDIATION_FAILED, S.REJECTED, S.WITHDRAWN, S.MERGED)
ENDED = frozenset({*ENDINGS, S.CLOSED})
OPEN = (
    S.SUBMITTED,
    S.AWAITING_CONSUMER,
    S.WITH_SELLER,
    S.ACCEPTED,
    S.AWAITING_SELLER,
    S.SELLER_CONTACT_NEEDED,
    S.MEDIATION,
)

COMPLAINT_WORKFLOW = Workflow(
    kind="complaint",
    initial=S.SUBMITTED,
    states=(
        State(S.SUBMITTED, sla_days=7),
        State(S.AWAITING_CONSUMER, paused=True),
        State(S.WITH_SELLER, sla_days=10),
        State(S.ACCEPTED),
        State(S.AWAITING_SELLER, sla_days=10, waits_on=SELLER),
        State(S.SELLER_CONTACT_NEEDED),
        State(S.MEDIATION, sla_days=45, counted_from=S.ACCEPTED),
        *(State(state, decided=True) for state in ENDINGS),
        State(S.CLOSED, decided=True),
    ),
    transitions=(
        # via_panel: made on the complaint's panel (complaints.views.officer), which forwards,
        # mails and asks for the reason code, terms or refusal the move needs.
        Transition(S.SUBMITTED, S.ACCEPTED, label=_l("Accept the complaint"), via_panel=True),
        Transition(
            S.SUBMITTED,
            S.REJECTED,
            needs_reason=True,
            label=_l("Reject the complaint"),
            via_panel=True,
        ),
        Transition(
            S.SUBMITTED,
            S.AWAITING_CONSUMER,
            needs_reason=True,
            label=_l("Ask the consumer for more information"),
            via_panel=True,
        ),
        Transition(
            S.SUBMITTED,
            S.WITH_SELLER,
            by=STAFF_ROLES | {SYSTEM},
            label=_l("Let the seller settle first"),
            via_panel=True,
        ),
        Transition(
            S.AWAITING_CONSUMER,
            S.SUBMITTED,
            by=STAFF_ROLES | {CONSUMER},
            label=_l("Information received"),
        ),
        Transition(
            S.WITH_SELLER,
            S.RESOLVED,
            by=STAFF_ROLES | {CONSUMER},
            label=_l("Settled"),
            via_panel=True,
        ),
        Transition(
            S.WITH_SELLER,
            S.SUBMITTED,
            by=STAFF_ROLES | {CONSUMER, SELLER, SYSTEM},
            label=_l("Not settled: back to the officers"),
            via_panel=True,
        ),
        Transition(
            S.ACCEPTED,
            S.AWAITING_SELLER,
            by=STAFF_ROLES | {SYSTEM},
            label=_l("Forward to the seller"),
            via_panel=True,
        ),
        Transition(
            S.ACCEPTED,
            S.SELLER_CONTACT_NEEDED,
            by=STAFF_ROLES | {SYSTEM},
            label=_l("Seller contact needed"),
            via_panel=True,
        ),
        Transition(
            S.SELLER_CONTACT_NEEDED,
            S.AWAITING_SELLER,
            label=_l("Forward to the seller"),
            via_panel=True,
        ),
        Transition(
            S.AWAITING_SELLER,
            S.MEDIATION,
            by=STAFF_ROLES | {SELLER, SYSTEM},
            label=_l("Start mediation"),
        ),
        Transition(
            S.MEDIATION,
            S.RESOLVED,
            by=STAFF_ROLES | {CONSUMER},
            label=_l("Agreement reached"),
            via_panel=True,
        ),
        Transition(
            S.MEDIATION,
            S.MEDIATION_FAILED,
            by=STAFF_ROLES | {SYSTEM},
            needs_reason=True,
            label=_l("Mediation failed"),
            via_panel=True,
        ),
        *(
            Transition(state, S.WITHDRAWN, by=STAFF_ROLES | {CONSUMER}, label=_l("Withdraw"))
            for state in OPEN
        ),
        *(Transition(state, S.MERGED, label=_l("Merge into another case")) for state in OPEN),
        *(
            Transition(state, S.CLOSED, by=SUPERVISORS | {SYSTEM}, label=_l("Close the case"))
            for state in ENDINGS
        ),
    ),
    state_labels={
        S.SUBMITTED: _l("Submitted"),
        S.AWAITING_CONSUMER: _l("Waiting for the consumer"),
        S.WITH_SELLER: _l("With the seller to settle"),
        S.ACCEPTED: _l("Accepted"),
        S.AWAITING_SELLER: _l("Waiting for the seller"),
        S.SELLER_CONTACT_NEEDED: _l("Seller contact needed"),
        S.MEDIATION: _l("In mediation"),
        S.RESOLVED: _l("Resolved"),
        S.MEDIATION_FAILED: _l("Mediation failed"),
        S.REJECTED: _l("Rejected"),
        S.WITHDRAWN: _l("Withdrawn"),
        S.MERGED: _l("Merged"),
        S.CLOSED: _l("Closed"),
    },
)
