"""Officer pages (queues, the case page, bulk actions) and admin pages (queues, SLAs, calendars)."""

from casework.views import admin, case_page, lists
from casework.views.blueprint import admin_bp, bp

__all__ = ["admin", "admin_bp", "bp", "case_page", "lists"]
