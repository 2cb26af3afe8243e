"""The live channel across two app processes on one Redis (scripts/scale-out.sh): a save
through process A reaches a canvas page served by process B within a second, and a WebSocket
opened through the proxy (nginx) works the same."""

from __future__ import annotations

import asyncio
import base64
import http.client
import json
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.asyncrun import run_coroutine
from tests.liveserve import Browser, grenzeloos

pytestmark = pytest.mark.scaleout

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PASSWORD = "correct-horse-battery-staple"


def _port(url: str) -> int:
    return int(urlsplit(url).port or 80)


def _collaboration(env: dict[str, str], owner: str, watcher: str) -> int:
    """A collaboration of ``owner`` that ``watcher`` may read (accounts made as needed)."""
    for name in (owner, watcher):
        grenzeloos(env, "user", "add", name, "--password-stdin", stdin=PASSWORD + "\n")
    pk = int(
        grenzeloos(
            env, "canvas", "import", str(FIXTURES / "canvas-rich.json"), "--owner", owner
        ).strip()
    )
    grenzeloos(env, "canvas", "share", str(pk), watcher, "--role", "viewer")
    return pk


def _save(port: int, username: str, pk: int, dream: str) -> int:
    """A save through the API of the process on ``port``; the new revision's number."""
    document = json.loads((FIXTURES / "canvas-rich.json").read_text(encoding="utf-8"))
    document["dream"] = dream
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    basic = base64.b64encode(f"{username}:{PASSWORD}".encode()).decode()
    connection.request(
        "PUT",
        f"/api/v1/collaborations/{pk}/canvas",
        body=json.dumps(document),
        headers={
            "Authorization": f"Basic {basic}",
            "Content-Type": "application/json",
            "If-Match": "*",
        },
    )
    response = connection.getresponse()
    answer = json.loads(response.read())
    assert response.status == 200, answer
    return int(answer["revision"])


def test_a_save_on_process_a_reaches_a_browser_connected_to_process_b(scaled_out):
    sync_api = pytest.importorskip("playwright.sync_api")
    from tests.browser.conftest import CHROMIUM_ARGS

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed")
    env = scaled_out["env"]
    a, b = (_port(url) for url in scaled_out["apps"])
    pk = _collaboration(env, "lotte", "wim")
    on_b = Browser(b, source="127.0.0.61")
    assert on_b.sign_in("wim", PASSWORD) == 302
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(locale="nl")
            context.set_default_timeout(20_000)
            context.add_cookies(
                [
                    {"name": name, "value": value, "url": f"http://127.0.0.1:{b}"}
                    for name, value in on_b.cookies.items()
                ]
            )
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{b}/c/{pk}/")
            page.locator(".gz-live-notice[data-gz-live-state=open]").wait_for(state="attached")
            revision = _save(a, "lotte", pk, "Opgeslagen via proces A.")
            saved = time.monotonic()
            page.locator(".gz-live-notice a", has_text="tonen").wait_for(timeout=1000)
            assert time.monotonic() - saved < 1.0
            assert (
                page.locator(".gz-live-notice")
                .inner_text()
                .startswith(f"lotte heeft revisie {revision} opgeslagen — tonen")
            )
        finally:
            browser.close()


def test_the_live_channel_works_through_the_proxy(scaled_out):
    import websockets

    env = scaled_out["env"]
    proxy = _port(scaled_out["proxy"])
    a = _port(scaled_out["apps"][0])
    pk = _collaboration(env, "kees", "fien")
    through_proxy = Browser(proxy, source="127.0.0.62")
    assert through_proxy.sign_in("fien", PASSWORD) == 302
    cookie = "; ".join(f"{k}={v}" for k, v in through_proxy.cookies.items())

    async def scenario() -> dict[str, object]:
        async with websockets.connect(
            f"ws://127.0.0.1:{proxy}/ws/collaborations/{pk}/",
            origin=f"http://127.0.0.1:{proxy}",  # type: ignore[arg-type]
            additional_headers={"Cookie": cookie},
        ) as socket_:
            revision = await asyncio.to_thread(_save, a, "kees", pk, "Via de proxy.")
            message = json.loads(await asyncio.wait_for(socket_.recv(), timeout=5))
            return {"revision": revision, "message": message}

    result = run_coroutine(scenario())
    assert result["message"]["revision"] == result["revision"]
    assert result["message"]["actor"] == "kees"
