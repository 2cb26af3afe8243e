"""End-to-end: a person fills in a canvas in the browser, two people edit at once, and every
page of the canvas workbench passes an automated accessibility check."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import PASSWORD, axe_violations

from grenzeloos.canvas import services
from grenzeloos.canvas.document import empty_document
from grenzeloos.collaborations import services as collaboration_services
from grenzeloos.collaborations.models import Collaboration, Role

pytestmark = pytest.mark.browser


def edit_field(page: Any, name: str, text: str) -> None:
    """Edit one box in place (htmx swaps the form in and the saved box back)."""
    box = page.locator(f"#field-{name}")
    box.locator("a.gz-edit").click()
    page.locator(f"#input-{name}").fill(text)
    page.locator(f"#field-{name} button[type=submit]").click()
    page.locator(f"#field-{name} .gz-saved").wait_for()


def test_fill_in_a_canvas(browser: Any, live_server: Any, people: dict[str, Any]) -> None:
    context = browser.new_context(locale="nl", viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert "/accounts/login/" in page.url
    page.get_by_label("Gebruikersnaam").fill("olga")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Onderwerp", exact=True).fill("Proeftuin mobiliteit Delft")
    page.get_by_role("button", name="Samenwerking starten").click()
    page.get_by_role("heading", name="Proeftuin mobiliteit Delft").wait_for()
    canvas_url = page.url

    edit_field(page, "dream", "Iedereen reist schoon en veilig naar het werk.")
    edit_field(page, "societal_value", "Minder uitstoot, meer bewegen.")
    edit_field(page, "action_lines", "Pilot deelfietsen\nLaadpalen bij stations")
    assert page.url == canvas_url  # edited in place, no page loads
    assert page.locator("#field-action_lines li").count() == 2
    assert "Laatste revisie: 4" in page.locator("#gz-head").inner_text()

    page.locator("#field-partners a.gz-edit").click()
    page.get_by_label("Naam", exact=True).fill("Gemeente Delft")
    page.get_by_label("Rol in de samenwerking").select_option("founding")
    page.get_by_label("Sector").select_option("government")
    page.get_by_label("Maatschappelijk bijdragen").check()
    page.get_by_label("Soort van bijdrage 1").select_option("money")
    page.get_by_label("Omschrijving van bijdrage 1").fill("Cofinanciering")
    page.get_by_label("Hoeveelheid van bijdrage 1").fill("25000")
    page.get_by_label("Eenheid van bijdrage 1").select_option("EUR")
    page.get_by_role("button", name="Partner opslaan").click()
    partners = page.locator("#field-partners")
    partners.locator(".gz-saved").wait_for()
    assert "Gemeente Delft" in partners.inner_text()
    assert "€ 25.000" in partners.inner_text()

    page.get_by_role("link", name="Geschiedenis").click()
    rows = page.locator("tbody tr")
    assert rows.count() == 5
    assert "olga" in rows.first.inner_text()
    page.get_by_role("button", name="Wijzigingen tonen").click()
    page.get_by_role("heading", name="Wijzigingen van revisie 4 naar 5").wait_for()
    assert "Gemeente Delft" in page.locator("main").inner_text()
    page.goto(canvas_url.rstrip("/") + "/diff/1/5/")
    assert page.locator("ins", has_text="Iedereen reist schoon").count() == 1
    context.close()


def test_two_people_edit_at_once(signed_in: Any, live_server: Any, people: dict[str, Any]):
    collaboration = services.create_collaboration(
        actor=people["olga"], document=empty_document("Samen bouwen")
    )
    collaboration_services.share(
        actor=people["olga"], collaboration=collaboration, username="eddy", role=Role.EDITOR
    )
    url = f"{live_server.url}/c/{collaboration.pk}/"
    olga, eddy = signed_in(people["olga"]), signed_in(people["eddy"])
    olga.goto(url)
    eddy.goto(url)

    # Different fields from the same revision: both survive.
    olga.locator("#field-dream a.gz-edit").click()
    eddy.locator("#field-governance a.gz-edit").click()
    olga.locator("#input-dream").fill("Droom van Olga")
    eddy.locator("#input-governance").fill("Stuurgroep van Eddy")
    olga.locator("#field-dream button[type=submit]").click()
    olga.locator("#field-dream .gz-saved").wait_for()
    eddy.locator("#field-governance button[type=submit]").click()
    eddy.locator("#field-governance .gz-saved").wait_for()
    collaboration.refresh_from_db()
    document = services.head(collaboration).document
    assert document["dream"] == "Droom van Olga"
    assert document["governance"] == "Stuurgroep van Eddy"
    olga.reload()
    assert "Stuurgroep van Eddy" in olga.locator("#field-governance").inner_text()

    # The same field: the second to save sees both versions side by side and chooses.
    olga.locator("#field-pitch a.gz-edit").click()
    eddy.locator("#field-pitch a.gz-edit").click()
    olga.locator("#input-pitch").fill("Pitch van Olga")
    eddy.locator("#input-pitch").fill("Pitch van Eddy")
    olga.locator("#field-pitch button[type=submit]").click()
    olga.locator("#field-pitch .gz-saved").wait_for()
    eddy.locator("#field-pitch button[type=submit]").click()
    conflict = eddy.locator("#field-pitch.gz-box--conflict")
    conflict.wait_for()
    text = conflict.inner_text()
    assert "Pitch van Olga" in text and "Pitch van Eddy" in text and "olga" in text
    combined = conflict.get_by_label("Of combineer beide teksten en sla op")
    assert combined.input_value() == "Pitch van Olga\n\nPitch van Eddy"
    collaboration.refresh_from_db()
    assert services.head(collaboration).document["pitch"] == "Pitch van Olga"
    conflict.get_by_role("button", name="Mijn versie behouden").click()
    eddy.locator("#field-pitch .gz-saved").wait_for()
    assert "Pitch van Eddy" in eddy.locator("#field-pitch").inner_text()
    collaboration.refresh_from_db()
    final = services.head(collaboration).document
    assert final["pitch"] == "Pitch van Eddy"
    assert final["dream"] == "Droom van Olga" and final["governance"] == "Stuurgroep van Eddy"


def _collaboration_with_history(people: dict[str, Any]) -> Collaboration:
    collaboration = services.create_collaboration(
        actor=people["olga"],
        document={
            **empty_document("Toegankelijk canvas"),
            "dream": "Een droom",
            "partners": [
                {
                    "name": "Gemeente Delft",
                    "role": "founding",
                    "sector": "government",
                    "interests": ["societal", {"other": "Imago van de stad"}],
                    "contributions": [
                        {"kind": "money", "description": "Subsidie", "amount": 5000, "unit": "EUR"}
                    ],
                }
            ],
        },
    )
    collaboration_services.share(
        actor=people["olga"], collaboration=collaboration, username="eddy", role=Role.EDITOR
    )
    services.update_fields(
        actor=people["eddy"],
        collaboration=collaboration,
        changes={"dream": "Een grotere droom", "action_lines": ["Eerste stap"]},
        base_revision=1,
    )
    return collaboration


@pytest.mark.parametrize("language", ["nl", "en"])
def test_accessibility(
    browser: Any, signed_in: Any, live_server: Any, people: dict[str, Any], language: str
) -> None:
    collaboration = _collaboration_with_history(people)
    base = f"{live_server.url}/c/{collaboration.pk}"
    results: dict[str, list[dict[str, Any]]] = {}

    anonymous = browser.new_context(locale=language)
    anonymous.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    login = anonymous.new_page()
    login.goto(live_server.url + "/accounts/login/")
    assert login.locator("html").get_attribute("lang") == language
    results["login"] = axe_violations(login)
    anonymous.close()

    page = signed_in(people["olga"], language)
    for name, path in [
        ("list", "/"),
        ("canvas", f"/c/{collaboration.pk}/"),
        ("field form page", f"/c/{collaboration.pk}/field/dream/"),
        ("partner form page", f"/c/{collaboration.pk}/partners/0/"),
        ("history", f"/c/{collaboration.pk}/history/"),
        ("diff", f"/c/{collaboration.pk}/diff/1/2/"),
        ("revision", f"/c/{collaboration.pk}/r/1/"),
        ("members", f"/c/{collaboration.pk}/members/"),
    ]:
        page.goto(live_server.url + path)
        results[name] = axe_violations(page)

    page.goto(base + "/")
    page.locator("#field-proposition a.gz-edit").click()
    page.locator("#input-proposition").wait_for()
    results["field form in place"] = axe_violations(page)
    page.locator("#field-partners a.gz-edit").click()
    page.locator("#partner-name").wait_for()
    results["partner form in place"] = axe_violations(page)

    # A conflict: someone else saves the same field while the form is open.
    page.goto(base + "/")
    page.locator("#field-dream a.gz-edit").click()
    page.locator("#input-dream").fill("Mijn droom")
    collaboration.refresh_from_db()
    services.update_fields(
        actor=people["eddy"],
        collaboration=collaboration,
        changes={"dream": "Droom van Eddy"},
        base_revision=services.head(collaboration).number,
    )
    page.locator("#field-dream button[type=submit]").click()
    page.locator("#field-dream.gz-box--conflict").wait_for()
    results["conflict view"] = axe_violations(page)

    failing = {name: found for name, found in results.items() if found}
    for name, found in failing.items():
        for violation in found:
            print(
                f"[{language}] {name}: {violation['impact']} {violation['id']}: "
                f"{violation['help']}"
            )
            for node in violation["nodes"]:
                print("    ", re.sub(r"\s+", " ", node)[:300])
    assert not failing, f"accessibility violations on: {', '.join(failing)}"


def test_removing_a_partner_asks_first(
    signed_in: Any, live_server: Any, people: dict[str, Any]
) -> None:
    document = {
        **empty_document("Partners weghalen"),
        "partners": [
            {"name": "Gemeente Delft", "role": "founding", "sector": "government"},
            {"name": "Stichting Buurt", "role": "stakeholder", "sector": "civil_society"},
        ],
    }
    collaboration = services.create_collaboration(actor=people["olga"], document=document)
    page = signed_in(people["olga"])
    page.goto(f"{live_server.url}/c/{collaboration.pk}/")
    partners = page.locator("#field-partners")
    remove = partners.get_by_role("button", name="Verwijderen Stichting Buurt")

    page.once("dialog", lambda dialog: dialog.dismiss())
    remove.click()
    page.wait_for_timeout(300)
    assert services.head(collaboration).document["partners"][1]["name"] == "Stichting Buurt"

    page.once("dialog", lambda dialog: dialog.accept())
    remove.click()
    partners.locator(".gz-saved").wait_for()
    assert "Stichting Buurt" not in partners.inner_text()
    names = [p["name"] for p in services.head(collaboration).document["partners"]]
    assert names == ["Gemeente Delft"]
