"""An officer's and a supervisor's day in a real browser, in English and Chinese, on a desktop
and a phone: claim the next case and read it, ask a consumer a question, accept a complaint and
forward it to the seller, merge a duplicate into a case found by its reference and undo that,
assign cases in bulk; then a supervisor finds a late case under "Escalated" and opens the
dashboard. No page may be wider than the screen.

The complaints are filed through the filing service (the consumers' part, not this journey's),
and time moves the way the scheduler moves it: the escalation sweep runs at a later moment.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from casework.services.escalation import escalate_due_cases
from complaints.models import Resolution
from complaints.services.filing import NewComplaint, file_complaint
from core import clock
from core.db import session
from core.transaction import unit_of_work
from tests.browser.conftest import LiveServer

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "officer-journey"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
OFFICER = "officer@demo.redress.example"
SUPERVISOR = "supervisor@demo.redress.example"
# What the pages say, in each language: the journey checks the words a user reads.
WORDS = {
    "en": {
        "queues": "Case queues",
        "yours": "is now yours",
        "asked": "Waiting for the consumer",
        "forwarded": "Waiting for the seller",
        "merged": "was merged into",
        "unmerged": "is no longer merged into",
        "unknown": "There is no case C-0000-000000 that you work on.",
        "assigned": "Omar Officer",
        "dashboard": "Dashboard",
    },
    "zh": {
        "queues": "案件队列",
        "yours": "现由您承办",
        "asked": "等待消费者答复",
        "forwarded": "等待商家答复",
        "merged": "已并入",
        "unmerged": "已不再合并于",
        "unknown": "您负责的案件中没有 C-0000-000000。",
        "assigned": "Omar Officer",
        "dashboard": "仪表板",
    },
}
# The innermost elements that reach past the right edge, to say what widened the page.
WIDER = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !e.firstElementChild)
  .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 30))"""


class Journey:
    """The browser page of one run, with a screenshot and a width check at every step."""

    def __init__(self, page: Page, server: LiveServer, name: str, width: int) -> None:
        self.page, self.server, self.name, self.width = page, server, name, width
        self.steps = 0

    def go(self, path: str) -> None:
        self.page.goto(self.server.url + path)

    def look(self, step: str) -> None:
        """Screenshot the page and fail when it is wider than the screen."""
        self.steps += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"{self.name}-{self.steps:02d}-{step}.png"
        self.page.screenshot(path=str(shot), full_page=True)
        scroll_width = int(self.page.evaluate("document.documentElement.scrollWidth"))
        assert scroll_width <= self.width, (
            f"{step}: the page is {scroll_width}px wide: {self.page.evaluate(WIDER)}"
        )

    def submit(self, action: str) -> None:
        """Press the button of the form that posts to a path ending in `action`."""
        self.page.locator(f"form[action*='{action}'] button[type=submit]").first.click()

    def open_case(self, reference: str) -> None:
        """Find a case by its reference in the search box and open it."""
        self.go("/officer/cases")
        self.page.locator("#q").fill(reference)
        self.page.locator("form[role=search] button[type=submit]").click()
        self.page.get_by_role("link", name=reference, exact=True).click()
        expect(self.page.get_by_role("heading", level=1)).to_contain_text(reference)

    def sign_in(self, email: str) -> None:
        self.go("/sign-in")
        self.page.locator("input[name=email]").fill(email)
        self.page.locator("input[name=password]").fill(self.server.password)
        self.page.locator("main form button[type=submit]").click()

    def sign_out(self) -> None:
        self.page.locator("form[action$='/sign-out'] button").click()


def _file(server: LiveServer, label: str, count: int) -> list[str]:
    """File `count` complaints (as consumers would have) and return their references."""
    references = []
    with server.app.app_context(), unit_of_work():
        for n in range(count):
            complaint, _secret = file_complaint(
                NewComplaint(
                    consumer_name=f"Journey Consumer {label} {n}",
                    consumer_email=f"journey.{label}.{n}@example.org",
                    consumer_country="DE",
                    platform="AliExpress",
                    seller_name=f"Journey Gadgets {label}",  # a new seller: no address yet
                    product="desk lamp",
                    description="The desk lamp I ordered arrived broken and the seller does not "
                    "answer my messages about a refund.",
                    desired_resolution=Resolution.REFUND,
                    consent_forward_to_seller=True,
                    language="en",
                )
            )
            references.append(complaint.reference)
    return references


def _file_long_ago_and_sweep(server: LiveServer, label: str) -> str:
    """A complaint filed 60 days ago that nobody took, then the escalation sweep as scheduled."""
    with clock.frozen_at(clock.now() - timedelta(days=60)):
        (reference,) = _file(server, f"{label}-late", 1)
    with server.app.app_context():
        escalate_due_cases(clock.now())
        session.commit()
    return reference


