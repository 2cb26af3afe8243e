"""Fixtures of the hostile-input tests: the canvas people, logged-in API and web clients."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient


@pytest.fixture
def api(people):
    client = APIClient()
    client.force_authenticate(people["owner"])
    return client


@pytest.fixture
def web(people):
    client = Client()
    client.force_login(people["owner"])
    return client
