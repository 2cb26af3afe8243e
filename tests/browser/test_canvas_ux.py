"""The canvas for real people, at desktop (1366 px) and phone (390 px) width, in Dutch and English:
amounts typed the language's way, the conflict dialog with all three choices reachable, focus
and announcements after a save, the unsaved-text warning, restore asking first, and no page
scrolling sideways at 320 px. axe-core checks the states these tests reach."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from conftest import axe_violations

from grenzeloos.canvas import services
from grenzeloos.canvas.document import empty_document
from grenzeloos.cases import services as cases_services
from grenzeloos.collaborations import services as collaboration_services
from grenzeloos.collaborations.models import Collaboration, Role

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1366, "phone": 390}
TEXT = {
    "nl": {
        "keep": "Mijn versie behouden",
        "theirs": "Hun versie overnemen",
        "combine": "Gecombineerde tekst opslaan",
        "save_partner": "Partner opslaan",
        "restore": "Revisie 1 herstellen",
        "nothing_lost": "Er gaat niets verloren",
        "saved": "Opgeslagen in revisie",
        "grouped": "1.200.000,50",
        "ambiguous": "50,000",
        "example": "1.200.000,50",
    },
    "en": {
        "keep": "Keep my version",
        "theirs": "Take their version",
        "combine": "Save combined text",
        "save_partner": "Save partner",
        "restore": "Restore revision 1",
        "nothing_lost": "Nothing is lost",
        "saved": "Saved in revision",
        "grouped": "1,200,000.50",
        "ambiguous": "1.200",
        "example": "1,200,000.50",
    },
}


def sized(signed_in: Any, user: Any, language: str, width: int) -> Any:
    page = signed_in(user, language)
    page.set_viewport_size({"width": width, "height": 900})
    return page


def head(collaboration: Collaboration) -> dict[str, Any]:
    collaboration.refresh_from_db()
    return services.head(collaboration).document


def no_sideways_scroll(page: Any) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def assert_clickable(page: Any, locator: Any) -> None:
    """Inside the viewport's width, and nothing covers it (Playwright's trial click checks that
    the element itself would receive the click)."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box is not None and box["width"] > 0
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 1
    locator.click(trial=True, timeout=3000)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("size", list(WIDTHS))
def test_conflict_dialog_offers_all_three_choices(
    signed_in: Any, live_server: Any, people: dict[str, Any], language: str, size: str
) -> None:
    t = TEXT[language]
    collaboration = services.create_collaboration(
        actor=people["olga"], document=empty_document("Conflict op het canvas")
    )
    collaboration_services.share(
        actor=people["olga"], collaboration=collaboration, username="eddy", role=Role.EDITOR
    )
    page = sized(signed_in, people["eddy"], language, WIDTHS[size])
    url = f"{live_server.url}/c/{collaboration.pk}/"

    def conflict_on_dream(mine: str, theirs: str) -> Any:
        page.goto(url)
        page.locator("#field-dream a.gz-edit").click()
        page.locator("#input-dream").fill(mine)
        services.update_fields(
            actor=people["olga"],
            collaboration=collaboration,
            changes={"dream": theirs},
            base_revision=head_number(collaboration),
        )
        page.locator("#field-dream button[type=submit]").click()
        dialog = page.locator("dialog.gz-conflict")
        dialog.wait_for()
        assert dialog.evaluate("d => d.open && d.matches(':modal')")
        # Focus moved into the dialog; both versions are there, the typed text kept.
        assert page.evaluate("() => !!document.activeElement.closest('dialog.gz-conflict')")
        text = dialog.inner_text()
        assert mine in text and theirs in text
        box = dialog.bounding_box()
        assert box is not None and box["width"] <= WIDTHS[size]
        return dialog

    dialog = conflict_on_dream("Droom van Eddy", "Droom van Olga")
    assert axe_violations(page) == []
    keep = dialog.get_by_role("button", name=t["keep"])
    assert_clickable(page, keep)
    keep.click()
    page.locator("#field-dream .gz-saved").wait_for()
    assert head(collaboration)["dream"] == "Droom van Eddy"

    dialog = conflict_on_dream("Tweede droom van Eddy", "Tweede droom van Olga")
    theirs = dialog.get_by_role("link", name=t["theirs"])
    assert_clickable(page, theirs)
    theirs.click()
    page.locator("dialog.gz-conflict").wait_for(state="detached")
    assert "Tweede droom van Olga" in page.locator("#field-dream").inner_text()
    assert head(collaboration)["dream"] == "Tweede droom van Olga"

    dialog = conflict_on_dream("Derde van Eddy", "Derde van Olga")
    combine = dialog.get_by_role("button", name=t["combine"])
    assert_clickable(page, combine)
    combine.click()
    page.locator("#field-dream .gz-saved").wait_for()
    assert head(collaboration)["dream"] == "Derde van Olga\n\nDerde van Eddy"
    assert no_sideways_scroll(page)


