"""A search with many hits is counted only up to a bound on the web page, and pages on.

Why: counting every hit of a word in each of 10,000 collaborations read every hit (25-80 ms on
PostgreSQL, 6 ms on SQLite) for a page that shows 25. Up to RANKED_HITS hits are counted and
ranked as before; past it the page says "more than RANKED_HITS", shows the newest first and
links to the next page while there is one. The API keeps its exact count (its clients count
pages). Runs on SQLite and (with scripts/with-postgres.sh) on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from grenzeloos.canvas import services
from grenzeloos.canvas.document import empty_document
from grenzeloos.canvas.services import search as search_service
from grenzeloos.canvas.views import LIST_PAGE_SIZE
from grenzeloos.collaborations.models import Collaboration


def canvas(owner: Any, subject: str, **fields: Any) -> Collaboration:
    return services.create_collaboration(
        actor=owner, document={**empty_document(subject), **fields}
    )


def subjects(page: Any) -> list[str]:
    return [row.subject for row in page.object_list]


@pytest.fixture
def owner(make_user):
    return make_user("grenzenteller")


@pytest.fixture
def dikes(owner):
    """Dijk 0 … Dijk 5 (Dijk 0 says "dijk" three times, so it ranks first) and 2 without."""
    made = [canvas(owner, "Dijk 0", dream="dijk dijk")]
    made += [canvas(owner, f"Dijk {number}") for number in range(1, 6)]
    canvas(owner, "Water 0")
    canvas(owner, "Water 1")
    return made


def test_at_the_bound_the_hits_are_counted_and_ranked(owner, dikes, monkeypatch):
    monkeypatch.setattr(search_service, "RANKED_HITS", 6)
    first = services.collaboration_page(user=owner, search="dijk", page=1, size=4)
    assert first.paginator.more_than is None and first.paginator.count == 6
    assert first.paginator.num_pages == 2 and first.has_next()
    assert subjects(first) == ["Dijk 0", "Dijk 5", "Dijk 4", "Dijk 3"]  # best, then newest
    second = services.collaboration_page(user=owner, search="dijk", page=2, size=4)
    assert subjects(second) == ["Dijk 2", "Dijk 1"] and not second.has_next()


def test_one_past_the_bound_the_newest_come_first_and_the_count_is_a_bound(
    owner, dikes, monkeypatch
):
    monkeypatch.setattr(search_service, "RANKED_HITS", 5)
    first = services.collaboration_page(user=owner, search="dijk", page=1, size=4)
    assert first.paginator.more_than == 5
    assert subjects(first) == ["Dijk 5", "Dijk 4", "Dijk 3", "Dijk 2"]
    assert first.has_next() and not first.has_previous()
    # The last page knows where the hits end: there the count is exact again.
    last = services.collaboration_page(user=owner, search="dijk", page=2, size=4)
    assert subjects(last) == ["Dijk 1", "Dijk 0"] and not last.has_next()
    assert last.paginator.more_than is None and last.paginator.count == 6


def test_a_full_last_page_past_the_bound_has_no_next_page(owner, dikes, monkeypatch):
    monkeypatch.setattr(search_service, "RANKED_HITS", 2)
    page = services.collaboration_page(user=owner, search="dijk", page=2, size=3)
    assert subjects(page) == ["Dijk 2", "Dijk 1", "Dijk 0"]
    assert not page.has_next() and page.paginator.count == 6


@pytest.mark.parametrize("number", [9, 0, -1])
def test_a_page_past_the_end_or_under_one_is_the_last(owner, dikes, monkeypatch, number):
    monkeypatch.setattr(search_service, "RANKED_HITS", 2)
    page = services.collaboration_page(user=owner, search="dijk", page=number, size=4)
    assert page.number == 2 and subjects(page) == ["Dijk 1", "Dijk 0"]
    assert page.paginator.count == 6 and not page.has_next()


def test_rare_hits_past_the_bound_are_sorted_and_counted_in_the_same_query(owner, monkeypatch):
    """Hits too rare among the newest collaborations to walk for are sorted by the database,
    which on PostgreSQL counts them in the same statement (COUNT(*) OVER ()); on SQLite, where
    that window costs more than the page, the count stays a bound until the last page."""
    for number in range(4):
        canvas(owner, f"Dijk {number}")
        for other in range(3):
            canvas(owner, f"Water {number}.{other}")
    monkeypatch.setattr(search_service, "RANKED_HITS", 2)
    # The 8 newest hold 2 of the 4 hits: too few to walk for a page of 3 (and one more).
    monkeypatch.setattr(search_service, "WALK_DENSITY", {connection.vendor: 2})
    statements = []

    def watch(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        page = services.collaboration_page(user=owner, search="dijk", page=1, size=3)
    assert subjects(page) == ["Dijk 3", "Dijk 2", "Dijk 1"] and page.has_next()
    if connection.vendor == "postgresql":
        assert page.paginator.more_than is None and page.paginator.count == 4
        counted = [sql for sql in statements if "OVER ()" in sql]
        assert len(counted) == 1 and "LIMIT 3" in counted[0]
    else:
        assert page.paginator.more_than == 2
    last = services.collaboration_page(user=owner, search="dijk", page=2, size=3)
    assert subjects(last) == ["Dijk 0"] and not last.has_next()
    assert last.paginator.count == 4 and last.paginator.num_pages == 2


def test_hits_of_collaborations_of_others_are_not_counted(owner, dikes, make_user, monkeypatch):
    stranger = make_user("buitenstaander")
    for number in range(5):
        canvas(stranger, f"Dijk van een ander {number}")
    monkeypatch.setattr(search_service, "RANKED_HITS", 6)
    page = services.collaboration_page(user=owner, search="dijk", page=1, size=10)
    assert page.paginator.count == 6 and page.paginator.more_than is None
    assert not any("ander" in subject for subject in subjects(page))
    theirs = services.collaboration_page(user=stranger, search="dijk", page=1, size=10)
    assert theirs.paginator.count == 5


def test_the_web_page_says_more_than_and_links_to_the_next_page(owner, dikes, monkeypatch):
    for number in range(LIST_PAGE_SIZE):
        canvas(owner, f"Dijkwerk {number}")
    monkeypatch.setattr(search_service, "RANKED_HITS", 3)
    client = Client()
    client.force_login(owner)
    url = reverse("canvas:list")
    client.cookies["django_language"] = "nl"
    response = client.get(url, {"q": "dijk"})
    text = response.content.decode()
    assert "Pagina 1 (meer dan 3 samenwerkingen, de nieuwste eerst)" in text
    assert 'rel="next" href="?q=dijk&amp;page=2"' in text
    assert f"Dijkwerk {LIST_PAGE_SIZE - 1}" in text  # the newest first
    client.cookies["django_language"] = "en"
    last = client.get(url, {"q": "dijk", "page": 2}).content.decode()
    assert f"Page 2 of 2 ({LIST_PAGE_SIZE + 6} collaborations)" in last
    assert 'rel="next"' not in last and 'rel="prev" href="?q=dijk&amp;page=1"' in last


def test_the_api_keeps_the_exact_count(owner, dikes, monkeypatch):
    monkeypatch.setattr(search_service, "RANKED_HITS", 2)
    client = APIClient()
    client.force_authenticate(owner)
    page = client.get("/api/v1/collaborations", {"search": "dijk", "page_size": 4}).json()
    assert page["count"] == 6 and len(page["results"]) == 4
