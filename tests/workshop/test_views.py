"""The workshop's pages: preparing one from the collaboration, the facilitator's page with the
join code and QR code, members and guests taking part (plain forms and the page's JSON), the
guest's limits, and adopting with the conflict view."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from grenzeloos.canvas import services as canvas
from grenzeloos.core.extensions import read_canvas
from grenzeloos.workshop import services
from grenzeloos.workshop.models import Note, Workshop
from tests.workshop.factories import workshop

pytestmark = pytest.mark.django_db


def english() -> Client:
    """A browser that asks for the English pages (Dutch is the default)."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def signed_in(user) -> Client:
    client = english()
    client.force_login(user)
    return client


def guest_client(made: Workshop, name: str = "Gita") -> Client:
    client = english()
    response = client.post(reverse("workshop:join"), {"code": made.guest_code, "name": name})
    assert response.status_code == 302
    assert response["Location"] == reverse("workshop:room", args=[made.pk])
    return client


def test_an_editor_prepares_a_workshop_from_the_collaboration(people):
    client = signed_in(people["editor"])
    url = reverse("workshop:list", args=[people["collaboration"].pk])
    assert "Prepare a workshop" in client.get(url).content.decode()
    response = client.post(
        url,
        {"title": "Round table", "boxes": ["dream", "pitch"], "minutes": "7", "dots": "2"},
    )
    made = Workshop.objects.get(title="Round table")
    assert response["Location"] == reverse("workshop:room", args=[made.pk])
    assert [(s.box, s.minutes) for s in made.steps.all()] == [("dream", 7), ("pitch", 7)]
    refused = client.post(url, {"title": "", "boxes": ["dream"]})
    assert refused.status_code == 422
    assert 'href="#id_title"' in refused.content.decode()


def test_a_viewer_sees_the_list_but_cannot_prepare_and_a_stranger_gets_404(people):
    url = reverse("workshop:list", args=[people["collaboration"].pk])
    viewer = signed_in(people["viewer"])
    assert "Prepare a workshop" not in viewer.get(url).content.decode()
    assert viewer.post(url, {"title": "x"}).status_code == 403
    assert signed_in(people["stranger"]).get(url).status_code == 404


def test_the_facilitator_page_shows_the_code_the_qr_code_and_the_adopt_form(people):
    made = workshop(people)
    page = signed_in(people["editor"]).get(reverse("workshop:room", args=[made.pk]))
    html = page.content.decode()
    assert made.guest_code in html
    assert f"/workshops/join/{made.guest_code}/" in html
    assert "Adopt as a new canvas revision" in html
    qr = signed_in(people["editor"]).get(reverse("workshop:qr", args=[made.pk]))
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.startswith(b"<?xml") and b"<svg" in qr.content


