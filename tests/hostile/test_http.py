"""Numbers, body shapes, preconditions and the HTTP conventions every client relies on."""

from __future__ import annotations

import json
import logging
import re

import pytest
from django.test import Client
from rest_framework.test import APIClient

from grenzeloos.canvas.models import Revision
from grenzeloos.cli import main
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.legal.models import LegalAssessment
from tests.canvas.factories import load_fixture

pytestmark = pytest.mark.django_db

AMOUNT = "partners[0].contributions[0].amount"


def _with_amount(raw_amount: str) -> str:
    """A canvas JSON text whose first contribution has the amount written as ``raw_amount``."""
    document = load_fixture("canvas-rich.json")
    document["partners"][0]["contributions"][0]["amount"] = 12345
    return json.dumps(document).replace("12345", raw_amount, 1)


@pytest.mark.parametrize(
    "raw",
    [
        "1e400",
        "-1e400",
        "1e-400",
        "9" * 4000,
        "1000000000000.01",
        "1000000000001",
        "12.345",
        "-5",
    ],
    ids=[
        "1e400",
        "-1e400",
        "1e-400",
        "4000-digits",
        "over-limit-cents",
        "over-limit",
        "3-decimals",
        "neg",
    ],
)
def test_amounts_out_of_range_are_refused_naming_the_field(api, people, raw):
    response = api.post(
        "/api/v1/collaborations", _with_amount(raw), content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert [p["name"] for p in response.json()["invalid_params"]] == [AMOUNT]
    collaboration = people["collaboration"]
    response = api.put(
        f"/api/v1/collaborations/{collaboration.pk}/canvas?base_revision=1",
        _with_amount(raw),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "saved by others" not in response.content.decode()
    assert Collaboration.objects.count() == 1 and Revision.objects.count() == 1


@pytest.mark.parametrize("raw", ["1000000000000", "0.5", "1250.75", "0"])
def test_amounts_in_range_are_kept(api, raw):
    response = api.post(
        "/api/v1/collaborations", _with_amount(raw), content_type="application/json"
    )
    assert response.status_code == 201
    canvas = api.get(response["Location"] + "/canvas").json()
    assert canvas["partners"][0]["contributions"][0]["amount"] == json.loads(raw)


@pytest.mark.parametrize("amount", ["9" * 4000, "1000000000001", "12,345"])
def test_web_partner_form_refuses_a_huge_amount(web, people, amount):
    collaboration = people["collaboration"]
    response = web.post(
        f"/c/{collaboration.pk}/partners/new/",
        {
            "name": "Nieuw",
            "role": "founding",
            "sector": "business",
            "base_revision": "1",
            "contribution_rows": "1",
            "c-0-kind": "money",
            "c-0-description": "geld",
            "c-0-amount": amount,
            "c-0-unit": "EUR",
        },
    )
    assert response.status_code == 422
    assert Revision.objects.filter(collaboration=collaboration).count() == 1


@pytest.mark.parametrize("raw", ["1e400", "1e-400", "9" * 4000, "1e13", "0.001"])
def test_legal_amounts_are_bounded(api, raw):
    body = (
        '{"schema": "grenzeloos.legal/1", "on_date": "2026-01-01", '
        f'"aid": {{"amount_eur": {raw}}}}}'
    )
    response = api.post("/api/v1/legal/assess", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "aid.amount_eur"


@pytest.fixture
def assessment(api, people):
    url = f"/api/v1/collaborations/{people['collaboration'].pk}/assessments"
    response = api.post(url, {"title": "toets"}, format="json")
    assert response.status_code == 201
    return response.json()["id"]


@pytest.mark.parametrize(
    "body", ['"str"', "123", "true", "1e999999", "[[1, [2]]]", "false", "0", '""', "null"]
)
def test_wrong_answer_bodies_get_400(api, assessment, body):
    before = LegalAssessment.objects.get(pk=assessment).answers
    response = api.put(
        f"/api/v1/assessments/{assessment}/answers", body, content_type="application/json"
    )
    if body == "null":  # no body value: the answers are emptied, which is a valid draft
        assert response.status_code == 200, response.content
        assert LegalAssessment.objects.get(pk=assessment).answers == {
            "schema": "grenzeloos.legal/1"
        }
        return
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert LegalAssessment.objects.get(pk=assessment).answers == before


@pytest.mark.parametrize("answers", ["x", 1, True, [1], [[1]]])
def test_create_assessment_with_answers_not_an_object_gets_400(api, people, answers):
    url = f"/api/v1/collaborations/{people['collaboration'].pk}/assessments"
    response = api.post(url, {"answers": answers}, format="json")
    assert response.status_code == 400
    assert LegalAssessment.objects.count() == 0


def test_put_without_precondition_is_428_and_writes_nothing(api, people):
    collaboration = people["collaboration"]
    url = f"/api/v1/collaborations/{collaboration.pk}/canvas"
    got = api.get(url)
    assert got["ETag"] == '"1"'
    document = {**load_fixture("canvas-rich.json"), "pitch": "overschreven"}
    response = api.put(url, document, format="json")
    assert response.status_code == 428
    assert response["Content-Type"] == "application/problem+json"
    assert "If-Match" in response.json()["detail"]
    assert Revision.objects.filter(collaboration=collaboration).count() == 1
    stale = api.put(url, document, format="json", HTTP_IF_MATCH='"7"')
    assert stale.status_code == 412 and stale.json()["current_revision"] == 1
    saved = api.put(url, document, format="json", HTTP_IF_MATCH=got["ETag"])
    assert saved.status_code == 200 and saved["ETag"] == '"2"'
    assert (
        api.put(url, {**document, "pitch": "x"}, format="json", HTTP_IF_MATCH="*").status_code
        == 200
    )


def test_anonymous_api_gets_401_with_www_authenticate(people):
    response = APIClient().get("/api/v1/collaborations")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic")
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_read_only_pages_answer_405(web, people, method):
    pk = people["collaboration"].pk
    for url in (
        "/",
        f"/c/{pk}/",
        f"/c/{pk}/history/",
        f"/c/{pk}/r/1/",
        f"/c/{pk}/export.md",
        "/legal/check/",
        f"/legal/c/{pk}/",
    ):
        response = getattr(web, method)(url)
        assert response.status_code == 405, url


def test_unknown_api_address_is_problem_json(api):
    response = api.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_oversized_bodies_are_413_with_the_limit(api, web, settings):
    settings.MAX_REQUEST_BYTES = 10_000
    body = json.dumps({**load_fixture("canvas-rich.json"), "dream": "x" * 20_000})
    response = api.post("/api/v1/collaborations", body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["limit_bytes"] == 10_000 and "10000" in response.json()["detail"]
    page = web.post("/new/", {"subject": "x" * 20_000})
    assert page.status_code == 413
    assert Collaboration.objects.count() == 1


def test_refused_requests_are_logged_in_one_line(web, people, make_user, caplog):
    stranger = Client()
    stranger.force_login(people["stranger"])
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert stranger.get(f"/c/{people['collaboration'].pk}/").status_code == 404
        viewer = Client()
        viewer.force_login(people["viewer"])
        assert viewer.get(f"/c/{people['collaboration'].pk}/field/dream/").status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 2
    for record in records:
        assert record.exc_info is None and "\n" not in record.getMessage()


def test_cli_messages_for_hostile_files(capsys, tmp_path):
    cases = {
        "deep.json": "[" * 100_000 + "]" * 100_000,
        "big.json": _with_amount("9" * 4000),
        "inf.json": _with_amount("1e400"),
        "nan.json": _with_amount("NaN"),
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        code = main(["canvas", "import", str(path)])
        _out, err = capsys.readouterr()
        assert code == 1 and err.count("\n") == 1, name
        assert "unexpected" not in err and "Traceback" not in err, err
    assert Collaboration.objects.count() == 0


def test_markdown_export_escapes_html_and_links(api, web):
    document = {
        **load_fixture("canvas-rich.json"),
        "dream": "<script>alert(1)</script>\n[klik](javascript:alert(1)) <javascript:x>",
    }
    created = api.post("/api/v1/collaborations", document, format="json")
    pk = created.json()["id"]
    markdown = web.get(f"/c/{pk}/export.md").content.decode()
    # Every bracket that could open a tag or a link is escaped, so none is markup.
    assert not re.search(r"(?<!\\)[<>\[\]]", markdown.split("## ", 2)[1])
    assert "\\<script\\>" in markdown and "\\[klik\\](javascript:" in markdown
