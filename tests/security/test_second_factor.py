"""Finding 4 of issue 21, the second factor: staff enrol a TOTP app, sign-in then asks for its
code (or a recovery code, good once), and an admin setting makes enrolment come first."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient

from core import clock
from core.extensions import limiter
from core.models import Role, User
from tests.conftest import PASSWORD, csrf_token, post_form, sign_in


def enrol(client: FlaskClient) -> tuple[str, list[str]]:
    """Turn the second factor on from the account page; the secret and the recovery codes."""
    page = client.get("/account/two-factor")
    assert page.headers["Cache-Control"] == "no-store"
    uri = re.search(r"otpauth://[^<\s]+", page.get_data(as_text=True)).group(0)
    secret = pyotp.parse_uri(uri.replace("&amp;", "&")).secret
    shown = re.search(r'class="secret">([A-Z2-7 ]+)<', page.get_data(as_text=True)).group(1)
    assert shown.replace(" ", "") == secret
    token = csrf_token(client, "/account/two-factor")  # the one page open before enrolment
    done = client.post(
        "/account/two-factor", data={"csrf_token": token, "code": pyotp.TOTP(secret).now()}
    )
    assert done.status_code == 200 and done.headers["Cache-Control"] == "no-store"
    codes = re.findall(
        r"<code>([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})</code>", done.get_data(as_text=True)
    )
    assert len(codes) == 10
    return secret, codes


def password_step(client: FlaskClient, user: User):
    return post_form(client, "/sign-in", {"email": user.email, "password": PASSWORD})


def later_code(secret: str, seconds: int) -> str:
    """Move the clock on (each code counts once) and give the code of that moment."""
    clock.set_now(clock.now() + timedelta(seconds=seconds))
    return pyotp.TOTP(secret).at(clock.now())


def test_an_officer_enrols_and_then_needs_the_code(
    app: Flask, client: FlaskClient, make_user, db
) -> None:
    officer = make_user(Role.OFFICER)
    sign_in(client, officer)
    secret, _codes = enrol(client)
    db.expire_all()
    stored = db.get(User, officer.id).totp_secret
    assert stored and secret not in stored  # rests encrypted
    assert secret not in client.get("/account/two-factor").get_data(as_text=True)

    browser = app.test_client()
    step = password_step(browser, officer)
    assert step.status_code == 302 and step.location.endswith("/sign-in/code")
    assert officer.email not in browser.get("/").get_data(as_text=True)  # not yet
    wrong = post_form(browser, "/sign-in/code", {"code": "000000"})
    assert wrong.status_code == 400 and "not right" in wrong.get_data(as_text=True)
    right = post_form(browser, "/sign-in/code", {"code": later_code(secret, 60)})
    assert right.status_code == 302
    assert officer.email in browser.get("/").get_data(as_text=True)


def test_a_code_counts_once(app: Flask, client: FlaskClient, make_user) -> None:
    supervisor = make_user(Role.SUPERVISOR)
    sign_in(client, supervisor)
    secret, _codes = enrol(client)
    code = later_code(secret, 60)
    first, second = app.test_client(), app.test_client()
    password_step(first, supervisor)
    assert post_form(first, "/sign-in/code", {"code": code}).status_code == 302
    password_step(second, supervisor)
    assert post_form(second, "/sign-in/code", {"code": code}).status_code == 400


def test_a_recovery_code_works_once(app: Flask, client: FlaskClient, make_user) -> None:
    admin = make_user(Role.ADMIN)
    sign_in(client, admin)
    _secret, codes = enrol(client)
    first, second = app.test_client(), app.test_client()
    password_step(first, admin)
    assert post_form(first, "/sign-in/code", {"code": codes[3].lower()}).status_code == 302
    assert admin.email in first.get("/").get_data(as_text=True)
    password_step(second, admin)
    assert post_form(second, "/sign-in/code", {"code": codes[3]}).status_code == 400
    assert "Unused recovery codes: 9" in first.get("/account/two-factor").get_data(as_text=True)


def test_guessing_codes_locks_the_account(app: Flask, client: FlaskClient, make_user) -> None:
    officer = make_user(Role.OFFICER)
    sign_in(client, officer)
    secret, _codes = enrol(client)
    browser = app.test_client()
    password_step(browser, officer)
    for guess in ("111111", "222222", "333333", "444444", "555555"):
        post_form(browser, "/sign-in/code", {"code": guess})
    limiter.reset()  # the per-minute limiter is per worker; this is about the lockout
    locked = post_form(browser, "/sign-in/code", {"code": later_code(secret, 0)})
    assert locked.status_code == 429 and "Try again in" in locked.get_data(as_text=True)


def test_staff_must_enrol_first_when_the_setting_is_on(
    app: Flask, client: FlaskClient, make_user, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "REQUIRE_STAFF_TOTP", True)
    officer = make_user(Role.OFFICER)
    sign_in(client, officer)
    redirected = client.get("/officer/")
    assert redirected.status_code == 302 and redirected.location.endswith("/account/two-factor")
    enrol(client)
    assert client.get("/account").status_code == 200

    consumer_browser = app.test_client()
    sign_in(consumer_browser, make_user(Role.CONSUMER))
    assert consumer_browser.get("/account").status_code == 200  # only staff must


def test_turning_it_on_needs_a_right_code(client: FlaskClient, make_user) -> None:
    officer = make_user(Role.OFFICER)
    sign_in(client, officer)
    client.get("/account/two-factor")
    refused = post_form(client, "/account/two-factor", {"code": "123456"})
    assert refused.status_code == 400
    assert "otpauth://" in refused.get_data(as_text=True)  # the key is still there to retry


def test_an_admin_turns_off_a_lost_second_factor(
    app: Flask, client: FlaskClient, make_user
) -> None:
    officer = make_user(Role.OFFICER)
    sign_in(client, officer)
    enrol(client)
    admin_browser = app.test_client()
    sign_in(admin_browser, make_user(Role.ADMIN))
    page = admin_browser.get(f"/admin/users/{officer.id}").get_data(as_text=True)
    assert "Turn the second factor off" in page
    done = post_form(admin_browser, f"/admin/users/{officer.id}/second-factor/off", {})
    assert done.status_code == 302
    assert officer.email not in client.get("/").get_data(as_text=True)  # signed out everywhere
    fresh = app.test_client()
    assert password_step(fresh, officer).location.endswith("/")  # no code asked any more
