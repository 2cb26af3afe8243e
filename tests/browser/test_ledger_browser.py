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
