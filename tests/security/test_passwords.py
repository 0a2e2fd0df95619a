"""Finding 4 of issue 21, the password part: common and guessable passwords are refused wherever
a password is chosen, and a signed-in person can change theirs, which ends their other sessions."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from core.models import Role, User
from core.passwords import make_reset_token, password_matches
from tests.conftest import PASSWORD, Inbox, csrf_token, post_form, sign_in

WEAK = "1234567890"
STRONG = "violet kettle harbour spin"


def signed_in_as(client: FlaskClient, user: User) -> bool:
    return user.email in client.get("/").get_data(as_text=True)


def sign_up_link(client: FlaskClient, inbox: Inbox, email: str) -> str:
    post_form(client, "/sign-up", {"name": "Mei Chen", "email": email, "role": "consumer"})
    [mail] = inbox.to(email)
    return re.search(r"http://\S+/sign-up/\S+", mail.get_content()).group(0).split("localhost")[1]


@pytest.mark.parametrize(
    ("language", "says"),
    [("en", "too common or too easy to guess"), ("zh", "太常见或太容易猜到")],
)
def test_a_common_password_is_refused_at_sign_up(
    client: FlaskClient, inbox: Inbox, db, language: str, says: str
) -> None:
    path = sign_up_link(client, inbox, "mei@example.org")
    response = client.post(
        path,
        data={"csrf_token": csrf_token(client, path), "password": WEAK, "confirm": WEAK},
        headers={"Accept-Language": language},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert says in page
    assert WEAK not in page  # password fields never come back filled
    assert db.scalar(select(User).where(User.email == "mei@example.org")) is None


def test_a_password_made_of_the_persons_name_is_refused(client: FlaskClient, inbox: Inbox) -> None:
    path = sign_up_link(client, inbox, "mei@example.org")
    response = client.post(
        path,
        data={
            "csrf_token": csrf_token(client, path),
            "password": "meichen2026",
            "confirm": "meichen2026",
        },
    )
    assert response.status_code == 400


def test_a_common_password_is_refused_at_reset(app: Flask, client: FlaskClient, make_user) -> None:
    consumer = make_user(Role.CONSUMER)
    with app.test_request_context():
        path = f"/reset-password/{make_reset_token(consumer.id, consumer.password_hash)}"
    response = client.post(
        path, data={"csrf_token": csrf_token(client, path), "password": WEAK, "confirm": WEAK}
    )
    assert response.status_code == 400
    assert "too common" in response.get_data(as_text=True)


def test_a_common_password_is_refused_by_the_admin_form(client: FlaskClient, make_user) -> None:
    sign_in(client, make_user(Role.ADMIN))
    response = post_form(
        client,
        "/admin/users",
        {
            "name": "Oda",
            "email": "oda@example.org",
            "role": "officer",
            "language": "en",
            "password": WEAK,
            "confirm": WEAK,
        },
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "too common" in page and 'value="oda@example.org"' in page


def test_changing_the_password_needs_the_current_one_and_ends_other_sessions(
    app: Flask, make_user, db
) -> None:
    holder = make_user(Role.RIGHTS_HOLDER)
    here, elsewhere = app.test_client(), app.test_client()
    sign_in(here, holder)
    sign_in(elsewhere, holder)

    wrong = post_form(
        here,
        "/account/password",
        {"current_password": "not my password", "password": STRONG, "confirm": STRONG},
    )
    assert wrong.status_code == 400
    assert "not your current password" in wrong.get_data(as_text=True)
    weak = post_form(
        here, "/account/password", {"current_password": PASSWORD, "password": WEAK, "confirm": WEAK}
    )
    assert weak.status_code == 400 and "too common" in weak.get_data(as_text=True)

    done = post_form(
        here,
        "/account/password",
        {"current_password": PASSWORD, "password": STRONG, "confirm": STRONG},
    )
    assert done.status_code == 302
    assert signed_in_as(here, holder)
    assert not signed_in_as(elsewhere, holder)
    db.expire_all()
    assert password_matches(db.get(User, holder.id).password_hash, STRONG)


def test_the_cli_refuses_a_common_password(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "--email",
            "a@example.org",
            "--name",
            "A",
            "--role",
            "admin",
            "--password",
            WEAK,
        ]
    )
    assert result.exit_code != 0 and "too common" in result.output
