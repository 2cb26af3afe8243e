"""The workshop's REST API: prepare and run a workshop, notes stored once by key, dots bounded,
adopting with merge and conflict (409), the guest code only for those who facilitate, and the
live events' shape."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from grenzeloos.canvas import services as canvas
from grenzeloos.core.extensions import read_canvas

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_prepare_run_take_part_and_adopt_through_the_api(people):
    pk = people["collaboration"].pk
    base = f"/api/v1/collaborations/{pk}/workshops"
    made = api(people["editor"]).post(
        base,
        {
            "title": "Round table",
            "dots": 1,
            "steps": [{"box": "dream", "minutes": 5}, {"question": "Who is missing?"}],
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    workshop = made.json()["id"]
    assert [s["box"] for s in made.json()["steps"]] == ["dream", ""]
    assert api(people["viewer"]).post(base, {"title": "x"}, format="json").status_code == 403
    assert api(people["stranger"]).get(base).status_code == 404

    started = api(people["editor"]).post(f"{base}/{workshop}/run", {"action": "start"})
    assert started.status_code == 200 and started.json()["state"] == "running"
    assert len(started.json()["guest_code"]) == 6
    vera = api(people["viewer"])
    assert vera.get(f"{base}/{workshop}").json()["guest_code"] is None

    first = vera.post(f"{base}/{workshop}/notes", {"key": "k-1", "text": "Clean air"})
    again = vera.post(f"{base}/{workshop}/notes", {"key": "k-1", "text": "Clean air"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    note = first.json()["id"]
    assert vera.post(f"{base}/{workshop}/notes/{note}/dots").json()["dots"] == 1
    refused = vera.post(f"{base}/{workshop}/notes/{note}/dots")
    assert refused.status_code == 409
    assert refused["Content-Type"] == "application/problem+json"

    event = vera.get(f"{base}/{workshop}/events/current-step").json()
    assert (event["kind"], event["box"], event["minutes"]) == ("step", "dream", 5)

    step = started.json()["steps"][0]["id"]
    revision = read_canvas(pk).revision
    adopted = api(people["editor"]).post(
        f"{base}/{workshop}/adopt",
        {"step": step, "text": "Clean air for all", "base_revision": revision},
    )
    assert adopted.status_code == 201 and adopted.json()["revision"] == revision + 1
    canvas.update_fields(
        actor=people["owner"],
        collaboration=people["collaboration"],
        changes={"dream": "Theirs"},
        base_revision=revision + 1,
    )
    conflict = api(people["editor"]).post(
        f"{base}/{workshop}/adopt",
        {"step": step, "text": "Ours", "base_revision": revision + 1},
    )
    assert conflict.status_code == 409
    assert read_canvas(pk).document["dream"] == "Theirs"
    assert vera.post(f"{base}/{workshop}/adopt", {}).status_code == 403
    detail = vera.get(f"{base}/{workshop}").json()
    assert [(n["text"], n["dots"]) for n in detail["notes"]] == [("Clean air", 1)]
    assert [a["revision"] for a in detail["adoptions"]] == [revision + 1]
