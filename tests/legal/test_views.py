"""The web wizard through the Django test client: answer, "I don't know", back, change
afterwards, outcome; assessments of a collaboration with sign-off, reopen and downloads."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from grenzeloos.legal import services
from grenzeloos.legal.models import LegalAssessment, Status
from tests.legal.conftest import example_answers

pytestmark = pytest.mark.django_db


def client_for(user=None, language="en"):
    """A browser that chose ``language`` with the language switch (pages ignore Accept-Language)."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def anna(django_user_model):
    return django_user_model.objects.create_user(username="anna", password="x-pass-1234")


def answer(client, key, **data):
    return client.post(f"/legal/check/q/{key}/", data)


def test_standalone_wizard_flow(anna):
    client = client_for(anna)
    start = client.get("/legal/check/")
    assert start.status_code == 200 and b"/legal/check/q/on_date/" in start.content
    page = client.get("/legal/check/q/on_date/")
    content = page.content.decode()
    assert "On what date does the procedure start" in content
    assert "Question 1 of about" in content and 'for="q-input"' in content
    # Answer, then "I don't know", then go back and change.
    response = answer(client, "on_date", value="2026-03-01")
    assert response.status_code == 302 and response["Location"] == "/legal/check/q/government_role/"
    page = client.get("/legal/check/q/government_role/").content.decode()
    assert "<fieldset" in page and "<legend" in page and 'type="radio"' in page
    assert "I don&#x27;t know" in page and "Question 2 of about" in page
    assert 'href="/legal/check/q/on_date/"' in page  # Back
    response = answer(client, "government_role", value="unknown")
    assert response.status_code == 302
    assert client.session["legal_check_answers"]["government_role"] is None
    response = answer(client, "government_role", value="funder")
    follow = response["Location"]
    assert follow != "/legal/check/q/government_role/"
    # An amount question: the "I don't know" button stores null.
    response = client.post("/legal/check/q/aid.amount_eur/", {"dont_know": "1", "value": ""})
    assert response.status_code == 302
    assert client.session["legal_check_answers"]["aid"]["amount_eur"] is None
    # On an English page "180.000" could be 180 or 180,000: asked again, with an example.
    refused = answer(client, "aid.amount_eur", value="180.000")
    assert refused.status_code == 422 and "1,200,000.50" in refused.content.decode()
    assert client.session["legal_check_answers"]["aid"]["amount_eur"] is None
    answer(client, "aid.amount_eur", value="180,000")
    assert client.session["legal_check_answers"]["aid"]["amount_eur"] == 180000
    for criterion in ("state_resources", "undertaking", "selective", "advantage"):
        answer(client, f"aid.{criterion}", value="yes")
    # Summary lists every answer with a change link that comes back to the summary.
    summary = client.get("/legal/check/summary/").content.decode()
    assert "financier" not in summary  # English labels in English
    assert "funder (subsidy giver)" in summary and "€180,000" in summary
    assert 'href="/legal/check/q/government_role/?return=summary"' in summary
    response = client.post(
        "/legal/check/q/government_role/", {"value": "partner", "return": "summary"}
    )
    assert response["Location"] == "/legal/check/summary/"
    outcome = client.get("/legal/check/outcome/").content.decode()
    assert "State aid law" in outcome and "ref-role-and-consideration" in outcome
    assert "Open questions" in outcome and "If the answer is" in outcome
    assert "decision support, not legal advice" in outcome
    assert "Involve a lawyer early" in outcome
    download = client.get("/legal/check/motivation.md")
    assert download.status_code == 200 and b"Statement of reasons" in download.content
    assert "statement-of-reasons-2026-03-01.md" in download["Content-Disposition"]


def test_errors_are_shown_next_to_the_field(anna):
    client = client_for(anna)
    response = answer(client, "on_date", value="gisteren")
    assert response.status_code == 422
    content = response.content.decode()
    assert 'id="q-error"' in content and 'aria-invalid="true"' in content
    response = answer(client, "government_role")
    assert response.status_code == 422 and "Choose an answer" in response.content.decode()
    assert client.get("/legal/check/q/nonsense/").status_code == 404


def test_dutch_by_default(anna):
    client = client_for(anna, language="nl")
    page = client.get("/legal/check/q/government_role/").content.decode()
    assert "Welke rol neemt de overheid in deze samenwerking?" in page


