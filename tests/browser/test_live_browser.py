"""End-to-end: the live notice in the browser, with the pages served by a real ASGI server.

pytest-django's live server speaks WSGI, which has no WebSockets; this test starts uvicorn on a
loopback port in a thread of the test process (same settings, same test database, the default
in-memory channel layer). Eddy has the canvas open; Olga saves a box on her own page; Eddy's
page says so within a second, politely, without moving his focus, and Olga's own page does not.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import axe_violations
from django.conf import settings
from django.test import Client

from grenzeloos.canvas import services
from grenzeloos.canvas.document import empty_document
from grenzeloos.collaborations import services as collaboration_services
from grenzeloos.collaborations.models import Role
from tests.liveserve import worker_number

pytestmark = pytest.mark.browser

#: The ports this test may serve on (loopback only).
PORTS = range(18700, 18800)


def _free_port() -> int:
    # Each test process (pytest-xdist's gw0, gw1, …) starts looking at its own place in the
    # range, so that two of them do not pick the same port at the same moment.
    start = worker_number() * 17 % len(PORTS)
    for port in [*PORTS[start:], *PORTS[:start]]:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 18700-18799")


@pytest.fixture
def asgi_server(transactional_db: None) -> Iterator[str]:
    """What ``grenzeloos serve`` serves (``grenzeloos.serving``) by uvicorn; yields its URL."""
    uvicorn = pytest.importorskip("uvicorn")
    from grenzeloos.serving import application

    config = uvicorn.Config(
        application,
        host="127.0.0.1",
        port=_free_port(),
        log_level="warning",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    server.should_exit = True
    thread.join(timeout=10)


def _page(browser: Any, url: str, user: Any, language: str, problems: list[str]) -> Any:
    """A page signed in as ``user`` (a session cookie) in ``language``."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale=language, viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(10_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": url},
        ]
    )
    page = context.new_page()
    page.on(
        "console",
        lambda message: problems.append(message.text)
        if "Content Security Policy" in message.text
        else None,
    )
    return page


TEXTS = {
    "nl": {"notice": "olga heeft revisie 2 opgeslagen — tonen", "head": "Laatste revisie: 2"},
    "en": {"notice": "olga saved revision 2 — show", "head": "Latest revision: 2"},
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_save_by_someone_else_shows_a_live_notice(
    browser: Any, asgi_server: str, people: dict[str, Any], language: str
) -> None:
    olga, eddy = people["olga"], people["eddy"]
    collaboration = services.create_collaboration(
        actor=olga, document=empty_document("Live samenwerken")
    )
    collaboration_services.share(
        actor=olga, collaboration=collaboration, username="eddy", role=Role.EDITOR
    )
    url = f"{asgi_server}/c/{collaboration.pk}/"
    problems: list[str] = []
    watcher = _page(browser, asgi_server, eddy, language, problems)
    saver = _page(browser, asgi_server, olga, language, problems)
    for page in (watcher, saver):
        page.goto(url)
        page.locator(".gz-live-notice[data-gz-live-state=open]").wait_for(state="attached")
    notice = watcher.locator(".gz-live-notice")
    assert notice.inner_text() == ""
    # Eddy is somewhere on his page; the notice must not move him.
    watcher.locator("#field-dream a.gz-edit").focus()

    saver.locator("#field-dream a.gz-edit").click()
    saver.locator("#input-dream").fill("Iedereen reist schoon naar het werk.")
    saver.locator("#field-dream button[type=submit]").click()
    saver.locator("#field-dream .gz-saved").wait_for()
    saved_at = time.monotonic()
    watcher.locator(
        ".gz-live-notice a", has_text=TEXTS[language]["notice"].split(" — ")[1]
    ).wait_for(timeout=1000)
    assert time.monotonic() - saved_at < 1.0
    assert notice.inner_text().strip().startswith(TEXTS[language]["notice"])
    assert notice.get_attribute("role") == "status"
    assert notice.get_attribute("aria-live") == "polite"
    focused = watcher.evaluate("document.activeElement.closest('#field-dream') !== null")
    assert focused
    assert axe_violations(watcher) == []
    # Olga saved it herself: she is not told.
    saver.wait_for_timeout(300)
    assert saver.locator(".gz-live-notice").inner_text() == ""

    watcher.locator(".gz-live-notice a").click()
    watcher.locator("#gz-head", has_text=TEXTS[language]["head"]).wait_for()
    assert "Iedereen reist schoon naar het werk." in watcher.locator("#field-dream").inner_text()
    assert watcher.locator(".gz-live-notice").inner_text() == ""
    assert problems == []
    watcher.context.close()
    saver.context.close()
