"""What ``grenzeloos serve`` runs: the ASGI application (:mod:`grenzeloos.asgi`) behind a limit
on request bodies.

Django's ASGI handler reads a whole body (into a temporary file) before any middleware sees the
request, so the request guard's 413 for a body over ``MAX_REQUEST_BYTES`` would come only after
the server had taken all of it in. Here a request that declares a larger ``Content-Length`` goes
on without its body, at once, and the guard answers 413 from the header; a body without a
length (chunked) is read up to the limit and, past it, handled the same way.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from grenzeloos.asgi import application as django_application

Message = dict[str, Any]


def _declared_length(headers: list[tuple[bytes, bytes]]) -> int | None:
    for name, value in headers:
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _without_body(receive: Any) -> Any:
    """A ``receive`` that gives an empty body, then (Django waits for the client to go away)
    the next message that is not body, whatever body the client still sends being dropped."""
    given = False

    async def inner() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": b"", "more_body": False}
        while True:
            message: Message = await receive()
            if message["type"] != "http.request":
                return message

    return inner


class BodyLimit:
    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = _declared_length(scope["headers"])
        if declared is not None:
            if declared > self.limit:
                return await self.app(scope, _without_body(receive), send)
            return await self.app(scope, receive, send)
        # No length: read at most the limit, then replay what came (or refuse like above).
        chunks: list[Message] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                chunks.append(message)
                break
            chunks.append(message)
            size += len(message.get("body", b""))
            if size > self.limit:
                headers = [*scope["headers"], (b"content-length", str(size).encode())]
                return await self.app({**scope, "headers": headers}, _without_body(receive), send)
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return chunks.pop(0) if chunks else await receive()

        return await self.app(scope, replay, send)


application = BodyLimit(django_application, settings.MAX_REQUEST_BYTES)
