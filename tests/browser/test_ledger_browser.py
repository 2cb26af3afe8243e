"""The partners ledger in the browser: enter contributions in the table form with a Dutch
amount, see the progress report with its chart; the pages pass axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import axe_violations

from grenzeloos.canvas import services as canvas_services
from tests.canvas.factories import load_fixture

pytestmark = pytest.mark.browser


def test_ledger_table_form_and_report(live_server: Any, people: dict[str, Any], signed_in: Any):
    collaboration = canvas_services.create_collaboration(
        actor=people["olga"], document=load_fixture("canvas-rich.json")
    )
    page = signed_in(people["olga"], "nl")
    page.goto(f"{live_server.url}/ledger/c/{collaboration.pk}/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Toezeggingen overnemen").click()
    page.wait_for_url("**#commitments")
    assert page.get_by_role("table", name="Toezeggingen").locator("tbody tr").count() == 4
    page.fill("input[name=date-0]", "2026-02-01")
    page.fill("input[name=partner-0]", "Gemeente Groenedijk")
    page.fill("input[name=quantity-0]", "1.250,5")
    page.get_by_role("button", name="Bijdragen opslaan").click()
    log = page.get_by_role("table", name="Bijdragenlogboek, laatst ingevoerde eerst")
    assert "1.250,5" in log.inner_text()
    page.get_by_role("button", name="De rapportage tonen").click()
    page.wait_for_url("**/report/**")
    assert page.locator("figure svg").count() == 1
    assert "1 fte = 1.600 uur per jaar." in page.content()
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/ledger/organisations/")
    assert axe_violations(page) == []


def test_organisation_page_lists_links_and_refuses_one(
    live_server: Any, people: dict[str, Any], signed_in: Any
):
    """Olga registered the organisation; Eddy's collaboration links a partner to it. Olga sees
    the link, with the stored figures in the form, and refuses it; axe-clean at 1366 and 390
    px in Dutch and English."""
    from decimal import Decimal

    from grenzeloos.ledger import services as ledger_services
    from grenzeloos.ledger.services import OrganisationData

    organisation = ledger_services.create_organisation(
        actor=people["olga"],
        data=OrganisationData(
            name="Hoogendijk Dakwerken",
            sector="business",
            staff=Decimal("12.5"),
            turnover_eur=Decimal("1500000"),
            balance_sheet_eur=Decimal("900000"),
        ),
    )
    ledger_services.add_contact(
        actor=people["olga"], organisation=organisation, name="Eddy", account="eddy"
    )
    collaboration = canvas_services.create_collaboration(
        actor=people["eddy"], document=load_fixture("canvas-rich.json")
    )
    ledger_services.link_partner(
        actor=people["eddy"],
        collaboration_id=collaboration.pk,
        partner_name="Dakdekkersbedrijf Hoogendijk bv",
        organisation=organisation,
    )
    url = f"{live_server.url}/ledger/organisations/{organisation.pk}/"
    for language in ("en", "nl"):
        page = signed_in(people["olga"], language)
        for width in (1366, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(url)
            assert axe_violations(page) == [], (language, width)
    assert page.locator("input[name=staff]").input_value() == "12,5"
    assert page.locator("input[name=turnover_eur]").input_value() == "1.500.000"
    links = page.get_by_role("table", name="Koppelingen vanuit samenwerkingen")
    assert "Dakdekkersbedrijf Hoogendijk bv" in links.inner_text()
    links.get_by_role("button", name="Weigeren").click()
    page.wait_for_url("**#links")
    assert "Geweigerd door olga" in links.inner_text()
    assert axe_violations(page) == []


def test_refused_table_form_focuses_its_error_summary_and_keeps_the_rows(
    live_server: Any, people: dict[str, Any], signed_in: Any
):
    """One wrong amount: the page comes back with the error summary focused at the top, every
    typed row kept, and the summary's link moves focus to the wrong cell."""
    collaboration = canvas_services.create_collaboration(
        actor=people["olga"], document=load_fixture("canvas-rich.json")
    )
    page = signed_in(people["olga"], "nl")
    page.goto(f"{live_server.url}/ledger/c/{collaboration.pk}/#entry")
    page.fill("input[name=date-0]", "2026-02-01")
    page.fill("input[name=partner-0]", "Gemeente Groenedijk")
    page.fill("input[name=quantity-0]", "12")
    page.fill("input[name=date-1]", "2026-02-02")
    page.fill("input[name=partner-1]", "Gemeente Groenedijk")
    page.fill("input[name=quantity-1]", "1,250")
    page.get_by_role("button", name="Bijdragen opslaan").click()
    page.wait_for_load_state()
    summary = page.get_by_role("region", name="Er is niets opgeslagen")
    assert summary.evaluate("element => element === document.activeElement")
    assert summary.evaluate("element => element.getBoundingClientRect().top") < 900
    assert page.input_value("#entry-quantity-0") == "12"
    assert page.input_value("#entry-quantity-1") == "1,250"
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "entry-quantity-1"
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(page) == [], width
    # The changed report page (header, up-to date, cash and in kind, value per kind), in English.
    page = signed_in(people["olga"], "en")
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/ledger/c/{collaboration.pk}/report/")
        assert page.get_by_text("Value per kind of contribution").count() == 1
        assert axe_violations(page) == [], width


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "nl",
            {
                "rate": "Uurtarief van Gemeente Groenedijk",
                "amount": "1,250",
                "save": "Opslaan Gemeente Groenedijk",
                "partner": "Partner Gemeente Groenedijk is niet opgeslagen",
                "take": "Toezeggingen overnemen",
                "taken": "De toezeggingen zijn niet overgenomen",
                "end": "Tot en met",
            },
        ),
        (
            "en",
            {
                "rate": "Hourly rate of Gemeente Groenedijk",
                "amount": "2.500",
                "save": "Save Gemeente Groenedijk",
                "partner": "Partner Gemeente Groenedijk was not saved",
                "take": "Take over commitments",
                "taken": "The commitments were not taken over",
                "end": "To",
            },
        ),
    ],
)
def test_refused_partner_and_take_over_forms_focus_their_error_summary(
    live_server: Any, people: dict[str, Any], signed_in: Any, language: str, words: dict[str, str]
):
    """The partner and take-over forms flashed their errors; now each refusal opens the page
    with its error summary focused at the top, the typed value kept, and the summary's link
    moving focus to the field; axe-clean at 1366 and 390 px in Dutch and English."""
    collaboration = canvas_services.create_collaboration(
        actor=people["olga"], document=load_fixture("canvas-rich.json")
    )
    page = signed_in(people["olga"], language)
    page.goto(f"{live_server.url}/ledger/c/{collaboration.pk}/#partners")
    page.get_by_label(words["rate"], exact=True).fill(words["amount"])  # two readings
    page.get_by_role("button", name=words["save"], exact=True).click()
    page.wait_for_load_state()
    summary = page.get_by_role("region", name=words["partner"])
    assert summary.evaluate("element => element === document.activeElement")
    assert summary.evaluate("element => element.getBoundingClientRect().top") < 900
    rate = page.get_by_label(words["rate"], exact=True)
    assert rate.input_value() == words["amount"]
    assert rate.get_attribute("aria-invalid") == "true"
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == rate.get_attribute("id")
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(page) == [], ("partner", width)

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/ledger/c/{collaboration.pk}/#commitments")
    page.fill("#id_take-period_start", "2026-12-31")
    page.fill("#id_take-period_end", "2026-01-01")
    page.get_by_role("button", name=words["take"], exact=True).click()
    page.wait_for_load_state()
    summary = page.get_by_role("region", name=words["taken"])
    assert summary.evaluate("element => element === document.activeElement")
    assert page.input_value("#id_take-period_start") == "2026-12-31"
    assert page.input_value("#id_take-period_end") == "2026-01-01"
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_take-period_end"
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(page) == [], ("take over", width)
