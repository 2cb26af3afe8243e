"""The pages issue 27 changed, for real people at 1366 and 390 px in Dutch and English: the
history naming the boxes each revision changed, a partner conflict shown once with the differing
parts marked, the pitch form asking before it replaces a pitch, and a form's target visited
(the 405 page). axe-core finds no serious violation and nothing scrolls sideways."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import axe_violations

from grenzeloos.canvas import services
from grenzeloos.canvas.document import empty_document
from grenzeloos.collaborations import services as collaboration_services
from grenzeloos.collaborations.models import Role

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1366, "phone": 390}


def _fits(page: Any) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("size", list(WIDTHS))
def test_changed_pages_are_accessible(
    signed_in: Any, live_server: Any, people: dict[str, Any], language: str, size: str
) -> None:
    olga, eddy = people["olga"], people["eddy"]
    document = {
        **empty_document("Samen vergroenen"),
        "pitch": "Onze eigen pitch.",
        "partners": [{"name": "Gemeente Delft", "role": "founding", "sector": "government"}],
    }
    collaboration = services.create_collaboration(actor=olga, document=document)
    collaboration_services.share(
        actor=olga, collaboration=collaboration, username="eddy", role=Role.EDITOR
    )
    services.update_fields(
        actor=olga, collaboration=collaboration, changes={"dream": "Groene daken."}, base_revision=1
    )
    page = signed_in(eddy, language)
    page.set_viewport_size({"width": WIDTHS[size], "height": 900})
    url = f"{live_server.url}/c/{collaboration.pk}/"

    page.goto(f"{url}history/")
    assert (
        page.locator("td[data-label]")
        .filter(has_text="Droom" if language == "nl" else "Dream")
        .count()
    )
    assert axe_violations(page) == [] and _fits(page)

    # A partner conflict: the partner once, the differing role marked.
    page.goto(f"{url}partners/0/")
    page.locator("#partner-role").select_option("stakeholder")
    services.update_fields(
        actor=olga,
        collaboration=collaboration,
        changes={
            "partners": [{"name": "Gemeente Delft", "role": "sponsoring", "sector": "government"}]
        },
        base_revision=2,
    )
    page.locator(".gz-partner-form button[type=submit].utrecht-button--primary-action").click()
    table = page.locator("table.gz-partner-compare")
    table.wait_for()
    assert table.locator("mark").count() == 2
    assert axe_violations(page) == [] and _fits(page)

    # The drafted pitch over a written one: the pitch form shows both and asks.
    page.goto(f"{url}?pitch_length=short&pitch_language={language}")
    page.locator(".gz-pitch-draft button[type=submit]").click()
    page.locator("#input-pitch").wait_for()
    assert "Onze eigen pitch." in page.locator(".utrecht-alert--warning").inner_text()
    assert axe_violations(page) == [] and _fits(page)

    # A form's target visited: a page that explains, not a bare status.
    page.goto(f"{live_server.url}/accounts/logout/")
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == [] and _fits(page)
