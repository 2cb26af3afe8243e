"""The API's request parser (its own module: DRF imports it while loading its settings)."""

from __future__ import annotations

from typing import IO, Any

from django.conf import settings
from rest_framework.parsers import JSONParser

from grenzeloos.core import jsonio
from grenzeloos.core.errors import TooLarge


class SafeJSONParser(JSONParser):
    """JSON bodies read through :func:`grenzeloos.core.jsonio.loads`, with a size limit.

    So every API body is checked once, here: too deep, malformed, a non-finite number or a
    refused text is a 400 that names the field; a body over ``MAX_REQUEST_BYTES`` is a 413
    stating the limit.
    """

    def parse(
        self, stream: IO[bytes] | None, media_type: str | None = None, parser_context: Any = None
    ) -> Any:
        if stream is None:
            return None
        limit = settings.MAX_REQUEST_BYTES
        raw = stream.read(limit + 1)
        if len(raw) > limit:
            raise TooLarge(limit)
        return jsonio.loads(raw)
