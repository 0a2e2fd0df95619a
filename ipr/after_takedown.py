"""What comes after a takedown, plugged into the app: the counter-notice pages of sellers,
officers and holders, the holder's dashboard and leads, standing and misuse, repeat infringers,
the public notice log, their jobs and signal listeners (issue 9, second half)."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from casework.kinds import register_case_panel
from core.jobs import register_jobs
from core.models import STAFF_ROLES, Role
from core.signals import case_outcome, counterfeit_lead
from core.views import StartPoint, add_start_point
from ipr import holder_views, officer_after_views, public_views, seller_views
from ipr.counter_notices import counter_notice_link
from ipr.counter_panel import counter_panel
from ipr.jobs import JOBS
from ipr.leads import record_counterfeit_lead
from ipr.repeat_infringers import check_seller_after_outcome


def init_after_takedown(app: Flask) -> None:
    for blueprint in (seller_views.bp, holder_views.bp, officer_after_views.bp,
                      public_views.bp):
        app.register_blueprint(blueprint)
    register_jobs(app, JOBS)
    register_case_panel(app, counter_panel)
    app.add_template_global(counter_notice_link, "ipr_counter_link")
    counterfeit_lead.connect(record_counterfeit_lead)
    case_outcome.connect(check_seller_after_outcome)
    add_start_point(app, StartPoint(
        audience=_l("Rights holders"), title=_l("Your listings and leads"),
        description=_l("Every reported listing's state, counter-notices to answer, your "
                       "standing, counterfeit leads, and a CSV export."),
        endpoint="ipr_dashboard.dashboard", roles=frozenset({Role.RIGHTS_HOLDER})))
    add_start_point(app, StartPoint(
        audience=_l("Sellers"), title=_l("Listings taken down"),
        description=_l("See your listings that were taken down and file counter-notices."),
        endpoint="ipr_counter.my_listings", roles=frozenset({Role.SELLER})))
    add_start_point(app, StartPoint(
        audience=_l("Case officers and supervisors"), title=_l("Rights holders' standing"),
        description=_l("Good standing, frequently unfounded notices and repeat infringers."),
        endpoint="ipr_after.standing", roles=frozenset(STAFF_ROLES)))
    add_start_point(app, StartPoint(
        audience=_l("Everyone"), title=_l("Public log of IP notices"),
        description=_l("Notices of infringement, the sellers' declarations and the results."),
        endpoint="ipr_log.public_log"))
