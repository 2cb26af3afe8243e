"""The processes API: templates, copying and adapting, items, moves (a refused gate names the
criterion, a stale revision answers 409 problem+json), closing, and the funnel."""

from __future__ import annotations

from rest_framework.test import APIClient

from grenzeloos.processes.models import Item

PROBLEM = "application/problem+json"


def api(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def test_a_process_runs_through_the_api(people) -> None:
    pk = people["collaboration"].pk
    owner = api(people["owner"])
    templates = owner.get("/api/v1/process-templates").json()
    assert "innovation-model-theme" in [t["key"] for t in templates]

    assert (
        api(people["editor"])
        .post(f"/api/v1/collaborations/{pk}/processes", {"template": "innovation-model-theme"})
        .status_code
        == 403
    )
    created = owner.post(
        f"/api/v1/collaborations/{pk}/processes", {"template": "innovation-model-theme"}
    )
    assert created.status_code == 201
    process = created.json()["id"]

    editor = api(people["editor"])
    item = editor.post(
        f"/api/v1/collaborations/{pk}/processes/{process}/items", {"name": "Smart cities"}
    ).json()
    assert (item["stage"], item["revision"]) == ("study", 1)
    moves = f"/api/v1/collaborations/{pk}/process-items/{item['id']}/moves"

    refused = editor.post(
        moves,
        {
            "to_stage": "round_table",
            "reason": "Report out",
            "revision": 1,
            "criteria": {"study_done": "Published in May."},
        },
        format="json",
    )
    assert refused.status_code == 400
    assert refused["Content-Type"].startswith(PROBLEM)
    assert refused.json()["invalid_params"][0]["name"] == "criteria.problem_owner"

    body = {
        "to_stage": "round_table",
        "reason": "Report out",
        "revision": 1,
        "criteria": {"study_done": "Published in May.", "problem_owner": "The municipality."},
    }
    moved = editor.post(moves, body, format="json")
    assert moved.status_code == 201
    assert moved.json()["stage"] == "round_table"
    assert moved.json()["transitions"][0]["criteria"][1] == {
        "key": "problem_owner",
        "note": "The municipality.",
    }
    stale = editor.post(moves, body, format="json")
    assert stale.status_code == 409 and stale["Content-Type"].startswith(PROBLEM)

    closed = editor.post(
        f"/api/v1/collaborations/{pk}/process-items/{item['id']}/close",
        {
            "outcome": "stopped",
            "reason": "Nobody came along.",
            "lessons": "Find the owner first.",
            "revision": 2,
        },
        format="json",
    )
    assert closed.status_code == 201
    assert Item.objects.get().lessons == "Find the owner first."

    funnel = api(people["viewer"]).get(f"/api/v1/collaborations/{pk}/processes/{process}/funnel")
    assert [s["count"] for s in funnel.json()] == [0, 0, 0, 0]
    assert (
        api(people["stranger"])
        .get(f"/api/v1/collaborations/{pk}/processes/{process}/funnel")
        .status_code
        == 404
    )
    assert api(people["viewer"]).post(moves, body, format="json").status_code == 403


def test_owners_adapt_a_process_to_a_new_version(people) -> None:
    pk = people["collaboration"].pk
    owner = api(people["owner"])
    process = owner.post(
        f"/api/v1/collaborations/{pk}/processes", {"template": "funnel-triumvirate"}
    ).json()
    document = process["document"]
    document["stages"][0]["questions"].append({"nl": "Wie betaalt?", "en": "Who pays?"})
    url = f"/api/v1/collaborations/{pk}/processes/{process['id']}"
    adapted = owner.put(url, {"document": document, "base_version": 1}, format="json")
    assert adapted.status_code == 200
    assert adapted.json()["version"] == 2
    again = owner.put(url, {"document": document, "base_version": 1}, format="json")
    assert again.status_code == 409
    document["stages"] = []
    broken = owner.put(url, {"document": document, "base_version": 2}, format="json")
    assert broken.status_code == 400
    assert "stages" in broken.json()["detail"]
