"""HTTP requests under ASGI keep their sync code on threads lent from a pool
(:mod:`grenzeloos.request_threads`): one thread per request at a time, the same thread (and
database connection) for the next request instead of a new one each time."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.testing import HttpCommunicator
from django.core.signals import request_started
from django.db.backends.signals import connection_created

from grenzeloos.asgi import application, django_application
from grenzeloos.request_threads import ReusedThreads, SyncMiddlewareASGIHandler
from tests.asyncrun import run_coroutine

#: How long a request may take on a loaded machine; a passing test waits only as long as it takes.
WAIT = 10


def _scope(path: str = "/") -> dict[str, Any]:
    return {"type": "http", "method": "GET", "path": path, "headers": []}


async def _call(app: Any, path: str = "/") -> None:
    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        pass

    await app(_scope(path), receive, send)


@pytest.mark.django_db(transaction=True)
def test_sequential_requests_share_one_thread_and_one_database_connection():
    threads: list[int] = []
    connections: list[int] = []

    def started(**kwargs: Any) -> None:
        threads.append(threading.get_ident())

    def connected(**kwargs: Any) -> None:
        connections.append(threading.get_ident())

    pool = ReusedThreads(SyncMiddlewareASGIHandler())

    async def three_health_checks() -> list[int]:
        statuses = []
        for _ in range(3):
            health = HttpCommunicator(pool, "GET", "/healthz", headers=[(b"host", b"testserver")])
            response = await health.get_response(timeout=WAIT)
            await health.wait(WAIT)  # the request has ended (Django closes it after the body)
            statuses.append(response["status"])
        return statuses

    request_started.connect(started)
    connection_created.connect(connected)
    try:
        assert run_coroutine(three_health_checks()) == [200, 200, 200]
        assert pool.idle == 1
    finally:
        request_started.disconnect(started)
        connection_created.disconnect(connected)
        pool.close()
    assert pool.idle == 0
    assert len(threads) == 3
    assert len(set(threads)) == 1
    assert threads[0] != threading.get_ident()
    # One connection opened, by that thread, kept for the next requests (CONN_MAX_AGE).
    assert connections == threads[:1]


def test_requests_at_the_same_time_never_share_a_thread():
    both_in = threading.Barrier(2, timeout=5)
    seen: list[int] = []

    def meet() -> None:
        seen.append(threading.get_ident())
        both_in.wait()  # a shared thread would run one call after the other: broken barrier

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await sync_to_async(meet)()

    pool = ReusedThreads(app)

    async def two_at_once() -> None:
        await asyncio.gather(_call(pool), _call(pool))

    run_coroutine(two_at_once())
    assert len(set(seen)) == 2
    assert pool.idle == 2


def test_a_request_that_failed_does_not_lend_its_thread_again():
    seen: list[int] = []

    def note() -> None:
        seen.append(threading.get_ident())

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await sync_to_async(note)()
        if scope["path"] == "/fails":
            raise RuntimeError("the view failed")

    pool = ReusedThreads(app)

    async def run() -> None:
        await _call(pool, "/")
        await _call(pool, "/")
        with pytest.raises(RuntimeError):
            await _call(pool, "/fails")
        await _call(pool, "/")

    run_coroutine(run())
    assert seen[0] == seen[1] == seen[2]
    assert seen[3] != seen[2]


def test_at_most_keep_idle_threads_are_kept():
    gate = threading.Event()

    def wait() -> None:
        gate.wait(5)

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await sync_to_async(wait)()

    pool = ReusedThreads(app, keep=2)

    async def five_at_once() -> None:
        calls = asyncio.gather(*(_call(pool) for _ in range(5)))
        await asyncio.sleep(0.2)
        gate.set()
        await calls

    run_coroutine(five_at_once())
    assert pool.idle == 2


def test_websockets_and_other_scopes_pass_through_untouched():
    scopes: list[str] = []

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        scopes.append(scope["type"])

    run_coroutine(ReusedThreads(app)({"type": "websocket"}, None, None))
    assert scopes == ["websocket"]


def test_served_http_goes_through_the_pool_to_one_synchronous_call():
    http = application.application_mapping["http"]
    assert isinstance(http, ReusedThreads)
    assert http.app is django_application
    assert isinstance(django_application, SyncMiddlewareASGIHandler)
    # Built in sync mode: no coroutine anywhere between the first middleware and the view.
    assert not asyncio.iscoroutinefunction(django_application._middleware_chain)


@pytest.mark.django_db(transaction=True)
def test_a_page_not_found_is_answered_and_logged_once(caplog):
    pool = ReusedThreads(SyncMiddlewareASGIHandler())

    async def missing() -> dict[str, Any]:
        page = HttpCommunicator(pool, "GET", "/no-such-page/", headers=[(b"host", b"testserver")])
        response = await page.get_response(timeout=WAIT)
        await page.wait(WAIT)
        return response

    with caplog.at_level("WARNING", logger="django.request"):
        response = run_coroutine(missing())
    pool.close()
    assert response["status"] == 404
    assert [r.getMessage() for r in caplog.records if r.name == "django.request"] == [
        "Not Found: /no-such-page/"
    ]