def head_number(collaboration: Collaboration) -> int:
    return services.head(collaboration).number


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("size", list(WIDTHS))
def test_amounts_focus_warning_and_restore(
    signed_in: Any, live_server: Any, people: dict[str, Any], language: str, size: str
) -> None:
    t = TEXT[language]
    collaboration = services.create_collaboration(
        actor=people["olga"],
        document={**empty_document("Bedragen en focus"), "dream": "Eerste droom"},
    )
    page = sized(signed_in, people["olga"], language, WIDTHS[size])
    url = f"{live_server.url}/c/{collaboration.pk}/"
    page.goto(url)

    # A partner with an amount typed the language's way is stored exactly.
    page.locator("#field-partners a.gz-edit").click()
    page.locator("#partner-name").fill("Gemeente Delft")
    page.locator("#partner-role").select_option("founding")
    page.locator("#partner-sector").select_option("government")
    page.locator("select[name=c-0-kind]").select_option("money")
    page.locator("input[name=c-0-description]").fill("Cofinanciering")
    page.locator("input[name=c-0-amount]").fill(t["ambiguous"])
    page.locator("select[name=c-0-unit]").select_option("EUR")
    page.get_by_role("button", name=t["save_partner"]).click()
    error = page.locator("#c-0-error")
    error.wait_for()
    assert t["example"] in error.inner_text()
    assert head(collaboration)["partners"] == []
    assert axe_violations(page) == []  # the error state
    assert no_sideways_scroll(page)
    page.locator("input[name=c-0-amount]").fill(t["grouped"])
    page.get_by_role("button", name=t["save_partner"]).click()
    page.locator("#field-partners .gz-saved").wait_for()
    contribution = head(collaboration)["partners"][0]["contributions"][0]
    assert contribution["amount"] == 1200000.5
    # Focus is back on the partners box and the live region said what happened.
    # htmx settles (and grenzeloos.js moves the focus) a moment after the message is swapped in.
    page.wait_for_function(
        "() => !!document.activeElement.closest('#field-partners')", timeout=5000
    )
    page.wait_for_function("() => document.getElementById('gz-live').textContent.trim().length > 0")
    assert t["saved"] in page.locator("#gz-live").text_content()
    assert no_sideways_scroll(page)

    # After saving a box, focus is in that box.
    page.locator("#field-dream a.gz-edit").click()
    page.locator("#input-dream").fill("Tweede droom")
    page.locator("#field-dream button[type=submit]").click()
    page.locator("#field-dream .gz-saved").wait_for()
    # htmx settles (and grenzeloos.js moves the focus) a moment after the message is swapped in.
    page.wait_for_function("() => !!document.activeElement.closest('#field-dream')", timeout=5000)

    # Unsaved text warns before the page is left.
    page.locator("#field-pitch a.gz-edit").click()
    page.locator("#input-pitch").click()
    page.keyboard.type("Nog niet opgeslagen")
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    with contextlib.suppress(Exception):  # staying on the page is the expected outcome
        page.goto(f"{live_server.url}/", wait_until="commit", timeout=3000)
    page.remove_listener("dialog", dismiss)
    assert dialogs == ["beforeunload"]
    assert page.locator("#input-pitch").input_value() == "Nog niet opgeslagen"
    page.locator("#field-pitch .utrecht-button-link--secondary-action").click()  # Cancel
    page.locator("#field-pitch a.gz-edit").wait_for()

    # Restore asks first and says what changes.
    page.goto(f"{url}r/1/")
    page.get_by_role("button", name=t["restore"]).click()
    page.locator("#restore-summary").wait_for()
    summary = page.locator("#restore-summary").inner_text()
    assert t["nothing_lost"] in summary
    assert head_number(collaboration) == 3
    assert axe_violations(page) == []
    assert no_sideways_scroll(page)
    page.get_by_role("button", name=t["restore"]).click()
    page.locator("#field-dream").wait_for()
    assert head(collaboration)["dream"] == "Eerste droom"
    assert head_number(collaboration) == 4


