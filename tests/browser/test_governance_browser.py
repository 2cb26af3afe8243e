"""Governance in the browser (Dutch): a steering group adopts a canvas revision by consent;
the canvas page and its history show it; a comment with a mention reaches the member; a
commenter cannot edit the canvas; the pages pass axe-core."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import axe_violations
from django.contrib.auth import get_user_model

from grenzeloos.canvas import services as canvas_services
from grenzeloos.collaborations.models import Membership, Role
from tests.canvas.factories import load_fixture

pytestmark = pytest.mark.browser


def test_a_steering_group_adopts_the_canvas_and_a_mention_reaches_the_member(
    live_server: Any, people: dict[str, Any], signed_in: Any
):
    olga, eddy = people["olga"], people["eddy"]
    chris = get_user_model().objects.create_user(username="chris", password="x")
    collaboration = canvas_services.create_collaboration(
        actor=olga, document=load_fixture("canvas-rich.json")
    )
    Membership.objects.create(collaboration=collaboration, user=eddy, role=Role.EDITOR)
    Membership.objects.create(collaboration=collaboration, user=chris, role=Role.COMMENTER)
    base = f"{live_server.url}/governance/c/{collaboration.pk}/"

    page = signed_in(olga, "nl")
    page.goto(base)
    page.get_by_text("Een orgaan instellen").click()
    page.fill("input[name=body-name]", "Stuurgroep")
    page.select_option("select[name=body-kind]", "steering_group")
    page.get_by_role("button", name="Orgaan instellen").click()
    for name in ("olga", "eddy"):
        page.get_by_text("Iemand een zetel geven in Stuurgroep").click()
        page.locator("input[name$=-name]").first.fill(name.title())
        page.locator("input[name$=-username]").first.fill(name)
        page.get_by_role("button", name="Zetel toevoegen").click()
    assert page.get_by_role("table", name="Leden van Stuurgroep").locator("tbody tr").count() == 2
    assert axe_violations(page) == []
    page.get_by_text("Een voorstel voorleggen aan Stuurgroep").click()
    page.locator("input[name$=-title]").fill("Canvas vaststellen")
    page.locator("select[name$=-method]").select_option("consent")
    page.locator("select[name$=-subject]").select_option("canvas_revision")
    page.locator("input[name$=-revision]").fill("1")
    page.get_by_role("button", name="Voorstel voorleggen").click()
    page.wait_for_url(re.compile(r".*/decisions/\d+/$"))
    decision_url = page.url

    other = signed_in(eddy, "nl")
    other.goto(decision_url)
    other.get_by_label("voor", exact=True).check()
    other.get_by_role("button", name="Stem", exact=True).click()
    assert "Uw stem: voor." in other.content()
    assert axe_violations(other) == []

    page.goto(decision_url)
    page.fill("textarea[name=reasoning]", "Niemand had bezwaar.")
    page.get_by_role("button", name="Sluiten en de uitkomst vastleggen").click()
    assert "Het besluit is gesloten: aangenomen." in page.content()

    page.goto(f"{live_server.url}/c/{collaboration.pk}/")
    assert (
        page.locator("[data-adoption=adopted]")
        .inner_text()
        .startswith("Vastgesteld door Stuurgroep op")
    )
    page.goto(f"{live_server.url}/c/{collaboration.pk}/history/")
    assert "vastgesteld door Stuurgroep op" in page.content()

    # Eddy asks Olga a question on the financing box; Olga sees the notice.
    other.goto(f"{base}comments/")
    other.select_option("select[name=box]", "financing")
    other.fill("textarea[name=text]", "@olga klopt de cofinanciering?")
    other.get_by_label("Dit is een open vraag").check()
    other.get_by_role("button", name="Opmerking plaatsen").click()
    page.reload()
    page.get_by_role("link", name="Meldingen (1 ongelezen)").click()
    assert "Noemde u — eddy" in page.content()
    assert "klopt de cofinanciering?" in page.content()

    # Chris comments but cannot edit the canvas.
    commenter = signed_in(chris, "nl")
    commenter.goto(f"{live_server.url}/c/{collaboration.pk}/")
    assert "klopt de cofinanciering?" in commenter.content()
    assert commenter.locator("a[href*='/field/']").count() == 0
    response = commenter.goto(f"{live_server.url}/c/{collaboration.pk}/field/dream/")
    assert response is not None and response.status == 403
