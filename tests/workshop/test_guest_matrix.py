"""A workshop's guest beside the permission matrix: on every route of the product a guest's
browser (a session that joined the workshop by code) gets exactly what an anonymous visitor
gets, except the workshop's room and its notes and dots. So a guest reads nothing of the canvas,
the members, the legal check or the ledger, and no API."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.collaborations.test_permission_matrix import (  # noqa: F401 - world is a fixture
    EXPECTED,
    QUERY,
    _kwargs,
    _routes,
    world,
)

pytestmark = pytest.mark.django_db

#: What the guest may do beyond an anonymous visitor: their own room, and notes and dots there
#: (an empty note is refused with a message: 302 back to the room).
GUEST_ANSWERS = {
    ("workshop:room", "get"): 200,
    ("workshop:note_add", "post"): 302,
    ("workshop:dot", "post"): 302,
}


def _guest(world: dict[str, Any]) -> Client:  # noqa: F811
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    joined = client.post(
        reverse("workshop:join"), {"code": world["workshop"].guest_code, "name": "Gita"}
    )
    assert joined.status_code == 302
    return client


def test_a_guest_gets_what_anonymous_gets_everywhere_but_the_room(world):  # noqa: F811
    routes = _routes()
    guest = _guest(world)
    wrong = []
    for name, checks in EXPECTED.items():
        for method, data, statuses in checks:
            if method != "get" and (name, method) not in GUEST_ANSWERS:
                continue
            url = reverse(name, kwargs=_kwargs(name, routes[name], world)) + QUERY.get(name, "")
            if name.startswith("api") or name == "openapi":
                response = getattr(guest, method)(url, data=data, content_type="application/json")
            else:
                response = getattr(guest, method)(url, data=data or {})
            expected = GUEST_ANSWERS.get((name, method), statuses["anonymous"])
            if response.status_code != expected:
                wrong.append(f"{method.upper()} {url}: {response.status_code}, expected {expected}")
    assert not wrong, wrong
