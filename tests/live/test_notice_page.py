"""The canvas page subscribes to its collaboration's live channel (progressive enhancement):
the empty polite region with the worded notices in the page's language, the script served by
the app, and a Content-Security-Policy that lets the page open its WebSocket and nothing else."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "saved", "show"),
    [
        ("nl", "{actor} heeft revisie {revision} opgeslagen", "tonen"),
        ("en", "{actor} saved revision {revision}", "show"),
    ],
)
def test_the_canvas_page_has_an_empty_polite_notice(client, people, language, saved, show):
    collaboration = people["collaboration"]
    client.force_login(people["viewer"])
    client.cookies["django_language"] = language
    response = client.get(reverse("canvas:detail", args=[collaboration.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    head = collaboration.canvas.head_number
    expected = (
        '<div class="gz-live-notice" role="status" aria-live="polite"\n'
        f'     data-gz-live="/ws/collaborations/{collaboration.pk}/"\n'
        f'     data-gz-live-revision="{head}"\n'
        f'     data-gz-live-show-url="/c/{collaboration.pk}/"\n'
        f'     data-gz-live-canvas-saved="{saved}"'
    )
    assert expected in html
    assert f'data-gz-live-show="{show}"' in html
    assert '<script src="/static/live/live.js" defer></script>' in html


def test_the_script_is_served_by_the_app(client):
    response = client.get("/static/live/live.js")
    assert response.status_code == 200
    assert b"new WebSocket(" in b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("secure", "source"), [(False, "ws://testserver"), (True, "wss://testserver")]
)
def test_the_policy_allows_the_pages_own_websocket(client, people, secure, source):
    client.force_login(people["viewer"])
    response = client.get(
        reverse("canvas:detail", args=[people["collaboration"].pk]), secure=secure
    )
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["connect-src"] == f"'self' {source}"
    assert policy["script-src"] == "'self'"