def test_no_page_scrolls_sideways_at_320_px(
    signed_in: Any, live_server: Any, people: dict[str, Any]
) -> None:
    document = {
        **empty_document("Een samenwerking met een lange naam voor een smal scherm"),
        "dream": "Iedereen reist schoon en veilig naar het werk, ook met een smalle telefoon.",
        "action_lines": ["Pilot deelfietsen", "Laadpalen bij stations"],
        "partners": [
            {
                "name": "Bewonerscoöperatie Zeeën van Ruimte",
                "role": "founding",
                "sector": "civil_society",
                "interests": ["societal", {"other": "Een wijk die koeler blijft in de zomer"}],
                "contributions": [
                    {
                        "kind": "money",
                        "description": "Cofinanciering van de eerste fase",
                        "amount": 216000,
                        "unit": "EUR",
                    }
                ],
            },
            {"name": "Gemeente Delft", "role": "sponsoring", "sector": "government"},
        ],
    }
    collaboration = services.create_collaboration(actor=people["olga"], document=document)
    collaboration_services.share(
        actor=people["olga"], collaboration=collaboration, username="eddy", role=Role.EDITOR
    )
    services.update_fields(
        actor=people["olga"],
        collaboration=collaboration,
        changes={"dream": "Een nieuwe droom"},
        base_revision=1,
    )
    for language in ("nl", "en"):
        page = sized(signed_in, people["olga"], language, 320)
        wide = {}
        for path in [
            "/",
            f"/c/{collaboration.pk}/",
            f"/c/{collaboration.pk}/partners/0/",
            f"/c/{collaboration.pk}/partners/new/",
            f"/c/{collaboration.pk}/field/dream/",
            f"/c/{collaboration.pk}/members/",
            f"/c/{collaboration.pk}/history/",
            f"/c/{collaboration.pk}/diff/1/2/",
            f"/c/{collaboration.pk}/r/1/",
            "/examples/",
            "/examples/case-cumulus-park/",
            "/legal/check/",
            "/legal/check/q/on_date/",
            "/legal/check/q/government_role/",
            f"/legal/c/{collaboration.pk}/",
        ]:
            response = page.goto(live_server.url + path)
            assert response is not None and response.status == 200, path
            if not no_sideways_scroll(page):
                wide[path] = page.evaluate(
                    """() => [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right
                                     > document.documentElement.clientWidth + 1)
                        .slice(0, 5).map(e => e.tagName + '.' + e.className)"""
                )
        assert wide == {}, f"{language}: {wide}"


def test_removing_a_member_and_starting_the_legal_check_over_ask_first(
    signed_in: Any, live_server: Any, people: dict[str, Any]
) -> None:
    collaboration = services.create_collaboration(
        actor=people["olga"], document=empty_document("Leden weghalen")
    )
    collaboration_services.share(
        actor=people["olga"], collaboration=collaboration, username="eddy", role=Role.EDITOR
    )
    page = sized(signed_in, people["olga"], "nl", 390)
    page.goto(f"{live_server.url}/c/{collaboration.pk}/members/")
    remove = page.get_by_role("button", name="Verwijderen eddy")
    asked: list[str] = []

    def answer(accept: bool) -> Any:
        def handle(dialog: Any) -> None:
            asked.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        return handle

    page.once("dialog", answer(False))
    remove.click()
    page.wait_for_timeout(300)
    assert collaboration.memberships.filter(user__username="eddy").exists()
    assert "eddy" in asked[0] and "geschiedenis" in asked[0]
    page.once("dialog", answer(True))
    remove.click()
    page.wait_for_load_state()
    page.get_by_role("status").first.wait_for()
    assert not collaboration.memberships.filter(user__username="eddy").exists()
    assert no_sideways_scroll(page)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("size", list(WIDTHS))
