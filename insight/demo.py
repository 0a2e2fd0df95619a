"""Demo data: the dashboard's figures counted from the demo cases."""

from __future__ import annotations

from core import clock
from insight.services.backfill import backfill_facts
from insight.services.rollups import rebuild


def load_demo_figures() -> list[str]:
    """Count the demo cases into the dashboard (idempotent: a recount gives the same)."""
    added = backfill_facts()
    rebuild(clock.now())
    return [f"insight: dashboard figures counted ({added} cases added to the facts)"]
