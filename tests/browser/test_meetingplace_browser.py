"""End-to-end: two municipalities find each other's problem statement, answer it, both fill in
the round-table comparison, and one starts the collaboration whose canvas carries both
statements; the pages pass axe-core on a desktop (1366 px) and on a phone (390 px)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import axe_violations

from grenzeloos.meetingplace import services
from tests.organisations.factories import ContactPersonFactory, OrganisationFactory

pytestmark = pytest.mark.browser


def test_two_organisations_find_each_other_and_start(
    live_server: Any, people: dict[str, Any], signed_in: Any
) -> None:
    olga, eddy = people["olga"], people["eddy"]
    zwolle = OrganisationFactory(name="Gemeente Zwolle", sector="government", created_by=None)
    deventer = OrganisationFactory(name="Gemeente Deventer", sector="government", created_by=None)
    ContactPersonFactory(organisation=zwolle, user=olga)
    ContactPersonFactory(organisation=deventer, user=eddy)
    ours = services.publish(
        actor=olga,
        organisation=zwolle,
        data=services.StatementData(
            title="Energiearmoede in oude wijken",
            hurts="Huishoudens kunnen hun energierekening niet betalen",
            themes="energiearmoede",
        ),
    )
    theirs = services.publish(
        actor=eddy,
        organisation=deventer,
        data=services.StatementData(
            title="Te hoge energierekeningen",
            hurts="Huurders in Deventer betalen hun energierekening niet",
            themes="energiearmoede",
        ),
    )

    # Eddy, on a phone, finds Zwolle's statement from his own and answers it.
    phone = signed_in(eddy, "nl")
    phone.set_viewport_size({"width": 390, "height": 900})
    phone.goto(f"{live_server.url}/meet/{theirs.pk}/")
    matches = phone.get_by_role("region", name="Wie deelt dit probleem")
    assert "beide noemen energiearmoede" in matches.inner_text()
    assert axe_violations(phone) == []
    matches.get_by_role("link", name="Energiearmoede in oude wijken").click()
    phone.get_by_label("Het probleem in uw eigen woorden").fill("Bij ons vooral in huurwoningen")
    phone.get_by_role("button", name="Antwoord versturen").click()
    phone.get_by_text("Uw antwoord is verstuurd.").wait_for()
    phone.get_by_text("Vul uw kant in").click()
    phone.get_by_label("Wij willen er samen tijd en middelen in steken").check()
    phone.get_by_role("button", name="Uw kant opslaan").click()
    phone.get_by_text("Uw kant van de vergelijking is opgeslagen.").wait_for()
    assert axe_violations(phone) == []

    # Olga, at her desk, fills in her side and starts the collaboration.
    desk = signed_in(olga, "nl")
    desk.set_viewport_size({"width": 1366, "height": 900})
    desk.goto(f"{live_server.url}/meet/{ours.pk}/")
    desk.get_by_role("heading", name="Gemeente Deventer: dit hebben wij ook").wait_for()
    assert axe_violations(desk) == []
    desk.get_by_text("Vul uw kant in").click()
    desk.get_by_label("Wij willen er samen tijd en middelen in steken").check()
    desk.get_by_role("button", name="Uw kant opslaan").click()
    desk.get_by_role("button", name="Start de samenwerking").click()
    desk.get_by_text("De samenwerking is gestart.").wait_for()
    content = desk.content()
    assert "Huishoudens kunnen hun energierekening niet betalen" in content
    assert "Gemeente Deventer: Bij ons vooral in huurwoningen" in content
    assert "Gemeente Zwolle" in content
    assert axe_violations(desk) == []
