"""The complaint's pages, one blueprint per audience: the consumer (filing, tracking, no account
needed), the seller (by its secret link), the officer (the steps of the case page's panel)."""

from complaints.views.consumer import bp as consumer_bp
from complaints.views.officer import bp as officer_bp
from complaints.views.seller import bp as seller_bp

BLUEPRINTS = (consumer_bp, seller_bp, officer_bp)
