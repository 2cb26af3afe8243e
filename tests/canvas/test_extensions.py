"""The canvas app's side of the ports in ``core.extensions``: its reader and the page's panels."""

from __future__ import annotations

import pytest
from django.utils.html import format_html

from grenzeloos.canvas import services
from grenzeloos.core import extensions
from grenzeloos.core.errors import NotFound
from tests.canvas.factories import load_fixture


@pytest.fixture
def owned(make_user):
    owner = make_user("olga")
    document = {**load_fixture("canvas-minimal.json"), "subject": "Energiecoöperatie"}
    return owner, services.create_collaboration(actor=owner, document=document)


def test_the_canvas_app_registers_a_reader_of_the_published_document(owned):
    owner, collaboration = owned
    services.update_fields(
        actor=owner, collaboration=collaboration, changes={"dream": "Warm wonen"}, base_revision=1
    )
    snapshot = extensions.read_canvas(collaboration.pk)
    assert (snapshot.collaboration_id, snapshot.revision) == (collaboration.pk, 2)
    assert snapshot.document["schema"] == "grenzeloos.canvas/1"
    assert snapshot.document["subject"] == "Energiecoöperatie"
    assert snapshot.document["dream"] == "Warm wonen"
    assert extensions.read_canvas(collaboration.pk, 1).document["dream"] != "Warm wonen"
    with pytest.raises(NotFound):
        extensions.read_canvas(collaboration.pk, 99)
    with pytest.raises(NotFound):
        extensions.read_canvas(collaboration.pk + 1000)


def test_registered_panels_appear_on_the_canvas_page_in_order(client, owned):
    owner, collaboration = owned
    seen = []

    def second(context):
        seen.append((context.snapshot.revision, context.role, context.editable))
        return format_html(
            '<section id="second">{}</section>', context.snapshot.document["subject"]
        )

    panels = [
        extensions.CanvasPanel("test-second", 20, second),
        extensions.CanvasPanel("test-first", 10, lambda c: format_html('<p id="{}"></p>', "first")),
        extensions.CanvasPanel("test-empty", 5, lambda c: ""),
    ]
    for panel in panels:
        extensions.register_canvas_panel(panel)
    try:
        client.force_login(owner)
        html = client.get(f"/c/{collaboration.pk}/").content.decode()
    finally:
        for panel in panels:
            extensions._panels.pop(panel.key)
    assert html.index('<p id="first">') < html.index('<section id="second">Energiecoöperatie<')
    assert seen == [(1, "owner", True)]
