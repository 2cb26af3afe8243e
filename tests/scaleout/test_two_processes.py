"""Two app processes on one PostgreSQL and one Redis behind nginx (scripts/scale-out.sh)."""

from __future__ import annotations

import base64
import http.client
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.liveserve import Browser, audit_events, grenzeloos

pytestmark = pytest.mark.scaleout

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PASSWORD = "correct-horse-battery-staple"


def _port(url: str) -> int:
    return int(urlsplit(url).port or 80)


def _add_user(env: dict[str, str], name: str) -> None:
    grenzeloos(env, "user", "add", name, "--password-stdin", stdin=PASSWORD + "\n")


def _put_canvas(port: int, username: str, pk: int, base: int, document: dict[str, Any]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    basic = base64.b64encode(f"{username}:{PASSWORD}".encode()).decode()
    connection.request(
        "PUT",
        f"/api/v1/collaborations/{pk}/canvas?base_revision={base}",
        body=json.dumps(document),
        headers={"Authorization": f"Basic {basic}", "Content-Type": "application/json"},
    )
    response = connection.getresponse()
    response.read()
    return response.status


def test_a_save_through_one_process_shows_at_once_on_a_page_the_other_serves(scaled_out):
    import redis

    env = scaled_out["env"]
    a, b = (_port(url) for url in scaled_out["apps"])
    _add_user(env, "anna")
    pk = int(
        grenzeloos(
            env, "canvas", "import", str(FIXTURES / "canvas-rich.json"), "--owner", "anna"
        ).strip()
    )
    on_b = Browser(b, source="127.0.0.51")
    assert on_b.sign_in("anna", PASSWORD) == 302
    for _ in range(2):  # the second answer comes from the shared cache
        response, page = on_b.request("GET", f"/c/{pk}/")
        assert response.status == 200
        assert "Gewijzigde droom" not in page
    # The rendered page is kept in Redis, where every process sees it.
    assert redis.Redis.from_url(env["REDIS_URL"]).keys("grenzeloos:*")

    document = json.loads((FIXTURES / "canvas-rich.json").read_text(encoding="utf-8"))
    document["dream"] = "Gewijzigde droom, opgeslagen via proces A."
    assert _put_canvas(a, "anna", pk, 1, document) == 200

    response, page = on_b.request("GET", f"/c/{pk}/")
    assert response.status == 200
    assert "Gewijzigde droom, opgeslagen via proces A." in page


def test_ten_failed_sign_ins_spread_over_both_processes_lock_the_account(scaled_out):
    env = scaled_out["env"]
    ports = [_port(url) for url in scaled_out["apps"]]
    _add_user(env, "bert")
    # Each guess from one address alternately at each process: only the count of the account
    # from that address, shared in Redis, can reach ten.
    statuses = [
        Browser(ports[attempt % 2], source="127.0.1.1").sign_in("bert", "wrong")
        for attempt in range(10)
    ]
    assert statuses == [200] * 9 + [429]
    # Locked from that address on both processes and through the proxy, even with the right
    # password; from another address the account is not locked.
    for port in ports:
        assert Browser(port, source="127.0.1.1").sign_in("bert", PASSWORD) == 429
    assert Browser(ports[0], source="127.0.1.50").sign_in("bert", PASSWORD) == 302
    locks = [e for e in audit_events(env, "account.locked_out") if e["username"] == "bert"]
    assert [lock["locked"] for lock in locks] == [["account"]]

    grenzeloos(env, "user", "unlock", "bert")
    assert Browser(ports[1], source="127.0.1.1").sign_in("bert", PASSWORD) == 302


def test_an_address_locked_at_one_process_is_locked_at_the_other_and_unlocks(scaled_out):
    env = scaled_out["env"]
    limit = int(env["GRENZELOOS_LOCKOUT_ADDRESS_LIMIT"])
    a, b = (_port(url) for url in scaled_out["apps"])
    # Two guesses per name (below each account's limit and its delay), alternating processes.
    for attempt in range(limit - 1):
        port = a if attempt % 2 else b
        assert Browser(port, source="127.0.2.1").sign_in(f"guess-{attempt // 2}", "x") == 200
    assert Browser(a, source="127.0.2.1").sign_in("guess-last", "x") == 429
    assert Browser(b, source="127.0.2.1").sign_in("anyone", "x") == 429
    grenzeloos(env, "user", "unlock", "--address", "127.0.2.1")
    assert Browser(b, source="127.0.2.1").sign_in("anyone", "x") == 200


def test_the_browser_smoke_test_passes_through_the_proxy(scaled_out):
    sync_api = pytest.importorskip("playwright.sync_api")
    from tests.browser.conftest import CHROMIUM_ARGS

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed")
    base = scaled_out["https"]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(locale="en", ignore_https_errors=True)
            context.set_default_timeout(20_000)
            page = context.new_page()
            problems: list[str] = []
            page.on(
                "console",
                lambda message: problems.append(message.text) if message.type == "error" else None,
            )
            page.on(
                "response",
                lambda response: problems.append(f"{response.status} {response.url}")
                if response.status >= 400
                else None,
            )
            page.goto(f"{base}/accounts/login/")
            page.fill("#id_username", "demo")
            page.fill("#id_password", "grenzeloos-demo")
            with page.expect_navigation():
                page.press("#id_password", "Enter")
            assert "/accounts/login/" not in page.url
            page.locator('a[href^="/c/"]').first.click()
            page.wait_for_load_state()
            assert page.locator("h1").first.is_visible()
            # The styles came through the proxy (whitenoise under ASGI).
            assert page.evaluate(
                "[...document.styleSheets].some(s => s.href && s.href.includes('/static/'))"
            )
            assert problems == []
        finally:
            browser.close()
