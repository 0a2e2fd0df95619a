"""ipr: rights holders, IP rights, notices and listings, takedown, counter-notice, restoration
(DESIGN.md sections 2, 5, 8)."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from casework.kinds import register_case_kind
from core.api import register_api
from core.api_tokens import TokenScope, register_token_scope
from core.demo import register_demo_loader
from core.files import register_file_source
from core.jobs import register_jobs
from core.models import STAFF_ROLES, Role
from core.signals import counterfeit_lead
from core.views import StartPoint, add_start_point
from ipr import models  # noqa: F401 - the tables are part of the schema
from ipr.api import NOTICES_SCOPE
from ipr.api import blp as ipr_api
from ipr.cli import ipr_cli
from ipr.demo import load_demo_ipr
from ipr.jobs import JOBS
from ipr.kind import LISTING_KIND, seller_summary
from ipr.services.counter_notices import counter_notice_link
from ipr.services.file_access import FILE_SOURCE
from ipr.services.leads import record_counterfeit_lead
from ipr.views import BLUEPRINTS
from sellers.services import register_case_summary

HOLDERS = frozenset({Role.RIGHTS_HOLDER})


def init_app(app: Flask) -> None:
    """The listing case kind and its panels, its files, the pages of holders, officers, sellers
    and the public, the JSON API and its token scope, the jobs, the counterfeit-lead listener,
    the command line, demo data."""
    register_case_kind(app, LISTING_KIND)
    register_case_summary(app, seller_summary)
    register_file_source(app, FILE_SOURCE)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    register_api(app, ipr_api)
    register_token_scope(
        app,
        TokenScope(
            NOTICES_SCOPE, _l("Report infringing listings and follow your notices"), HOLDERS
        ),
    )
    register_jobs(app, JOBS)
    app.add_template_global(counter_notice_link, "ipr_counter_link")
    counterfeit_lead.connect(record_counterfeit_lead)
    app.cli.add_command(ipr_cli)
    register_demo_loader(app, load_demo_ipr)
    _add_start_points(app)


def _add_start_points(app: Flask) -> None:
    add_start_point(
        app,
        StartPoint(
            audience=_l("Rights holders"),
            title=_l("Report infringing listings"),
            description=_l(
                "Register your trademarks, copyrights and patents once, then report "
                "listings that infringe them: one, hundreds, or by API."
            ),
            endpoint="ipr_holder.home",
            roles=HOLDERS,
        ),
    )
    add_start_point(
        app,
        StartPoint(
            audience=_l("Rights holders"),
            title=_l("Your listings and leads"),
            description=_l(
                "Every reported listing's state, counter-notices to answer, your "
                "standing, counterfeit leads, and a CSV export."
            ),
            endpoint="ipr_holder.dashboard",
            roles=HOLDERS,
        ),
    )
    add_start_point(
        app,
        StartPoint(
            audience=_l("Sellers"),
            title=_l("Listings taken down"),
            description=_l("See your listings that were taken down and file counter-notices."),
            endpoint="ipr_seller.listings",
            roles=frozenset({Role.SELLER}),
        ),
    )
    add_start_point(
        app,
        StartPoint(
            audience=_l("Case officers and supervisors"),
            title=_l("IP rights holders and rights"),
            description=_l("Verify organisations and the rights they rely on before they report."),
            endpoint="ipr_officer.index",
            roles=STAFF_ROLES,
        ),
    )
    add_start_point(
        app,
        StartPoint(
            audience=_l("Case officers and supervisors"),
            title=_l("Rights holders' standing"),
            description=_l("Good standing, frequently unfounded notices and repeat infringers."),
            endpoint="ipr_officer.standing",
            roles=STAFF_ROLES,
        ),
    )
    add_start_point(
        app,
        StartPoint(
            audience=_l("Everyone"),
            title=_l("Public log of IP notices"),
            description=_l("Notices of infringement, the sellers' declarations and the results."),
            endpoint="ipr_public.public_log",
        ),
    )
