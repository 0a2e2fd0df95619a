"""What a person sees in a real browser: the home page, language choice, signing in, admin."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def test_visitor_switches_to_chinese_and_back(live_server: LiveServer, page: Page) -> None:
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("cross-border online trade")
    page.get_by_label("Language").select_option("zh")
    page.get_by_role("button", name="Change").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("跨境网购投诉处理")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    page.get_by_label("语言").select_option("en")
    page.get_by_role("button", name="更改").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("cross-border online trade")


def test_keyboard_users_can_skip_to_the_content(live_server: LiveServer, page: Page) -> None:
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_admin_signs_in_and_creates_an_officer(live_server: LiveServer, page: Page) -> None:
    page.goto(live_server.url + "/sign-in")
    page.get_by_label("E-mail address").fill("admin@demo.redress.example")
    page.get_by_label("Password").fill("wrong password!")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Wrong e-mail address or password.")).to_be_visible()
    expect(page.get_by_label("Password")).to_have_attribute("aria-invalid", "true")

    page.get_by_label("Password").fill(live_server.password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Users", exact=True).click()
    expect(page.get_by_role("heading", name="Users")).to_be_visible()

    form = page.locator("form.panel")
    form.get_by_label("Name").fill("Browser Officer")
    form.get_by_label("E-mail address").fill("browser.officer@example.org")
    form.get_by_label("Role").select_option("officer")
    form.get_by_label("Password", exact=True).fill("officer password")
    form.get_by_label("Repeat the password").fill("officer password")
    form.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Account created for browser.officer@example.org.")).to_be_visible()
    expect(page.get_by_role("link", name="browser.officer@example.org")).to_be_visible()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "admin-users.png"), full_page=True)
