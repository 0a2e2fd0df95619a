"""The listing workflow as data (DESIGN.md section 5, issue 9), and the small workflows of the
records beside a listing: its counter-notice, the holder's proofs, the holder's appeal.

    under_review --> taken_down --> counter_noticed --> awaiting_proof --> upheld
         |    \\          ^  ^            |                  |   \\
         |     \\         |   \\-----------/ (refused)        |    --> restored
         v      \\        | (appeal granted)                 v
      rejected --> appealed --> appeal_dismissed          (extension: stays)
      withdrawn / merged (from under_review)

A decision answers the case (taken_down and rejected are `decided`: off the queues, nothing is
owed until someone acts), and the next step reopens it: the seller's counter-notice or the
holder's appeal. `under_review` has 2 working days; ipr.services.filing sets 1 for holders in
good standing (the State can say only one figure). The window of `awaiting_proof` is calendar
days (PRC) or business days (DMCA), computed by ipr itself and enforced by the restore_listings
job, so the state carries no working-day SLA.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from flask_babel import lazy_gettext as _l

from casework.workflow import STAFF, SYSTEM, State, Transition, Workflow

KIND = "ipr_listing"
RIGHTS_HOLDER = "rights_holder"
SELLER = "seller"
# Moves with effects beyond the case (statement of reasons, mails, credit events, windows) are
# `via_panel`: made only through ipr's own forms (the officer panel, bulk decisions), never by
# casework's generic "move" or bulk forms. Officers act as themselves (Actor.of(officer)); the
# counter-notice steps act as PANEL, an officer acting through the panel.
PANEL = "ipr_officer"
BY_PANEL = STAFF | {PANEL}
REVIEW_DAYS = 2  # working days to decide a listing
GOOD_STANDING_REVIEW_DAYS = 1  # ... for holders in good standing
APPEAL_REVIEW_DAYS = 5  # DSA art. 20: "timely"; a second officer looks again
COUNTER_NOTICE_CHECK_DAYS = 2


class ListingState(enum.StrEnum):
    """Where a reported listing stands."""

    UNDER_REVIEW = "under_review"
    TAKEN_DOWN = "taken_down"
    REJECTED = "rejected"
    APPEALED = "appealed"
    APPEAL_DISMISSED = "appeal_dismissed"
    COUNTER_NOTICED = "counter_noticed"
    AWAITING_PROOF = "awaiting_proof"
    UPHELD = "upheld"
    RESTORED = "restored"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"


S = ListingState
# Still being worked by an officer or a party.
OPEN = frozenset({S.UNDER_REVIEW, S.APPEALED, S.COUNTER_NOTICED, S.AWAITING_PROOF})
# Under an open notice: reporting the same listing again is flagged, not opened again.
UNDER_OPEN_NOTICE = OPEN | {S.TAKEN_DOWN, S.UPHELD}
# Every state a listing reaches through a takedown; RESTORED is a reversed takedown.
THROUGH_TAKEDOWN = frozenset(
    {S.TAKEN_DOWN, S.COUNTER_NOTICED, S.AWAITING_PROOF, S.UPHELD, S.RESTORED}
)
# A takedown not reversed: the listing is down, or its counter-notice did not bring it back.
UNREVERSED_TAKEDOWN = THROUGH_TAKEDOWN - {S.RESTORED}
# Reports found manifestly unfounded (DSA art. 23): rejected, and not reversed on appeal.
UNFOUNDED = frozenset({S.REJECTED, S.APPEAL_DISMISSED})

LISTING_WORKFLOW = Workflow(
    kind=KIND,
    initial=S.UNDER_REVIEW,
    states=(
        State(S.UNDER_REVIEW, sla_days=REVIEW_DAYS),
        State(S.TAKEN_DOWN, decided=True),
        State(S.REJECTED, decided=True),
        State(S.APPEALED, sla_days=APPEAL_REVIEW_DAYS),
        State(S.APPEAL_DISMISSED, decided=True),
        State(S.COUNTER_NOTICED, sla_days=COUNTER_NOTICE_CHECK_DAYS),
        State(S.AWAITING_PROOF, waits_on=RIGHTS_HOLDER),
        State(S.UPHELD, decided=True),
        State(S.RESTORED, decided=True),
        State(S.WITHDRAWN, decided=True),
        State(S.MERGED, decided=True),
    ),
    transitions=(
        Transition(
            S.UNDER_REVIEW,
            S.TAKEN_DOWN,
            by=BY_PANEL,
            label=_l("Take the listing down"),
            via_panel=True,
        ),
        Transition(
            S.UNDER_REVIEW,
            S.REJECTED,
            by=BY_PANEL,
            needs_reason=True,
            label=_l("Reject the notice"),
            via_panel=True,
        ),
        Transition(
            S.UNDER_REVIEW,
            S.WITHDRAWN,
            by=STAFF | {RIGHTS_HOLDER},
            label=_l("Withdraw the listing"),
        ),
        Transition(S.UNDER_REVIEW, S.MERGED, label=_l("Merge into another case")),
        Transition(
            S.REJECTED,
            S.APPEALED,
            by=frozenset({RIGHTS_HOLDER}),
            needs_reason=True,
            label=_l("Appeal the rejection"),
            via_panel=True,
        ),
        Transition(
            S.APPEALED,
            S.TAKEN_DOWN,
            by=BY_PANEL,
            label=_l("Grant the appeal: take the listing down"),
            via_panel=True,
        ),
        Transition(
            S.APPEALED,
            S.APPEAL_DISMISSED,
            by=BY_PANEL,
            needs_reason=True,
            label=_l("Dismiss the appeal"),
            via_panel=True,
        ),
        Transition(
            S.TAKEN_DOWN,
            S.COUNTER_NOTICED,
            by=BY_PANEL | {SELLER},
            label=_l("Counter-notice received"),
            via_panel=True,
        ),
        Transition(
            S.COUNTER_NOTICED,
            S.AWAITING_PROOF,
            by=BY_PANEL,
            label=_l("Forward to the rights holder"),
            via_panel=True,
        ),
        Transition(
            S.COUNTER_NOTICED,
            S.TAKEN_DOWN,
            by=BY_PANEL,
            needs_reason=True,
            label=_l("Refuse the counter-notice"),
            via_panel=True,
        ),
        Transition(
            S.AWAITING_PROOF,
            S.UPHELD,
            by=BY_PANEL,
            label=_l("Proof accepted: keep the listing down"),
            via_panel=True,
        ),
        Transition(
            S.AWAITING_PROOF,
            S.RESTORED,
            by=BY_PANEL | {SYSTEM},
            label=_l("Restore the listing"),
            via_panel=True,
        ),
    ),
    state_labels={
        S.UNDER_REVIEW: _l("Under review"),
        S.TAKEN_DOWN: _l("Taken down"),
        S.REJECTED: _l("Rejected"),
        S.APPEALED: _l("Appeal under review"),
        S.APPEAL_DISMISSED: _l("Appeal dismissed"),
        S.COUNTER_NOTICED: _l("Counter-notice received"),
        S.AWAITING_PROOF: _l("Waiting for the rights holder's proof"),
        S.UPHELD: _l("Takedown upheld"),
        S.RESTORED: _l("Restored"),
        S.WITHDRAWN: _l("Withdrawn"),
        S.MERGED: _l("Merged"),
    },
)


# The records beside a listing move through small workflows of their own: a state, and the states
# it may go to next (none: it is over). Their services check a step against these tables.


class CounterNoticeStatus(enum.StrEnum):
    RECEIVED = "received"  # filed by the seller; an officer checks it
    FORWARDED = "forwarded"  # sent to the holder: the window runs from forwarded_at
    REFUSED = "refused"  # incomplete or not a counter-notice (reasons given to the seller)
    UPHELD = "upheld"  # the holder proved a complaint or lawsuit in time: takedown stays
    RESTORED = "restored"  # no proof in time: the listing is restored


class ProofStatus(enum.StrEnum):
    PENDING = "pending"  # an officer checks it
    ACCEPTED = "accepted"  # the listing is upheld
    REFUSED = "refused"  # not proof of a filed action; the window keeps running


class AppealStatus(enum.StrEnum):
    PENDING = "pending"
    GRANTED = "granted"  # the rejection is reversed: the listing is taken down
    DISMISSED = "dismissed"  # the rejection stands


Status = TypeVar("Status", bound=enum.StrEnum)


@dataclass(frozen=True)
class Steps(Generic[Status]):
    """A record's small workflow: from each state, the states it may move to."""

    moves: Mapping[Status, frozenset[Status]]

    def allows(self, current: Status, target: Status) -> bool:
        return target in self.moves.get(current, frozenset())

    def is_terminal(self, state: Status) -> bool:
        return not self.moves.get(state)


C = CounterNoticeStatus
COUNTER_NOTICE_STEPS = Steps[CounterNoticeStatus](
    {
        C.RECEIVED: frozenset({C.FORWARDED, C.REFUSED}),
        C.FORWARDED: frozenset({C.UPHELD, C.RESTORED}),
    }
)
PROOF_STEPS = Steps[ProofStatus](
    {
        ProofStatus.PENDING: frozenset({ProofStatus.ACCEPTED, ProofStatus.REFUSED}),
    }
)
APPEAL_STEPS = Steps[AppealStatus](
    {
        AppealStatus.PENDING: frozenset({AppealStatus.GRANTED, AppealStatus.DISMISSED}),
    }
)
# The listing's state in which each counter-notice step is taken.
COUNTER_NOTICE_LISTING_STATE = {C.RECEIVED: S.COUNTER_NOTICED, C.FORWARDED: S.AWAITING_PROOF}
