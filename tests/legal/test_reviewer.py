"""The reviewer role in the legal route check (issue 20).

A reviewer reads the collaboration and its legal check, signs it off or sends it back with a
comment, and never edits the canvas or the answers. A reviewer may give the reason for an
answer, but that changes the answers and so makes them an author who can no longer sign: they
are told so before anything is saved (web and API), and nothing is saved until they confirm.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from grenzeloos.audit.models import AuditEvent
from grenzeloos.cli import main
from grenzeloos.collaborations.models import Membership, Role
from grenzeloos.core.errors import InvalidInput, PermissionDenied
from grenzeloos.legal import services
from grenzeloos.legal.models import LegalAssessment, SendBack, Status
from tests.accounts.factories import UserFactory
from tests.legal.conftest import example_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(people) -> dict[str, Any]:
    """The people, a reviewer (rita) made one through the members CLI, and a draft by olga."""
    rita = UserFactory(username="rita")
    collaboration = people["collaboration"]
    assert main(["members", "add", str(collaboration.pk), "rita", "--role", "reviewer"]) == 0
    assert Membership.objects.get(collaboration=collaboration, user=rita).role == Role.REVIEWER
    assessment = services.create_assessment(
        actor=people["owner"], collaboration=collaboration, answers=example_answers()
    )
    return {**people, "reviewer": rita, "assessment": assessment}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _api(user: Any) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_a_reviewer_reads_signs_off_and_never_edits(review) -> None:
    rita, assessment = review["reviewer"], review["assessment"]
    client = _client(rita)
    collaboration = review["collaboration"]
    assert client.get(f"/c/{collaboration.pk}/").status_code == 200
    page = client.get(f"/legal/a/{assessment.pk}/").content.decode()
    assert "Sign off this motivation" in page and "Send back to the authors" in page
    assert "Go through the questions again" not in page
    # The canvas and the answers stay closed to a reviewer.
    api = _api(rita)
    put = api.put(f"/api/v1/assessments/{assessment.pk}/answers", example_answers(), format="json")
    assert put.status_code == 403
    question = f"/legal/a/{assessment.pk}/q/aid.amount_eur/"
    assert client.get(question)["Location"] == f"/legal/a/{assessment.pk}/"
    assert client.post(question, {"value": "1"}).status_code == 403
    canvas = api.put(f"/api/v1/collaborations/{collaboration.pk}/canvas", {}, format="json")
    assert canvas.status_code == 403
    signed = services.sign_off(
        actor=rita, assessment=assessment, version=services.answers_version(assessment)
    )
    assert signed.status == Status.SIGNED_OFF and signed.signed_off_by == rita


def test_sending_back_keeps_the_draft_and_records_the_comment_everywhere(review, capsys) -> None:
    rita, assessment = review["reviewer"], review["assessment"]
    response = _client(rita).post(
        f"/legal/a/{assessment.pk}/send-back/",
        {"comment": "State the start of the work; the incentive effect depends on it."},
        follow=True,
    )
    content = response.content.decode()
    assert "The assessment was sent back to its authors." in content
    assert "rita sent it back" in content
    assert "State the start of the work" in content
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT
    sent = SendBack.objects.get(assessment=assessment)
    assert sent.reviewer == rita and sent.answers_version == services.answers_version(assessment)
    event = AuditEvent.objects.get(action="legal.assessment_sent_back")
    assert event.actor_id == rita.pk
    assert event.data["comment"].startswith("State the start")

    # The API and the CLI send back too; the API lists every send-back.
    api = _api(review["editor"])
    ok = api.post(
        f"/api/v1/assessments/{assessment.pk}/send-back",
        {"comment": "Name the scheme's number."},
        format="json",
    )
    assert ok.status_code == 200
    assert [s["comment"][:9] for s in ok.json()["send_backs"]] == ["State the", "Name the "]
    assert (
        api.post(
            f"/api/v1/assessments/{assessment.pk}/send-back", {"comment": ""}, format="json"
        ).status_code
        == 400
    )
    assert main(["legal", "send-back", str(assessment.pk), "--comment", "Dates in Dutch."]) == 0
    assert SendBack.objects.filter(assessment=assessment).count() == 3


def test_only_a_reviewer_who_did_not_write_it_sends_back_with_a_comment(review) -> None:
    assessment = review["assessment"]
    with pytest.raises(PermissionDenied, match="you started this assessment"):
        services.send_back(actor=review["owner"], assessment=assessment, comment="Mine.")
    with pytest.raises(InvalidInput, match="needs a comment"):
        services.send_back(actor=review["reviewer"], assessment=assessment, comment="  ")
    viewer = _api(review["viewer"])
    refused = viewer.post(
        f"/api/v1/assessments/{assessment.pk}/send-back", {"comment": "x"}, format="json"
    )
    assert refused.status_code == 403
    assert not SendBack.objects.exists()


def test_a_reviewer_is_told_before_a_reason_makes_them_an_author(review) -> None:
    rita, assessment = review["reviewer"], review["assessment"]
    client = _client(rita)
    url = f"/legal/a/{assessment.pk}/reason/aid.amount_eur/"
    summary = client.get(f"/legal/a/{assessment.pk}/summary/").content.decode()
    assert url in summary  # "Give a reason" beside each answer, not "Change"
    form = client.get(url).content.decode()
    assert "you become one of the authors of this assessment" in form
    assert "can then no longer sign it off" in form
    # Saved without confirming: refused, nothing stored, still able to sign.
    refused = client.post(url, {"reason": "The grant decision of 3 March."})
    assert refused.status_code == 422
    assert "you become one of the authors" in refused.content.decode()
    assessment.refresh_from_db()
    assert assessment.answers.get("reasons") == example_answers().get("reasons")
    assert services.sign_off_refusal(assessment, rita) is None
    # Confirmed: the reason is stored, rita is an author and can no longer sign.
    saved = client.post(
        url, {"reason": "The grant decision of 3 March.", "confirm_authorship": "on"}
    )
    assert saved.status_code == 302
    assessment.refresh_from_db()
    assert assessment.answers["reasons"] == {
        **example_answers().get("reasons", {}),
        "aid.amount_eur": "The grant decision of 3 March.",
    }
    assert assessment.answers["aid"] == example_answers()["aid"]  # the answer itself unchanged
    assert "you changed answers" in (services.sign_off_refusal(assessment, rita) or "")
    page = client.get(f"/legal/a/{assessment.pk}/").content.decode()
    assert "Sign off this motivation" not in page
    assert AuditEvent.objects.filter(action="legal.reason_given", actor_id=rita.pk).count() == 1


def test_the_api_warns_with_409_until_the_authorship_is_confirmed(review) -> None:
    rita, assessment = review["reviewer"], review["assessment"]
    api = _api(rita)
    url = f"/api/v1/assessments/{assessment.pk}/reasons"
    body = {"key": "aid.amount_eur", "reason": "From the budget."}
    warned = api.post(url, body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert warned.status_code == 409
    assert "can then no longer sign it off" in warned.json()["detail"]
    stored = LegalAssessment.objects.get(pk=assessment.pk).answers.get("reasons")
    assert stored == example_answers().get("reasons")
    bad = api.post(url, {**body, "key": "aid.nonsense", "confirm_authorship": True}, format="json")
    assert bad.status_code == 400
    ok = api.post(url, {**body, "confirm_authorship": True}, format="json")
    assert ok.status_code == 200
    assert ok.json()["answers"]["reasons"]["aid.amount_eur"] == "From the budget."
    # Now an author, a second reason needs no confirmation: it costs nothing more.
    again = api.post(url, {"key": "on_date", "reason": "The decision's date."}, format="json")
    assert again.status_code == 200
    refused = api.post(
        f"/api/v1/assessments/{assessment.pk}/sign-off",
        {"version": again.json()["answers_version"]},
        format="json",
    )
    assert refused.status_code == 403


def test_a_commenter_reads_but_neither_signs_nor_sends_back_nor_gives_reasons(review) -> None:
    carl = UserFactory(username="carl")
    collaboration, assessment = review["collaboration"], review["assessment"]
    Membership.objects.create(collaboration=collaboration, user=carl, role=Role.COMMENTER)
    client = _client(carl)
    page = client.get(f"/legal/a/{assessment.pk}/").content.decode()
    assert "Sign off this motivation" not in page and "Send back to the authors" not in page
    assert client.post(f"/legal/a/{assessment.pk}/send-back/", {"comment": "x"}).status_code == 403
    assert client.get(f"/legal/a/{assessment.pk}/reason/aid.amount_eur/").status_code == 403
