"""Fixtures of the hostile-input tests: the canvas people, logged-in API and web clients."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.canvas.conftest import make_user, people  # noqa: F401 (fixtures)


@pytest.fixture
def api(people):  # noqa: F811
    client = APIClient()
    client.force_authenticate(people["owner"])
    return client


@pytest.fixture
def web(people):  # noqa: F811
    client = Client()
    client.force_login(people["owner"])
    return client
