"""A consumer's whole complaint in a real browser, in English and Chinese, on a desktop and a
phone: filing with a refused file and then evidence, the tracking link from the mail, an officer's
question answered with a file, forwarding to a seller the officer names, the seller's answer
through its secret link with a file, mediation, the seller's settlement accepted, and a rating."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import LiveServer
from tests.browser.journey import (
    CONSUMER_RUNS,
    ELF,
    PDF,
    PNG,
    SELLER_LINK,
    TRACKING_LINK,
    Journey,
    mail_count,
    mailed_link,
    run_id,
    upload,
)

# The demo officers (core.demo), one of each language.
OFFICERS = {"en": "officer@demo.redress.example", "zh": "officer2@demo.redress.example"}
QUESTION = "When did you order, and when was it due?"


def _file(journey: Journey, consumer: Page, email: str, shop: str) -> str:
    """File through the form: first with a file the form refuses, then with good evidence; the
    reference of the complaint."""
    journey.open(consumer, "/")
    journey.speak(consumer)
    journey.look(consumer, "home")
    journey.open(consumer, "/complaints/new")
    journey.look(consumer, "form")
    consumer.locator("#name").fill("Anna Berg")
    consumer.locator("#email").fill(email)
    consumer.locator("#country").select_option("DE")
    consumer.locator("#platform").fill("AliExpress")
    consumer.locator("#seller_name").fill(shop)
    consumer.locator("#product").fill("wireless earbuds")
    consumer.locator("#amount").fill("49.99")
    consumer.locator("#currency").select_option("EUR")
    # Bought 4 years ago: filed, but the form asks when the problem appeared.
    consumer.locator("#purchase_date").fill(f"{date.today().year - 4}-03-02")
    expect(consumer.locator("#old-purchase")).to_be_visible()
    consumer.locator("#description").fill(
        "The wireless earbuds I ordered never arrived and the seller does not answer."
    )
    consumer.locator("#consent_forward_to_seller").check()
    consumer.locator("#evidence").set_input_files([upload("receipt.pdf", ELF)])
    consumer.locator("#complaint-form button[type=submit]").click()
    journey.refused(consumer, "form-refused-file", "#evidence")
    expect(consumer.locator("#name")).to_have_value("Anna Berg")

    consumer.locator("#evidence").set_input_files([upload("receipt.pdf", PDF)])
    consumer.locator("#complaint-form button[type=submit]").click()
    expect(consumer.get_by_role("link", name="receipt.pdf")).to_be_visible()
    journey.look(consumer, "filed")
    return str(consumer.locator("h1").inner_text()).split()[-1].strip()


@pytest.mark.parametrize(("language", "size"), CONSUMER_RUNS, ids=map(run_id, CONSUMER_RUNS))
def test_a_consumer_follows_a_complaint_to_a_rated_settlement(
    live_server: LiveServer, browser: Browser, language: str, size: dict[str, int]
) -> None:
    journey = Journey("consumer-journey", live_server, browser, language, size)
    run = f"{language}{size['width']}"
    email, shop = f"anna.{run}@example.org", f"Sunrise Gadgets {run}"
    seller_email = f"sales.{run}@sunrise.example"
    consumer, officer, seller = journey.person(), journey.person(), journey.person()
    since = mail_count()
    try:
        reference = _file(journey, consumer, email, shop)
        assert reference.startswith("C-")

        # The tracking link, as the filing mail gives it.
        tracking = mailed_link(live_server, email, TRACKING_LINK, since)
        assert reference in tracking
        journey.open(consumer, tracking)
        journey.look(consumer, "tracking")

        # An officer asks; the consumer answers on the tracking page, with a file.
        journey.sign_in(officer, OFFICERS[language])
        journey.officer_opens(officer, reference)
        journey.look(officer, "officer-case", own=False)
        officer.locator("form[action$='/ask'] textarea").fill(QUESTION)
        officer.locator("form[action$='/ask'] button[type=submit]").click()
        journey.look(officer, "officer-asked", own=False)

        journey.open(consumer, tracking)
        expect(consumer.get_by_text(QUESTION).first).to_be_visible()
        consumer.locator("#answer").fill("Ordered on 2 March, due by 20 March.")
        consumer.locator("#answer_files").set_input_files(
            [upload("tracking.png", PNG, "image/png")]
        )
        consumer.locator("form[action$='/answer'] button[type=submit]").click()
        expect(consumer.locator("form[action$='/answer']")).to_have_count(0)
        expect(consumer.get_by_text("tracking.png").first).to_be_visible()
        journey.look(consumer, "answered")

        # The officer accepts and forwards to the seller at the address the officer found.
        officer.reload()
        officer.locator("form[action$='/accept'] button[type=submit]").click()
        officer.locator("form[action$='/forward'] input[name=email]").fill(seller_email)
        officer.locator("form[action$='/forward'] button[type=submit]").click()
        expect(officer.locator("form[action$='/forward']")).to_have_count(0)
        journey.look(officer, "officer-forwarded", own=False)

        # The seller answers through its secret link; an empty answer is refused first.
        journey.open(seller, mailed_link(live_server, seller_email, SELLER_LINK, since))
        journey.speak(seller)
        journey.look(seller, "seller-case")
        expect(seller.get_by_role("link", name="receipt.pdf")).to_be_visible()
        seller.locator("form[action$='/answer'] button[type=submit]").click()
        journey.refused(seller, "seller-refused", "form[action$='/answer'] textarea")
        seller.locator("form[action$='/answer'] textarea").fill("We shipped it on 5 March.")
        seller.locator("form[action$='/answer'] input[type=file]").set_input_files(
            [upload("shipping.png", PNG, "image/png")]
        )
        seller.locator("form[action$='/answer'] button[type=submit]").click()
        expect(seller.locator("form[action$='/answer']")).to_have_count(0)
        expect(seller.get_by_role("link", name="shipping.png")).to_be_visible()
        journey.look(seller, "seller-answered")

        # Mediation: the officer writes to both; the seller proposes a refund.
        officer.reload()
        officer.locator("#mediation-message").fill("Would a refund settle this?")
        officer.locator("form[action$='/mediate'] button[type=submit]").click()
        journey.look(officer, "officer-mediates", own=False)
        seller.reload()
        proposal = seller.locator("form[action$='/proposal']")
        proposal.locator("select[name=kind]").select_option("refund")
        proposal.locator("input[name=amount]").fill("49.99")
        proposal.locator("input[name=currency]").fill("EUR")
        proposal.locator("textarea[name=text]").fill("Full refund within 5 days.")
        proposal.locator("button[type=submit]").click()
        expect(seller.locator(".flash.success")).to_be_visible()
        expect(seller.locator("main")).to_contain_text("49.99 EUR")
        journey.look(seller, "seller-proposed")

        # The consumer accepts the settlement and rates how it went.
        journey.open(consumer, tracking)
        expect(consumer.get_by_text("Full refund within 5 days.").first).to_be_visible()
        expect(consumer.get_by_role("link", name="shipping.png")).to_be_visible()
        journey.look(consumer, "settlement")
        consumer.locator("form[action$='/settlement/accept'] button[type=submit]").click()
        consumer.locator("#rating").select_option("5")
        consumer.locator("#comment").fill("Quick and fair.")
        consumer.locator("form[action$='/feedback'] button[type=submit]").click()
        expect(consumer.locator("form[action$='/feedback']")).to_have_count(0)
        expect(consumer.locator("main")).to_contain_text("5")
        journey.look(consumer, "rated")
    finally:
        journey.close()
