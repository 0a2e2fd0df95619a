"""The JSON API conventions: bad input of every kind gets a 4xx in the error shape, in the
caller's language; tokens are hashed, scoped and revocable; callers are rate limited."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from core.api_tokens import issue_api_token
from core.db import session
from core.models import ApiToken, AuditEvent, Role, User
from core.tokens import digest
from tests.conftest import post_form


@pytest.fixture
def holder(make_user) -> User:
    return make_user(Role.RIGHTS_HOLDER, name="Helen Holder", language="en")


def issue(app, user: User, name: str = "test", scopes: tuple[str, ...] = ("account",)):
    with app.app_context():
        secret, token = issue_api_token(user, name, list(scopes))
        session.commit()
        return secret, token.id


@pytest.fixture
def token(app, holder: User) -> str:
    return issue(app, holder)[0]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def error_of(response) -> dict:
    body = response.get_json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "fields"}, body
    return body["error"]


def test_a_token_reads_and_changes_its_account(client: FlaskClient, token: str, holder) -> None:
    me = client.get("/api/v1/me", headers=bearer(token))
    assert me.status_code == 200 and me.get_json()["email"] == holder.email
    changed = client.put(
        "/api/v1/me", json={"name": "Helen H.", "language": "zh"}, headers=bearer(token)
    )
    assert changed.status_code == 200 and changed.get_json()["language"] == "zh"


def test_tokens_are_stored_only_as_digests(db, token: str) -> None:
    stored = db.scalar(select(ApiToken))
    assert stored.token_hash == digest(token) and token not in stored.token_hash
    assert stored.prefix == token[:12]


def test_malformed_json(client: FlaskClient, token: str) -> None:
    response = client.put(
        "/api/v1/me",
        data="{not json",
        headers={**bearer(token), "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert error_of(response)["code"] == "malformed_json"


def test_wrong_type_missing_and_unknown_fields_are_named(client: FlaskClient, token, db) -> None:
    response = client.put("/api/v1/me", json={"name": 42, "colour": "red"}, headers=bearer(token))
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid"
    assert error["fields"] == {
        "name": "Not a valid string.",
        "language": "Missing data for required field.",
        "colour": "Unknown field.",
    }
    assert (
        db.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "user.profile_changed")
        )
        == 0
    )


def test_too_long_in_chinese(client: FlaskClient, token: str) -> None:
    response = client.put(
        "/api/v1/me",
        json={"name": "x" * 121, "language": "en"},
        headers={**bearer(token), "Accept-Language": "zh-CN"},
    )
    assert response.status_code == 422
    assert error_of(response)["fields"] == {"name": "长度必须在 1 到 120 之间。"}


@pytest.mark.parametrize(
    "header", [None, "Bearer rdr_not-a-real-token", "Basic abc", "Bearer " + "x" * 300]
)
def test_missing_or_bad_token_is_401(client: FlaskClient, header: str | None) -> None:
    response = client.get("/api/v1/me", headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert error_of(response)["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_revoked_token_stops_working(client: FlaskClient, token: str, db) -> None:
    [stored] = db.scalars(select(ApiToken)).all()
    assert client.delete(f"/api/v1/tokens/{stored.id}", headers=bearer(token)).status_code == 204
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_a_token_without_the_scope_is_403(client: FlaskClient, holder, app) -> None:
    secret, _ = issue(app, holder, "narrow", ("something:else",))
    response = client.get("/api/v1/me", headers=bearer(secret))
    assert response.status_code == 403 and "account" in error_of(response)["message"]


def test_another_users_token_cannot_be_revoked(
    client: FlaskClient, token, make_user, db, app
) -> None:
    _, theirs = issue(app, make_user(Role.RIGHTS_HOLDER), "theirs")
    response = client.delete(f"/api/v1/tokens/{theirs}", headers=bearer(token))
    assert response.status_code == 404
    assert db.get(ApiToken, theirs).revoked_at is None


def test_token_list_is_paginated(client: FlaskClient, token: str, holder, app) -> None:
    for number in range(4):
        issue(app, holder, f"extra {number}")
    first = client.get("/api/v1/tokens?limit=3", headers=bearer(token)).get_json()
    assert len(first["items"]) == 3 and first["next"]
    second = client.get(f"/api/v1/tokens?limit=3&after={first['next']}", headers=bearer(token))
    assert [t["name"] for t in second.get_json()["items"]] == ["extra 2", "extra 3"]
    assert second.get_json()["next"] is None
    bad = client.get("/api/v1/tokens?limit=1000&after=zzz", headers=bearer(token))
    assert bad.status_code == 422 and set(error_of(bad)["fields"]) == {"limit", "after"}


def test_rate_limit_per_token(client: FlaskClient, token: str) -> None:
    statuses = [client.get("/api/v1/me", headers=bearer(token)).status_code for _ in range(121)]
    assert statuses[:120] == [200] * 120 and statuses[120] == 429
    assert error_of(client.get("/api/v1/me", headers=bearer(token)))["code"] == "rate_limited"


def test_rate_limit_per_address_without_a_token(client: FlaskClient) -> None:
    statuses = {client.get("/api/v1/me").status_code for _ in range(125)}
    assert statuses == {401, 429}


def test_openapi_document_and_readable_page(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.") and "/api/v1/me" in spec["paths"]
    page = client.get("/api/", headers={"Accept-Language": "zh"}).get_data(as_text=True)
    assert "PUT /api/v1/me" in page and "请求体" in page


def test_a_nul_character_is_refused_everywhere(client: FlaskClient, token: str, db) -> None:
    api = client.put(
        "/api/v1/me", json={"name": "Helen\x00", "language": "en"}, headers=bearer(token)
    )
    assert api.status_code == 400 and "NUL" in error_of(api)["message"]
    form = post_form(
        client,
        "/sign-up",
        {
            "name": "Eve\x00",
            "email": "eve@example.org",
            "role": "consumer",
            "password": "p" * 12,
            "confirm": "p" * 12,
        },
    )
    assert form.status_code == 400 and "NUL" in form.get_data(as_text=True)
    assert db.scalar(select(User).where(User.email == "eve@example.org")) is None
    assert client.get("/api/v1/tokens?after=1\x00", headers=bearer(token)).status_code == 400
