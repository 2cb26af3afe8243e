"""A process on the board by keyboard alone: copy a template, add a card, open it, tick the
four aspects of the intake with a note each, give a reason and pass the gate; the card stands
in the next column. The board, the card (its gate form offering a body's decision), a closed
card (its form to turn it into a case) and the funnel pass axe at 1366 and 390 px."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import axe_violations

from grenzeloos.canvas import services as canvas_services
from grenzeloos.governance import services as governance
from grenzeloos.processes import services as process_services
from grenzeloos.processes.models import Item, Transition
from tests.canvas.factories import load_fixture

pytestmark = pytest.mark.browser

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


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
    # With an adopted decision on record the gate form offers it; a closed item offers its
    # owner the form that turns it into a case.
    steering = governance.create_body(
        actor=people["olga"], collaboration_id=collaboration.pk, name="Stuurgroep", kind="other"
    )
    governance.add_seat(actor=people["olga"], body_id=steering.pk, name="Olga", user=people["olga"])
    decision = governance.propose(
        actor=people["olga"], body_id=steering.pk, title="Naar het lab", method="majority"
    )
    governance.vote(actor=people["olga"], decision_id=decision.pk, choice="for")
    governance.close(actor=people["olga"], decision_id=decision.pk)
    stopped = process_services.add_item(
        actor=people["olga"], process_id=item.process_id, name="Solar road"
    )
    process_services.close_item(
        actor=people["olga"],
        item_id=stopped.pk,
        outcome="stopped",
        reason="Nobody pays.",
        lessons="Ask who pays first.",
        revision=1,
    )
    items = f"{live_server.url}/processes/c/{collaboration.pk}/items"
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for url in (board, f"{board}funnel/", f"{items}/{item.pk}/", f"{items}/{stopped.pk}/"):
            page.goto(url)
            assert axe_violations(page) == [], (url, width)


def test_a_challenge_from_call_to_the_first_payment_with_three_assessors(
    live_server: Any, people: dict[str, Any], signed_in: Any
):
    """Olga puts a challenge out; Eddy sends two ideas; Eddy, Ada and Bob score in their own
    browser contexts and none sees another's scores before the last one scored; Olga invites,
    Eddy proposes, Olga records the winner, plans the milestones and pays the first."""
    from django.contrib.auth import get_user_model

    from grenzeloos.collaborations.models import Membership, Role

    collaboration = canvas_services.create_collaboration(
        actor=people["olga"], document=load_fixture("canvas-rich.json")
    )
    users = get_user_model().objects
    ada, bob = users.create_user("ada"), users.create_user("bob")
    for person, role in ((people["eddy"], Role.EDITOR), (ada, Role.VIEWER), (bob, Role.VIEWER)):
        Membership.objects.create(collaboration=collaboration, user=person, role=role)
    base = f"{live_server.url}/processes/c/{collaboration.pk}/challenges/"

    olga = signed_in(people["olga"], "en")
    olga.goto(base)
    for label, value in (
        ("Title", "Full bins seen in time"),
        ("Theme", "Clean city"),
        ("Problem statement", "Bins overflow before the round comes."),
        ("Budget for the prototype phase (EUR)", "25,000"),
        ("Deadline for submissions", "2099-01-01"),
        ("Your role in the challenge", "Problem owner"),
        ("Hours you will give", "80"),
        ("Amount reserved in your annual plan (EUR)", "25,000"),
    ):
        olga.get_by_label(label, exact=True).fill(value)
    olga.get_by_role("button", name="Put out the challenge").click()
    olga.wait_for_url("**/challenges/*/")
    challenge_url = olga.url
    for name in ("eddy", "ada", "bob"):
        olga.get_by_label("Account name of an assessor").fill(name)
        olga.get_by_role("button", name="Add the assessor").click()
        olga.wait_for_load_state()

    from tests.organisations.factories import ContactPersonFactory, OrganisationFactory

    for title in ("Bin watch", "Waste radar"):  # Eddy is the contact person of both start-ups
        start_up = OrganisationFactory(name=f"{title} Ltd", created_by=None)
        ContactPersonFactory(organisation=start_up, user=people["eddy"])
    eddy = signed_in(people["eddy"], "en")
    eddy.goto(challenge_url)
    for title in ("Bin watch", "Waste radar"):
        eddy.get_by_label("On behalf of").select_option(label=f"{title} Ltd")
        eddy.get_by_label("Title").fill(title)
        eddy.get_by_label("Your idea").fill("A sensor in every bin.")
        if title == "Bin watch":  # a PNG goes with it (typed by its content on the server)
            eddy.get_by_label("A file with it (optional)").set_input_files(
                files=[{"name": "sketch.png", "mimeType": "image/png", "buffer": PNG}]
            )
        eddy.get_by_role("button", name="Send", exact=True).click()
        eddy.wait_for_load_state()

    scores = {"eddy": ("4", "4", "4"), "ada": ("5", "4", "3"), "bob": ("3", "3", "3")}
    pages = {"eddy": eddy, "ada": signed_in(ada, "en"), "bob": signed_in(bob, "en")}
    for name, page in pages.items():
        page.goto(challenge_url)
        assert page.get_by_role("heading", name="Ranking").count() == 0
        assert "Your scores:" not in page.content()  # nobody else's, and none of one's own yet
        for title, bonus in (("Bin watch", 0), ("Waste radar", -1)):
            for label, value in zip(
                ("Innovative capacity", "Social and economic value", "Scalability"),
                scores[name],
                strict=True,
            ):
                page.locator(f"fieldset:has-text('Your scores for {title}')").get_by_label(
                    label
                ).select_option(str(int(value) + bonus))
            page.get_by_role("button", name=f"Save my scores {title}").click()
            page.wait_for_load_state()
    for page in pages.values():
        page.reload()
        assert page.get_by_role("heading", name="Ranking").count() == 1
    ranking = pages["bob"].get_by_role("table", name="Weighted score per submission")
    assert ranking.locator("tbody tr").first.inner_text().startswith("1\tBin watch\t3.667")

    olga.goto(challenge_url)
    with olga.expect_download() as sketch:
        olga.get_by_role("link", name="sketch.png").click()
    assert sketch.value.suggested_filename == "sketch.png"
    olga.get_by_role("button", name="Invite the best three to pitch").click()
    olga.wait_for_load_state()
    eddy.goto(challenge_url)
    eddy.get_by_label("Specification of the prototype").first.fill("Forty sensors and a map.")
    eddy.get_by_label("Amount needed (EUR)").first.fill("24,000")
    eddy.get_by_role("button", name="Send the final proposal").first.click()
    eddy.wait_for_load_state()

    olga.goto(challenge_url)
    olga.get_by_label("Winner", exact=True).select_option(label="Bin watch")
    olga.get_by_label("Reason").fill("Best scored and within budget.")
    olga.get_by_role("button", name="Record the winner").click()
    olga.wait_for_load_state()
    olga.get_by_label("First milestone on").fill("2027-01-15")
    olga.get_by_label("Deliverables, one per month").fill("Design\nSensors\nMap")
    olga.get_by_role("button", name="Plan the milestones").click()
    olga.wait_for_load_state()
    olga.get_by_role("button", name="Accept 1").click()
    olga.wait_for_load_state()
    olga.get_by_role("button", name="Record the payment 1").click()
    olga.wait_for_load_state()
    assert "paid so far €8,000" in olga.content()
    for width in (1366, 390):
        olga.set_viewport_size({"width": width, "height": 900})
        olga.goto(challenge_url)
        assert axe_violations(olga) == [], width
