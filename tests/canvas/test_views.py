"""The canvas web pages: permissions per role, in-place editing with merge, partners, history,
sharing and downloads. Each test checks what a person sees and what ends up stored."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from grenzeloos.canvas import services
from grenzeloos.canvas.document import SCHEMA_ID, empty_document
from grenzeloos.canvas.views import HISTORY_PAGE_SIZE
from grenzeloos.collaborations import services as collaboration_services
from grenzeloos.collaborations.access import role_in
from grenzeloos.collaborations.models import Collaboration, Role

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def people() -> dict[str, Any]:
    user_model = get_user_model()
    return {
        name: user_model.objects.create_user(username=name, password=PASSWORD)
        for name in ("olga", "eddy", "vera", "sam")
    }


@pytest.fixture
def collaboration(people: dict[str, Any]) -> Collaboration:
    """A canvas owned by olga, edited by eddy, viewed by vera; sam is a stranger."""
    document = {
        **empty_document("Proeftuin mobiliteit"),
        "dream": "Iedereen reist schoon naar het werk.",
        "action_lines": ["Pilot deelfietsen"],
        "partners": [
            {"name": "Gemeente Delft", "role": "founding", "sector": "government"},
            {"name": "TU Delft", "role": "founding", "sector": "knowledge"},
        ],
    }
    collaboration = services.create_collaboration(actor=people["olga"], document=document)
    collaboration_services.share(
        actor=people["olga"], collaboration=collaboration, username="eddy", role=Role.EDITOR
    )
    collaboration_services.share(
        actor=people["olga"], collaboration=collaboration, username="vera", role=Role.VIEWER
    )
    return collaboration


def client_for(user: Any | None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    if user is not None:
        client.force_login(user)
    return client


def head(collaboration: Collaboration) -> dict[str, Any]:
    collaboration.refresh_from_db()
    return services.head(collaboration).document


# --- Permission matrix ---------------------------------------------------------------------

#: (url name, extra kwargs, method, minimal role); POST data is filled in per case below.
PAGES = [
    ("canvas:detail", {}, "get", "viewer"),
    ("canvas:history", {}, "get", "viewer"),
    ("canvas:diff", {"a": 1, "b": 1}, "get", "viewer"),
    ("canvas:revision", {"number": 1}, "get", "viewer"),
    ("canvas:export", {"fmt": "json"}, "get", "viewer"),
    ("canvas:export", {"fmt": "md"}, "get", "viewer"),
    ("canvas:revision_export", {"number": 1, "fmt": "md"}, "get", "viewer"),
    ("collaborations:members", {}, "get", "viewer"),
    ("canvas:box", {"name": "dream"}, "get", "viewer"),
    ("canvas:field", {"name": "dream"}, "get", "editor"),
    ("canvas:partner_add", {}, "get", "editor"),
    ("canvas:partner_edit", {"index": 0}, "get", "editor"),
    ("canvas:field", {"name": "dream"}, "post", "editor"),
    ("canvas:partner_add", {}, "post", "editor"),
    ("canvas:partner_edit", {"index": 0}, "post", "editor"),
    ("canvas:partner_remove", {}, "post", "editor"),
    ("canvas:restore", {"number": 1}, "post", "editor"),
    ("collaborations:members", {}, "post", "owner"),
]
RANK = {"anonymous": 0, "stranger": 0, "viewer": 1, "editor": 2, "owner": 3}
WHO = {"owner": "olga", "editor": "eddy", "viewer": "vera", "stranger": "sam", "anonymous": None}


def post_data(name: str) -> dict[str, Any]:
    return {
        "canvas:field": {"base_revision": 1, "value": "Een nieuwe droom."},
        "canvas:partner_add": {
            "base_revision": 1,
            "name": "Fietsbond",
            "role": "stakeholder",
            "sector": "civil_society",
            "contribution_rows": 0,
        },
        "canvas:partner_edit": {
            "base_revision": 1,
            "original": "Gemeente Delft",
            "name": "Gemeente Delft",
            "role": "sponsoring",
            "sector": "government",
            "contribution_rows": 0,
        },
        "canvas:partner_remove": {"base_revision": 1, "name": "TU Delft"},
        "canvas:restore": {"confirm": "1"},
        "collaborations:members": {"action": "add", "username": "sam", "role": "viewer"},
    }[name]


@pytest.mark.parametrize("who", list(WHO))
@pytest.mark.parametrize(("name", "kwargs", "method", "needs"), PAGES)
def test_permission_matrix(
    people: dict[str, Any],
    collaboration: Collaboration,
    who: str,
    name: str,
    kwargs: dict[str, Any],
    method: str,
    needs: str,
) -> None:
    user = people[WHO[who]] if WHO[who] else None
    client = client_for(user)
    url = reverse(name, kwargs={"pk": collaboration.pk, **kwargs})
    if name == "canvas:restore":  # something to restore: revision 1 is no longer the latest
        services.update_fields(
            actor=people["olga"],
            collaboration=collaboration,
            changes={"dream": "Iedereen reist veilig naar het werk."},
            base_revision=1,
        )
    before = services.head(collaboration).number
    if method == "get":
        response = client.get(url, **(HTMX if name == "canvas:box" else {}))
    else:
        response = client.post(url, post_data(name))
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    elif who == "stranger":
        assert response.status_code == 404
    elif RANK[who] < RANK[needs]:
        assert response.status_code == 403
    elif method == "get":
        assert response.status_code == 200, response.content[:500]
    else:
        # Allowed writes redirect (post/redirect/get) and are stored.
        assert response.status_code == 302, response.content[:500]
        collaboration.refresh_from_db()
        if name == "collaborations:members":
            assert collaboration.memberships.filter(user__username="sam").exists()
        else:
            assert services.head(collaboration).number == before + 1
    if method == "post" and RANK[who] < RANK[needs]:
        # A refused request never writes a revision or a membership.
        collaboration.refresh_from_db()
        assert services.head(collaboration).number == before
        assert not collaboration.memberships.filter(user__username="sam").exists()


@pytest.mark.parametrize("who", ["anonymous", "owner"])
def test_list_needs_sign_in(people: dict[str, Any], collaboration: Collaboration, who: str):
    response = client_for(people[WHO[who]] if WHO[who] else None).get(reverse("canvas:list"))
    if who == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        assert "Proeftuin mobiliteit" in response.content.decode()


def test_stranger_does_not_see_collaboration_in_list(people, collaboration):
    response = client_for(people["sam"]).get(reverse("canvas:list"))
    assert "Proeftuin mobiliteit" not in response.content.decode()


def test_unknown_collaboration_and_revision_are_404(people, collaboration):
    client = client_for(people["olga"])
    assert client.get(reverse("canvas:detail", args=[9999])).status_code == 404
    assert client.get(reverse("canvas:revision", args=[collaboration.pk, 42])).status_code == 404
    assert client.get(reverse("canvas:export", args=[collaboration.pk, "pdfx"])).status_code == 404
    assert client.get(reverse("canvas:field", args=[collaboration.pk, "nope"])).status_code == 404


# --- Canvas page ---------------------------------------------------------------------------


def test_canvas_page_shows_zones_questions_and_edit_buttons(people, collaboration):
    html = client_for(people["eddy"]).get(reverse("canvas:detail", args=[collaboration.pk]))
    text = html.content.decode()
    for label in (
        "Droom",
        "Maatschappelijke waarde",
        "Propositie",
        "Actielijnen",
        "Financiering",
        "Neutraal terrein",
        "Governance",
        "Afspraken en organisatievorm",
        "Samenwerkingspartners",
        "Pitch",
    ):
        assert label in text
    assert "Iedereen reist schoon naar het werk." in text
    assert "gz-zone--challenge" in text and "gz-zone--preconditions" in text
    assert 'lang="nl"' in text
    assert reverse("canvas:field", args=[collaboration.pk, "dream"]) in text


def test_viewer_sees_no_edit_controls(people, collaboration):
    text = client_for(people["vera"]).get(reverse("canvas:detail", args=[collaboration.pk]))
    body = text.content.decode()
    assert reverse("canvas:field", args=[collaboration.pk, "dream"]) not in body
    assert reverse("canvas:partner_add", args=[collaboration.pk]) not in body
    assert "Iedereen reist schoon naar het werk." in body


# --- Editing fields ------------------------------------------------------------------------


def test_edit_field_without_javascript(people, collaboration):
    client = client_for(people["eddy"])
    url = reverse("canvas:field", args=[collaboration.pk, "dream"])
    form = client.get(url)
    assert form.status_code == 200
    assert 'name="base_revision" value="1"' in form.content.decode()
    assert "<label" in form.content.decode()
    response = client.post(url, {"base_revision": 1, "value": "Schone lucht in de stad."})
    assert response.status_code == 302
    assert head(collaboration)["dream"] == "Schone lucht in de stad."
    page = client.get(response["Location"])
    assert "Schone lucht in de stad." in page.content.decode()
    assert "revisie 2" in page.content.decode()


def test_edit_field_with_htmx_returns_the_box(people, collaboration):
    client = client_for(people["eddy"])
    url = reverse("canvas:field", args=[collaboration.pk, "pitch"])
    form = client.get(url, **HTMX)
    assert "<html" not in form.content.decode()
    response = client.post(url, {"base_revision": 1, "value": "Doe mee!"}, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="field-pitch"' in body and "Doe mee!" in body
    assert 'hx-swap-oob="true"' in body
    assert head(collaboration)["pitch"] == "Doe mee!"


def test_action_lines_are_edited_one_per_line(people, collaboration):
    client = client_for(people["eddy"])
    url = reverse("canvas:field", args=[collaboration.pk, "action_lines"])
    client.post(url, {"base_revision": 1, "value": "Pilot deelfietsen\r\n\r\nLaadpalen plaatsen\n"})
    assert head(collaboration)["action_lines"] == ["Pilot deelfietsen", "Laadpalen plaatsen"]


def test_validation_error_is_shown_next_to_the_field(people, collaboration):
    client = client_for(people["eddy"])
    url = reverse("canvas:field", args=[collaboration.pk, "action_lines"])
    response = client.post(url, {"base_revision": 1, "value": "Een\nEen"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Actielijnen" in body and "is gelijk aan action_lines[0]" in body
    assert "Een\nEen" in body  # what was typed stays in the form
    assert collaboration.revisions.count() == 1


def test_empty_subject_is_refused(people, collaboration):
    url = reverse("canvas:field", args=[collaboration.pk, "subject"])
    response = client_for(people["eddy"]).post(url, {"base_revision": 1, "value": " "})
    assert response.status_code == 422
    assert "Onderwerp" in response.content.decode()


def test_different_fields_from_the_same_base_both_survive(people, collaboration):
    olga, eddy = client_for(people["olga"]), client_for(people["eddy"])
    olga.post(
        reverse("canvas:field", args=[collaboration.pk, "dream"]),
        {"base_revision": 1, "value": "Droom van Olga"},
    )
    response = eddy.post(
        reverse("canvas:field", args=[collaboration.pk, "governance"]),
        {"base_revision": 1, "value": "Stuurgroep van Eddy"},
        **HTMX,
    )
    assert response.status_code == 200
    document = head(collaboration)
    assert document["dream"] == "Droom van Olga"
    assert document["governance"] == "Stuurgroep van Eddy"
    assert services.head(collaboration).number == 3


def test_a_merged_save_shows_the_merged_canvas_and_says_with_whose_change(people, collaboration):
    """htmx: the saved box says it was merged with olga's change and links to it; the box olga
    changed is swapped in too (out of band), so the screen shows the merged canvas."""
    olga, eddy = client_for(people["olga"]), client_for(people["eddy"])
    olga.post(
        reverse("canvas:field", args=[collaboration.pk, "dream"]),
        {"base_revision": 1, "value": "Droom van Olga"},
    )
    response = eddy.post(
        reverse("canvas:field", args=[collaboration.pk, "governance"]),
        {"base_revision": 1, "value": "Stuurgroep van Eddy"},
        **HTMX,
    )
    body = response.content.decode()
    assert "Opgeslagen in revisie 3, samengevoegd met de wijziging van olga." in body
    diff_url = reverse("canvas:diff", args=[collaboration.pk, 1, 2])
    assert f'<a class="utrecht-link" href="{diff_url}">tonen' in body
    assert 'id="field-dream" aria-labelledby="field-dream-heading" hx-swap-oob="true"' in body
    assert "Droom van Olga" in body
    assert "Stuurgroep van Eddy" in body
    # Without JavaScript: back on the canvas, the message says the same with the link.
    plain = eddy.post(
        reverse("canvas:field", args=[collaboration.pk, "financing"]),
        {"base_revision": 2, "value": "Subsidie"},
        follow=True,
    )
    page = plain.content.decode()
    assert "Opgeslagen in revisie 4, samengevoegd met de wijziging van eddy." in page
    assert reverse("canvas:diff", args=[collaboration.pk, 2, 3]) in page
    assert "Subsidie" in page and "Stuurgroep van Eddy" in page


def test_a_save_on_the_latest_revision_says_nothing_about_merging(people, collaboration):
    response = client_for(people["eddy"]).post(
        reverse("canvas:field", args=[collaboration.pk, "dream"]),
        {"base_revision": 1, "value": "Nieuw"},
        **HTMX,
    )
    body = response.content.decode()
    assert "Opgeslagen in revisie 2." in body
    assert "samengevoegd" not in body and 'hx-swap-oob="true" ' not in body


def test_same_field_from_the_same_base_shows_the_conflict(people, collaboration):
    olga, eddy = client_for(people["olga"]), client_for(people["eddy"])
    url = reverse("canvas:field", args=[collaboration.pk, "dream"])
    olga.post(url, {"base_revision": 1, "value": "Droom van Olga"})
    response = eddy.post(url, {"base_revision": 1, "value": "Droom van Eddy"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Droom van Olga" in body and "Droom van Eddy" in body
    assert "olga" in body  # who saved the other version
    assert 'name="base_revision" value="2"' in body
    assert head(collaboration)["dream"] == "Droom van Olga"
    # "Keep mine": resave on top of the head.
    response = eddy.post(url, {"base_revision": 2, "value": "Droom van Eddy"})
    assert response.status_code == 302
    assert head(collaboration)["dream"] == "Droom van Eddy"


def test_conflict_with_htmx_is_swapped_in_and_offers_a_combination(people, collaboration):
    olga, eddy = client_for(people["olga"]), client_for(people["eddy"])
    url = reverse("canvas:field", args=[collaboration.pk, "dream"])
    olga.post(url, {"base_revision": 1, "value": "Tekst A"})
    response = eddy.post(url, {"base_revision": 1, "value": "Tekst B"}, **HTMX)
    assert response.status_code == 409
    body = response.content.decode()
    assert "<html" not in body
    assert "Tekst A\n\nTekst B</textarea>" in body


def test_combine_merges_sentences_once_and_marks_the_differing_ones(people, collaboration):
    """Two people each add a sentence to Governance: the combination holds the paragraph once
    and both new sentences, and the dialog marks the sentences only one of them has."""
    olga, eddy = client_for(people["olga"]), client_for(people["eddy"])
    url = reverse("canvas:field", args=[collaboration.pk, "governance"])
    paragraph = "Een stuurgroep besluit. Zij komt ca. 4 keer per jaar bijeen."
    olga.post(url, {"base_revision": 1, "value": paragraph})
    olga.post(url, {"base_revision": 2, "value": paragraph + " De voorzitter rouleert."})
    response = eddy.post(url, {"base_revision": 2, "value": paragraph + " Er komt een adviesraad."})
    assert response.status_code == 409
    body = response.content.decode()
    combined = paragraph + " De voorzitter rouleert. Er komt een adviesraad."
    assert f">{combined}</textarea>" in body
    assert (
        '<mark class="gz-mark">De voorzitter rouleert. <span class="gz-mark__who">(olga)</span>'
        in body
    )
    assert '<mark class="gz-mark">Er komt een adviesraad. <span class="gz-mark__who">(' in body
    assert "Een stuurgroep besluit.</mark>" not in body
    response = eddy.post(url, {"base_revision": 3, "value": combined})
    assert response.status_code == 302
    assert head(collaboration)["governance"] == combined


# --- Partners ------------------------------------------------------------------------------


def test_add_partner_with_interests_and_contributions(people, collaboration):
    client = client_for(people["eddy"])
    form = client.get(reverse("canvas:partner_add", args=[collaboration.pk]))
    assert form.status_code == 200
    assert form.content.decode().count('name="c-') == 4  # one empty row of four inputs
    response = client.post(
        reverse("canvas:partner_add", args=[collaboration.pk]),
        {
            "base_revision": 1,
            "name": "Fietsbond",
            "role": "stakeholder",
            "sector": "civil_society",
            "interests": ["societal", "other"],
            "other_interest": "Veilige fietsroutes",
            "contribution_rows": 3,
            "c-0-kind": "people",
            "c-0-description": "Vrijwilligers",
            "c-0-amount": "80",
            "c-0-unit": "hours",
            "c-1-kind": "money",
            "c-1-description": "",
            "c-1-amount": "",
        },
    )
    assert response.status_code == 302
    partners = head(collaboration)["partners"]
    assert [p["name"] for p in partners] == ["Gemeente Delft", "TU Delft", "Fietsbond"]
    assert partners[2]["interests"] == ["societal", {"other": "Veilige fietsroutes"}]
    assert partners[2]["contributions"] == [
        {"kind": "people", "description": "Vrijwilligers", "amount": 80, "unit": "hours"}
    ]
    page = client.get(reverse("canvas:detail", args=[collaboration.pk])).content.decode()
    assert "Fietsbond" in page and "Veilige fietsroutes" in page and "80 uur" in page


def test_partner_form_errors_keep_what_was_typed(people, collaboration):
    response = client_for(people["eddy"]).post(
        reverse("canvas:partner_add", args=[collaboration.pk]),
        {
            "base_revision": 1,
            "name": "TU Delft",
            "role": "founding",
            "sector": "knowledge",
            "contribution_rows": 1,
            "c-0-kind": "money",
            "c-0-description": "Subsidie",
            "c-0-amount": "veel",
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Subsidie" in body and 'value="veel"' in body
    assert collaboration.revisions.count() == 1


def test_duplicate_partner_name_is_named(people, collaboration):
    response = client_for(people["eddy"]).post(
        reverse("canvas:partner_add", args=[collaboration.pk]),
        {"base_revision": 1, "name": "tu  delft", "role": "founding", "sector": "knowledge"},
    )
    assert response.status_code == 422
    assert "is al partners[1]" in response.content.decode()


def test_edit_partner_changes_only_that_partner(people, collaboration):
    client = client_for(people["eddy"])
    form = client.get(reverse("canvas:partner_edit", args=[collaboration.pk, 0]))
    assert 'value="Gemeente Delft"' in form.content.decode()
    response = client.post(
        reverse("canvas:partner_edit", args=[collaboration.pk, 0]),
        {
            "base_revision": 1,
            "original": "Gemeente Delft",
            "name": "Gemeente Delft",
            "role": "sponsoring",
            "sector": "government",
            "interests": ["image"],
            "contribution_rows": 1,
            "c-0-kind": "money",
            "c-0-description": "Cofinanciering",
            "c-0-amount": "25000",
            "c-0-unit": "EUR",
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert "€ 25.000" in response.content.decode()
    partners = head(collaboration)["partners"]
    assert partners[0]["role"] == "sponsoring"
    assert partners[1] == {
        "name": "TU Delft",
        "role": "founding",
        "sector": "knowledge",
        "interests": [],
        "contributions": [],
    }


def test_concurrent_edits_to_different_partners_merge(people, collaboration):
    olga, eddy = client_for(people["olga"]), client_for(people["eddy"])
    base = {"base_revision": 1, "contribution_rows": 0}
    olga.post(
        reverse("canvas:partner_edit", args=[collaboration.pk, 0]),
        {
            **base,
            "original": "Gemeente Delft",
            "name": "Gemeente Delft",
            "role": "sponsoring",
            "sector": "government",
        },
    )
    response = eddy.post(
        reverse("canvas:partner_edit", args=[collaboration.pk, 1]),
        {
            **base,
            "original": "TU Delft",
            "name": "TU Delft",
            "role": "stakeholder",
            "sector": "knowledge",
        },
    )
    assert response.status_code == 302
    roles = {p["name"]: p["role"] for p in head(collaboration)["partners"]}
    assert roles == {"Gemeente Delft": "sponsoring", "TU Delft": "stakeholder"}


def test_concurrent_edits_to_the_same_partner_conflict(people, collaboration):
    olga, eddy = client_for(people["olga"]), client_for(people["eddy"])
    url = reverse("canvas:partner_edit", args=[collaboration.pk, 0])
    base = {
        "base_revision": 1,
        "original": "Gemeente Delft",
        "name": "Gemeente Delft",
        "sector": "government",
        "contribution_rows": 0,
    }
    olga.post(url, {**base, "role": "sponsoring"})
    response = eddy.post(url, {**base, "role": "stakeholder"})
    assert response.status_code == 409
    body = response.content.decode()
    # The clients read Dutch: the conflict is explained in Dutch and shows olga's saved role
    # ("Sponsoring partner" is also the Dutch label) beside eddy's.
    assert "Opgeslagen versie van olga (revisie 2)" in body
    assert "Saved version by" not in body
    assert "Sponsoring partner" in body
    assert 'name="base_revision" value="2"' in body
    # The partner once, a row per part: only the role differs, and is marked.
    assert body.count('<table class="utrecht-table gz-partner-compare">') == 1
    assert body.count('<tr class="utrecht-table__row gz-changed">') == 1
    assert body.count('<mark class="gz-mark">') == 2
    assert body.count('<td class="utrecht-table__cell" colspan="2">Gemeente Delft</td>') == 1
    assert head(collaboration)["partners"][0]["role"] == "sponsoring"


def test_remove_partner(people, collaboration):
    response = client_for(people["eddy"]).post(
        reverse("canvas:partner_remove", args=[collaboration.pk]),
        {"base_revision": 1, "name": "TU Delft"},
        **HTMX,
    )
    assert response.status_code == 200
    assert [p["name"] for p in head(collaboration)["partners"]] == ["Gemeente Delft"]
    assert "TU Delft" not in response.content.decode()


# --- History, diff, revisions, restore, downloads ------------------------------------------


def _two_revisions(people, collaboration) -> None:
    services.update_fields(
        actor=people["eddy"],
        collaboration=collaboration,
        changes={
            "dream": "Iedereen reist schoon en veilig naar het werk.",
            "action_lines": ["Pilot deelfietsen", "Laadpalen"],
            "partners": [{"name": "Gemeente Delft", "role": "founding", "sector": "government"}],
        },
        base_revision=1,
    )


def test_history_lists_revisions_and_opens_a_diff(people, collaboration):
    _two_revisions(people, collaboration)
    client = client_for(people["vera"])
    page = client.get(reverse("canvas:history", args=[collaboration.pk])).content.decode()
    assert "Revisie 2" in page and "Revisie 1" in page and "eddy" in page and "olga" in page
    # Which boxes each revision changed.
    assert 'data-label="Gewijzigd">Droom, Actielijnen, Samenwerkingspartners</td>' in page
    assert 'data-label="Gewijzigd">Aangemaakt</td>' in page
    response = client.get(reverse("canvas:history", args=[collaboration.pk]), {"a": 1, "b": 2})
    assert response.status_code == 302
    assert response["Location"] == reverse("canvas:diff", args=[collaboration.pk, 1, 2])


def test_diff_shows_words_and_items(people, collaboration):
    _two_revisions(people, collaboration)
    body = (
        client_for(people["vera"])
        .get(reverse("canvas:diff", args=[collaboration.pk, 1, 2]))
        .content.decode()
    )
    assert "<ins>en veilig </ins>" in body
    assert "<ins>Laadpalen</ins>" in body
    assert "Verwijderd" in body and "TU Delft" in body


def test_old_revision_page_and_restore(people, collaboration):
    _two_revisions(people, collaboration)
    client = client_for(people["eddy"])
    page = client.get(reverse("canvas:revision", args=[collaboration.pk, 1])).content.decode()
    assert "Iedereen reist schoon naar het werk." in page
    assert reverse("canvas:restore", args=[collaboration.pk, 1]) in page
    assert reverse("canvas:revision_export", args=[collaboration.pk, 1, "json"]) in page
    # Restoring asks first and says what it replaces; nothing is written yet.
    ask = client.post(reverse("canvas:restore", args=[collaboration.pk, 1]))
    assert ask.status_code == 200
    text = " ".join(ask.content.decode().split())
    # Revision 2 changed the dream and the action lines and removed TU Delft: named, each.
    assert "De vakken Droom en Actielijnen krijgen de inhoud van revisie 1 terug." in text
    assert "1 partner komt terug: TU Delft." in text
    assert "verwijderd" not in text and "Er gaat niets verloren" in text
    collaboration.refresh_from_db()
    assert services.head(collaboration).number == 2
    response = client.post(
        reverse("canvas:restore", args=[collaboration.pk, 1]),
        {"confirm": "1", "message": "Terug naar de afspraak"},
    )
    assert response.status_code == 302
    collaboration.refresh_from_db()
    assert services.head(collaboration).number == 3
    restored = services.head(collaboration)
    assert restored.restored_from == 1 and restored.message == "Terug naar de afspraak"
    assert restored.document["dream"] == "Iedereen reist schoon naar het werk."


def test_a_visit_to_a_forms_target_shows_the_form_and_changes_nothing(people, collaboration):
    """Reload, Back or a bookmark after a form: a page or a redirect to one, never a 405."""
    _two_revisions(people, collaboration)
    eddy, vera = client_for(people["eddy"]), client_for(people["vera"])
    list_url = reverse("canvas:list")
    assert eddy.get(reverse("canvas:create"))["Location"] == list_url + "#subject"
    assert eddy.get(reverse("canvas:import"))["Location"] == list_url + "#import-file"
    remove = eddy.get(reverse("canvas:partner_remove", args=[collaboration.pk]))
    assert (
        remove["Location"] == reverse("canvas:detail", args=[collaboration.pk]) + "#field-partners"
    )
    restore_url = reverse("canvas:restore", args=[collaboration.pk, 1])
    ask = eddy.get(restore_url)
    assert ask.status_code == 200
    assert "Revisie 1 herstellen?" in ask.content.decode()
    # The revision page's button is such a visit: a GET form, no token needed.
    page = eddy.get(reverse("canvas:revision", args=[collaboration.pk, 1])).content.decode()
    assert f'<form method="get" action="{restore_url}"' in page
    # A viewer may not restore: the bookmark leads to the revision itself.
    assert vera.get(restore_url)["Location"] == reverse(
        "canvas:revision", args=[collaboration.pk, 1]
    )
    assert eddy.get(reverse("canvas:restore", args=[collaboration.pk, 9])).status_code == 404
    collaboration.refresh_from_db()
    assert services.head(collaboration).number == 2
    assert Collaboration.objects.count() == 1
    assert len(head(collaboration)["partners"]) == 1


def test_restore_names_the_partners_it_removes_and_the_boxes_it_replaces(people, collaboration):
    """Restoring a revision from before five partners were added removes all five: said so,
    by name, not "replaces 5 partners"."""
    names = [f"Partner {letter}" for letter in "ABCDE"]
    revision = services.update_fields(
        actor=people["olga"],
        collaboration=collaboration,
        changes={
            "partners": [{"name": n, "role": "stakeholder", "sector": "citizens"} for n in names],
            "governance": "Stuurgroep",
        },
        base_revision=1,
    )
    ask = client_for(people["olga"]).get(reverse("canvas:restore", args=[collaboration.pk, 1]))
    text = " ".join(ask.content.decode().split())
    assert "Het vak Governance krijgt de inhoud van revisie 1 terug." in text
    assert "5 partners worden verwijderd: Partner A, Partner B, Partner C, Partner D en " in text
    assert "2 partners komen terug: Gemeente Delft en TU Delft." in text
    assert revision.changed_fields == ["governance", "partners"]
    same = client_for(people["olga"]).get(
        reverse("canvas:restore", args=[collaboration.pk, revision.number])
    )
    assert "gelijk aan de laatste revisie: herstellen verandert niets" in same.content.decode()


def test_viewer_sees_no_restore_button(people, collaboration):
    _two_revisions(people, collaboration)
    page = client_for(people["vera"]).get(reverse("canvas:revision", args=[collaboration.pk, 1]))
    assert reverse("canvas:restore", args=[collaboration.pk, 1]) not in page.content.decode()


def test_downloads(people, collaboration):
    _two_revisions(people, collaboration)
    client = client_for(people["vera"])
    response = client.get(reverse("canvas:export", args=[collaboration.pk, "json"]))
    data = json.loads(response.content)
    assert data["schema"] == SCHEMA_ID and data["revision"] == 2
    assert "attachment" in response["Content-Disposition"]
    old = client.get(reverse("canvas:revision_export", args=[collaboration.pk, 1, "md"]))
    assert old["Content-Type"].startswith("text/markdown")
    assert "Iedereen reist schoon naar het werk." in old.content.decode()
    assert "## Droom" in old.content.decode()


# --- Collaboration list: search, create, import --------------------------------------------


def test_search(people, collaboration):
    services.create_collaboration(actor=people["olga"], document=empty_document("Schuldhulp"))
    client = client_for(people["olga"])
    body = client.get(reverse("canvas:list"), {"q": "deelfietsen"}).content.decode()
    assert "Proeftuin mobiliteit" in body and "Schuldhulp" not in body
    body = client.get(reverse("canvas:list"), {"q": "onvindbaar"}).content.decode()
    assert "Proeftuin mobiliteit" not in body


def test_create_collaboration(people):
    client = client_for(people["sam"])
    response = client.post(reverse("canvas:create"), {"subject": "Warmtenet Noord"})
    assert response.status_code == 302
    created = Collaboration.objects.get(subject="Warmtenet Noord")
    assert response["Location"] == reverse("canvas:detail", args=[created.pk])
    assert role_in(people["sam"], created.pk) == Role.OWNER
    assert client.post(reverse("canvas:create"), {"subject": ""}).status_code == 422


def test_import_json_and_errors_with_paths(people):
    client = client_for(people["sam"])
    good = json.dumps({"schema": SCHEMA_ID, "subject": "Geïmporteerd", "dream": "Één droom"})
    response = client.post(
        reverse("canvas:import"),
        {"file": SimpleUploadedFile("c.json", good.encode(), "application/json")},
    )
    assert response.status_code == 302
    assert Collaboration.objects.filter(subject="Geïmporteerd").exists()
    bad = json.dumps(
        {
            "schema": SCHEMA_ID,
            "subject": "X",
            "colour": "red",
            "partners": [{"name": "A", "role": "boss", "sector": "business"}],
        }
    )
    response = client.post(
        reverse("canvas:import"), {"file": SimpleUploadedFile("c.json", bad.encode())}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "partners[0].role" in body and "colour" in body
    assert "Partner 1 (A):" in body  # who, in words; the path only on the detail line
    assert not Collaboration.objects.filter(subject="X").exists()


@pytest.mark.parametrize(
    ("content", "language", "expected"),
    [
        (
            '{"schema": "grenzeloos.canvas/1",\n"subject": "X"\n"dream": "y"}',
            "en",
            "Line 3: this is not a valid canvas file (a comma is missing?)",
        ),
        (
            '{"schema": "grenzeloos.canvas/1",\n"subject": "X"\n"dream": "y"}',
            "nl",
            "Regel 3: dit is geen geldig canvasbestand (ontbreekt er een komma?)",
        ),
        (
            '{"schema": "grenzeloos.canvas/1", "subject": "X", "dream": 5}',
            "en",
            "Dream: text expected, found a number",
        ),
        (
            '{"schema": "grenzeloos.canvas/1", "subject": "X", "dream": 5}',
            "nl",
            "Droom: tekst verwacht, maar er staat een getal",
        ),
    ],
)
def test_import_errors_speak_to_people(people, content, language, expected):
    client = client_for(people["sam"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(
        reverse("canvas:import"), {"file": SimpleUploadedFile("c.json", content.encode())}
    )
    assert response.status_code == 422
    assert expected in response.content.decode()


# --- Sharing -------------------------------------------------------------------------------


def test_owner_shares_changes_and_removes(people, collaboration):
    client = client_for(people["olga"])
    url = reverse("collaborations:members", args=[collaboration.pk])
    assert (
        client.post(url, {"action": "add", "username": "sam", "role": "viewer"}).status_code == 302
    )
    assert role_in(people["sam"], collaboration.pk) == Role.VIEWER
    client.post(url, {"action": "change", "username": "sam", "role": "editor"})
    assert role_in(people["sam"], collaboration.pk) == Role.EDITOR
    page = client.get(url).content.decode()
    assert "sam" in page and "Bewerker" in page
    client.post(url, {"action": "remove", "username": "sam"})
    assert role_in(people["sam"], collaboration.pk) is None


def test_sharing_errors_are_shown(people, collaboration):
    client = client_for(people["olga"])
    url = reverse("collaborations:members", args=[collaboration.pk])
    response = client.post(url, {"action": "add", "username": "nobody", "role": "viewer"})
    assert response.status_code == 400
    assert "nobody" in response.content.decode()
    response = client.post(url, {"action": "remove", "username": "olga"})
    assert response.status_code == 400
    assert "minstens één eigenaar" in response.content.decode()


def test_members_page_for_editor_has_no_controls(people, collaboration):
    body = client_for(people["eddy"]).get(
        reverse("collaborations:members", args=[collaboration.pk])
    )
    text = body.content.decode()
    assert "olga" in text and "vera" in text
    assert 'name="action"' not in text


# --- Language ------------------------------------------------------------------------------


def test_language_switch_renders_english(people, collaboration):
    client = client_for(people["olga"])
    url = reverse("canvas:detail", args=[collaboration.pk])
    assert "Maatschappelijke waarde" in client.get(url).content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302
    body = client.get(url).content.decode()
    assert 'lang="en"' in body
    assert "Societal value" in body and "Maatschappelijke waarde" not in body


def test_long_history_comes_in_pages(db, django_user_model):
    olga = django_user_model.objects.create_user("pagina-olga", password="x-pass-1234")
    collaboration = services.create_collaboration(
        actor=olga, document={"schema": "grenzeloos.canvas/1", "subject": "Lang verhaal"}
    )
    for number in range(HISTORY_PAGE_SIZE + 4):
        services.update_fields(
            actor=olga,
            collaboration=collaboration,
            changes={"pitch": f"pitch {number}"},
            base_revision=number + 1,
        )
    client = Client()
    client.force_login(olga)
    first = client.get(f"/c/{collaboration.pk}/history/").content.decode()
    latest = HISTORY_PAGE_SIZE + 5
    assert f"Revisie {latest}<" in first and "Revisie 5<" not in first
    assert 'rel="next"' in first and "Pagina 1 van 2" in first
    second = client.get(f"/c/{collaboration.pk}/history/?page=2").content.decode()
    assert "Revisie 5<" in second and "Revisie 1<" in second
    assert f"Revisie {latest}<" not in second


@pytest.mark.parametrize(
    ("language", "typed", "stored", "shown"),
    [
        ("en", "50,000", 50000, "50,000"),
        ("en", "1,200,000.50", 1200000.5, "1,200,000.5"),
        ("nl", "1.200.000", 1200000, "1.200.000"),
        ("nl", "1.200.000,50", 1200000.5, "1.200.000,5"),
        ("nl", "1200000", 1200000, "1.200.000"),
        ("en", "1200000", 1200000, "1,200,000"),
    ],
)
def test_contribution_amounts_are_read_the_pages_way(
    people, collaboration, language, typed, stored, shown
):
    client = client_for(people["eddy"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(
        reverse("canvas:partner_add", args=[collaboration.pk]),
        {
            "base_revision": 1,
            "name": "Fietsbond",
            "role": "sponsoring",
            "sector": "civil_society",
            "contribution_rows": 1,
            "c-0-kind": "money",
            "c-0-description": "Bijdrage",
            "c-0-amount": typed,
            "c-0-unit": "EUR",
        },
    )
    assert response.status_code == 302
    assert head(collaboration)["partners"][2]["contributions"][0]["amount"] == stored
    # The form shows the stored amount so that saving it unchanged keeps it.
    form = client.get(reverse("canvas:partner_edit", args=[collaboration.pk, 2])).content.decode()
    assert f'name="c-0-amount" value="{shown}"' in form


@pytest.mark.parametrize(("language", "typed"), [("nl", "50,000"), ("en", "1.200")])
def test_ambiguous_amount_is_refused_with_an_example(people, collaboration, language, typed):
    client = client_for(people["eddy"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(
        reverse("canvas:partner_add", args=[collaboration.pk]),
        {
            "base_revision": 1,
            "name": "Fietsbond",
            "role": "sponsoring",
            "sector": "civil_society",
            "contribution_rows": 1,
            "c-0-kind": "money",
            "c-0-description": "Bijdrage",
            "c-0-amount": typed,
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert {"nl": "1.200.000,50", "en": "1,200,000.50"}[language] in body
    assert collaboration.revisions.count() == 1


def test_partner_diff_highlights_what_changed(people, collaboration):
    services.update_fields(
        actor=people["eddy"],
        collaboration=collaboration,
        changes={
            "partners": [
                {"name": "Gemeente Delft", "role": "sponsoring", "sector": "government"},
                {"name": "TU Delft", "role": "founding", "sector": "knowledge"},
            ]
        },
        base_revision=1,
    )
    body = (
        client_for(people["olga"])
        .get(reverse("canvas:diff", args=[collaboration.pk, 1, 2]))
        .content.decode()
    )
    assert 'class="gz-changed">Rol <span class="gz-changed__mark">(gewijzigd)</span>' in body
    assert 'class="gz-changed">Sector' not in body


def test_action_lines_line_by_line_without_javascript(people, collaboration):
    client = client_for(people["eddy"])
    url = reverse("canvas:field", args=[collaboration.pk, "action_lines"])
    form = client.get(url, {"lines": "1"}).content.decode()
    assert 'name="line"' in form and 'value="Pilot deelfietsen"' in form
    step = client.post(
        url, {"base_revision": 1, "line": ["Pilot deelfietsen", "Laadpalen"], "line_action": "up-1"}
    )
    assert step.status_code == 200 and services.head(collaboration).number == 1
    body = step.content.decode()
    assert body.index('value="Laadpalen"') < body.index('value="Pilot deelfietsen"')
    added = client.post(url, {"base_revision": 1, "line": ["A", "B"], "line_action": "add"})
    assert added.content.decode().count('name="line"') == 3
    removed = client.post(url, {"base_revision": 1, "line": ["A", "B"], "line_action": "remove-0"})
    assert removed.content.decode().count('name="line"') == 1
    saved = client.post(url, {"base_revision": 1, "line": ["- Laadpalen", "2. Pilot", ""]})
    assert saved.status_code == 302
    assert head(collaboration)["action_lines"] == ["Laadpalen", "Pilot"]


def test_bullets_typed_as_text_are_not_repeated(people, collaboration):
    client = client_for(people["eddy"])
    url = reverse("canvas:field", args=[collaboration.pk, "action_lines"])
    client.post(url, {"base_revision": 1, "value": "- Eerste\n* Tweede\n3. Derde\n• Vierde"})
    assert head(collaboration)["action_lines"] == ["Eerste", "Tweede", "Derde", "Vierde"]


# --- Links to other capabilities go through the collaboration pages port ------------------


def test_the_canvas_header_links_to_the_pages_other_apps_register(people, collaboration):
    from django.core.cache import cache

    from grenzeloos.core import extensions

    url = reverse("canvas:detail", args=[collaboration.pk])
    page = client_for(people["vera"]).get(url).content.decode()
    legal = reverse("legal:collaboration", args=[collaboration.pk])
    assert f'<a class="utrecht-link" href="{legal}">Juridische routetoets</a>' in page
    # A page no app registers is not linked (as when the legal app is not installed).
    registered = dict(extensions._collaboration_pages)
    try:
        extensions._collaboration_pages.pop("legal")
        cache.clear()
        page = client_for(people["vera"]).get(url).content.decode()
    finally:
        extensions._collaboration_pages.clear()
        extensions._collaboration_pages.update(registered)
    assert legal not in page
