"""A seller-first complaint settled by the seller, in a real browser, in English and Chinese, on a
desktop and a phone: the consumer files against a registered seller and asks to let it settle
first (a refused amount on the way), the seller gets its secret link by mail and proposes a
refund (a refused amount on the way), the consumer accepts on the tracking page from the mail,
and rates it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import LiveServer
from tests.browser.journey import (
    SELLER_LINK,
    SELLER_RUNS,
    TRACKING_LINK,
    Journey,
    mail_count,
    mailed_link,
    run_id,
)

# A demo seller with a contact on a registered platform, named as a consumer of each language
# would name it (core demo data: sellers.demo).
SHOPS = {
    "en": ("AliExpress", "Brightline Audio Official Store", "seller1@demo.redress.example"),
    "zh": ("淘宝", "杭州优品贸易有限公司", "seller5@demo.redress.example"),
}


@pytest.mark.parametrize(("language", "size"), SELLER_RUNS, ids=map(run_id, SELLER_RUNS))
def test_a_seller_settles_a_complaint_sent_to_it_first(
    live_server: LiveServer, browser: Browser, language: str, size: dict[str, int]
) -> None:
    journey = Journey("seller-journey", live_server, browser, language, size)
    platform, shop, shop_email = SHOPS[language]
    email = f"li.{language}{size['width']}@example.org"
    consumer, seller = journey.person(), journey.person()
    since = mail_count()
    try:
        journey.open(consumer, "/complaints/new")
        journey.speak(consumer)
        consumer.locator("#name").fill("Li Wei")
        consumer.locator("#email").fill(email)
        consumer.locator("#country").select_option("CN")
        consumer.locator("#platform").fill(platform)
        consumer.locator("#seller_name").fill(shop)
        consumer.locator("#product").fill("蓝牙耳机" if language == "zh" else "headphones")
        consumer.locator("#amount").fill("0")
        consumer.locator("#currency").select_option("CNY")
        consumer.locator("#description").fill(
            "收到的耳机左耳没有声音，联系客服三天没有回复。"
            if language == "zh"
            else "The left earpiece of the headphones is silent and support has not answered."
        )
        consumer.locator("#seller_first").check()
        consumer.locator("#consent_forward_to_seller").check()
        consumer.locator("#complaint-form button[type=submit]").click()
        journey.refused(consumer, "form-refused-amount", "#amount")
        expect(consumer.locator("#seller_first")).to_be_checked()
        consumer.locator("#amount").fill("299")
        consumer.locator("#complaint-form button[type=submit]").click()
        expect(consumer.locator("h1")).to_contain_text("C-")
        journey.look(consumer, "filed")

        # The seller's link came by mail; an amount that is no amount is refused.
        journey.open(seller, mailed_link(live_server, shop_email, SELLER_LINK, since))
        journey.speak(seller)
        journey.look(seller, "seller-case")
        proposal = seller.locator("form[action$='/proposal']")
        proposal.locator("select[name=kind]").select_option("replacement")
        proposal.locator("input[name=amount]").fill("many")
        proposal.locator("textarea[name=text]").fill("A new pair, sent within 3 days.")
        proposal.locator("button[type=submit]").click()
        journey.refused(seller, "seller-refused", "form[action$='/proposal'] input[name=amount]")
        expect(proposal.locator("textarea[name=text]")).to_have_value(
            "A new pair, sent within 3 days."
        )
        expect(seller.locator("form[action$='/dispute'] textarea")).to_have_value("")
        proposal.locator("input[name=amount]").fill("")
        proposal.locator("button[type=submit]").click()
        expect(seller.locator(".flash.success")).to_be_visible()
        journey.look(seller, "seller-proposed")

        # The consumer follows the mailed link, accepts, and rates.
        journey.open(consumer, mailed_link(live_server, email, TRACKING_LINK, since))
        expect(consumer.get_by_text("A new pair, sent within 3 days.").first).to_be_visible()
        journey.look(consumer, "settlement")
        consumer.locator("form[action$='/settlement/accept'] button[type=submit]").click()
        consumer.locator("#rating").select_option("4")
        consumer.locator("form[action$='/feedback'] button[type=submit]").click()
        expect(consumer.locator("form[action$='/feedback']")).to_have_count(0)
        journey.look(consumer, "rated")
        seller.reload()
        expect(seller.locator("form[action$='/proposal']")).to_have_count(0)
        journey.look(seller, "seller-settled")
    finally:
        journey.close()
