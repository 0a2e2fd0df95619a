"""Admin pages: users, jobs, mail and the audit trail. All of them need the admin role."""

from core.admin import audit, operations, users
from core.admin.blueprint import bp

__all__ = ["audit", "bp", "operations", "users"]
