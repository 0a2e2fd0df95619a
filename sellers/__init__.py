"""sellers: platforms, the seller registry, identity resolution, seller access, credit ledger and
tiers, public lookup (DESIGN.md sections 1, 3 and 7)."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from core.api import register_api
from core.demo import register_demo_loader
from core.jobs import register_jobs
from core.models import STAFF_ROLES, Role
from core.views import StartPoint, add_start_point
from sellers import models  # noqa: F401 - the tables are part of the schema
from sellers.api import blp as sellers_api
from sellers.demo import load_demo_sellers
from sellers.jobs import JOBS
from sellers.services.registry import platform_picks
from sellers.views import BLUEPRINTS


def init_app(app: Flask) -> None:
    """Pages, API, the nightly credit job, the case-outcome listener and demo sellers."""
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    register_api(app, sellers_api)
    register_jobs(app, JOBS)
    register_demo_loader(app, load_demo_sellers)
    app.jinja_env.globals["platform_picks"] = platform_picks  # macros get globals, not context
    add_start_point(
        app,
        StartPoint(
            audience=_l("Everyone"),
            title=_l("Look up a seller"),
            description=_l("See a seller's credit tier and what counted against it this year."),
            endpoint="sellers_public.lookup",
        ),
    )
    add_start_point(
        app,
        StartPoint(
            audience=_l("Case officers and supervisors"),
            title=_l("Sellers"),
            description=_l("Seller records, possible duplicates, merges, claims and appeals."),
            endpoint="sellers_officer.index",
            roles=frozenset(STAFF_ROLES),
        ),
    )
    add_start_point(
        app,
        StartPoint(
            audience=_l("Sellers"),
            title=_l("My seller record"),
            description=_l("Your credit record, and appeals against its events."),
            endpoint="sellers_seller.my_record",
            roles=frozenset({Role.SELLER}),
        ),
    )
    add_start_point(
        app,
        StartPoint(
            audience=_l("Administrators"),
            title=_l("Platforms"),
            description=_l("Marketplaces and their contacts for complaints and takedown requests."),
            endpoint="sellers_admin.platforms",
            roles=frozenset({Role.ADMIN}),
        ),
    )
