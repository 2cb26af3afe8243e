"""A database too busy to answer (its write lock held past the wait) gives 503 with
Retry-After, never a server error, and nothing of the request is saved.

The lock is held for real by a second database connection: on SQLite its write lock (what a
burst of writes does: "database is locked"), on PostgreSQL the canvas row, with a short
``lock_timeout`` for the request's connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.conf import settings
from django.db import OperationalError, connection, connections
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from grenzeloos.canvas.models import Canvas, Revision
from grenzeloos.core.views import server_error
from tests.canvas.factories import load_fixture

pytestmark = pytest.mark.django_db(transaction=True)

TEXTS = {
    "nl": "Er worden op dit moment veel wijzigingen opgeslagen",
    "en": "Many changes are being saved at this moment",
}


@contextmanager
def held(collaboration: Any) -> Iterator[None]:
    """The collaboration's canvas locked by another connection while inside."""
    other = connections.create_connection("default")
    connection.ensure_connection()
    with other.cursor() as locker, connection.cursor() as own:
        if connection.vendor == "sqlite":
            own.execute("PRAGMA busy_timeout = 100")
            locker.execute("BEGIN IMMEDIATE")
        else:
            own.execute("SET lock_timeout = '100ms'")
            locker.execute("BEGIN")
            locker.execute(
                f"SELECT 1 FROM {Canvas._meta.db_table} WHERE collaboration_id = %s FOR UPDATE",  # noqa: S608
                [collaboration.pk],
            )
        try:
            yield
        finally:
            locker.execute("ROLLBACK")
            if connection.vendor == "sqlite":
                own.execute("PRAGMA busy_timeout = 5000")
            else:
                own.execute("SET lock_timeout = 0")
    other.close()


def _revisions(collaboration: Any) -> list[int]:
    return list(
        Revision.objects.filter(collaboration=collaboration).values_list("number", flat=True)
    )


def test_api_write_on_a_busy_database_is_503_with_retry_after(people):
    collaboration = people["collaboration"]
    api = APIClient()
    api.force_authenticate(people["editor"])
    with held(collaboration):
        response = api.put(
            f"/api/v1/collaborations/{collaboration.pk}/canvas",
            {**load_fixture("canvas-rich.json"), "dream": "Nieuw"},
            format="json",
            HTTP_IF_MATCH='"1"',
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == settings.API_VERSION
    assert TEXTS["en"] in response.json()["detail"]
    assert _revisions(collaboration) == [1]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_web_write_on_a_busy_database_is_a_503_page_with_retry_after(people, language):
    collaboration = people["collaboration"]
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(people["editor"])
    url = reverse("canvas:field", args=[collaboration.pk, "dream"])
    with held(collaboration):
        response = client.post(url, {"base_revision": 1, "value": "Nieuw"})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert TEXTS[language] in response.content.decode()
    assert _revisions(collaboration) == [1]


@pytest.mark.parametrize("path", ["/c/1/", "/api/v1/collaborations"])
def test_a_lock_that_runs_out_outside_a_view_is_answered_503_too(rf, path):
    """The error pages give the same answer (e.g. a session saved by the middleware)."""
    try:
        try:
            raise sqlite3.OperationalError("database is locked")
        except sqlite3.OperationalError as cause:
            raise OperationalError("database is locked") from cause
    except OperationalError:
        response = server_error(rf.post(path))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    try:
        raise OperationalError("no such table: nowhere")
    except OperationalError:
        assert server_error(rf.get(path)).status_code == 500
