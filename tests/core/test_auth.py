"""Sign-up, sign-in, throttling, CSRF and password reset, as a visitor experiences them."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import func, select

from core.models import AuditEvent, Role, User
from core.passwords import make_reset_token
from tests.conftest import PASSWORD, Inbox, csrf_token, post_form, sign_in


def count_users(db) -> int:
    return db.scalar(select(func.count()).select_from(User))


def test_sign_up_by_mail_creates_an_account_and_signs_in(
    client: FlaskClient, db, inbox: Inbox
) -> None:
    response = post_form(
        client,
        "/sign-up",
        {"name": "Lena Kraus", "email": "Lena@Example.org", "role": "rights_holder"},
    )
    assert response.status_code == 302
    assert "We sent a message to lena@example.org" in client.get("/sign-in").get_data(as_text=True)
    assert db.scalar(select(User).where(User.email == "lena@example.org")) is None
    [mail] = inbox.to("lena@example.org")
    path = re.search(r"http://\S+/sign-up/\S+", mail.get_content()).group(0).split("localhost")[1]
    response = client.post(
        path,
        data={
            "csrf_token": csrf_token(client, path),
            "password": "a long passphrase",
            "confirm": "a long passphrase",
        },
    )
    assert response.status_code == 302
    user = db.scalar(select(User).where(User.email == "lena@example.org"))
    assert user is not None and user.role == Role.RIGHTS_HOLDER
    assert user.password_hash.startswith("$argon2id$")
    assert "lena@example.org" in client.get("/").get_data(as_text=True)  # signed in


def test_sign_up_cannot_choose_a_staff_role(client: FlaskClient, db) -> None:
    before = count_users(db)
    response = post_form(
        client,
        "/sign-up",
        {
            "name": "Mallory",
            "email": "mallory@example.org",
            "role": "admin",
        },
    )
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert count_users(db) == before


def test_sign_in_and_out(client: FlaskClient, make_user) -> None:
    officer = make_user(Role.OFFICER)
    sign_in(client, officer)
    assert officer.email in client.get("/").get_data(as_text=True)
    response = post_form(client, "/sign-out", {})
    assert response.status_code == 302
    assert officer.email not in client.get("/").get_data(as_text=True)


def test_wrong_password_is_refused_and_audited(client: FlaskClient, make_user, db) -> None:
    officer = make_user(Role.OFFICER)
    response = post_form(client, "/sign-in", {"email": officer.email, "password": "not it at all"})
    assert response.status_code == 400
    assert "Wrong e-mail address or password" in response.get_data(as_text=True)
    assert officer.email not in client.get("/").get_data(as_text=True)
    failures = db.scalars(select(AuditEvent).where(AuditEvent.action == "user.sign_in_failed"))
    assert [event.details["email"] for event in failures] == [officer.email]


def test_deactivated_account_cannot_sign_in(client: FlaskClient, make_user) -> None:
    former = make_user(Role.OFFICER, active=False)
    response = post_form(client, "/sign-in", {"email": former.email, "password": PASSWORD})
    assert response.status_code == 400


def test_sign_in_is_throttled_after_five_attempts(client: FlaskClient, make_user) -> None:
    officer = make_user(Role.OFFICER)
    for _ in range(5):
        post_form(client, "/sign-in", {"email": officer.email, "password": "guess guess"})
    # Even the right password is refused while the limit holds.
    response = post_form(client, "/sign-in", {"email": officer.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_form_without_csrf_token_is_refused(client: FlaskClient, make_user, db) -> None:
    before = count_users(db)
    response = client.post(
        "/sign-up",
        data={
            "name": "No Token",
            "email": "notoken@example.org",
            "role": "consumer",
        },
    )
    assert response.status_code == 400
    assert "did not come from Redress" in response.get_data(as_text=True)
    assert count_users(db) == before


def test_password_reset_by_mail(client: FlaskClient, make_user, inbox: Inbox) -> None:
    consumer = make_user(Role.CONSUMER, email="reset-me@example.org")
    response = post_form(client, "/reset-password", {"email": consumer.email})
    assert response.status_code == 302

    [mail] = inbox.to(consumer.email)
    assert "new password" in mail["Subject"]
    link = re.search(r"http://\S+/reset-password/\S+", mail.get_content()).group(0)
    path = link.split("localhost", 1)[1]
    response = client.post(
        path,
        data={
            "csrf_token": csrf_token(client, path),
            "password": "brand new secret",
            "confirm": "brand new secret",
        },
    )
    assert response.status_code == 302

    sign_in(client, consumer, "brand new secret")
    # The link works once: the password it was made for has changed.
    assert client.get(path).status_code == 302
    assert "not valid any more" in client.get(path, follow_redirects=True).get_data(as_text=True)


def test_password_reset_says_the_same_for_unknown_addresses(
    client: FlaskClient, make_user, inbox: Inbox
) -> None:
    known = make_user(Role.CONSUMER)
    answers = [
        post_form(client, "/reset-password", {"email": email}, follow_redirects=True)
        for email in (known.email, "nobody-here@example.org")
    ]
    texts = [re.sub(r'value="[^"]+"', "", a.get_data(as_text=True)) for a in answers]
    assert texts[0] == texts[1]
    assert len(inbox.messages) == 1


def test_mismatched_reset_passwords_are_refused(client: FlaskClient, make_user, app) -> None:
    consumer = make_user(Role.CONSUMER)
    with app.test_request_context():
        token = make_reset_token(consumer.id, consumer.password_hash)
    path = f"/reset-password/{token}"
    response = client.post(
        path,
        data={
            "csrf_token": csrf_token(client, path),
            "password": "brand new secret",
            "confirm": "something else",
        },
    )
    assert response.status_code == 400
    assert "do not match" in response.get_data(as_text=True)
