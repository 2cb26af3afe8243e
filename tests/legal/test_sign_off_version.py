"""A sign-off approves exactly the answers the reviewer saw (issue 20).

Today's failure, as the lawyers tried it: a reviewer reads an assessment (aid € 180,000), the
author changes the answers (€ 50,000, de minimis 0), and the reviewer's sign-off still went
through, approving answers the reviewer never read. The sign-off now carries the answers'
version it was given (web form hidden field, API field or If-Match) and is refused, with the
changes listed, when the answers moved since; the check runs under the row lock every change
of the answers takes, so it holds with real threads too (SQLite and PostgreSQL).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connections
from django.test import Client
from rest_framework.test import APIClient

from grenzeloos.legal import services
from grenzeloos.legal.models import LegalAssessment, Status
from tests.legal.conftest import example_answers


def _changed(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "aid": {**data["aid"], "amount_eur": 50_000, "de_minimis_received_eur": 0}}


def _start(people: dict[str, Any]) -> LegalAssessment:
    return services.create_assessment(
        actor=people["owner"], collaboration=people["collaboration"], answers=example_answers()
    )


@pytest.mark.django_db
def test_a_sign_off_of_answers_that_moved_is_refused_with_the_changes(people) -> None:
    assessment = _start(people)
    seen = services.answers_version(assessment)  # the reviewer reads € 180,000
    services.update_answers(
        actor=people["owner"], assessment=assessment, answers=_changed(example_answers())
    )
    with pytest.raises(services.AnswersMoved) as refused:
        services.sign_off(actor=people["editor"], assessment=assessment, version=seen)
    message = str(refused.value)
    assert "aid.amount_eur: €180,000 → €50,000" in message  # (the tests speak English)
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT and assessment.signed_off_by is None
    fresh = services.answers_version(assessment)
    signed = services.sign_off(actor=people["editor"], assessment=assessment, version=fresh)
    assert signed.status == Status.SIGNED_OFF


@pytest.mark.django_db
def test_a_sign_off_without_a_version_is_refused(people) -> None:
    assessment = _start(people)
    with pytest.raises(services.Conflict, match="which version"):
        services.sign_off(actor=people["editor"], assessment=assessment, version=None)


@pytest.mark.django_db
def test_an_undetermined_outcome_cannot_be_signed_off(people) -> None:
    data = example_answers()
    data["aid"]["gber_category"] = None
    data["aid"]["de_minimis_received_eur"] = None
    assessment = services.create_assessment(
        actor=people["owner"], collaboration=people["collaboration"], answers=data
    )
    assert not services.is_determined(assessment.outcome)
    with pytest.raises(services.StatusError, match="not determined"):
        services.sign_off(
            actor=people["editor"],
            assessment=assessment,
            version=services.answers_version(assessment),
        )
    client = Client()
    client.force_login(people["editor"])
    client.cookies["django_language"] = "en"
    page = client.get(f"/legal/a/{assessment.pk}/").content.decode()
    assert "Sign off this motivation" not in page
    assert "The outcome is not determined yet, so it cannot be signed off" in page


@pytest.mark.django_db
def test_the_web_form_carries_the_version_and_shows_the_changes_when_refused(people) -> None:
    assessment = _start(people)
    client = Client()
    client.force_login(people["editor"])
    client.cookies["django_language"] = "en"
    page = client.get(f"/legal/a/{assessment.pk}/").content.decode()
    version = services.answers_version(assessment)
    assert f'<input type="hidden" name="version" value="{version}">' in page
    services.update_answers(
        actor=people["owner"], assessment=assessment, answers=_changed(example_answers())
    )
    response = client.post(
        f"/legal/a/{assessment.pk}/sign-off/", {"remark": "", "version": version}, follow=True
    )
    content = response.content.decode()
    assert "the answers changed since you read them" in content
    assert "aid.amount_eur: €180,000 → €50,000" in content
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT


@pytest.mark.django_db
def test_the_api_takes_the_version_as_if_match_and_answers_409_with_the_changes(people) -> None:
    assessment = _start(people)
    api = APIClient()
    api.force_authenticate(people["editor"])
    read = api.get(f"/api/v1/assessments/{assessment.pk}").json()
    services.update_answers(
        actor=people["owner"], assessment=assessment, answers=_changed(example_answers())
    )
    refused = api.post(
        f"/api/v1/assessments/{assessment.pk}/sign-off",
        {},
        format="json",
        HTTP_IF_MATCH=f'"{read["answers_version"]}"',
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert refused.status_code == 409
    assert "aid.de_minimis_received_eur: €150,000 → €0" in refused.json()["detail"]
    again = api.get(f"/api/v1/assessments/{assessment.pk}").json()
    assert again["answer_changes"][-1]["changes"] == [
        {"path": "aid.amount_eur", "old": 180_000, "new": 50_000},
        {"path": "aid.de_minimis_received_eur", "old": 150_000, "new": 0},
    ]
    ok = api.post(
        f"/api/v1/assessments/{assessment.pk}/sign-off",
        {"version": again["answers_version"]},
        format="json",
    )
    assert ok.status_code == 200


@pytest.mark.django_db
def test_the_answer_history_says_what_changed(people) -> None:
    assessment = _start(people)
    data = example_answers()
    data["aid"]["amount_eur"] = 300_000
    services.update_answers(actor=people["owner"], assessment=assessment, answers=data)
    data["aid"]["amount_eur"] = 350_000
    services.update_answers(actor=people["owner"], assessment=assessment, answers=data)
    client = Client()
    client.force_login(people["owner"])
    client.cookies["django_language"] = "nl"
    page = client.get(f"/legal/a/{assessment.pk}/").content.decode()
    assert "aid.amount_eur: € 300.000 → € 350.000" in page
    assert "0 antwoorden" not in page and "0 answers" not in page


# ---- real threads: a change of the answers while a sign-off is in flight

ROUNDS = 6


def _race(*calls: Callable[[], Any]) -> list[Any]:
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = calls[index]()
        except Exception as error:  # judged by the assertions below
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.django_db(transaction=True)
def test_a_sign_off_racing_a_change_never_approves_answers_not_seen(people) -> None:
    outcomes = set()
    for _round in range(ROUNDS):
        assessment = _start(people)
        seen_answers = dict(assessment.answers)
        seen = services.answers_version(assessment)
        changed = _changed(example_answers())
        change, sign = _race(
            lambda a=assessment, c=changed: services.update_answers(
                actor=people["owner"], assessment=a, answers=c
            ),
            lambda a=assessment, v=seen: services.sign_off(
                actor=people["editor"], assessment=a, version=v
            ),
        )
        assessment.refresh_from_db()
        if assessment.status == Status.SIGNED_OFF:
            # The sign-off came first: it approved what was read, and the change was refused.
            assert assessment.answers == seen_answers
            assert isinstance(change, services.StatusError)
            outcomes.add("signed")
        else:
            # The change came first: the sign-off was refused and nothing was approved.
            assert isinstance(sign, services.AnswersMoved), sign
            assert assessment.answers == changed and assessment.signed_off_by is None
            outcomes.add("refused")
    assert outcomes  # every round ended in one of the two safe states