@pytest.fixture(params=[("en", DESKTOP), ("en", PHONE), ("zh", DESKTOP), ("zh", PHONE)])
def journey(
    request: pytest.FixtureRequest, live_server: LiveServer, browser: Browser
) -> Iterator[Journey]:
    language, viewport = request.param
    # Eight sign-ins from one address in two minutes: more than a person makes (5 a minute).
    live_server.app.config["LOGIN_RATE_LIMIT"] = "60 per minute"
    context = browser.new_context(locale="en-GB", viewport=viewport)
    name = f"{language}-{viewport['width']}"
    yield Journey(context.new_page(), live_server, name, viewport["width"])
    context.close()


def _switch_language(journey: Journey, language: str) -> None:
    journey.go("/")
    journey.page.locator("#language-choice").select_option(language)
    journey.page.locator("form[action$='/language'] button").click()
    expect(journey.page.locator("html")).to_have_attribute(
        "lang", "zh-Hans" if language == "zh" else "en"
    )


def test_an_officer_and_a_supervisor_work_their_day(journey: Journey) -> None:
    language = journey.name.split("-")[0]
    words = WORDS[language]
    page = journey.page
    asked, accepted, survivor, duplicate, first, second = _file(journey.server, journey.name, 6)

    _switch_language(journey, language)
    journey.sign_in(OFFICER)
    journey.look("home")
    page.locator("a[href$='/officer/cases']").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["queues"])
    journey.look("queues")

    # The most urgent unassigned case becomes the officer's, and they read it.
    journey.submit("/cases/next")
    expect(page.locator(".flashes")).to_contain_text(words["yours"])
    expect(page.locator(".case-text")).to_be_visible()
    journey.look("claimed")

    # A question to the consumer puts the case in their hands.
    journey.open_case(asked)
    page.locator("form[action$='/ask'] textarea[name=question]").fill(
        "Could you send a photo of the broken lamp?"
    )
    journey.submit("/ask")
    expect(page.locator("dl.panel")).to_contain_text(words["asked"])
    journey.look("asked")

    # Accepted, then forwarded to the seller's address.
    journey.open_case(accepted)
    journey.submit("/accept")
    forward = page.locator("form[action$='/forward']")
    forward.locator("input[name=email]").fill(f"service@{journey.name}.journey.example")
    journey.submit("/forward")
    expect(page.locator("dl.panel")).to_contain_text(words["forwarded"])
    journey.look("forwarded")

    # A merge into a reference that does not exist is refused and says why.
    journey.open_case(duplicate)
    merge = page.locator("form[action$='/merge']")
    merge.locator("input[name=survivor]").fill("C-0000-000000")
    journey.submit("/merge")
    expect(page.get_by_role("alert")).to_have_text(words["unknown"])
    journey.look("merge-refused")

    # The duplicate merged into the case found by reference, then the merge undone.
    journey.open_case(duplicate)
    merge.locator("input[name=survivor]").fill(survivor)
    journey.submit("/merge")
    expect(page.get_by_role("heading", level=1)).to_contain_text(survivor)
    expect(page.locator(".flashes")).to_contain_text(words["merged"])
    journey.look("merged")
    journey.open_case(duplicate)
    journey.submit("/unmerge")
    expect(page.locator(".flashes")).to_contain_text(words["unmerged"])
    expect(page.locator("form[action$='/merge']")).to_be_visible()  # open again
    journey.look("unmerged")

    # Two cases taken at once from the unassigned list.
    journey.go("/officer/cases?view=unassigned&sort=filed")
    for reference in (first, second):
        page.locator("tr", has=page.get_by_role("link", name=reference, exact=True)).locator(
            "input[type=checkbox]"
        ).check()
    page.locator("select[name=action]").select_option("assign")
    journey.look("bulk-chosen")
    journey.submit("/cases/bulk")
    for reference in (first, second):
        expect(page.locator("main")).to_contain_text(reference)
    journey.look("bulk-done")
    journey.go("/officer/cases?view=mine&sort=filed")
    for reference in (first, second):
        row = page.locator("tr", has=page.get_by_role("link", name=reference, exact=True))
        expect(row).to_contain_text(words["assigned"])
    journey.look("mine")
    journey.sign_out()

    # A case left alone for 60 days is found by the supervisor under "Escalated".
    late = _file_long_ago_and_sweep(journey.server, journey.name)
    journey.sign_in(SUPERVISOR)
    journey.look("supervisor-home")
    page.locator("a[href$='/officer/cases']").first.click()
    page.locator("a[href*='view=escalated']").click()
    expect(page.get_by_role("link", name=late, exact=True)).to_be_visible()
    journey.look("escalated")
    journey.go("/")
    page.locator("a[href$='/insight/']").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["dashboard"])
    journey.look("dashboard")
