"""ipr's pages, one blueprint per audience: the rights holder's (`ipr_holder`), the officer's
(`ipr_officer`), the seller's (`ipr_seller`) and the public's (`ipr_public`)."""

from ipr.views import holder, officer, public, seller

BLUEPRINTS = (holder.bp, officer.bp, seller.bp, public.bp)

__all__ = ["BLUEPRINTS"]
