"""ipr: rights holders, IP rights, notices and listings, takedown (DESIGN.md sections 2, 5, 8)."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from casework.kinds import register_case_kind
from core.api import register_api
from core.api_tokens import TokenScope, register_token_scope
from core.demo import register_demo_loader
from core.models import STAFF_ROLES, Role
from core.views import StartPoint, add_start_point
from ipr import models  # noqa: F401 - the tables are part of the schema
from ipr.after_takedown import init_after_takedown
from ipr.api import NOTICES_SCOPE
from ipr.api import blp as ipr_api
from ipr.cli import ipr_cli
from ipr.demo import load_demo_ipr
from ipr.kind import LISTING_KIND
from ipr.panel import seller_summary
from ipr.views import bp, officer_bp
from sellers.services import register_case_summary


def init_app(app: Flask) -> None:
    """The listing case kind, the holder's and the officer's pages, the JSON API and its token
    scope, the command line, demo data."""
    register_case_kind(app, LISTING_KIND)
    init_after_takedown(app)  # counter-notices, standing, leads, public log, jobs
    app.register_blueprint(bp)
    app.register_blueprint(officer_bp)
    register_api(app, ipr_api)
    register_token_scope(app, TokenScope(
        NOTICES_SCOPE, _l("Report infringing listings and follow your notices"),
        frozenset({Role.RIGHTS_HOLDER})))
    app.cli.add_command(ipr_cli)
    register_case_summary(app, seller_summary)
    register_demo_loader(app, load_demo_ipr)
    add_start_point(app, StartPoint(
        audience=_l("Rights holders"), title=_l("Report infringing listings"),
        description=_l("Register your trademarks, copyrights and patents once, then report "
                       "listings that infringe them: one, hundreds, or by API."),
        endpoint="ipr.home",
        roles=frozenset({Role.RIGHTS_HOLDER}),
    ))
    add_start_point(app, StartPoint(
        audience=_l("Case officers and supervisors"), title=_l("IP rights holders and rights"),
        description=_l("Verify organisations and the rights they rely on before they report."),
        endpoint="ipr_officer.index", roles=frozenset(STAFF_ROLES),
    ))
