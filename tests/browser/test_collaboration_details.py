"""End-to-end: an owner gives the collaboration a short description and a status from the
canvas page, the list shows them, and the page passes the accessibility check in both languages."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import axe_violations

from grenzeloos.canvas import services
from grenzeloos.canvas.document import empty_document
from grenzeloos.collaborations.models import Collaboration, Status

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("language", "link", "save", "active", "error"),
    [
        ("nl", "Omschrijving en status", "Opslaan", "Actief", "niet meer dan 500"),
        ("en", "Description and status", "Save", "Active", "at most 500"),
    ],
)
def test_describe_and_set_status(
    signed_in: Any,
    live_server: Any,
    people: dict[str, Any],
    language: str,
    link: str,
    save: str,
    active: str,
    error: str,
) -> None:
    collaboration = services.create_collaboration(
        actor=people["olga"], document=empty_document("Wijkwarmte")
    )
    page = signed_in(people["olga"], language)
    # The first page of a fresh server renders slowly on a loaded machine.
    page.goto(f"{live_server.url}/c/{collaboration.pk}/", timeout=60_000)
    page.get_by_role("link", name=link).click()
    page.wait_for_url(f"**/c/{collaboration.pk}/details/")
    assert axe_violations(page) == []

    page.locator("#id_description").fill("Warmte uit de wijk, voor de wijk.")
    page.locator("#id_status").select_option("active")
    page.get_by_role("button", name=save).click()
    page.wait_for_url(f"**/c/{collaboration.pk}/details/")
    saved = Collaboration.objects.get(pk=collaboration.pk)
    assert (saved.description, saved.status) == ("Warmte uit de wijk, voor de wijk.", "active")

    # Too long a description is refused where it was typed, and nothing changes.
    page.locator("#id_description").evaluate("element => element.removeAttribute('maxlength')")
    page.locator("#id_description").fill("x" * 501)
    page.get_by_role("button", name=save).click()
    page.locator("[data-gz-error-summary]").wait_for()
    assert error in page.locator("main").inner_text()
    assert axe_violations(page) == []
    assert Collaboration.objects.get(pk=collaboration.pk).status == Status.ACTIVE

    page.goto(live_server.url + "/")
    row = page.get_by_role("row").filter(has_text="Wijkwarmte")
    assert "Warmte uit de wijk, voor de wijk." in row.inner_text()
    assert active in row.inner_text()
