"""The consumer complaint workflow as data (DESIGN.md section 4)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.workflow import STAFF, SUPERVISORS, SYSTEM, State, Transition, Workflow

CONSUMER = "consumer"
SELLER = "seller"
FINAL = ("resolved", "mediation_failed", "rejected", "withdrawn", "merged")
OPEN = ("submitted", "awaiting_consumer", "with_seller", "accepted", "awaiting_seller",
        "seller_contact_needed", "mediation")

COMPLAINT_WORKFLOW = Workflow(
    kind="complaint",
    initial="submitted",
    states=(
        State("submitted", sla_days=7),
        State("awaiting_consumer", paused=True),
        State("with_seller", sla_days=10),
        State("accepted"),
        State("awaiting_seller", sla_days=10, waits_on=SELLER),
        State("seller_contact_needed"),
        State("mediation", sla_days=45, counted_from="accepted"),
        State("resolved", decided=True),
        State("mediation_failed", decided=True),
        State("rejected", decided=True),
        State("withdrawn", decided=True),
        State("merged", decided=True),
        State("closed", decided=True),
    ),
    transitions=(
        # via_panel: made on the complaint's panel (complaints.steps), which forwards, mails and
        # asks for the reason code, terms or refusal the move needs.
        Transition("submitted", "accepted", label=_l("Accept the complaint"), via_panel=True),
        Transition("submitted", "rejected", needs_reason=True, label=_l("Reject the complaint"),
                   via_panel=True),
        Transition("submitted", "awaiting_consumer", needs_reason=True,
                   label=_l("Ask the consumer for more information"), via_panel=True),
        Transition("submitted", "with_seller", by=STAFF | {SYSTEM},
                   label=_l("Let the seller settle first"), via_panel=True),
        Transition("awaiting_consumer", "submitted", by=STAFF | {CONSUMER},
                   label=_l("Information received")),
        Transition("with_seller", "resolved", by=STAFF | {CONSUMER}, label=_l("Settled"),
                   via_panel=True),
        Transition("with_seller", "submitted", by=STAFF | {CONSUMER, SELLER, SYSTEM},
                   label=_l("Not settled: back to the officers"), via_panel=True),
        Transition("accepted", "awaiting_seller", by=STAFF | {SYSTEM},
                   label=_l("Forward to the seller"), via_panel=True),
        Transition("accepted", "seller_contact_needed", by=STAFF | {SYSTEM},
                   label=_l("Seller contact needed"), via_panel=True),
        Transition("seller_contact_needed", "awaiting_seller", label=_l("Forward to the seller"),
                   via_panel=True),
        Transition("awaiting_seller", "mediation", by=STAFF | {SELLER, SYSTEM},
                   label=_l("Start mediation")),
        Transition("mediation", "resolved", by=STAFF | {CONSUMER}, label=_l("Agreement reached"),
                   via_panel=True),
        Transition("mediation", "mediation_failed", by=STAFF | {SYSTEM}, needs_reason=True,
                   label=_l("Mediation failed"), via_panel=True),
        *(Transition(state, "withdrawn", by=STAFF | {CONSUMER}, label=_l("Withdraw"))
          for state in OPEN),
        *(Transition(state, "merged", label=_l("Merge into another case")) for state in OPEN),
        *(Transition(state, "closed", by=SUPERVISORS | {SYSTEM}, label=_l("Close the case"))
          for state in FINAL),
    ),
    state_labels={
        "submitted": _l("Submitted"),
        "awaiting_consumer": _l("Waiting for the consumer"),
        "with_seller": _l("With the seller to settle"),
        "accepted": _l("Accepted"),
        "awaiting_seller": _l("Waiting for the seller"),
        "seller_contact_needed": _l("Seller contact needed"),
        "mediation": _l("In mediation"),
        "resolved": _l("Resolved"),
        "mediation_failed": _l("Mediation failed"),
        "rejected": _l("Rejected"),
        "withdrawn": _l("Withdrawn"),
        "merged": _l("Merged"),
        "closed": _l("Closed"),
    },
)
