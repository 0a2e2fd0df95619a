"""Finding 4 of issue 21, the guessing part: a lockout that holds across workers (it is counted in
the database), one password hash for known and unknown addresses alike, and a sign-up page that
does not tell which addresses have accounts."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from core import clock, passwords
from core.extensions import limiter
from core.models import Role, SignInFailures
from tests.conftest import PASSWORD, Inbox, post_form


def attempt(client: FlaskClient, email: str, password: str, **headers: str):
    return post_form(client, "/sign-in", {"email": email, "password": password}, headers=headers)


def fail_five_times(client: FlaskClient, email: str) -> None:
    for _ in range(5):
        assert attempt(client, email, "not the password").status_code == 400
    limiter.reset()  # the per-minute limiter is per worker; this test is about the lockout


def test_five_failures_lock_the_account_even_for_the_right_password(
    client: FlaskClient, make_user
) -> None:
    officer = make_user(Role.OFFICER)
    fail_five_times(client, officer.email)

    locked = attempt(client, officer.email, PASSWORD)
    assert locked.status_code == 429
    assert "Try again in 1 minute" in locked.get_data(as_text=True)
    assert officer.email not in client.get("/").get_data(as_text=True)

    clock.set_now(clock.now() + timedelta(seconds=61))
    assert attempt(client, officer.email, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("language", "says"), [("en", "Try again in 2 minutes"), ("zh", "2 分钟后再试")]
)
def test_each_further_failure_doubles_the_wait(
    client: FlaskClient, make_user, language: str, says: str
) -> None:
    seller = make_user(Role.SELLER)
    fail_five_times(client, seller.email)
    clock.set_now(clock.now() + timedelta(seconds=61))
    assert attempt(client, seller.email, "still not it").status_code == 400  # sixth failure
    limiter.reset()
    locked = attempt(client, seller.email, PASSWORD, **{"Accept-Language": language})
    assert locked.status_code == 429
    assert says in locked.get_data(as_text=True)
    clock.set_now(clock.now() + timedelta(seconds=121))
    assert attempt(client, seller.email, PASSWORD).status_code == 302


def test_unknown_addresses_are_locked_alike(client: FlaskClient, db) -> None:
    fail_five_times(client, "nobody@example.org")
    assert attempt(client, "nobody@example.org", PASSWORD).status_code == 429
    row = db.get(SignInFailures, "nobody@example.org")
    assert row is not None and row.failures == 5


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every password check sign-in makes, counted."""
    calls: list[str] = []
    real = passwords.password_matches

    def counted(password_hash: str, password: str) -> bool:
        calls.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr(passwords, "password_matches", counted)
    return calls


def test_known_and_unknown_addresses_cost_one_hash_each(
    client: FlaskClient, make_user, hashes: list[str]
) -> None:
    consumer = make_user(Role.CONSUMER)
    inactive = make_user(Role.OFFICER, active=False)
    for email in ("nobody-at-all@example.org", consumer.email, inactive.email):
        hashes.clear()
        assert attempt(client, email, "a wrong password").status_code == 400
        assert len(hashes) == 1, email
        assert hashes[0].startswith("$argon2id$")


def test_sign_up_does_not_tell_whether_an_address_has_an_account(
    client: FlaskClient, make_user, inbox: Inbox, db
) -> None:
    owner = make_user(Role.SELLER, email="taken@example.org", name="Tian Owner")
    answers = []
    for email in ("taken@example.org", "fresh@example.org"):
        response = post_form(
            client,
            "/sign-up",
            {"name": "Someone", "email": email, "role": "consumer"},
            follow_redirects=True,
        )
        assert response.status_code == 200
        text = re.sub(r'value="[^"]+"', "", response.get_data(as_text=True))
        answers.append(text.replace(email, "EMAIL"))
    assert answers[0] == answers[1]
    [to_owner] = inbox.to(owner.email)
    assert "already" in to_owner["Subject"]
    assert "/reset-password" in to_owner.get_content()
    [to_new] = inbox.to("fresh@example.org")
    assert "/sign-up/" in to_new.get_content()
    assert db.scalar(select(SignInFailures)) is None
