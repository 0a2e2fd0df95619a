"""The complaints JSON API (DESIGN.md section 8), one blueprint: filing and following a
complaint, the consumer's steps, the seller's settlement proposal. Each route module adds its
routes to `blp` when imported."""

from complaints.api import consumer, filing, settlement  # noqa: F401 - they add their routes
from complaints.api.blueprint import blp
from complaints.api.schemas import document_platform_or_seller

__all__ = ["blp", "document_platform_or_seller"]
