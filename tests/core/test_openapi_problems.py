"""The OpenAPI document says what the API really answers: every operation lists the problem
statuses its set-up can give (``core.api.problem_statuses``), each as problem+json; files are
documented with the content types they come in; and a string field takes only a string."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers
from rest_framework.test import APIClient

from grenzeloos.collaborations.models import Collaboration

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    with translation.override("en"):  # as `make openapi` writes it
        return SchemaGenerator().get_schema(request=None, public=True)


def _operations(document: dict[str, Any]):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            yield f"{method.upper()} {path}", operation


def test_the_committed_document_is_the_generated_one(document):
    """The drift check of ``make check-openapi``, also in the test run."""
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == json.loads(json.dumps(document))


def test_every_operation_lists_the_problems_its_set_up_can_give(document):
    for name, operation in _operations(document):
        responses = operation["responses"]
        # Every operation authenticates (Basic locks out), needs a signed-in account and
        # passes the request guard.
        for code in ("400", "401", "403", "429"):
            assert code in responses, (name, code)
        parameters = {(p["in"], p["name"]) for p in operation.get("parameters", [])}
        if any(place == "path" for place, _name in parameters) or ("query", "page") in parameters:
            assert "404" in responses, name
        if "requestBody" in operation:
            assert {"413", "415"} <= responses.keys(), name
        if ("header", "If-Match") in parameters:
            assert {"412", "428"} <= responses.keys(), name
        # Only the canvas export answers whatever Accept says (FileDownloadNegotiation).
        assert ("406" in responses) == (name != "GET /collaborations/{id}/export"), name
        for code, response in responses.items():
            if int(code) >= 400:
                assert response["content"] == PROBLEM, (name, code)


def test_what_a_view_declares_keeps_its_own_description(document):
    canvas_put = document["paths"]["/collaborations/{id}/canvas"]["put"]["responses"]
    assert canvas_put["409"]["description"] == "merge conflict; nothing was saved"
    assert canvas_put["409"]["content"] == PROBLEM
    invite = document["paths"]["/collaborations/{id}/invitations"]["post"]["responses"]
    assert "409" in invite


def test_files_are_documented_in_the_content_types_they_come_in(document):
    paths = document["paths"]
    export = paths["/collaborations/{id}/export"]["get"]["responses"]["200"]["content"]
    assert export["application/json"]["schema"] == {"type": "object", "additionalProperties": {}}
    assert export["application/pdf"]["schema"] == {"type": "string", "format": "binary"}
    contributions = paths["/collaborations/{id}/ledger/contributions/export.{fmt}"]
    assert set(contributions["get"]["responses"]["200"]["content"]) == {
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    report = paths["/collaborations/{id}/ledger/report.{fmt}"]["get"]["responses"]["200"]
    assert set(report["content"]) == {
        "application/pdf",
        "application/vnd.oasis.opendocument.text",
        "text/markdown",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "text/csv",
    }


def test_an_accept_header_the_operation_cannot_answer_is_the_documented_406(people, document):
    client = APIClient()
    client.force_authenticate(people["owner"])
    response = client.get("/api/v1/examples", HTTP_ACCEPT="image/png")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/problem+json"
    assert "406" in document["paths"]["/examples"]["get"]["responses"]


def test_the_problem_schema_admits_what_the_api_sends(people):
    """A real refusal has the members the document's Problem schema requires."""
    client = APIClient()
    client.force_authenticate(people["owner"])
    response = client.patch(
        f"/api/v1/collaborations/{people['collaboration'].pk}",
        {"status": "nonsense"},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    required = json.loads(COMMITTED.read_text())["components"]["schemas"]["Problem"]["required"]
    assert set(required) <= body.keys()
    assert body["invalid_params"][0]["name"] == "status"


@pytest.mark.parametrize("value", [0, 1.5, -7, 10**30])
def test_a_number_for_a_string_field_is_a_400_naming_the_field(people, value):
    client = APIClient()
    client.force_authenticate(people["owner"])
    collaboration = people["collaboration"]
    before = Collaboration.objects.get(pk=collaboration.pk).description
    response = client.patch(
        f"/api/v1/collaborations/{collaboration.pk}", {"description": value}, format="json"
    )
    assert response.status_code == 400
    [problem] = response.json()["invalid_params"]
    assert problem["name"] == "description"
    assert (
        problem["reason"] == f"moet tekst zijn (tussen aanhalingstekens), niet het getal {value!r}"
    )
    assert Collaboration.objects.get(pk=collaboration.pk).description == before
    ok = client.patch(
        f"/api/v1/collaborations/{collaboration.pk}", {"description": "0"}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["description"] == "0"


def test_every_string_field_is_strict_not_only_the_ones_tested():
    """The rule sits on DRF's CharField itself (``core.api.require_text_for_strings``), so
    every serializer of every app, present and future, has it."""

    class Any(serializers.Serializer):
        text = serializers.CharField()
        mail = serializers.EmailField(required=False)

    for body in ({"text": 0}, {"text": True}, {"text": ["a"]}, {"text": "a", "mail": 5}):
        assert not Any(data=body).is_valid(), body
    assert Any(data={"text": " a "}).is_valid()
