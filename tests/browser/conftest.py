"""A real Chromium (Debian's, through Playwright) against the app served on a local port.

The served app has a database of its own that requests commit to, since the server runs in
another thread than the test.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

import core
from core import migrate
from core.db import session
from core.demo import DEMO_PASSWORD, load_demo_data
from tests.conftest import BACKENDS, free_port, make_config, temporary_database
from wsgi import PACKAGES

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class LiveServer:
    url: str
    app: Flask
    password: str = DEMO_PASSWORD


@pytest.fixture(scope="module", params=BACKENDS)
def live_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, smtp_server
) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("live")
    with temporary_database(request.param, folder) as url:
        app: Flask = core.create_app(make_config(url, folder, smtp_server.port), packages=PACKAGES)
        migrate.upgrade(app.extensions["redress.db"].engine)
        with app.app_context():
            load_demo_data()
            session.commit()
        port = free_port()
        server = make_server("127.0.0.1", port, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield LiveServer(url=f"http://127.0.0.1:{port}", app=app)
        finally:
            server.shutdown()
            app.extensions["redress.db"].engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="en-GB")
    opened = context.new_page()
    yield opened
    context.close()
