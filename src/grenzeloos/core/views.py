"""Installation-wide pages: the health check and the error pages."""

from __future__ import annotations

import logging
import sys

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from grenzeloos.core.api import is_api, problem_response
from grenzeloos.core.web import busy_response, database_busy

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


# Error pages: problem+json under /api/ (clients parse one error shape), pages elsewhere.


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return problem_response(400, "Bad request", str(exception))
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return problem_response(403, "Forbidden", str(exception))
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return problem_response(404, "Not found", gettext("There is no such API resource."))
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if database_busy(sys.exc_info()[1]):
        return busy_response(request)
    if is_api(request):
        return problem_response(500, "Internal server error")
    return defaults.server_error(request)
