"""The advice panel on the canvas page, in both languages, and the draft-pitch action."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from lxml import html

from grenzeloos.canvas import services as canvas_services
from grenzeloos.collaborations import services as collaboration_services
from grenzeloos.core.extensions import has_legal_assessment
from grenzeloos.legal import services as legal_services
from tests.guidance.canvases import exemplary

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner() -> Any:
    return get_user_model().objects.create_user(username="olga", password="x-pass-1234")


def client_for(user: Any, language: str | None = None) -> Client:
    client = Client()
    client.force_login(user)
    if language:
        client.cookies["django_language"] = language
    return client


def page(client: Client, url: str, **params: str) -> Any:
    response = client.get(url, params)
    assert response.status_code == 200
    return html.fromstring(response.content)


def create(owner: Any, **changes: Any) -> Any:
    document = exemplary(**changes)
    document.pop("revision")
    return canvas_services.create_collaboration(actor=owner, document=document)


def test_panel_shows_findings_under_the_conditions_in_dutch(owner: Any) -> None:
    collaboration = create(owner, dream="", neutral_ground="")
    tree = page(client_for(owner), reverse("canvas:detail", args=[collaboration.pk]))
    panel = tree.get_element_by_id("guidance")
    assert panel.xpath("string(.//h2)") == "Advies bij dit canvas"
    titles = [
        h.text_content().split("  ")[0].strip()
        for h in panel.xpath(".//h3[contains(@class, 'gz-condition__title')]")
    ]
    assert len(titles) == 5
    dream = panel.xpath(".//li[@data-finding='dream_missing']")[0]
    assert "De droom is leeg" in dream.text_content()
    assert "SchuldenlabNL" in dream.text_content()
    assert dream.xpath(".//a/@href") == ["#field-dream"]
    # No legal route check is on record for this collaboration yet, and the government pays.
    legal = panel.xpath(".//li[@data-finding='government_money_without_legal_check']")[0]
    assert [(a.get("href"), a.text_content()) for a in legal.xpath(".//p/a")] == [
        ("#field-partners", "Toon op het canvas"),
        (reverse("legal:collaboration", args=[collaboration.pk]), "Naar de juridische routetoets"),
    ]
    status = panel.xpath(".//section[@aria-labelledby='condition-common_ground']//span")[0]
    assert status.text_content() == "Vraagt aandacht"


def test_panel_in_english(owner: Any) -> None:
    collaboration = create(owner, pitch="")
    tree = page(client_for(owner, "en"), reverse("canvas:detail", args=[collaboration.pk]))
    panel = tree.get_element_by_id("guidance")
    assert panel.xpath("string(.//h2)") == "Advice on this canvas"
    finding = panel.xpath(".//li[@data-finding='pitch_missing']")[0]
    assert finding.text_content().strip().startswith("Note: There is no pitch yet.")


def test_a_legal_route_check_on_record_removes_the_warning(owner: Any) -> None:
    collaboration = create(owner)
    url = reverse("canvas:detail", args=[collaboration.pk])
    assert has_legal_assessment(collaboration.pk) is False
    assert page(client_for(owner), url).xpath(
        "//li[@data-finding='government_money_without_legal_check']"
    )
    legal_services.create_assessment(actor=owner, collaboration=collaboration)
    assert has_legal_assessment(collaboration.pk) is True
    tree = page(client_for(owner), url)
    assert not tree.xpath("//li[@data-finding]")
    assert [s.text_content() for s in tree.xpath("//span[contains(@class, 'gz-status')]")] == [
        "In orde"
    ] * 5


def test_draft_pitch_fills_the_pitch_field_and_saving_it_stores_it(owner: Any) -> None:
    collaboration = create(owner, pitch="")
    client = client_for(owner, "en")
    url = reverse("canvas:detail", args=[collaboration.pk])
    tree = page(
        client, url, pitch_audience="Hogeschool Oost", pitch_length="short", pitch_language="nl"
    )
    draft = tree.get_element_by_id("pitch-draft")
    text = draft.text_content()
    assert text.startswith("Onze droom: In 2030 leeft geen gezin in Oost")
    assert "Voor Hogeschool Oost levert het" in text
    form = draft.xpath("ancestor::form")[0]
    assert form.get("action") == reverse("canvas:field", args=[collaboration.pk, "pitch"])
    edited = text + " Doe je mee?"
    response = client.post(
        form.get("action"),
        {"value": edited, "base_revision": form.xpath(".//input[@name='base_revision']/@value")[0]},
    )
    assert response.status_code == 302
    assert canvas_services.head(collaboration).document["pitch"] == edited


def test_saving_a_draft_over_a_written_pitch_asks_first_without_javascript(owner: Any) -> None:
    """A hand-written pitch is not overwritten by "Save as the canvas's pitch": the draft goes
    to the pitch's own form (GET), which shows the current pitch and asks to replace it."""
    written = "Onze eigen pitch, met de hand geschreven."
    collaboration = create(owner, pitch=written)
    client = client_for(owner, "nl")
    url = reverse("canvas:detail", args=[collaboration.pk])
    tree = page(client, url, pitch_length="short", pitch_language="nl")
    draft = tree.get_element_by_id("pitch-draft")
    form = draft.xpath("ancestor::form")[0]
    assert form.get("method") == "get" and draft.get("name") == "proposed"
    assert form.get("action") == reverse("canvas:field", args=[collaboration.pk, "pitch"])
    ask = client.get(form.get("action"), {"proposed": draft.text_content()})
    assert ask.status_code == 200
    asked = html.fromstring(ask.content)
    warning = asked.xpath("string(//div[contains(@class, 'utrecht-alert--warning')])")
    assert "Pitch heeft al een tekst. Opslaan vervangt hem" in warning and written in warning
    assert asked.get_element_by_id("input-pitch").text_content() == draft.text_content()
    assert "Pitch vervangen" in asked.xpath("string(//form[contains(@class, 'gz-field-form')])")
    assert canvas_services.head(collaboration).document["pitch"] == written
    response = client.post(
        form.get("action"),
        {
            "value": draft.text_content(),
            "base_revision": asked.xpath("//input[@name='base_revision']/@value")[0],
        },
    )
    assert response.status_code == 302
    assert canvas_services.head(collaboration).document["pitch"] == draft.text_content()


def test_viewers_see_the_draft_but_cannot_save_it(owner: Any) -> None:
    collaboration = create(owner)
    viewer = get_user_model().objects.create_user(username="vera", password="x-pass-1234")
    collaboration_services.share(
        actor=owner, collaboration=collaboration, username="vera", role="viewer"
    )
    tree = page(
        client_for(viewer, "en"),
        reverse("canvas:detail", args=[collaboration.pk]),
        pitch_audience="business",
        pitch_length="long",
    )
    assert not tree.xpath("//textarea[@id='pitch-draft']")
    quote = tree.xpath("string(//blockquote[contains(@class, 'gz-pitch-text')])")
    # The viewer reads English, so the draft is in English.
    assert "For companies it brings" in quote
    assert "Voor bedrijven levert het" not in quote


def test_strangers_do_not_see_the_panel(owner: Any) -> None:
    collaboration = create(owner)
    stranger = get_user_model().objects.create_user(username="sam", password="x-pass-1234")
    response = client_for(stranger).get(
        reverse("canvas:detail", args=[collaboration.pk]), {"pitch_length": "short"}
    )
    assert response.status_code == 404
    assert b"guidance" not in response.content
