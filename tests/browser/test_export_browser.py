"""In the browser: the export menu opens, offers every format, downloads a file, stays
accessible; printing the canvas page uses the print style sheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import axe_violations

from grenzeloos.canvas import services
from tests.canvas.factories import load_fixture

pytestmark = pytest.mark.browser


def test_export_menu(signed_in: Any, live_server: Any, people: dict[str, Any]) -> None:
    collaboration = services.create_collaboration(
        actor=people["olga"], document=load_fixture("canvas-rich.json")
    )
    page = signed_in(people["olga"])
    page.goto(f"{live_server.url}/c/{collaboration.pk}/")
    menu = page.locator("details.gz-export")
    links = menu.get_by_role("link")
    assert not links.first.is_visible()
    menu.locator("summary").click()
    assert links.count() == 7
    assert links.first.is_visible()
    assert axe_violations(page) == []
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("link", name="Document (ODT, OpenDocument)").click()
    assert download.value.suggested_filename.endswith("-r1.odt")
    # Printing: the page chrome and the menu disappear, the canvas stays.
    page.emulate_media(media="print")
    assert not page.locator(".gz-header").is_visible()
    assert not menu.is_visible()
    assert page.locator(".gz-canvas").is_visible()
    assert page.locator("#field-dream").is_visible()


def test_export_menu_picks_an_older_revision_with_guiding_questions(
    signed_in: Any, live_server: Any, people: dict[str, Any]
) -> None:
    first = load_fixture("canvas-rich.json")
    collaboration = services.create_collaboration(actor=people["olga"], document=first)
    services.save_canvas(
        actor=people["olga"],
        collaboration=collaboration,
        document={**first, "pitch": "Een nieuwe pitch voor revisie twee."},
        base_revision=1,
    )
    page = signed_in(people["olga"])
    page.goto(f"{live_server.url}/c/{collaboration.pk}/")
    menu = page.locator("details.gz-export")
    menu.locator("summary").click()
    assert page.locator("#export-revision").input_value() == "2"
    page.locator("#export-revision").fill("1")
    page.locator("#export-format").select_option("md")
    page.locator("#export-questions").check()
    assert axe_violations(page) == []
    with page.expect_download(timeout=60_000) as download:
        menu.locator("button[type=submit]").click()
    assert download.value.suggested_filename.endswith("-r1.md")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Groene daken maken onze wijk koeler" in text
    assert "Een nieuwe pitch" not in text
    assert "Welk beeld van de toekomst delen alle partners?" in text  # the page is Dutch
