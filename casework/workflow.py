"""Workflow as data: each case kind declares its states, moves, who may make them, and SLAs.

A kind writes one `Workflow(...)` table; `casework.services.transitions` is the only code that
reads it to move a case. Actors are role names (`officer`, `supervisor`, `admin`, ...) or parties
without an account (`consumer`, `seller`, `rights_holder` acting through their secret links) or
`system` (scheduled jobs).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from core.models import STAFF_ROLES, Role

SYSTEM = "system"
STAFF = frozenset(role.value for role in STAFF_ROLES)
SUPERVISORS = frozenset({Role.SUPERVISOR.value, Role.ADMIN.value})
# The state a duplicate ends in. Only casework.services.merging moves a case there, because a
# merge needs the case that goes on; the generic step and bulk forms never offer it.
MERGED = "merged"


@dataclass(frozen=True)
class State:
    """A state; `sla_days` working days to leave it, counted from entering it or `counted_from`.

    A `paused` state stops the clock of the stage the case came from: returning to that stage
    charges only what was left of it. A `decided` state answers the case: it leaves the queues and
    its clock stops, yet it may still move (an appeal, a counter-notice, closing after feedback).
    A state with no move out is terminal (`Workflow.is_terminal`).
    """

    name: str
    sla_days: int | None = None
    counted_from: str | None = None  # count from the last time the case entered this state
    paused: bool = False
    decided: bool = False
    waits_on: str | None = None  # the party whose answer this state awaits: reminded before due


@dataclass(frozen=True)
class Transition:
    """An allowed move and who may make it; `needs_reason` refuses a move without a reason."""

    source: str
    target: str
    by: frozenset[str] = STAFF
    needs_reason: bool = False
    label: str = ""  # the button text (a lazy translation), default: the target state's name
    # Made on the kind's own panel (CaseKind.officer_panel), which asks for what the move needs
    # beyond a reason; the generic "Next steps" and bulk forms do not offer it.
    via_panel: bool = False


@dataclass(frozen=True)
class Workflow:
    kind: str
    initial: str
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]
    state_labels: dict[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        names = {state.name for state in self.states}
        unknown = {self.initial} - names
        for move in self.transitions:
            unknown |= {move.source, move.target} - names
        for state in self.states:
            if state.counted_from:
                unknown |= {state.counted_from} - names
        if unknown:
            raise ValueError(f"workflow {self.kind} names unknown states: {sorted(unknown)}")

    def state(self, name: str) -> State:
        for state in self.states:
            if state.name == name:
                return state
        raise KeyError(name)

    def moves_from(self, source: str) -> list[Transition]:
        return [move for move in self.transitions if move.source == source]

    def move(self, source: str, target: str) -> Transition | None:
        return next((m for m in self.moves_from(source) if m.target == target), None)

    def open_states(self) -> list[str]:
        """States still being worked: not yet decided."""
        return [state.name for state in self.states if not state.decided]

    def is_terminal(self, name: str) -> bool:
        """Nothing can happen to a case in this state any more."""
        return not self.moves_from(name)

    def label(self, state: str) -> str:
        return str(self.state_labels.get(state, state.replace("_", " ")))


def moves_for(workflow: Workflow, source: str, actors: Iterable[str]) -> list[Transition]:
    """The moves out of `source` that one of `actors` may make."""
    allowed = set(actors)
    return [move for move in workflow.moves_from(source) if move.by & allowed]
