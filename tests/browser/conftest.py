"""Browser fixtures: Debian's chromium driven by Playwright against pytest-django's live server.

Playwright's sync API runs an asyncio loop in this thread, which makes Django refuse database
calls from "async context"; the tests are synchronous, so we allow them explicitly.
"""

from __future__ import annotations

import contextlib
import os
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _warm_live_server(request: Any) -> None:
    """The first page a fresh live server serves loads templates, translations and the URL
    configuration; on a loaded machine that alone can pass a page's 10 s timeout. One request
    with a generous timeout before a test's first page keeps the tests about the pages."""
    if "live_server" not in request.fixturenames:
        return
    live_server = request.getfixturevalue("live_server")
    with contextlib.suppress(OSError):
        login = live_server.url + "/accounts/login/"  # our own live server, over http
        urllib.request.urlopen(login, timeout=120).read()  # noqa: S310


@pytest.fixture
def people(transactional_db: None) -> dict[str, Any]:
    user_model = get_user_model()
    return {
        name: user_model.objects.create_user(username=name, password=PASSWORD)
        for name in ("olga", "eddy")
    }


@pytest.fixture
def signed_in(browser: Any, live_server: Any) -> Iterator[Any]:
    """Make a browser context signed in as a user (via a session cookie, which is fast)."""
    contexts: list[Any] = []
    csp_violations: list[str] = []

    def make(user: Any, language: str = "nl") -> Any:
        client = Client()
        client.force_login(user)
        context = browser.new_context(locale=language, viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(10_000)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                },
                {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
            ]
        )
        contexts.append(context)
        page = context.new_page()
        # The Content-Security-Policy allows no inline script or style: the browser reports
        # anything the pages would need that it blocks, and that fails the test.
        page.on(
            "console",
            lambda message: csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None,
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert csp_violations == []


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Serious and critical accessibility violations that axe-core finds on the page."""
    # Evaluated through the DevTools protocol: a <script> tag would be refused by the CSP.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async () => (await axe.run(document)).violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)
        }))"""
    )
    return [v for v in violations if v["impact"] in ("serious", "critical")]
