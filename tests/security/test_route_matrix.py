"""Every route against every role: who must be refused is declared per blueprint, so a new
blueprint without an access rule fails here, and a route that lets in a role it must refuse fails.

The database holds the demo data, so an id in a URL (1) names a real case, listing, seller or
user, and a refusal is the access rule at work, not a missing row.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.routing import Rule
from werkzeug.routing.converters import NumberConverter

from complaints.models import Complaint
from core.db import session
from core.demo import load_demo_data
from core.models import Role
from tests.conftest import csrf_token, sign_in

ANONYMOUS = "anonymous"
OUTSIDERS = {ANONYMOUS, Role.CONSUMER.value, Role.SELLER.value}
NOT_STAFF = OUTSIDERS | {Role.RIGHTS_HOLDER.value}
NOT_SUPERVISORS = NOT_STAFF | {Role.OFFICER.value}
NOT_ADMINS = NOT_SUPERVISORS | {Role.SUPERVISOR.value}
EVERYONE = NOT_ADMINS | {Role.ADMIN.value}

# Blueprint -> the roles it must refuse. Public blueprints refuse nobody; pages reached by a
# secret link (the consumer's tracking, the seller's access) refuse everybody with a made-up one.
MUST_REFUSE: dict[str, set[str]] = {
    "core": set(),
    "static": set(),
    "health": set(),
    "auth": set(),
    "api-docs": set(),
    "insight_public": set(),
    "sellers_public": set(),
    "ipr_public": set(),
    "sellers_api": set(),  # the public credit lookup
    "complaints_consumer": set(),  # filing is public; its tracking pages are listed below
    "complaints_api": set(),
    "security": {ANONYMOUS},
    "account": {ANONYMOUS},
    "account_api": EVERYONE,  # bearer tokens only: a browser session is not enough
    "ipr_api": EVERYONE,
    "metrics": EVERYONE,  # no metrics token configured in the tests
    "files": {ANONYMOUS},
    "complaints_seller": EVERYONE,
    "ipr_seller": EVERYONE - {Role.SELLER.value},  # a seller account's own listings
    "sellers_seller": EVERYONE - {Role.SELLER.value},
    "ipr_holder": NOT_STAFF - {Role.RIGHTS_HOLDER.value} | {ANONYMOUS},
    "casework_officer": NOT_STAFF,
    "complaints_officer": NOT_STAFF,
    "ipr_officer": NOT_STAFF,
    "sellers_officer": NOT_STAFF,
    "insight_officer": NOT_STAFF,
    "insight_supervisor": NOT_SUPERVISORS,
    "casework_admin": NOT_ADMINS,
    "sellers_admin": NOT_ADMINS,
    "admin": NOT_ADMINS,
}
# Arguments that carry a secret or need one beside them: with a made-up secret (or a real
# complaint's reference and no tracking token) such a route refuses everybody.
SECRET_ARGUMENTS = {"secret", "token", "reference"}
ACCESS_REFUSED = {302, 401, 403, 404}
SECRET = "rdc_made-up-secret-of-no-one"  # any string argument: a secret, a reference, a file


def _url(app: Flask, rule: Rule, reference: str) -> str:
    values: dict[str, Any] = {}
    for name in rule.arguments:
        numeric = isinstance(rule._converters[name], NumberConverter)
        values[name] = 1 if numeric else reference if name == "reference" else SECRET
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **values)


def _routes(app: Flask) -> list[Rule]:
    return sorted(app.url_map.iter_rules(), key=lambda rule: (rule.endpoint, rule.rule))


def test_every_blueprint_has_an_access_rule(app: Flask) -> None:
    blueprints = {rule.endpoint.split(".")[0] for rule in _routes(app)}
    assert blueprints - set(MUST_REFUSE) == set(), "declare who these must refuse"


def _client_as(app: Flask, role: str, users: dict[str, Any]) -> FlaskClient:
    client = app.test_client()
    if role != ANONYMOUS:
        sign_in(client, users[role])
    return client


@pytest.fixture
def users(app: Flask, make_user) -> dict[str, Any]:
    with app.app_context():
        load_demo_data()
    return {role.value: make_user(role) for role in Role}


@pytest.fixture
def reference(app: Flask, users) -> str:
    """A demo complaint's reference, asked for without its tracking token."""
    with app.app_context():
        return session.scalars(select(Complaint.reference).order_by(Complaint.id)).first()


def _refused(answer: Any, secret: bool) -> bool:
    """Sent to sign in, or refused. A made-up secret may also be answered as bad input (4xx)
    or sent elsewhere (3xx), showing nothing; a role rule may not: a 400 means a form was read."""
    if secret:
        return 300 <= answer.status_code < 500
    if answer.status_code == 302:
        return "/sign-in" in answer.location
    return answer.status_code in ACCESS_REFUSED


def _refusals(app: Flask, client: FlaskClient, role: str, reference: str) -> list[str]:
    """The routes that let this role in although they must refuse it."""
    token = csrf_token(client)
    leaks = []
    for rule in _routes(app):
        must_refuse = MUST_REFUSE[rule.endpoint.split(".")[0]]
        secret = bool(SECRET_ARGUMENTS & set(rule.arguments))
        if secret:
            must_refuse = EVERYONE
        if role not in must_refuse:
            continue
        url = _url(app, rule, reference)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            answer = client.open(url, method=method, data={"csrf_token": token})
            if not _refused(answer, secret):
                leaks.append(f"{method} {url} ({rule.endpoint}) -> {answer.status_code}")
    return leaks


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_no_route_lets_in_a_role_it_must_refuse(
    app: Flask, users, reference: str, role: str
) -> None:
    client = _client_as(app, role, users)
    assert _refusals(app, client, role, reference) == []
