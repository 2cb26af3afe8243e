"""The advice panel in the browser: it follows edits without a page load, drafts a pitch that can
be edited and saved, and passes the accessibility check in Dutch and English."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import axe_violations

from grenzeloos.canvas import services
from tests.guidance.canvases import exemplary

pytestmark = pytest.mark.browser


def make_canvas(owner: Any, **changes: Any) -> Any:
    document = exemplary(**changes)
    document.pop("revision")
    return services.create_collaboration(actor=owner, document=document)


def test_panel_updates_as_people_edit(signed_in: Any, live_server: Any, people: dict[str, Any]):
    collaboration = make_canvas(people["olga"], dream="")
    page = signed_in(people["olga"], "nl")
    page.goto(f"{live_server.url}/c/{collaboration.pk}/")
    finding = page.locator("#guidance-advice li[data-finding='dream_missing']")
    assert "De droom is leeg" in finding.inner_text()
    url = page.url
    page.locator("#field-dream a.gz-edit").click()
    page.locator("#input-dream").fill("In 2030 leeft geen gezin in Oost meer met schuldenzorgen.")
    page.locator("#field-dream button[type=submit]").click()
    page.locator("#field-dream .gz-saved").wait_for()
    finding.wait_for(state="detached")
    assert page.url == url
    summary = page.locator("#guidance-advice [role=status]").inner_text()
    assert summary.startswith("Revisie 2:")


def test_draft_pitch_and_save_it(signed_in: Any, live_server: Any, people: dict[str, Any]):
    collaboration = make_canvas(people["olga"], pitch="")
    page = signed_in(people["olga"], "en")
    page.goto(f"{live_server.url}/c/{collaboration.pk}/")
    page.get_by_label("Audience").select_option("Spaarbank Oost")
    page.get_by_label("Length").select_option("short")
    page.get_by_label("Language of the pitch").select_option("en")
    page.get_by_role("button", name="Draft pitch").click()
    draft = page.locator("#pitch-draft")
    draft.wait_for()
    text = draft.input_value()
    assert text.startswith("Our dream: In 2030 leeft geen gezin")
    assert "For Spaarbank Oost it brings" in text
    draft.fill(text + " Join us!")
    page.get_by_role("button", name="Save as the canvas's pitch").click()
    page.locator("#field-pitch").wait_for()
    assert "Join us!" in page.locator("#field-pitch").inner_text()
    assert services.head(collaboration).document["pitch"].endswith("Join us!")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_accessibility_of_the_panel(
    signed_in: Any, live_server: Any, people: dict[str, Any], language: str
) -> None:
    collaboration = make_canvas(people["olga"], dream="", neutral_ground="", pitch="")
    page = signed_in(people["olga"], language)
    page.goto(f"{live_server.url}/c/{collaboration.pk}/")
    page.locator("#guidance details.gz-lesson").first.locator("summary").click()
    results = {"panel": axe_violations(page)}
    page.locator("#pitch-length").select_option("long")
    page.locator("#guidance-pitch button[type=submit]").click()
    page.locator("#pitch-draft").wait_for()
    results["pitch draft"] = axe_violations(page)
    page.locator("#field-agreements a.gz-edit").click()
    page.locator("#checklist-ownership").wait_for()
    page.locator("#field-agreements .gz-questions summary").click()
    results["agreements form with checklist"] = axe_violations(page)
    assert results == {name: [] for name in results}
