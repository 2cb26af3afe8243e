"""API problems speak plainly and in the client's language: titles in words (never a class name
like "NotAuthenticated"), titles and details in Dutch when asked, a bad ``page_size`` refused
naming the parameter, and removing the last owner a conflict (409)."""

from __future__ import annotations

import re

import pytest
from rest_framework.test import APIClient

COLLABORATIONS = "/api/v1/collaborations"
CLASS_NAME = re.compile(r"^[A-Z][a-z]+[A-Z]")


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title", "detail"),
    [
        ("nl", "Niet aangemeld", "Authenticatiegegevens zijn niet opgegeven."),
        ("en", "Not signed in", "Authentication credentials were not provided."),
    ],
)
def test_a_missing_sign_in_is_said_in_words_in_the_asked_language(language, title, detail):
    answer = _api().get(COLLABORATIONS, HTTP_ACCEPT_LANGUAGE=language)
    assert answer.status_code == 401
    assert answer.json()["title"] == title
    assert answer.json()["detail"] == detail


def test_no_problem_title_is_a_class_name(people):
    api = _api(people["owner"])
    pk = people["collaboration"].pk
    answers = [
        api.delete(COLLABORATIONS, HTTP_ACCEPT_LANGUAGE="en"),  # 405
        api.get(COLLABORATIONS, HTTP_ACCEPT="image/png", HTTP_ACCEPT_LANGUAGE="en"),  # 406
        api.post(COLLABORATIONS, "x", content_type="text/csv", HTTP_ACCEPT_LANGUAGE="en"),  # 415
        _api(people["stranger"]).get(f"{COLLABORATIONS}/{pk}/members"),  # 404
        _api(people["viewer"]).delete(f"{COLLABORATIONS}/{pk}/members/eddy"),  # 403
    ]
    assert [answer.status_code for answer in answers] == [405, 406, 415, 404, 403]
    titles = [answer.json()["title"] for answer in answers]
    assert titles[:3] == ["Method not allowed", "Not acceptable", "Unsupported media type"]
    assert titles[3:] == ["Niet gevonden", "Niet toegestaan"]
    assert not [title for title in titles if CLASS_NAME.match(title)]


def test_a_dutch_client_gets_dutch_details_for_a_bad_parameter(people):
    pk = people["collaboration"].pk
    answer = _api(people["owner"]).get(
        f"{COLLABORATIONS}/{pk}/export", {"format": "xls"}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert answer.status_code == 400
    problem = answer.json()
    assert problem["title"] == "Ongeldige invoer"
    assert problem["invalid_params"] == [
        {"name": "format", "reason": "'xls' is niet een van pdf, svg, png, odt, docx, md, json"}
    ]


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1.5", "٣"])
def test_a_page_size_that_is_not_a_whole_number_is_refused_by_name(people, value):
    answer = _api(people["owner"]).get(
        COLLABORATIONS, {"page_size": value}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert answer.status_code == 400
    assert answer.json()["invalid_params"] == [
        {"name": "page_size", "reason": f"{value!r} is not a whole number from 1 to 200"}
    ]


def test_a_page_size_past_the_maximum_gives_the_maximum(people):
    answer = _api(people["owner"]).get(COLLABORATIONS, {"page_size": "9" * 50})
    assert answer.status_code == 200
    assert answer.json()["count"] == 1


def test_removing_the_last_owner_is_a_conflict(people):
    pk = people["collaboration"].pk
    answer = _api(people["owner"]).delete(
        f"{COLLABORATIONS}/{pk}/members/olga", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert answer.status_code == 409
    assert answer.json()["title"] == "Conflict"
    assert answer.json()["detail"] == "a collaboration needs at least one owner"
    demote = _api(people["owner"]).put(
        f"{COLLABORATIONS}/{pk}/members/olga", {"role": "viewer"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert demote.status_code == 409
