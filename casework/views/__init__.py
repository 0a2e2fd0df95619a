"""Casework's pages, one blueprint per audience: officers (queues, the case page, bulk actions)
and admins (queues, SLAs, calendars)."""

from casework.views import admin, officer

BLUEPRINTS = (officer.bp, admin.bp)

__all__ = ["BLUEPRINTS", "admin", "officer"]
