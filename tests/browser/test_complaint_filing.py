"""A consumer files a complaint in a real browser: a refused file brings the form back filled,
then the complaint is filed with a good file and followed on its page."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_a_refused_file_brings_the_form_back_filled(live_server: LiveServer, page: Page) -> None:
    page.goto(live_server.url + "/complaints/new")
    page.get_by_label("Your name").fill("Anna Berg")
    page.get_by_label("Your e-mail address").fill("anna.browser@example.org")
    page.get_by_label("Your country").select_option("DE")
    page.get_by_label("Platform").fill("AliExpress")
    page.get_by_label("Order number").fill("8123456789")
    page.get_by_label("What happened?").fill(
        "The wireless earbuds I ordered never arrived and the seller is silent."
    )
    page.get_by_label("Redress may forward my complaint").check()
    files = page.get_by_label("Evidence files")
    files.set_input_files([{"name": "receipt.pdf", "mimeType": "application/pdf", "buffer": ELF}])
    page.get_by_role("button", name="Send the complaint").click()

    expect(page.get_by_text("receipt.pdf is not a PDF, JPEG, PNG or WebP file.")).to_be_visible()
    expect(files).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("please choose your files again")).to_be_visible()
    expect(page.get_by_label("Your name")).to_have_value("Anna Berg")
    expect(page.get_by_label("Order number")).to_have_value("8123456789")
    expect(page.get_by_label("What happened?")).to_have_value(
        "The wireless earbuds I ordered never arrived and the seller is silent."
    )
    expect(page.get_by_label("Redress may forward my complaint")).to_be_checked()

    files.set_input_files([{"name": "receipt.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="Send the complaint").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Complaint C-")
    expect(page.get_by_role("link", name="receipt.pdf")).to_be_visible()


def test_suggestions_fill_only_empty_fields_and_the_consumer_decides(
    live_server: LiveServer, page: Page
) -> None:
    page.goto(live_server.url + "/complaints/new")
    page.get_by_label("Product", exact=True).fill("earphones")  # typed: never replaced
    page.get_by_label("What happened?").fill(
        "Ordered wireless earbuds on AliExpress from the BestDeals Store for $49.99. "
        "They never arrived and nobody answers."
    )
    page.get_by_label("Your name").click()  # leaving the description asks for suggestions
    expect(page.get_by_role("status").filter(has_text="we suggest")).to_be_visible()
    expect(page.get_by_label("Product", exact=True)).to_have_value("earphones")
    seller = page.get_by_label("Seller", exact=True)
    expect(seller).to_have_value("BestDeals Store")
    expect(page.get_by_text("Suggested from your text").first).to_be_visible()
    seller.fill("")  # the consumer does not take it
    expect(seller).not_to_have_class("suggested")
