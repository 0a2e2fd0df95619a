"""Pages in both languages, error pages, the health check and the JSON errors of the API."""

from __future__ import annotations

from flask.testing import FlaskClient

from core.errors import render_error
from core.models import Role
from tests.conftest import post_form, sign_in


def test_home_sends_each_kind_of_user_to_their_start(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert 'href="/sign-in"' in html and 'href="/sign-up"' in html
    assert "/admin/users" not in html  # admin start point only for admins


def test_home_renders_in_chinese_for_a_chinese_browser(client: FlaskClient) -> None:
    html = client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).get_data(as_text=True)
    assert '<html lang="zh-Hans">' in html
    assert "跨境网购投诉" in html


def test_chosen_language_wins_over_the_browser(client: FlaskClient) -> None:
    response = post_form(client, "/language", {"language": "zh", "next": "/sign-in"})
    assert response.headers["Location"] == "/sign-in"
    html = client.get("/sign-in", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "登录" in html


def test_language_switch_does_not_redirect_off_site(client: FlaskClient) -> None:
    response = post_form(client, "/language", {"language": "en", "next": "https://evil.example"})
    assert response.headers["Location"] == "/"


def test_not_found_page_in_both_languages(client: FlaskClient) -> None:
    english = client.get("/no-such-page")
    assert english.status_code == 404 and "Page not found" in english.get_data(as_text=True)
    chinese = client.get("/no-such-page", headers={"Accept-Language": "zh"})
    assert chinese.status_code == 404 and "页面不存在" in chinese.get_data(as_text=True)


def test_validation_messages_in_chinese(client: FlaskClient) -> None:
    client.get("/", headers={"Accept-Language": "zh"})
    response = post_form(
        client, "/sign-in", {"email": "", "password": ""}, headers={"Accept-Language": "zh"}
    )
    assert response.status_code == 400
    assert "该字段是必填字段" in response.get_data(as_text=True)


def test_overlong_fields_are_refused_with_a_message(client: FlaskClient) -> None:
    response = post_form(
        client,
        "/sign-up",
        {
            "name": "N" * 121,
            "email": "long@example.org",
            "role": "consumer",
        },
    )
    assert response.status_code == 400
    assert "Field cannot be longer than 120 characters" in response.get_data(as_text=True)
    response = post_form(client, "/sign-in", {"email": "long@example.org", "password": "p" * 201})
    assert response.status_code == 400
    assert "Field cannot be longer than 200 characters" in response.get_data(as_text=True)


def test_too_large_a_request_gets_413(client: FlaskClient, app) -> None:
    size = app.config["MAX_CONTENT_LENGTH"] + 1
    response = client.post(
        "/sign-in", data=b"x" * size, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 413
    assert "Upload too large" in response.get_data(as_text=True)


def test_api_errors_are_json_in_the_callers_language(client: FlaskClient) -> None:
    response = client.get("/api/v1/nothing-here", headers={"Accept-Language": "zh"})
    assert response.status_code == 404
    body = response.get_json()
    assert body["error"]["code"] == "not_found"
    assert "这个地址没有内容" in body["error"]["message"]
    assert body["error"]["fields"] == {}


def test_healthz_checks_the_database(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_security_headers_and_cookie_flags(client: FlaskClient) -> None:
    response = client.get("/sign-in")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_every_error_page_exists_in_both_languages(app) -> None:
    titles = {
        400: "请求有误",
        403: "无权访问",
        404: "页面不存在",
        413: "上传内容过大",
        429: "尝试次数过多",
        500: "出错了",
    }
    for status, title in titles.items():
        with app.test_request_context("/x", headers={"Accept-Language": "zh"}):
            page, code = render_error(status)
        assert code == status and title in page
        with app.test_request_context("/x", headers={"Accept-Language": "en"}):
            page, _ = render_error(status)
        assert title not in page and "<h1>" in page


def test_forbidden_page_in_chinese(client, make_user) -> None:
    sign_in(client, make_user(Role.OFFICER))
    response = client.get("/admin/users", headers={"Accept-Language": "zh"})
    assert response.status_code == 403 and "无权访问" in response.get_data(as_text=True)
