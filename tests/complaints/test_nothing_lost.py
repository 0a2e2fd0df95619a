"""Nothing typed is lost: a refusal the filing view never sees (a file over the limit, too many
tries, a NUL character, an expired form) brings the form back as the person filled it, with the
reason in their language; the status stays the refusal's."""

from __future__ import annotations

import re

from tests.complaints.consumer_helpers import FORM, PDF, counts, file_form, filed, upload
from tests.conftest import csrf_token, post_form

MB = 1024 * 1024
TYPED = (
    'value="Anna Berg"',
    'value="anna@example.org"',
    'value="Shenzhen Bright Store"',
    'value="8123456789"',
    "never arrived and the seller is silent.",
)


def _refilled(html: str) -> None:
    assert 'id="complaint-form"' in html  # the form, not a bare error page
    for typed in TYPED:
        assert typed in html, typed


def test_a_30_mb_file_brings_the_form_back_filled(client, db) -> None:
    response = file_form(client, [upload(PDF + b"0" * (30 * MB), "scan.pdf")])
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    _refilled(html)
    assert 'id="evidence-error">scan.pdf is larger than 10 MB.' in html
    assert "please choose your files again" in html
    assert counts(db) == (0, 0)


def test_a_too_large_file_is_explained_in_chinese(client, db) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh"
    response = file_form(client, [upload(PDF + b"0" * (11 * MB), "scan.pdf")])
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    _refilled(html)
    assert "scan.pdf 超过 10 MB。" in html and "请重新选择文件" in html


def test_the_21st_filing_in_an_hour_keeps_the_form_and_says_when_to_try_again(client, db) -> None:
    for _ in range(20):
        assert post_form(client, "/complaints/new", {**FORM, "email": "x"}).status_code == 400
    response = file_form(client)
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    _refilled(html)
    assert "20 per 1 hour" not in html
    wait = re.search(r"Please try again in (\d+) minutes?, at \d\d:\d\d", html)
    assert wait and 1 <= int(wait.group(1)) <= 60
    assert 0 < int(response.headers["Retry-After"]) <= 3600
    assert counts(db) == (0, 0)


def test_too_many_filings_are_explained_in_chinese(client, db) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh"
    for _ in range(20):
        post_form(client, "/complaints/new", {**FORM, "email": "x"})
    response = file_form(client)
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    _refilled(html)
    assert re.search(r"请在 \d+ 分钟后（\d\d:\d\d）再试", html)
    assert "per 1 hour" not in html


def test_a_nul_character_keeps_the_rest_of_the_form(client, db) -> None:
    response = file_form(client, product="wireless\x00earbuds")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    _refilled(html)
    assert "not allowed (NUL)" in html
    assert 'value="wirelessearbuds"' in html  # what was typed, without the character
    assert "\x00" not in html
    assert counts(db) == (0, 0)


def test_an_expired_form_comes_back_filled_and_can_be_sent_again(client, db) -> None:
    csrf_token(client, "/complaints/new")  # the session exists, its form token is stale
    response = client.post(
        "/complaints/new",
        data={**FORM, "csrf_token": "an-expired-token"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    _refilled(html)
    assert "This form has expired" in html
    fresh = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert fresh
    resent = client.post(
        "/complaints/new",
        data={**FORM, "csrf_token": fresh.group(1)},
        content_type="multipart/form-data",
    )
    assert resent.status_code == 302
    assert counts(db) == (1, 0)


def test_an_expired_form_is_explained_in_chinese(client, db) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh"
    response = client.post("/complaints/new", data={**FORM, "csrf_token": "old"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    _refilled(html)
    assert "表单已过期" in html


def test_the_form_tells_the_browser_the_file_limit(client, db) -> None:
    html = client.get("/complaints/new").get_data(as_text=True)
    assert f'data-max-bytes="{10 * MB}"' in html
    assert "complaints/file_limit.js" in html
    script = client.get("/static/complaints/file_limit.js")
    assert script.status_code == 200 and b"maxBytes" in script.data


def test_a_too_large_file_on_the_tracking_page_keeps_the_page(client, db) -> None:
    reference, token = filed(client)
    page = f"/complaints/{reference}?token={token}"
    response = client.post(
        f"/complaints/{reference}/evidence",
        data={
            "csrf_token": csrf_token(client, page),
            "token": token,
            "files": [upload(PDF + b"0" * (11 * MB), "scan.pdf")],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert f"Complaint {reference}" in html and "scan.pdf is larger than 10 MB." in html
    assert counts(db) == (1, 0)
