"""People create API tokens on their account page: the secret is shown once, then only its start."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from core.models import Role
from tests.conftest import post_form, sign_in


def test_create_use_and_revoke_a_token(client: FlaskClient, make_user) -> None:
    sign_in(client, make_user(Role.RIGHTS_HOLDER))
    created = post_form(
        client,
        "/account/tokens",
        {"name": "nightly upload", "scopes": ["account"], "expires_in_days": 30},
    )
    assert created.status_code == 200 and created.headers["Cache-Control"] == "no-store"
    secret = re.search(r"rdr_[\w-]+", created.get_data(as_text=True)).group(0)

    listing = client.get("/account/tokens").get_data(as_text=True)
    assert "nightly upload" in listing and secret not in listing and secret[:12] in listing
    api = client.application.test_client()
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200

    token_id = re.search(r"/account/tokens/(\d+)/revoke", listing).group(1)
    assert post_form(client, f"/account/tokens/{token_id}/revoke", {}).status_code == 302
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


def test_a_scope_the_role_does_not_have_is_refused(client: FlaskClient, make_user) -> None:
    sign_in(client, make_user(Role.SELLER))
    response = post_form(client, "/account/tokens", {"name": "x", "scopes": ["ipr:notices"]})
    assert response.status_code == 400
    assert "is not a valid choice" in response.get_data(as_text=True)


def test_consumers_have_no_token_page(client: FlaskClient, make_user) -> None:
    sign_in(client, make_user(Role.CONSUMER))
    assert client.get("/account/tokens").status_code == 403
