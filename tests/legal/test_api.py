"""REST API of the legal route check: assess, report, schemas, assessments and permissions."""

from __future__ import annotations

import io

import docx
import pypdf
import pytest
from rest_framework.test import APIClient

from tests.legal.conftest import example_answers

pytestmark = pytest.mark.django_db


def client_for(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(username="anna", password="x-pass-1234")


def test_assess_returns_the_outcome(user):
    response = client_for(user).post(
        "/api/v1/legal/assess?language=en", example_answers(), format="json"
    )
    assert response.status_code == 200 and response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["schema"] == "grenzeloos.legal-outcome/1" and body["language"] == "en"
    assert body["state_aid"]["route"] == "gber"


def test_bad_answers_give_problem_json_per_path(user):
    bad = {**example_answers(), "colour": "red", "aid": {"amount_eur": "x"}}
    del bad["on_date"]
    response = client_for(user).post("/api/v1/legal/assess", bad, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalid_params"]}
    assert names == {"on_date", "colour", "aid.amount_eur"}


def test_bad_language_and_format(user):
    client = client_for(user)
    response = client.post("/api/v1/legal/assess?language=de", example_answers(), format="json")
    assert response.status_code == 400 and "language" in response.json()["detail"]
    response = client.post("/api/v1/legal/report?format=rtf", example_answers(), format="json")
    assert response.status_code == 400 and "format" in response.json()["detail"]


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("pdf", "application/pdf"),
        ("odt", "application/vnd.oasis.opendocument.text"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("md", "text/markdown; charset=utf-8"),
    ],
)
def test_report_formats(user, fmt, content_type):
    response = client_for(user).post(
        f"/api/v1/legal/report?format={fmt}&language=en", example_answers(), format="json"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    # Named after the assessment: kind, subject of the case and reference date.
    name = f"statement-of-reasons-slimme-haven-zeeen-{example_answers()['on_date']}.{fmt}"
    assert f'filename="{name}"' in response["Content-Disposition"]
    if fmt == "pdf":
        text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
        assert "Statement of reasons" in text


def test_schemas(user):
    client = client_for(user)
    answers = client.get("/api/v1/legal/schemas/answers").json()
    outcome = client.get("/api/v1/legal/schemas/outcome").json()
    assert "on_date" in answers["properties"]
    assert "steps" in outcome["properties"]


def test_anonymous_is_refused():
    response = client_for().post("/api/v1/legal/assess", example_answers(), format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"]
    assert response["Content-Type"] == "application/problem+json"


def test_assessment_life_cycle(people):
    collaboration = people["collaboration"]
    owner, lawyer = client_for(people["owner"]), client_for(people["editor"])
    url = f"/api/v1/collaborations/{collaboration.pk}/assessments"
    response = owner.post(url, {"title": "Proeftuin", "answers": example_answers()}, format="json")
    assert response.status_code == 201
    created = response.json()
    ident = created["id"]
    assert response["Location"] == f"/api/v1/assessments/{ident}"
    assert (created["status"], created["regime"], created["route"]) == (
        "draft",
        "state_aid",
        "gber",
    )
    assert [a["id"] for a in owner.get(url).json()] == [ident]

    changed = {**example_answers(), "aid": {**example_answers()["aid"], "amount_eur": 300000}}
    response = owner.put(f"/api/v1/assessments/{ident}/answers", changed, format="json")
    assert response.status_code == 200 and response.json()["route"] == "notify"
    bad = owner.put(f"/api/v1/assessments/{ident}/answers", {"x": 1}, format="json")
    assert bad.status_code == 400
    assert {p["name"] for p in bad.json()["invalid_params"]} == {"x"}

    # Four eyes: the author cannot sign off.
    assert owner.post(f"/api/v1/assessments/{ident}/sign-off", {}).status_code == 403
    version = lawyer.get(f"/api/v1/assessments/{ident}").json()["answers_version"]
    response = lawyer.post(
        f"/api/v1/assessments/{ident}/sign-off",
        {"remark": "Akkoord", "version": version},
        format="json",
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["signed_off_by"]) == ("signed_off", "eddy")
    # Signed off is immutable.
    response = owner.put(f"/api/v1/assessments/{ident}/answers", changed, format="json")
    assert response.status_code == 409
    assert lawyer.post(f"/api/v1/assessments/{ident}/sign-off", {}).status_code == 409

    report = owner.get(f"/api/v1/assessments/{ident}/report?format=docx&language=en")
    assert report.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report.content)).paragraphs)
    assert "Akkoord" in text and "eddy" in text

    response = owner.post(f"/api/v1/assessments/{ident}/reopen")
    assert response.status_code == 201
    successor = response.json()
    assert successor["supersedes"] == ident and successor["status"] == "draft"
    assert owner.get(f"/api/v1/assessments/{ident}").json()["status"] == "superseded"
    assert owner.post(f"/api/v1/assessments/{ident}/reopen").status_code == 409


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [
        ("owner", 200, 201),
        ("editor", 200, 201),
        ("viewer", 200, 403),
        ("stranger", 404, 404),
    ],
)
def test_roles(people, who, read, write):
    from grenzeloos.legal import services

    collaboration = people["collaboration"]
    assessment = services.create_assessment(
        actor=people["owner"], collaboration=collaboration, answers=example_answers()
    )
    client = client_for(people[who])
    base = f"/api/v1/assessments/{assessment.pk}"
    assert client.get(f"/api/v1/collaborations/{collaboration.pk}/assessments").status_code == read
    assert client.get(base).status_code == read
    assert client.get(f"{base}/report?format=md").status_code == read
    response = client.post(
        f"/api/v1/collaborations/{collaboration.pk}/assessments", {}, format="json"
    )
    assert response.status_code == write
    expected_sign_off = {"owner": 403, "editor": 200, "viewer": 403, "stranger": 404}[who]
    version = services.answers_version(assessment)
    response = client.post(f"{base}/sign-off", {}, HTTP_IF_MATCH=f'"{version}"')
    assert response.status_code == expected_sign_off


def test_anonymous_assessments(people):
    collaboration = people["collaboration"]
    response = client_for().get(f"/api/v1/collaborations/{collaboration.pk}/assessments")
    assert response.status_code == 401
    assert response["WWW-Authenticate"]
