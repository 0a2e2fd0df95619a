"""Insight's pages, one blueprint per audience: supervisors (dashboard, workload, alerts),
officers (approving narratives for the open data) and the public (transparency report, open
data)."""

from insight.views import officer, public, supervisor
from insight.views.officer import narrative_panel

BLUEPRINTS = (supervisor.bp, officer.bp, public.bp)

__all__ = ["BLUEPRINTS", "narrative_panel", "officer", "public", "supervisor"]
