"""A person who visits a form's target (reload, Back, a bookmark) gets a page, not a bare 405."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_visit_to_a_post_only_address_explains_itself(make_user):
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(make_user("anna"))
    response = client.get("/accounts/logout/")
    assert response.status_code == 405
    assert "POST" in response["Allow"]
    assert response["Content-Security-Policy"]
    body = response.content.decode()
    assert "<h1" in body and "Dit adres ontvangt alleen een formulier" in body
    assert "Er is door dit bezoek niets opgeslagen of veranderd." in body


def test_other_methods_keep_their_bare_405(make_user):
    client = Client()
    client.force_login(make_user("anna"))
    response = client.put("/accounts/logout/")
    assert response.status_code == 405 and response.content == b""
