"""The tracking page on a 390x844 phone: a 5,000-letter word does not widen it; a file over the
limit is refused before upload; times follow the browser's time zone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import LiveServer

PHONE = {"width": 390, "height": 844}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="en-GB", viewport=PHONE, timezone_id="Europe/Berlin")
    opened = context.new_page()
    yield opened
    context.close()


def _fill(page: Page, description: str) -> None:
    page.get_by_label("Your name").fill("Anna Berg")
    page.get_by_label("Your e-mail address").fill("anna.phone@example.org")
    page.get_by_label("Your country").select_option("DE")
    page.get_by_label("Platform").fill("AliExpress")
    page.get_by_label("What happened?").fill(description)
    page.get_by_label("Redress may forward my complaint").check()


def _page_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_a_5000_letter_word_does_not_widen_the_tracking_page(
    live_server: LiveServer, phone: Page
) -> None:
    phone.goto(live_server.url + "/complaints/new")
    _fill(phone, "x" * 5000)
    phone.get_by_role("button", name="Send the complaint").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Complaint C-")
    expect(phone.get_by_role("heading", name="What you filed")).to_be_visible()
    assert _page_width(phone) <= PHONE["width"]

    # The zone the browser reported is used from the next page on, and named.
    phone.reload()
    expect(phone.get_by_text("Europe/Berlin").first).to_be_visible()
    assert _page_width(phone) <= PHONE["width"]


def test_a_file_over_the_limit_is_refused_before_it_is_sent(
    live_server: LiveServer, phone: Page
) -> None:
    phone.goto(live_server.url + "/complaints/new")
    files = phone.get_by_label("Evidence files")
    big = PDF + b"0" * (10 * 1024 * 1024)
    files.set_input_files([{"name": "scan.pdf", "mimeType": "application/pdf", "buffer": big}])
    expect(
        phone.get_by_role("alert").filter(has_text="scan.pdf is larger than 10 MB.")
    ).to_be_visible()
    expect(files).to_have_attribute("aria-invalid", "true")
    assert phone.evaluate("document.querySelector('input[type=file]').files.length") == 0
