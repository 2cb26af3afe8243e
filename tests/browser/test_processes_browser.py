"""A process on the board by keyboard alone: copy a template, add a card, open it, tick the
four aspects of the intake with a note each, give a reason and pass the gate; the card stands
in the next column. The board, the card and the funnel pass axe at 1366 and 390 px."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import axe_violations

from grenzeloos.canvas import services as canvas_services
from grenzeloos.processes.models import Item, Transition
from tests.canvas.factories import load_fixture

pytestmark = pytest.mark.browser


def test_a_card_passes_the_intake_gate_by_keyboard(
    live_server: Any, people: dict[str, Any], signed_in: Any
):
    collaboration = canvas_services.create_collaboration(
        actor=people["olga"], document=load_fixture("canvas-rich.json")
    )
    page = signed_in(people["olga"], "en")
    keys = page.keyboard
    page.goto(f"{live_server.url}/processes/c/{collaboration.pk}/")
    page.get_by_role("button", name="Use this process Scaling in a hop, step and jump").focus()
    keys.press("Enter")
    page.wait_for_url("**/p/*/")
    board = page.url

    page.get_by_label("Name").focus()
    keys.type("Heat pump on the roofs")
    keys.press("Enter")
    page.wait_for_load_state()
    page.get_by_role("link", name="Heat pump on the roofs").focus()
    keys.press("Enter")
    page.wait_for_url("**/items/*/")

    page.locator("#id_met_technology").focus()
    for note in ("Works in winter", "Rent per house", "Allowed by the code", "Tenants agree"):
        keys.press("Space")  # tick the criterion
        keys.press("Tab")  # to its note
        keys.type(note)
        keys.press("Tab")  # to the next criterion (after the last: the decision)
    assert page.locator("#id_to_stage").evaluate("e => e === document.activeElement")
    keys.press("Tab")
    keys.type("All four pieces of the puzzle are there.")
    keys.press("Tab")  # lessons: only needed when closing
    keys.press("Tab")
    keys.press("Enter")
    page.wait_for_url(board)

    item = Item.objects.get()
    assert item.stage == "lab"
    assert [c["note"] for c in Transition.objects.get().criteria] == [
        "Works in winter",
        "Rent per house",
        "Allowed by the code",
        "Tenants agree",
    ]
    lab = page.get_by_role("list", name="Lab")
    assert lab.get_by_role("link", name="Heat pump on the roofs").count() == 1
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for url in (
            board,
            f"{board}funnel/",
            f"{live_server.url}/processes/c/{collaboration.pk}/items/{item.pk}/",
        ):
            page.goto(url)
            assert axe_violations(page) == [], (url, width)
