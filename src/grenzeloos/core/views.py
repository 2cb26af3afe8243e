"""Installation-wide pages: the health check and the error pages."""

from __future__ import annotations

import logging

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def ping_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers and monitoring."""
    try:
        ping_database()
    except Exception as error:
        logger.exception("health check: the database does not answer")
        # What went wrong can name hosts, users and paths: only staff get to read it.
        user = getattr(request, "user", None)
        detail = str(error) if user is not None and user.is_staff else "unavailable"
        return JsonResponse({"status": "error", "database": detail}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})
