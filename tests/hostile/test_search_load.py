"""Costly searches stay few: short words are bounded, and searches beyond the process's
places for them wait within their time limit, then get a clear 503 "busy" with Retry-After.

Why: eight searches of ten one-letter words at once held the server's threads and CPU for
seconds, and /healthz with them (issue 26; measured in ``bench/search_fields.py``).
"""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from grenzeloos.canvas import services
from grenzeloos.cli import main
from grenzeloos.core.search import (
    SearchBusy,
    SearchRefused,
    search_slots,
    search_words,
    time_limit,
)
from grenzeloos.ledger import services as ledger_services

pytestmark = pytest.mark.django_db


def test_more_than_three_short_words_are_refused_with_the_bound(people):
    with pytest.raises(SearchRefused, match=r"at most 3 words shorter than 3 characters \(this"):
        services.collaborations_for(user=people["viewer"], search="a e i o")
    with pytest.raises(SearchRefused, match="has 4"):
        ledger_services.find_organisations(user=people["viewer"], search="de en op in")
    assert search_words("huis op de hoek") == ["huis", "op", "de", "hoek"]
    assert services.collaborations_for(user=people["viewer"], search="a e i") == [
        people["collaboration"]
    ]


def test_the_short_word_bound_is_a_400_on_the_web_in_dutch_and_in_the_api(web, api):
    web.cookies["django_language"] = "nl"
    page = web.get("/", {"q": "a e i o"})
    assert page.status_code == 400
    assert "met hoogstens 3 woorden korter dan 3 tekens" in page.content.decode()
    answer = api.get("/api/v1/organisations", {"q": "a e i o"})
    assert answer.status_code == 400
    assert answer.json()["invalid_params"][0]["name"] == "q"


@pytest.fixture
def full(settings):
    """Every search place of the process taken (by another thread), 50 ms to wait for one."""
    settings.SEARCH_CONCURRENCY = 1
    settings.SEARCH_TIMEOUT_MS = 50
    slots = search_slots()
    taken = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with slots:
            taken.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait(5)
    yield
    release.set()
    holder.join()


def test_a_search_that_finds_no_place_in_time_is_busy(full, people):
    with pytest.raises(SearchBusy, match="try again in 1 second") as raised:
        services.collaborations_for(user=people["viewer"], search="samen")
    assert raised.value.retry_after == 1


def test_busy_is_a_503_problem_with_retry_after_in_the_api(full, api):
    for path, parameter in (
        ("/api/v1/collaborations", "search"),
        ("/api/v1/organisations", "q"),
        ("/api/v1/cases", "q"),
    ):
        answer = api.get(path, {parameter: "samen"}, HTTP_ACCEPT_LANGUAGE="en")
        assert answer.status_code == 503, path
        assert answer["Content-Type"] == "application/problem+json"
        assert answer["Retry-After"] == "1"
        assert answer.json()["title"] == "Busy"
        assert "try again" in answer.json()["detail"]


def test_busy_is_a_503_page_with_retry_after_on_the_web_in_dutch(full, web):
    web.cookies["django_language"] = "nl"
    for path in ("/", "/cases/", "/ledger/organisations/"):
        page = web.get(path, {"q": "samen"})
        assert page.status_code == 503, path
        assert page["Retry-After"] == "1"
        assert "probeer het over 1 seconde opnieuw" in page.content.decode()


def test_busy_is_a_503_in_the_admin_search(full):
    staff = get_user_model().objects.create_user(
        "beheer", password=None, is_staff=True, is_superuser=True
    )
    client = Client()
    client.force_login(staff)
    page = client.get("/admin/organisations/organisation/", {"q": "samen"})
    assert page.status_code == 503
    assert page["Retry-After"] == "1"


def test_busy_is_one_line_in_the_cli(full, people, capsys):
    assert main(["canvas", "list", "--search", "samen"]) == 1
    err = capsys.readouterr().err
    assert err == "grenzeloos: error: Many searches are running right now; try again in 1 second.\n"


def test_a_search_inside_a_search_uses_the_outer_place(settings, people):
    settings.SEARCH_CONCURRENCY = 1
    with time_limit(200), time_limit(200):
        pass
    # Freed afterwards: the next search finds its place.
    assert services.collaborations_for(user=people["viewer"], search="samen") == [
        people["collaboration"]
    ]


def test_an_admin_search_stopped_by_the_time_limit_is_a_400_not_a_500(settings):
    from grenzeloos.ledger.models import Organisation

    Organisation.objects.bulk_create(
        [Organisation(name=f"Stichting aan een vereniging {i}") for i in range(5000)],
        batch_size=1000,
    )
    settings.SEARCH_TIMEOUT_MS = 1
    staff = get_user_model().objects.create_user(
        "beheer", password=None, is_staff=True, is_superuser=True
    )
    client = Client()
    client.force_login(staff)
    page = client.get(
        "/admin/organisations/organisation/", {"q": "aan een ver ing sam ers org ich ger eni"}
    )
    assert page.status_code == 400
    assert "Het zoeken duurde te lang" in page.content.decode()
