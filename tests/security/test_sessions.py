"""Finding 1 of issue 21: a session must end when its owner (or an admin) says so, and a copied
cookie must die with it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from core import clock
from core.config import Config
from core.models import Role, User, UserSession
from core.passwords import make_reset_token
from tests.conftest import PASSWORD, csrf_token, post_form, sign_in


def signed_in_as(client: FlaskClient, user: User) -> bool:
    return user.email in client.get("/").get_data(as_text=True)


def copy_of(app: Flask, client: FlaskClient, *names: str) -> FlaskClient:
    """Another browser holding copies of `client`'s cookies `names`, as a thief would."""
    other = app.test_client()
    for name in names:
        cookie = client.get_cookie(name)
        assert cookie is not None, f"no {name} cookie"
        other.set_cookie(name, cookie.value)
    return other


def sign_in_remembered(client: FlaskClient, user: User) -> None:
    response = post_form(
        client, "/sign-in", {"email": user.email, "password": PASSWORD, "remember": "y"}
    )
    assert response.status_code == 302


def test_a_session_cookie_replayed_after_sign_out_is_signed_out(
    app: Flask, client: FlaskClient, make_user
) -> None:
    officer = make_user(Role.OFFICER)
    sign_in(client, officer)
    stolen = copy_of(app, client, "session")
    assert signed_in_as(stolen, officer)
    post_form(client, "/sign-out", {})
    assert not signed_in_as(stolen, officer)


def test_a_remember_cookie_replayed_after_sign_out_is_signed_out(
    app: Flask, client: FlaskClient, make_user
) -> None:
    holder = make_user(Role.RIGHTS_HOLDER)
    sign_in_remembered(client, holder)
    stolen = copy_of(app, client, "remember_token")
    assert signed_in_as(stolen, holder)
    stolen.delete_cookie("session")  # the thief's browser restarts: only the remember cookie
    post_form(client, "/sign-out", {})
    assert not signed_in_as(stolen, holder)


def test_a_password_reset_ends_every_session_and_remember_cookie(
    app: Flask, client: FlaskClient, make_user
) -> None:
    holder = make_user(Role.RIGHTS_HOLDER)
    sign_in_remembered(client, holder)
    session_copy = copy_of(app, client, "session")
    remember_copy = copy_of(app, client, "remember_token")
    with app.test_request_context():
        token = make_reset_token(holder.id, holder.password_hash)
    other = app.test_client()
    path = f"/reset-password/{token}"
    response = other.post(
        path,
        data={
            "csrf_token": csrf_token(other, path),
            "password": "brand new secret words",
            "confirm": "brand new secret words",
        },
    )
    assert response.status_code == 302
    assert not signed_in_as(client, holder)
    assert not signed_in_as(session_copy, holder)
    assert not signed_in_as(remember_copy, holder)


def test_sign_out_everywhere_ends_another_browsers_session(app: Flask, make_user, db) -> None:
    supervisor = make_user(Role.SUPERVISOR)
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, supervisor)
    sign_in(phone, supervisor)
    page = phone.get("/account").get_data(as_text=True)
    assert page.count("UTC</td>") >= 4  # both sessions listed with their times
    response = post_form(phone, "/account/sign-out-everywhere", {})
    assert response.status_code == 302
    assert not signed_in_as(laptop, supervisor)
    assert not signed_in_as(phone, supervisor)
    live = db.scalars(
        select(UserSession).where(
            UserSession.user_id == supervisor.id, UserSession.ended_at.is_(None)
        )
    ).all()
    assert live == []


def test_only_the_session_hash_is_stored(client: FlaskClient, make_user, db) -> None:
    consumer = make_user(Role.CONSUMER)
    sign_in(client, consumer)
    cookie = client.get_cookie("session")
    assert cookie is not None
    [row] = db.scalars(select(UserSession).where(UserSession.user_id == consumer.id)).all()
    assert len(row.token_hash) == 64 and row.token_hash not in cookie.value


@pytest.fixture
def default_time_outs(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """The time-outs of a default configuration (the test config lifts them for time travel)."""
    defaults = Config()
    for name in ("session_idle_minutes_staff", "session_idle_minutes", "remember_days"):
        monkeypatch.setitem(app.config, name.upper(), getattr(defaults, name))
    monkeypatch.setitem(app.config, "SESSION_ABSOLUTE_HOURS", defaults.session_lifetime_hours)


@pytest.mark.usefixtures("default_time_outs")
def test_an_idle_staff_session_times_out(client: FlaskClient, make_user) -> None:
    officer = make_user(Role.OFFICER)
    sign_in(client, officer)
    start = clock.now()
    clock.set_now(start + timedelta(minutes=90))
    assert signed_in_as(client, officer)  # in use: the idle time starts again
    clock.set_now(start + timedelta(minutes=90 + 121))
    assert not signed_in_as(client, officer)


@pytest.mark.usefixtures("default_time_outs")
def test_a_consumer_session_lasts_longer_but_not_for_ever(client: FlaskClient, make_user) -> None:
    consumer = make_user(Role.CONSUMER)
    sign_in(client, consumer)
    start = clock.now()
    clock.set_now(start + timedelta(hours=3))
    assert signed_in_as(client, consumer)
    clock.set_now(start + timedelta(hours=11))
    assert signed_in_as(client, consumer)
    clock.set_now(start + timedelta(hours=13))  # past the absolute limit of 12 hours
    assert not signed_in_as(client, consumer)


def test_a_role_change_or_deactivation_ends_the_sessions(app: Flask, make_user) -> None:
    admin = make_user(Role.ADMIN)
    officer, supervisor = make_user(Role.OFFICER), make_user(Role.SUPERVISOR)
    admin_browser, officer_browser, supervisor_browser = (app.test_client() for _ in range(3))
    sign_in(admin_browser, admin)
    sign_in(officer_browser, officer)
    sign_in(supervisor_browser, supervisor)
    post_form(admin_browser, f"/admin/users/{officer.id}", {"role": "supervisor", "active": "y"})
    post_form(admin_browser, f"/admin/users/{supervisor.id}", {"role": "supervisor"})
    assert not signed_in_as(officer_browser, officer)
    assert not signed_in_as(supervisor_browser, supervisor)
    assert signed_in_as(admin_browser, admin)


def test_the_csrf_token_changes_at_sign_in(client: FlaskClient, make_user) -> None:
    consumer = make_user(Role.CONSUMER)
    before = csrf_token(client, "/sign-in")
    sign_in(client, consumer)
    assert csrf_token(client) != before
    # The old token is refused now.
    response = client.post("/account/sign-out-everywhere", data={"csrf_token": before})
    assert response.status_code == 400
    assert signed_in_as(client, consumer)


@pytest.mark.usefixtures("default_time_outs")
def test_keep_me_signed_in_lasts_seven_days(app: Flask, client: FlaskClient, make_user) -> None:
    officer = make_user(Role.OFFICER)
    sign_in_remembered(client, officer)
    start = clock.now()
    clock.set_now(start + timedelta(days=3))  # idle for days: still signed in
    assert signed_in_as(client, officer)
    clock.set_now(start + timedelta(days=7, minutes=1))
    assert not signed_in_as(client, officer)


def test_the_account_page_names_each_device(app: Flask, make_user) -> None:
    consumer = make_user(Role.CONSUMER)
    laptop = app.test_client()
    laptop.environ_base["HTTP_USER_AGENT"] = (
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
    )
    sign_in(laptop, consumer)
    page = laptop.get("/account").get_data(as_text=True)
    assert "Firefox on Linux" in page and "this device" in page
