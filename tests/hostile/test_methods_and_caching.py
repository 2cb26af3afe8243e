"""Generated from the URL patterns: every web page refuses the methods no page takes (405
with Allow, nothing stored), and every response to a signed-in person says ``no-store``.

Before, PUT, PATCH and DELETE on pages that take GET and POST answered 200 (the sign-in page
took a PUT as a POST, pages without a method rule as a GET), and pages for a signed-in person
carried no ``Cache-Control`` at all.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.cache import get_max_age
from rest_framework.test import APIClient

from grenzeloos.accounts import services as account_services
from tests.collaborations.test_permission_matrix import EXPECTED, QUERY, _kwargs, _routes, world

__all__ = ["world"]  # the permission matrix's world of people, collaboration and assessment

REFUSED = ("put", "patch", "delete")
#: Django's admin is a web page too (not in the matrix, which tests it apart).
ADMIN = ["/admin/", "/admin/auth/user/", "/admin/login/"]
#: What requests may change without anything being stored: sign-in bookkeeping.
NOT_STORE = ["sessions", "axes", "contenttypes", "auth.permission", "admin.logentry"]


def _web_urls(world: dict[str, Any]) -> list[str]:
    routes = _routes()
    urls = [
        reverse(name, kwargs=_kwargs(name, pattern, world)) + QUERY.get(name, "")
        for name, pattern in sorted(routes.items())
        if not name.startswith("api-") and name != "openapi"
    ]
    return urls + ADMIN


def _store() -> str:
    out = io.StringIO()
    call_command("dumpdata", exclude=NOT_STORE, stdout=out, format="json", indent=0)
    return out.getvalue()


def test_every_web_route_is_generated():
    routes = _routes()
    assert len([name for name in routes if not name.startswith("api-")]) >= 60


@pytest.mark.parametrize("role", ["owner", "staff", "anonymous"])
def test_methods_no_page_takes_are_405_with_allow_and_change_nothing(world, role):
    client = Client(enforce_csrf_checks=True)
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    # The URLs first: naming some routes' objects makes them (the meeting place's statement).
    urls = _web_urls(world)
    before = _store()
    wrong = []
    for url in urls:
        for method in REFUSED:
            response = getattr(client, method)(url, data="name=x", content_type="text/plain")
            allow = {part.strip() for part in response.get("Allow", "").split(",")}
            if (
                response.status_code != 405
                or method.upper() in allow
                or not allow & {"GET", "POST"}
            ):
                wrong.append(f"{method.upper()} {url}: {response.status_code} Allow={allow}")
    assert not wrong, wrong
    assert _store() == before


def test_a_page_that_only_takes_post_allows_post_only():
    response = Client().put(reverse("accounts:logout"))
    assert response.status_code == 405
    assert response["Allow"] == "POST, OPTIONS"


def _no_store(response: Any) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return "no-store" in directives and "public" not in directives and not get_max_age(response)


@pytest.mark.parametrize("role", ["owner", "editor", "viewer", "staff"])
def test_every_response_to_a_signed_in_person_says_no_store(world, role):
    client = Client()
    client.force_login(world["users"][role])
    wrong = []
    for name, checks in sorted(EXPECTED.items()):
        if not any(method == "get" for method, _data, _statuses in checks):
            continue
        url = reverse(name, kwargs=_kwargs(name, _routes()[name], world)) + QUERY.get(name, "")
        response = client.get(url)
        if not _no_store(response):
            wrong.append(f"GET {url}: {response.status_code} {response.get('Cache-Control')}")
    assert not wrong, wrong


def test_downloads_and_api_answers_with_a_token_say_no_store(world):
    owner = world["users"]["owner"]
    collaboration = world["collaboration"]
    client = Client()
    client.force_login(owner)
    for fmt in ("pdf", "docx", "json"):
        download = client.get(reverse("canvas:export", args=[collaboration.pk, fmt]))
        assert download.status_code == 200, fmt
        assert "attachment" in download["Content-Disposition"]
        assert _no_store(download), fmt
    _token, key = account_services.create_token(actor=owner, name="script")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    answer = api.get(f"/api/v1/collaborations/{collaboration.pk}/canvas")
    assert answer.status_code == 200
    assert _no_store(answer)
