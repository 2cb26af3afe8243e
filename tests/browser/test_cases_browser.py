"""End-to-end: a person searches the case library in Dutch, filters, compares two cases, opens
one with its example canvas, and sees similar cases on a canvas page; every page passes an
automated accessibility check (axe-core)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import axe_violations

from grenzeloos.canvas import services as canvas_services
from grenzeloos.cases import services
from tests.canvas.factories import load_fixture
from tests.cases.conftest import AGREED

pytestmark = pytest.mark.browser


@pytest.fixture
def library(transactional_db: None) -> None:
    services.import_library(actor=None)


def test_search_compare_and_read_a_case(
    live_server: Any, people: dict[str, Any], signed_in: Any, library: None
) -> None:
    page = signed_in(people["olga"], "nl")
    page.goto(live_server.url + "/cases/")
    page.get_by_role("heading", name="Casusbibliotheek").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Zoeken in de casussen").fill("stichtingen")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.get_by_role("link", name="The Green Village").wait_for()
    assert page.get_by_role("link", name="Dutch Blockchain Coalition (DBC)").count() == 0

    page.goto(live_server.url + "/cases/")
    page.get_by_label("Rechtsvorm").select_option("foundation")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.get_by_role("link", name="De Verkeersonderneming").wait_for()
    page.get_by_label("The Green Village vergelijken").check()
    page.get_by_label("De Verkeersonderneming vergelijken").check()
    page.get_by_role("button", name="De gekozen casussen naast elkaar vergelijken").click()
    page.get_by_role("heading", name="Casussen vergelijken").wait_for()
    assert axe_violations(page) == []

    page.get_by_role("link", name="De Verkeersonderneming").click()
    page.get_by_role("heading", name="Voorbeeldcanvas (illustratie)").wait_for()
    assert "regels 2663–2830 van de tekst" in page.content()
    assert axe_violations(page) == []


def test_similar_cases_on_the_canvas_page_in_english(
    live_server: Any, people: dict[str, Any], signed_in: Any, library: None
) -> None:
    collaboration = canvas_services.create_collaboration(
        actor=people["olga"], document={**load_fixture("canvas-rich.json"), **AGREED}
    )
    page = signed_in(people["olga"], "en")
    page.goto(f"{live_server.url}/c/{collaboration.pk}/")
    panel = page.get_by_role("region", name="Similar cases")
    panel.get_by_role("link", name="The Green Village").wait_for()
    assert "Same legal form: Foundation (stichting)" in panel.inner_text()
    assert axe_violations(page) == []
