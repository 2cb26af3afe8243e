"""The canvas page is kept whole per visitor until something it shows changes.

Every test visits a page twice or more and checks that what a person must see (a save, a new
role, a removal, a message, their own name; a started legal check:
tests/guidance/test_web.py) is there on the next
visit, and that a repeated visit with nothing changed is answered from the kept page.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grenzeloos.canvas import services
from grenzeloos.collaborations import services as collaboration_services
from grenzeloos.core import extensions
from grenzeloos.core.extensions import CanvasPanel

pytestmark = pytest.mark.django_db


def visit(client: Client, collaboration: Any) -> tuple[str, int]:
    """The page's HTML and how many queries answering it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("canvas:detail", args=[collaboration.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def signed_in(user: Any, language: str = "nl") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def test_a_repeated_visit_is_answered_from_the_kept_page(people):
    collaboration = people["collaboration"]
    client = signed_in(people["editor"])
    first, cold = visit(client, collaboration)
    second, warm = visit(client, collaboration)
    assert warm < cold
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", first) == token.sub("", second)


def test_each_response_carries_a_working_csrf_token_of_its_own(people):
    collaboration = people["collaboration"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["editor"])
    visit(client, collaboration)
    page, _ = visit(client, collaboration)  # from the kept page
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert tokens and "placeholder" not in page
    response = client.post(
        reverse("canvas:field", args=[collaboration.pk, "dream"]),
        {
            "base_revision": 1,
            "value": "Een droom met een geldig formulier.",
            "csrfmiddlewaretoken": tokens[0],
        },
    )
    assert response.status_code == 302
    page, _ = visit(client, collaboration)
    assert "Een droom met een geldig formulier." in page


def test_a_save_by_someone_else_shows_on_the_next_visit(people):
    collaboration = people["collaboration"]
    viewer = signed_in(people["viewer"])
    visit(viewer, collaboration)
    services.update_fields(
        actor=people["editor"],
        collaboration=collaboration,
        changes={"dream": "Een droom die net is opgeslagen."},
        base_revision=1,
    )
    page, _ = visit(viewer, collaboration)
    assert "Een droom die net is opgeslagen." in page


def test_a_new_role_shows_at_once_and_a_removed_member_is_shut_out(people):
    collaboration = people["collaboration"]
    viewer = people["viewer"]
    client = signed_in(viewer)
    edit_box = reverse("canvas:field", args=[collaboration.pk, "dream"])
    page, _ = visit(client, collaboration)
    assert edit_box not in page
    collaboration_services.share(
        actor=people["owner"], collaboration=collaboration, username="vera", role="editor"
    )
    page, _ = visit(client, collaboration)
    assert edit_box in page
    collaboration_services.unshare(
        actor=people["owner"], collaboration=collaboration, username="vera"
    )
    response = client.get(reverse("canvas:detail", args=[collaboration.pk]))
    assert response.status_code == 404


def test_every_visitor_sees_their_own_name(people):
    collaboration = people["collaboration"]
    for user in (people["owner"], people["editor"], people["viewer"]):
        visit(signed_in(user), collaboration)
    for user in (people["owner"], people["editor"], people["viewer"]):
        page, _ = visit(signed_in(user), collaboration)
        assert f"<strong>{user.get_username()}</strong>" in page
        others = {"olga", "eddy", "vera"} - {user.get_username()}
        assert not any(f"<strong>{name}</strong>" in page for name in others)


def test_each_language_has_its_own_page(people):
    collaboration = people["collaboration"]
    visit(signed_in(people["editor"], "nl"), collaboration)
    english, _ = visit(signed_in(people["editor"], "en"), collaboration)
    assert 'lang="en"' in english and "Dream" in english


def test_a_message_is_shown_once_and_never_kept(people):
    collaboration = people["collaboration"]
    client = signed_in(people["editor"])
    visit(client, collaboration)
    response = client.post(
        reverse("canvas:partner_remove", args=[collaboration.pk]),
        {"base_revision": 1, "name": "TU Delft"},
        follow=True,
    )
    messages = [str(message) for message in response.context["messages"]]
    assert messages
    again, _ = visit(client, collaboration)
    assert not any(message in again for message in messages)


def test_a_panel_that_cannot_say_what_it_depends_on_keeps_the_page_fresh(people):
    collaboration = people["collaboration"]
    seen: list[int] = []

    def render(context: extensions.CanvasPageContext) -> str:
        seen.append(context.snapshot.revision)
        return f"<section>visit {len(seen)}</section>"

    extensions.register_canvas_panel(CanvasPanel(key="test.fresh", order=99, render=render))
    try:
        client = signed_in(people["editor"])
        first, cold = visit(client, collaboration)
        second, warm = visit(client, collaboration)
    finally:
        extensions._panels.pop("test.fresh")
    assert "visit 1" in first and "visit 2" in second
    assert len(seen) == 2


def test_a_query_string_renders_the_page_anew(people):
    collaboration = people["collaboration"]
    client = signed_in(people["owner"])
    visit(client, collaboration)
    url = reverse("canvas:detail", args=[collaboration.pk])
    with CaptureQueriesContext(connection) as plain:
        client.get(url)
    with CaptureQueriesContext(connection) as asked:
        page = client.get(url, {"pitch_audience": "wethouder", "pitch_length": "short"})
    assert page.status_code == 200
    assert len(asked) > len(plain)
