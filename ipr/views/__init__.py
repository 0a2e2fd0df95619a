"""The rights holder's pages (`ipr`) and the officer's IPR pages (`ipr_officer`)."""

from ipr.views import holder, notices, officer  # noqa: F401 - registers the routes
from ipr.views.blueprints import bp, officer_bp

__all__ = ["bp", "officer_bp"]
