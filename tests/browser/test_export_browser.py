"""In the browser: the export menu opens, offers every format, downloads a file, stays
accessible; printing the canvas page uses the print style sheet."""

from __future__ import annotations

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
