"""Pages of sellers, one blueprint per audience: the public lookup, the sellers' own pages (by
secret link or account), officers' seller records, admins' platforms."""

from sellers.labels import KIND_LABELS, STATUS_LABELS, TIER_CHANGE_REASONS, TIER_LABELS
from sellers.services.case_links import case_url
from sellers.views import admin, officer, public, seller

BLUEPRINTS = (public.bp, seller.bp, officer.bp, admin.bp)


def _labels() -> dict[str, object]:
    return {
        "KIND_LABELS": KIND_LABELS,
        "TIER_LABELS": TIER_LABELS,
        "STATUS_LABELS": STATUS_LABELS,
        "TIER_CHANGE_REASONS": TIER_CHANGE_REASONS,
        "case_url": case_url,
    }


for _blueprint in BLUEPRINTS:
    _blueprint.context_processor(_labels)

__all__ = ["BLUEPRINTS", "admin", "officer", "public", "seller"]
