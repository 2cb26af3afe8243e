"""The process pages: copying a template, the board, moving a card through a plain form with a
reason (no script needed), a refused move named in the error summary, a stale move answered
409, and the funnel's chart with the same figures in a table."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from grenzeloos.processes import services
from grenzeloos.processes.models import Item, Process
from tests.ledger.factories import CommitmentFactory


@pytest.fixture
def process(people):
    return services.copy_template(
        actor=people["owner"],
        collaboration_id=people["collaboration"].pk,
        template_key="co-creation-three-phases",
    )


def _client(client, user):
    client.force_login(user)
    return client


def test_an_owner_copies_a_template_from_the_index(client, people):
    pk = people["collaboration"].pk
    page = _client(client, people["owner"]).get(reverse("processes:index", args=[pk]))
    assert page.status_code == 200
    assert "The Hague Security Delta" in page.content.decode()
    answer = client.post(reverse("processes:index", args=[pk]), {"template": "funnel-triumvirate"})
    process = Process.objects.get(collaboration_id=pk)
    assert answer.status_code == 302
    assert answer["Location"] == reverse("processes:board", args=[pk, process.pk])


def test_an_editor_cannot_copy_and_a_stranger_sees_nothing(client, people, process):
    pk = people["collaboration"].pk
    answer = _client(client, people["editor"]).post(
        reverse("processes:index", args=[pk]), {"template": "funnel-triumvirate"}
    )
    assert answer.status_code == 403
    client.force_login(people["stranger"])
    assert client.get(reverse("processes:board", args=[pk, process.pk])).status_code == 404


def test_a_card_moves_through_the_gate_form_and_back(client, people, process):
    pk = people["collaboration"].pk
    _client(client, people["editor"])
    client.post(reverse("processes:board", args=[pk, process.pk]), {"name": "Data district"})
    item = Item.objects.get()
    board = client.get(reverse("processes:board", args=[pk, process.pk])).content.decode()
    assert reverse("processes:item", args=[pk, item.pk]) in board

    url = reverse("processes:item", args=[pk, item.pk])
    refused = client.post(
        url,
        {
            "revision": "1",
            "to_stage": "partnership_assessment",
            "reason": "Round tables done.",
            "met_shared_problem": "on",
            "note_shared_problem": "Three banks, one problem.",
        },
    )
    assert refused.status_code == 422
    text = refused.content.decode()
    assert 'href="#id_note_partners_scouted"' in text
    assert "Three banks, one problem." in text  # what was typed stays

    moved = client.post(
        url,
        {
            "revision": "1",
            "to_stage": "partnership_assessment",
            "reason": "Round tables done.",
            "met_shared_problem": "on",
            "note_shared_problem": "Three banks, one problem.",
            "met_partners_scouted": "on",
            "note_partners_scouted": "Five asked, four came.",
        },
    )
    assert moved.status_code == 302
    assert Item.objects.get().stage == "partnership_assessment"

    stale = client.post(url, {"revision": "1", "to_stage": "scoping", "reason": "Again"})
    assert stale.status_code == 409
    assert "het staat nu in fase partnership_assessment" in stale.content.decode()

    back = client.post(url, {"revision": "2", "to_stage": "scoping", "reason": "A partner left."})
    assert back.status_code == 302
    page = client.get(url).content.decode()
    assert "A partner left." in page and "Five asked, four came." in page


def test_a_viewer_reads_the_item_but_cannot_move_it(client, people, process):
    item = services.add_item(actor=people["owner"], process_id=process.pk, name="X")
    pk = people["collaboration"].pk
    url = reverse("processes:item", args=[pk, item.pk])
    _client(client, people["viewer"])
    page = client.get(url)
    assert page.status_code == 200 and "id_reason" not in page.content.decode()
    answer = client.post(url, {"revision": "1", "to_stage": "scoping", "reason": "x"})
    assert answer.status_code == 403


def test_the_funnel_shows_a_chart_and_the_same_figures_in_a_table(client, people, process):
    pk = people["collaboration"].pk
    CommitmentFactory(partner__collaboration_id=pk, quantity=Decimal("80"), unit="hours")
    services.add_item(
        actor=people["owner"], process_id=process.pk, name="Us", linked_collaboration_id=pk
    )
    services.add_item(actor=people["owner"], process_id=process.pk, name="Other")
    page = _client(client, people["viewer"]).get(reverse("processes:funnel", args=[pk, process.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in text and "<title>Scopen en partijen samenbrengen: 2</title>" in text
    assert (
        '<th class="utrecht-table__cell" scope="row">Scopen en partijen samenbrengen</th>' in text
    )
    assert '<td class="utrecht-table__cell">80</td>' in text


def test_stopping_an_item_from_its_page_keeps_its_lessons(client, people, process):
    item = services.add_item(actor=people["owner"], process_id=process.pk, name="Dead end")
    pk = people["collaboration"].pk
    url = reverse("processes:item", args=[pk, item.pk])
    _client(client, people["editor"])
    refused = client.post(url, {"revision": "1", "to_stage": "close:stopped", "reason": "No fit."})
    assert refused.status_code == 422 and 'href="#id_lessons"' in refused.content.decode()
    answer = client.post(
        url,
        {
            "revision": "1",
            "to_stage": "close:stopped",
            "reason": "No fit.",
            "lessons": "Check the shared problem first.",
        },
    )
    assert answer.status_code == 302
    item.refresh_from_db()
    assert (item.outcome, item.lessons) == ("stopped", "Check the shared problem first.")
    page = client.get(url).content.decode()
    assert "Check the shared problem first." in page and "id_reason" not in page


def test_a_full_stage_shows_thirty_cards_and_lists_the_rest_page_by_page(client, people, process):
    for number in range(135):
        services.add_item(actor=people["owner"], process_id=process.pk, name=f"Card {number:03d}")
    pk = people["collaboration"].pk
    url = reverse("processes:board", args=[pk, process.pk])
    text = _client(client, people["viewer"]).get(url).content.decode()
    assert text.count('class="gz-board__card"><a') == 30 + 1  # thirty cards and the link on
    assert "?stage=scoping" in text
    second = client.get(url + "?stage=scoping&page=2").content.decode()
    assert "Card 100" in second and "Card 134" in second and "Card 099" not in second
    assert client.get(url + "?stage=nothing").status_code == 404