def test_a_member_adds_a_note_twice_by_script_and_it_is_stored_once(people):
    made = workshop(people)
    client = signed_in(people["viewer"])
    page = client.get(reverse("workshop:room", args=[made.pk])).content.decode()
    assert "Add note" in page
    key = str(uuid.uuid4())
    url = reverse("workshop:note_add", args=[made.pk])
    first = client.post(url, {"key": key, "text": "Clean air"}, HTTP_ACCEPT="application/json")
    again = client.post(url, {"key": key, "text": "Clean air"}, HTTP_ACCEPT="application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert first.json()["author"] == "vera"
    assert Note.objects.filter(workshop=made).count() == 1
    dot = client.post(
        reverse("workshop:dot", args=[made.pk, first.json()["id"]]), HTTP_ACCEPT="application/json"
    )
    assert dot.json() == {"dots_left": 2}


def test_a_guest_joins_by_the_link_adds_notes_and_dots_and_sees_nothing_else(people):
    made = workshop(people)
    link = english().get(reverse("workshop:join_code", args=[made.guest_code]))
    assert f'value="{made.guest_code}"' in link.content.decode()
    guest = guest_client(made)
    room = guest.get(reverse("workshop:room", args=[made.pk])).content.decode()
    assert "You take part as <strong>Gita</strong>" in room
    answer = guest.post(
        reverse("workshop:note_add", args=[made.pk]),
        {"key": str(uuid.uuid4()), "text": "A harbour for all"},
        HTTP_ACCEPT="application/json",
    )
    assert answer.status_code == 201 and answer.json()["author"] == "Gita"
    dot = guest.post(reverse("workshop:dot", args=[made.pk, answer.json()["id"]]))
    assert dot.status_code == 302
    pk = people["collaboration"].pk
    for url in (
        reverse("canvas:detail", args=[pk]),
        reverse("workshop:list", args=[pk]),
        reverse("workshop:projector", args=[made.pk]),
        reverse("workshop:qr", args=[made.pk]),
        f"/api/v1/collaborations/{pk}/",
    ):
        assert guest.get(url).status_code in (302, 401, 403, 404), url
    assert guest.post(reverse("workshop:run", args=[made.pk, "close"])).status_code == 302
    assert Workshop.objects.get(pk=made.pk).state == "running"
    other = workshop(people)
    assert guest.get(reverse("workshop:room", args=[other.pk])).status_code == 302


def test_a_closed_or_wrong_code_is_refused_on_the_join_page(people):
    made = workshop(people)
    services.close(actor=people["editor"], workshop_id=made.pk)
    refused = english().post(reverse("workshop:join"), {"code": made.guest_code, "name": "Gita"})
    assert refused.status_code == 422
    assert "this code is not valid (any more)" in refused.content.decode()


def test_a_guest_of_a_closed_workshop_is_refused(people):
    made = workshop(people)
    guest = guest_client(made)
    services.close(actor=people["editor"], workshop_id=made.pk)
    assert guest.get(reverse("workshop:room", args=[made.pk])).status_code == 403
    answer = guest.post(
        reverse("workshop:note_add", args=[made.pk]),
        {"key": str(uuid.uuid4()), "text": "late"},
        HTTP_ACCEPT="application/json",
    )
    assert answer.status_code == 403


def test_adopting_on_the_page_and_the_conflict_view_keeps_the_text(people):
    made = workshop(people)
    client = signed_in(people["editor"])
    collaboration = people["collaboration"]
    base = read_canvas(collaboration.pk).revision
    dream = made.steps.get(box="dream")
    url = reverse("workshop:adopt", args=[made.pk])
    done = client.post(url, {"step": dream.pk, "text": "Ours", "base_revision": base})
    assert done.status_code == 302
    assert read_canvas(collaboration.pk).document["dream"] == "Ours"
    now = read_canvas(collaboration.pk).revision
    canvas.update_fields(
        actor=people["owner"],
        collaboration=collaboration,
        changes={"dream": "Theirs"},
        base_revision=now,
    )
    conflict = client.post(url, {"step": dream.pk, "text": "Ours again", "base_revision": now})
    html = conflict.content.decode()
    assert conflict.status_code == 409
    assert "Not adopted: the box was changed on the canvas meanwhile" in html
    assert "Ours again</textarea>" in html and "Theirs" in html
    assert read_canvas(collaboration.pk).document["dream"] == "Theirs"


def test_the_facilitator_runs_the_steps_and_clusters_notes(people):
    made = workshop(people)
    client = signed_in(people["editor"])
    vera = services.join(actor=people["viewer"], workshop_id=made.pk)
    note, _ = services.add_note(participant=vera, key="k1", text="Clean air")
    client.post(reverse("workshop:cluster_add", args=[made.pk]), {"name": "Health"})
    cluster = made.steps.get(position=1).clusters.get()
    client.post(reverse("workshop:note_cluster", args=[made.pk, note.pk]), {"cluster": cluster.pk})
    assert Note.objects.get(pk=note.pk).cluster == cluster
    client.post(reverse("workshop:run", args=[made.pk, "step"]), {"position": "2"})
    assert Workshop.objects.get(pk=made.pk).current_step.box == "action_lines"
    projector = client.get(reverse("workshop:projector", args=[made.pk]))
    assert "gz-ws-projector" in projector.content.decode()
    assert (
        signed_in(people["viewer"]).get(reverse("workshop:projector", args=[made.pk])).status_code
        == 403
    )


def test_the_summary_downloads_for_members_only(people):
    made = workshop(people)
    url = reverse("workshop:summary", args=[made.pk, "md"])
    answer = signed_in(people["viewer"]).get(url)
    assert answer.status_code == 200
    assert "Start session" in answer.content.decode()
    assert signed_in(people["stranger"]).get(url).status_code == 404
    assert guest_client(made).get(url).status_code == 302
    assert (
        signed_in(people["viewer"])
        .get(reverse("workshop:summary", args=[made.pk, "exe"]))
        .status_code
        == 302
    )


def test_members_find_the_workshops_from_the_canvas(people):
    page = signed_in(people["viewer"]).get(
        reverse("canvas:detail", args=[people["collaboration"].pk])
    )
    url = reverse("workshop:list", args=[people["collaboration"].pk])
    assert f'<a class="utrecht-link" href="{url}">Workshops</a>' in page.content.decode()


def test_the_facilitator_sees_what_is_still_open_on_the_steps_box(people):
    """The step's box brings the partners' open comments and questions from the canvas
    (governance), for the facilitator only: resolved ones and other boxes' stay away."""
    from grenzeloos.governance import services as governance

    made = workshop(people)  # the first step is the Dream box
    cid = people["collaboration"].pk
    owner = people["owner"]
    asked = governance.add_comment(
        actor=owner, collaboration_id=cid, text="Wie betaalt de pilot?", box="dream", question=True
    )
    governance.add_comment(
        actor=owner, collaboration_id=cid, text="De gemeente.", parent_id=asked.pk
    )
    settled = governance.add_comment(
        actor=owner, collaboration_id=cid, text="Te vaag geformuleerd.", box="dream"
    )
    governance.resolve(actor=owner, comment_id=settled.pk)
    governance.add_comment(
        actor=owner, collaboration_id=cid, text="Welke wijk eerst?", box="action_lines"
    )
    room = reverse("workshop:room", args=[made.pk])
    html = signed_in(people["editor"]).get(room).content.decode()
    assert "Still open on “Dream”" in html
    thread = reverse("governance:comments", args=[cid]) + f"#comment-{asked.pk}"
    assert f'href="{thread}">Wie betaalt de pilot?</a>' in html
    assert "(1 reply)" in html
    assert "Te vaag geformuleerd." not in html and "Welke wijk eerst?" not in html
    assert "Wie betaalt de pilot?" not in guest_client(made).get(room).content.decode()
