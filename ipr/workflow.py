"""The listing workflow as data (DESIGN.md section 5, issue 9).

    under_review --> taken_down --> counter_noticed --> awaiting_proof --> upheld
         |    \\          ^  ^            |                  |   \\
         |     \\         |   \\-----------/ (refused)        |    --> restored
         v      \\        | (appeal granted)                 v
      rejected --> appealed --> appeal_dismissed          (extension: stays)
      withdrawn / merged (from under_review)

A decision closes the case (taken_down, rejected are final for the queues: nothing is owed until
someone acts), and the next step reopens it: the seller's counter-notice or the holder's appeal.
`under_review` has 2 working days; ipr.services sets 1 for holders in good standing (the State
can say only one figure). The window of `awaiting_proof` is calendar days (PRC) or business days
(DMCA), computed by ipr itself and enforced by the restore_listings job, so the state carries no
working-day SLA.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.workflow import STAFF, SYSTEM, State, Transition, Workflow
from ipr.models import REVIEW_DAYS

RIGHTS_HOLDER = "rights_holder"
# Moves with effects beyond the case (statement of reasons, mails, credit events, windows) are
# `via_panel`: made only through ipr's own forms (the officer panel, bulk decisions), never by
# casework's generic "move" or bulk forms. Officers act as themselves (Actor.of(officer)).
# PANEL is kept for code written against the first draft: an officer acting through the panel.
PANEL = "ipr_officer"
BY_PANEL = STAFF | {PANEL}
SELLER = "seller"
KIND = "ipr_listing"
UNDER_REVIEW = "under_review"
APPEAL_REVIEW_DAYS = 5  # DSA art. 20: "timely"; a second officer looks again
COUNTER_NOTICE_CHECK_DAYS = 2
DECIDED = ("taken_down", "rejected")
OPEN = ("under_review", "appealed", "counter_noticed", "awaiting_proof")

LISTING_WORKFLOW = Workflow(
    kind=KIND,
    initial=UNDER_REVIEW,
    states=(
        State(UNDER_REVIEW, sla_days=REVIEW_DAYS),
        State("taken_down", decided=True),
        State("rejected", decided=True),
        State("appealed", sla_days=APPEAL_REVIEW_DAYS),
        State("appeal_dismissed", decided=True),
        State("counter_noticed", sla_days=COUNTER_NOTICE_CHECK_DAYS),
        State("awaiting_proof", waits_on=RIGHTS_HOLDER),
        State("upheld", decided=True),
        State("restored", decided=True),
        State("withdrawn", decided=True),
        State("merged", decided=True),
    ),
    transitions=(
        Transition(UNDER_REVIEW, "taken_down", by=BY_PANEL, label=_l("Take the listing down"),
                   via_panel=True),
        Transition(UNDER_REVIEW, "rejected", by=BY_PANEL, needs_reason=True,
                   label=_l("Reject the notice"), via_panel=True),
        Transition(UNDER_REVIEW, "withdrawn", by=STAFF | {RIGHTS_HOLDER},
                   label=_l("Withdraw the listing")),
        Transition(UNDER_REVIEW, "merged", label=_l("Merge into another case")),
        Transition("rejected", "appealed", by=frozenset({RIGHTS_HOLDER}), needs_reason=True,
                   label=_l("Appeal the rejection"), via_panel=True),
        Transition("appealed", "taken_down", by=BY_PANEL,
                   label=_l("Grant the appeal: take the listing down"), via_panel=True),
        Transition("appealed", "appeal_dismissed", by=BY_PANEL, needs_reason=True,
                   label=_l("Dismiss the appeal"), via_panel=True),
        Transition("taken_down", "counter_noticed", by=BY_PANEL | {SELLER},
                   label=_l("Counter-notice received"), via_panel=True),
        Transition("counter_noticed", "awaiting_proof", by=BY_PANEL,
                   label=_l("Forward to the rights holder"), via_panel=True),
        Transition("counter_noticed", "taken_down", by=BY_PANEL, needs_reason=True,
                   label=_l("Refuse the counter-notice"), via_panel=True),
        Transition("awaiting_proof", "upheld", by=BY_PANEL,
                   label=_l("Proof accepted: keep the listing down"), via_panel=True),
        Transition("awaiting_proof", "restored", by=BY_PANEL | {SYSTEM},
                   label=_l("Restore the listing"), via_panel=True),
    ),
    state_labels={
        UNDER_REVIEW: _l("Under review"),
        "taken_down": _l("Taken down"),
        "rejected": _l("Rejected"),
        "appealed": _l("Appeal under review"),
        "appeal_dismissed": _l("Appeal dismissed"),
        "counter_noticed": _l("Counter-notice received"),
        "awaiting_proof": _l("Waiting for the rights holder's proof"),
        "upheld": _l("Takedown upheld"),
        "restored": _l("Restored"),
        "withdrawn": _l("Withdrawn"),
        "merged": _l("Merged"),
    },
)
