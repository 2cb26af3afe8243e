"""REST API: problem+json errors, API-Version header, roles, merge over HTTP."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from grenzeloos.canvas import services
from grenzeloos.canvas.document import ALL_FIELDS
from tests.canvas.factories import load_fixture

pytestmark = pytest.mark.django_db


def client_for(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def url(collaboration, suffix=""):
    return f"/api/v1/collaborations/{collaboration.pk}{suffix}"


def test_anonymous_gets_problem_json_with_api_version():
    response = client_for().get("/api/v1/collaborations")
    assert response.status_code == 401
    assert response["WWW-Authenticate"]
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"
    assert response.json()["status"] == response.status_code


def test_create_and_read_back(make_user):
    anna = make_user("anna")
    rich = load_fixture("canvas-rich.json")
    response = client_for(anna).post("/api/v1/collaborations", rich, format="json")
    assert response.status_code == 201
    ident = response.json()["id"]
    assert response["Location"] == f"/api/v1/collaborations/{ident}"
    canvas = client_for(anna).get(f"/api/v1/collaborations/{ident}/canvas")
    assert canvas["ETag"] == '"1"'
    body = canvas.json()
    assert body.pop("revision") == 1
    assert {k: body[k] for k in rich} == rich
    detail = client_for(anna).get(f"/api/v1/collaborations/{ident}").json()
    assert (detail["role"], detail["revision"]) == ("owner", 1)


def test_invalid_canvas_lists_every_problem(make_user):
    response = client_for(make_user("anna")).post(
        "/api/v1/collaborations",
        {"schema": "grenzeloos.canvas/1", "subject": "x", "partners": [{"name": "A"}]},
        format="json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    names = {param["name"] for param in response.json()["invalid_params"]}
    assert names == {"partners[0].role", "partners[0].sector"}


@pytest.mark.parametrize(
    ("who", "read", "write", "share"),
    [
        ("owner", 200, 200, 200),
        ("editor", 200, 200, 403),
        ("viewer", 200, 403, 403),
        ("stranger", 404, 404, 404),
    ],
)
def test_roles(people, who, read, write, share):
    collaboration = people["collaboration"]
    client = client_for(people[who])
    assert client.get(url(collaboration, "/canvas")).status_code == read
    assert client.get(url(collaboration, "/revisions")).status_code == read
    assert client.get(url(collaboration, "/members")).status_code == read
    document = {**load_fixture("canvas-rich.json"), "pitch": f"pitch van {who}"}
    response = client.put(url(collaboration, "/canvas?base_revision=1"), document, format="json")
    assert response.status_code == write
    response = client.put(url(collaboration, "/members/sam"), {"role": "viewer"}, format="json")
    assert response.status_code == share


def test_concurrent_puts_merge_or_conflict(people):
    collaboration = people["collaboration"]
    rich = load_fixture("canvas-rich.json")
    owner, editor = client_for(people["owner"]), client_for(people["editor"])
    first = owner.put(
        url(collaboration, "/canvas?base_revision=1"), {**rich, "dream": "A"}, format="json"
    )
    assert first.json()["revision"] == 2
    second = editor.put(
        url(collaboration, "/canvas?base_revision=1"), {**rich, "pitch": "B"}, format="json"
    )
    assert second.json()["revision"] == 3
    clash = editor.put(
        url(collaboration, "/canvas?base_revision=1"), {**rich, "dream": "C"}, format="json"
    )
    assert clash.status_code == 409
    problem = clash.json()
    assert problem["conflicts"][0]["field"] == "dream"
    assert (problem["conflicts"][0]["yours"], problem["conflicts"][0]["current"]) == ("C", "A")
    assert problem["current_revision"] == 3
    assert services.head(collaboration).number == 3


def test_restore_diff_and_members(people):
    collaboration = people["collaboration"]
    client = client_for(people["editor"])
    rich = load_fixture("canvas-rich.json")
    saved = client.put(
        url(collaboration, "/canvas"), {**rich, "dream": "kort"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert saved.status_code == 200 and saved["ETag"] == '"2"'

    diff = client.get(url(collaboration, "/diff?from=1&to=2")).json()
    assert [change["field"] for change in diff] == ["dream"]
    missing = client.get(url(collaboration, "/diff?from=1"))
    assert missing.status_code == 400 and "to: is verplicht" in missing.json()["detail"]
    restored = client.post(url(collaboration, "/revisions/1/restore"))
    assert restored.status_code == 201 and restored.json()["revision"] == 3
    assert client.get(url(collaboration, "/canvas?revision=9")).status_code == 404
    members = client.get(url(collaboration, "/members")).json()
    assert {m["username"]: m["role"] for m in members} == {
        "olga": "owner",
        "eddy": "editor",
        "vera": "viewer",
    }


def test_the_history_names_the_fields_each_revision_changed(people):
    """The web history names the boxes each revision changed; the API's history says the same
    (``changed_fields``, canvas order, empty for the first revision)."""
    collaboration = people["collaboration"]
    client = client_for(people["editor"])
    rich = load_fixture("canvas-rich.json")
    client.put(
        url(collaboration, "/canvas"),
        {**rich, "dream": "Anders."},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    client.put(
        url(collaboration, "/canvas"),
        {**rich, "dream": "Anders.", "pitch": "Kort.", "governance": "Een stuurgroep."},
        format="json",
        HTTP_IF_MATCH='"2"',
    )
    assert client.post(url(collaboration, "/revisions/2/restore")).status_code == 201
    revisions = client.get(url(collaboration, "/revisions")).json()
    changed = {row["number"]: row["changed_fields"] for row in revisions}
    in_canvas_order = [field for field in ALL_FIELDS if field in ("pitch", "governance")]
    assert changed == {1: [], 2: ["dream"], 3: in_canvas_order, 4: in_canvas_order}


def test_search_and_schema(people):
    client = client_for(people["viewer"])
    found = client.get("/api/v1/collaborations?search=Zeeën").json()
    assert found["count"] == 1 and found["next"] is None
    assert [row["id"] for row in found["results"]] == [people["collaboration"].pk]
    assert client.get("/api/v1/collaborations?search=raket").json()["results"] == []
    schema = client.get("/api/v1/schemas/canvas").json()
    assert schema["properties"]["schema"]["const"] == "grenzeloos.canvas/1"


def test_openapi_document_is_served_and_matches_the_committed_one():
    from pathlib import Path

    served = client_for().get("/api/v1/openapi.json")
    assert served.status_code == 200
    committed = json.loads(
        (Path(__file__).resolve().parents[2] / "docs" / "openapi.json").read_text()
    )
    assert json.loads(served.content)["paths"].keys() == committed["paths"].keys()


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
