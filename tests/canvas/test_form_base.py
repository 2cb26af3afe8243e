"""A canvas form that does not say which revision it was made on is refused, never saved over
what others saved meanwhile (as the API answers 428 to a replacing PUT without If-Match).

Before, ``POST /c/{id}/field/dream/`` without ``base_revision`` or with ``base_revision=abc``
took the latest revision as its base and overwrote an acknowledged save without merging.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from grenzeloos.canvas import services
from grenzeloos.canvas.models import Revision

pytestmark = pytest.mark.django_db

BAD_BASES: list[dict[str, str]] = [
    {},
    {"base_revision": ""},
    {"base_revision": "abc"},
    {"base_revision": "2.0"},
    {"base_revision": "-1"},
    {"base_revision": "0"},
    {"base_revision": "99"},
    {"base_revision": "١"},  # an Arabic-Indic digit one: a digit, but not a revision number
]

TEXTS = {
    "nl": "Er is niets opgeslagen: dit formulier zegt niet welke versie van het canvas u bewerkte",
    "en": "Nothing was saved: this form does not say which version of the canvas you edited",
}


@pytest.fixture
def canvas(people) -> Any:
    """The rich canvas, at revision 2 after someone else's acknowledged save of the dream."""
    collaboration = people["collaboration"]
    services.update_fields(
        actor=people["owner"],
        collaboration=collaboration,
        changes={"dream": "Door de eigenaar bewaard."},
        base_revision=1,
    )
    return collaboration


def signed_in(user: Any, language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    return client


def _stored(collaboration: Any) -> list[tuple[int, Any]]:
    return list(
        Revision.objects.filter(collaboration=collaboration)
        .order_by("number")
        .values_list("number", "document")
    )


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("base", BAD_BASES, ids=lambda base: repr(base.get("base_revision")))
def test_field_form_without_a_usable_base_saves_nothing_and_keeps_the_text(
    people, canvas, base, htmx, language
):
    before = _stored(canvas)
    client = signed_in(people["editor"], language)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.post(
        reverse("canvas:field", args=[canvas.pk, "dream"]),
        {**base, "value": "Mijn getypte droom"},
        **headers,
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert TEXTS[language] in html
    assert ">Mijn getypte droom</textarea>" in html
    assert '<input type="hidden" name="base_revision" value="2">' in html
    assert _stored(canvas) == before


def test_field_form_with_its_base_still_merges_and_saves(people, canvas):
    client = signed_in(people["editor"], "nl")
    response = client.post(
        reverse("canvas:field", args=[canvas.pk, "pitch"]),
        {"base_revision": "1", "value": "Een nieuwe pitch"},
    )
    assert response.status_code == 302
    head = services.head(canvas)
    assert head.number == 3
    assert head.document["dream"] == "Door de eigenaar bewaard."
    assert head.document["pitch"] == "Een nieuwe pitch"


@pytest.mark.parametrize("base", BAD_BASES, ids=lambda base: repr(base.get("base_revision")))
def test_partner_form_without_a_usable_base_saves_nothing_and_keeps_the_input(people, canvas, base):
    before = _stored(canvas)
    response = signed_in(people["editor"], "nl").post(
        reverse("canvas:partner_add", args=[canvas.pk]),
        {**base, "name": "Waterschap Delfland", "role": "stakeholder", "sector": "government"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert TEXTS["nl"] in html
    assert 'value="Waterschap Delfland"' in html
    assert _stored(canvas) == before


@pytest.mark.parametrize("language", ["nl", "en"])
def test_partner_removal_without_a_usable_base_removes_nothing(people, canvas, language):
    before = _stored(canvas)
    name = before[-1][1]["partners"][0]["name"]
    response = signed_in(people["editor"], language).post(
        reverse("canvas:partner_remove", args=[canvas.pk]),
        {"base_revision": "abc", "name": name},
        follow=True,
    )
    assert response.status_code == 200
    assert TEXTS[language] in response.content.decode()
    assert _stored(canvas) == before