def test_accessibility_with_empty_and_error_states(
    signed_in: Any, live_server: Any, people: dict[str, Any], language: str, size: str
) -> None:
    """axe-core on every canvas page at both widths: the empty list with its three ways to
    start, the examples, a box's example opened, a refused search and a refused import."""
    collaboration = services.create_collaboration(
        actor=people["olga"],
        document={
            **empty_document("Toegankelijk op de telefoon"),
            "date": "2026-11-30",
            "partners": [{"name": "Gemeente Delft", "role": "founding", "sector": "government"}],
        },
    )
    services.update_fields(
        actor=people["olga"],
        collaboration=collaboration,
        changes={"dream": "Een droom"},
        base_revision=1,
    )
    width = WIDTHS[size]
    results: dict[str, list[dict[str, Any]]] = {}
    empty = sized(signed_in, people["eddy"], language, width)
    empty.goto(live_server.url + "/")
    empty.locator(".gz-empty-state").wait_for()
    results["empty list"] = axe_violations(empty)
    # A refused import: the error state of the list.
    empty.set_input_files(
        "#import-file",
        files=[{"name": "kapot.json", "mimeType": "application/json", "buffer": b'{"a": 1,'}],
    )
    empty.locator("#import-file").evaluate("input => input.form.requestSubmit()")
    empty.locator("#import-error").wait_for()
    results["import refused"] = axe_violations(empty)
    page = sized(signed_in, people["olga"], language, width)
    base = f"/c/{collaboration.pk}"
    for name, path in [
        ("list", "/"),
        ("search refused", "/?q=" + "x" * 250),
        ("search without hits", "/?q=nergens"),
        ("examples", "/examples/"),
        ("example", "/examples/case-cumulus-park/"),
        ("canvas", f"{base}/"),
        ("field form", f"{base}/field/dream/"),
        ("partner form", f"{base}/partners/0/"),
        ("history", f"{base}/history/"),
        ("diff", f"{base}/diff/1/2/"),
        ("revision", f"{base}/r/1/"),
        ("members", f"{base}/members/"),
    ]:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status in (200, 400), path
        results[name] = axe_violations(page)
    # Every box's example shown.
    page.goto(f"{live_server.url}{base}/")
    examples = page.locator("details.gz-box__example > summary")
    assert examples.count() == 10
    for index in range(examples.count()):
        examples.nth(index).click()
    assert page.locator("details.gz-box__example[open]").count() == 10
    results["box examples shown"] = axe_violations(page)
    failing = {name: found for name, found in results.items() if found}
    assert not failing, failing
    # The date box reads like the rest of the page.
    page.goto(f"{live_server.url}{base}/")
    expected = {"nl": "30 november 2026", "en": "30 November 2026"}[language]
    assert expected in page.locator("#field-date").inner_text()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("size", list(WIDTHS))
def test_accessibility_of_the_pages_around_the_canvas(
    signed_in: Any, live_server: Any, people: dict[str, Any], language: str, size: str
) -> None:
    """axe-core at both widths and in both languages on the pages a canvas leads to: its
    details, the legal route check (start, a question, the collaboration's checks), the case
    library (list and a case), the partners ledger and its report, organisations and the API
    tokens page; none scrolls sideways at phone width."""
    cases_services.import_library(actor=None)
    collaboration = services.create_collaboration(
        actor=people["olga"],
        document={
            **empty_document("Rondom het canvas"),
            "partners": [{"name": "Gemeente Delft", "role": "founding", "sector": "government"}],
        },
    )
    page = sized(signed_in, people["olga"], language, WIDTHS[size])
    page.goto(live_server.url + "/cases/")
    case_path = page.locator("main th[scope='row'] a").first.get_attribute("href")
    assert case_path and case_path.startswith("/cases/")
    pk = collaboration.pk
    results: dict[str, list[dict[str, Any]]] = {}
    wide: list[str] = []
    for name, path in [
        ("details", f"/c/{pk}/details/"),
        ("legal start", "/legal/check/"),
        ("legal question", "/legal/check/q/on_date/"),
        ("legal of the collaboration", f"/legal/c/{pk}/"),
        ("case library", "/cases/"),
        ("case", case_path),
        ("ledger", f"/ledger/c/{pk}/"),
        ("progress report", f"/ledger/c/{pk}/report/"),
        ("organisations", "/ledger/organisations/"),
        ("API tokens", "/accounts/tokens/"),
    ]:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        results[name] = axe_violations(page)
        if size == "phone" and not no_sideways_scroll(page):
            wide.append(path)
    failing = {name: found for name, found in results.items() if found}
    assert not failing, failing
    assert wide == []
