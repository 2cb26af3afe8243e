"""Threads for the synchronous part of HTTP requests under ASGI, kept from one request to the next.

Django's ASGI handler runs a request's synchronous code (the middleware, the view, the
``request_started``/``request_finished`` receivers) in the thread of a per-request
``asgiref.sync.ThreadSensitiveContext``. Left to itself that context makes a new thread for
every request and another one to join it afterwards; and because Django keeps a database
connection per thread, every request also opened a new connection (the SQLite pragmas and SQL
functions, or a PostgreSQL log-in), where ``CONN_MAX_AGE`` means to keep one per server thread.

:class:`ReusedThreads` enters the context itself, with a single-thread executor lent from a
pool (asgiref's documented ``ThreadSensitiveContext(executor=...)``); Django's own context inside
it then reuses that one. Each request still has its sync code on one thread of its own, never
shared with a request running at the same time; the pool grows with the number of requests in
progress at once and keeps at most ``keep`` idle threads (with their connections) for the next.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.db import connections
from django.http import HttpRequest
from django.http.response import HttpResponseBase

#: Idle threads kept for later requests; like the 8 threads the WSGI server had.
DEFAULT_KEEP = 8


class ReusedThreads:
    """ASGI middleware for HTTP: lend each request a pooled single-thread executor."""

    def __init__(self, app: Any, keep: int = DEFAULT_KEEP) -> None:
        self.app = app
        self.keep = keep
        self._idle: list[ThreadPoolExecutor] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        # Only the event loop's thread borrows and returns executors: no lock needed.
        executor = (
            self._idle.pop()
            if self._idle
            else ThreadPoolExecutor(max_workers=1, thread_name_prefix="grenzeloos-request")
        )
        reuse = False
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.app(scope, receive, send)
            reuse = len(self._idle) < self.keep
        finally:
            if reuse:
                self._idle.append(executor)
            else:
                # A request that ended in an error may have left work on its thread: that
                # thread is not lent again. Not joined: the worker ends once its queue is
                # empty, without holding up the event loop.
                executor.shutdown(wait=False)

    def close(self) -> None:
        """End the idle threads, each closing its database connections first."""
        while self._idle:
            executor = self._idle.pop()
            executor.submit(connections.close_all).result()
            executor.shutdown()

    @property
    def idle(self) -> int:
        """How many threads wait for the next request."""
        return len(self._idle)


class SyncMiddlewareASGIHandler(ASGIHandler):
    """Django's ASGI handler with the middleware and view run as one synchronous call.

    Every middleware here is synchronous and so is every view. Django's ASGI handler builds its
    middleware chain for async mode all the same: it then runs the chain in the request thread,
    hops back to the event loop for its async core, and from there into the thread again for the
    view (``async_to_sync`` inside ``sync_to_async``), which on a loaded machine costs more than
    a small page. Built in sync mode, as under WSGI, the chain and the view are one
    ``sync_to_async`` call of :meth:`~django.core.handlers.base.BaseHandler.get_response`, in the
    same middleware order; reading the body, the request signals and sending the response stay
    Django's ASGI code. An async view would still work (Django's sync chain runs it with
    ``async_to_sync``).
    """

    def __init__(self) -> None:
        super().__init__()
        # The parent built the chain for async mode; build it again for sync mode.
        self.load_middleware(is_async=False)

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        response: HttpResponseBase = await sync_to_async(self.get_response)(request)
        return response
