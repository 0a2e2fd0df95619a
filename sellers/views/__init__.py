"""Pages of sellers: public lookup, officer pages, platform admin, the sellers' own pages."""

from sellers.views import access, admin, officer, public
from sellers.views.blueprint import bp, register_case_link

__all__ = ["access", "admin", "bp", "officer", "public", "register_case_link"]