def test_outcome_without_date_asks_for_it(anna):
    client = client_for(anna)
    assert "needs at least the date" in client.get("/legal/check/outcome/").content.decode()
    assert client.get("/legal/check/motivation.pdf").status_code == 404


def test_anonymous_is_sent_to_sign_in(people):
    client = client_for()
    for url in (
        "/legal/check/",
        "/legal/check/q/on_date/",
        f"/legal/c/{people['collaboration'].pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_assessment_flow_from_a_collaboration(people):
    collaboration = people["collaboration"]
    owner = client_for(people["owner"])
    response = owner.post(f"/legal/c/{collaboration.pk}/new/", {"title": "Subsidie proeftuin"})
    assessment = LegalAssessment.objects.get()
    assert response["Location"] == f"/legal/a/{assessment.pk}/q/on_date/"
    response = owner.post(f"/legal/a/{assessment.pk}/q/on_date/", {"value": "2026-03-01"})
    assert response["Location"] == f"/legal/a/{assessment.pk}/q/government_role/"
    assessment.refresh_from_db()
    assert assessment.on_date.isoformat() == "2026-03-01" and assessment.outcome is not None
    services.update_answers(actor=people["owner"], assessment=assessment, answers=example_answers())
    listing = owner.get(f"/legal/c/{collaboration.pk}/").content.decode()
    assert "Subsidie proeftuin" in listing and "Draft" in listing
    detail = owner.get(f"/legal/a/{assessment.pk}/").content.decode()
    assert "exempted under the GBER" in detail
    assert "You started this assessment" in detail and "Sign off this motivation" not in detail
    # The author cannot sign off; another editor can.
    owner.post(f"/legal/a/{assessment.pk}/sign-off/", {"remark": "eigen werk"})
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT
    lawyer = client_for(people["editor"])
    assert "Sign off this motivation" in lawyer.get(f"/legal/a/{assessment.pk}/").content.decode()
    version = services.answers_version(assessment)
    lawyer.post(f"/legal/a/{assessment.pk}/sign-off/", {"remark": "Akkoord", "version": version})
    assessment.refresh_from_db()
    assert assessment.status == Status.SIGNED_OFF and assessment.sign_off_remark == "Akkoord"
    # Signed off: the questions redirect to the read-only page.
    response = owner.get(f"/legal/a/{assessment.pk}/q/on_date/")
    assert response.status_code == 302 and response["Location"] == f"/legal/a/{assessment.pk}/"
    response = owner.post(f"/legal/a/{assessment.pk}/q/on_date/", {"value": "2027-01-01"})
    assessment.refresh_from_db()
    assert assessment.answers["on_date"] == "2026-03-01"
    for fmt in ("pdf", "odt", "docx", "md"):
        download = owner.get(f"/legal/a/{assessment.pk}/motivation.{fmt}")
        assert download.status_code == 200, fmt
    assert b"Akkoord" in owner.get(f"/legal/a/{assessment.pk}/motivation.md").content
    response = owner.post(f"/legal/a/{assessment.pk}/reopen/")
    successor = LegalAssessment.objects.exclude(pk=assessment.pk).get()
    assert response["Location"] == f"/legal/a/{successor.pk}/"
    assessment.refresh_from_db()
    assert assessment.status == Status.SUPERSEDED and successor.status == Status.DRAFT


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [("owner", 200, 302), ("editor", 200, 302), ("viewer", 200, 403), ("stranger", 404, 404)],
)
def test_permission_matrix(people, who, read, write):
    collaboration = people["collaboration"]
    assessment = services.create_assessment(
        actor=people["owner"], collaboration=collaboration, answers=example_answers()
    )
    client = client_for(people[who])
    assert client.get(f"/legal/c/{collaboration.pk}/").status_code == read
    assert client.get(f"/legal/a/{assessment.pk}/").status_code == read
    assert client.get(f"/legal/a/{assessment.pk}/summary/").status_code == read
    assert client.get(f"/legal/a/{assessment.pk}/motivation.md").status_code == read
    response = client.post(f"/legal/a/{assessment.pk}/q/on_date/", {"value": "2026-04-01"})
    assert response.status_code == write
    response = client.post(f"/legal/c/{collaboration.pk}/new/", {"title": "x"})
    assert response.status_code == write
