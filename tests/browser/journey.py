"""Shared by the browser journeys: the four (language, screen) runs, a look at every page
(no horizontal overflow, a screenshot), the language switch, sign-in, and links read from mail."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect

from core import clock
from core.mail import deliver_mail_job
from tests.browser.conftest import LiveServer
from tests.conftest import DELIVERED

RESULTS = Path(__file__).resolve().parents[2] / "test-results"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# Each journey runs in both languages and at both widths; the two journeys share the four
# (language, width) pairs between them, which keeps a backend's browser runs near a minute.
CONSUMER_RUNS = [("en", DESKTOP), ("zh", PHONE)]
SELLER_RUNS = [("zh", DESKTOP), ("en", PHONE)]


def run_id(run: tuple[str, dict[str, int]]) -> str:
    return f"{run[0]}-{run[1]['width']}"


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64
# Mail links name the configured site; the journey follows their path on the served app.
TRACKING_LINK = re.compile(r"/complaints/C-[\w-]+\?token=[\w\-]+")
SELLER_LINK = re.compile(r"/complaints/seller/rds_[\w\-]+")
DUPLICATE_IDS = """() => {
  const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
  return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}"""


def upload(name: str, content: bytes, kind: str = "application/pdf") -> dict[str, object]:
    return {"name": name, "mimeType": kind, "buffer": content}


@dataclass
class Journey:
    """One run of a journey: its language, its screen, and the people in it, each in a browser
    context of their own."""

    name: str
    server: LiveServer
    browser: Browser
    language: str
    size: dict[str, int]
    contexts: list[BrowserContext] = field(default_factory=list)
    shots: int = 0

    @property
    def folder(self) -> Path:
        return RESULTS / self.name

    def person(self) -> Page:
        context = self.browser.new_context(
            locale="en-GB", viewport=self.size, timezone_id="Asia/Shanghai"
        )
        self.contexts.append(context)
        return context.new_page()

    def close(self) -> None:
        for context in self.contexts:
            context.close()

    def open(self, page: Page, url: str) -> None:
        page.goto(url if url.startswith("http") else self.server.url + url)

    def speak(self, page: Page) -> None:
        """Choose the run's language with the selector every page has, as a person does."""
        if self.language == "en":
            return
        page.locator("#language-choice").select_option(self.language)
        page.locator("#language-choice ~ button").click()
        expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")

    def look(self, page: Page, step: str, own: bool = True) -> None:
        """The page as its person sees it: never wider than the screen; kept as a screenshot."""
        page.wait_for_load_state()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.shots += 1
        width = self.size["width"]
        page.screenshot(
            path=str(self.folder / f"{self.language}-{width}-{self.shots:02d}-{step}.png"),
            full_page=True,
        )
        scroll = int(page.evaluate("document.documentElement.scrollWidth"))
        assert scroll <= width, f"{step}: the page is {scroll} px wide on a {width} px screen"
        if self.language == "zh":
            expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
        if own:  # a label must name one field: no id twice on the pages of complaints
            twice = page.evaluate(DUPLICATE_IDS)
            assert not twice, f"{step}: ids used more than once: {twice}"

    def refused(self, page: Page, step: str, invalid: str | None = None) -> None:
        """After a refused form: the summary of what went wrong is announced, and the field
        it is about is marked."""
        expect(page.get_by_role("alert").first).to_be_visible()
        if invalid is not None:
            expect(page.locator(invalid)).to_have_attribute("aria-invalid", "true")
        self.look(page, step)

    def sign_in(self, page: Page, email: str) -> None:
        self.open(page, "/sign-in")
        self.speak(page)
        page.locator("input[name=email]").fill(email)
        page.locator("input[name=password]").fill(self.server.password)
        page.locator("main form button[type=submit]").click()
        expect(page.locator("input[name=password]")).to_have_count(0)

    def officer_opens(self, page: Page, reference: str) -> None:
        """The officer searches for the complaint's reference and opens its case page."""
        self.open(page, f"/officer/cases?q={reference}")
        page.locator("main").get_by_role("link", name=reference).first.click()
        expect(page.locator("#complaint-steps")).to_be_visible()


def mail_count() -> int:
    """How many messages arrived so far: a journey reads only the mail that came after."""
    return len(DELIVERED.messages)


def mailed_link(server: LiveServer, address: str, pattern: re.Pattern[str], after: int) -> str:
    """The path of the newest link matching `pattern` in the mail sent to `address` since
    message number `after` (the same addresses come back on the next backend). Mail
    leaves after the response; what has not arrived after a moment is sent by the delivery
    job, as the scheduler would."""
    for attempt in range(100):
        for message in reversed(DELIVERED.messages[after:]):
            if message["To"] == address:
                found = pattern.search(message.get_content())
                if found:
                    return found.group(0)
        if attempt == 30:
            with server.app.app_context():
                deliver_mail_job(clock.now())
        time.sleep(0.1)
    raise AssertionError(f"no link was mailed to {address}")
