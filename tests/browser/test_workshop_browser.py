"""End-to-end: a workshop in four browsers, served by a real ASGI server (uvicorn, as in the
live notice's test). Olga facilitates; Vera and Wim take part from their accounts; Gita joins as
a guest on a phone (390 px) with the code. Notes and dots appear for the others within a second
and are announced, the timer runs, a note written while Gita's browser was offline arrives once
when it is back, the step's time is up and the server moves everyone on (announced), Olga adopts
two boxes (the second from a cluster's name as a line), the canvas history names the workshop,
the summary PDF is read back, and the pages are axe-clean at 390, 1366 and on the projector."""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from typing import Any

import pypdf
import pytest
from conftest import axe_violations
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from test_live_browser import _page, asgi_server  # noqa: F401 - the fixture is used below

from grenzeloos.canvas import services as canvas
from grenzeloos.canvas.document import empty_document
from grenzeloos.collaborations import services as collaborations
from grenzeloos.collaborations.models import Role
from grenzeloos.workshop import services
from grenzeloos.workshop.models import Note, Workshop

pytestmark = pytest.mark.browser


def test_a_workshop_with_a_member_and_a_guest_on_a_phone(
    browser: Any,
    asgi_server: str,  # noqa: F811
    people: dict[str, Any],
) -> None:
    olga = people["olga"]
    vera = get_user_model().objects.create_user(username="vera", password="x")
    get_user_model().objects.create_user(username="wim", password="x")
    collaboration = canvas.create_collaboration(
        actor=olga, document=empty_document("Samen de haven in")
    )
    for name in ("vera", "wim"):
        collaborations.share(
            actor=olga, collaboration=collaboration, username=name, role=Role.VIEWER
        )
    made = services.create_workshop(
        actor=olga,
        collaboration_id=collaboration.pk,
        title="Start session",
        steps=[services.StepInput(box="dream", minutes=1), services.StepInput(box="proposition")],
    )
    made = services.start(actor=olga, workshop_id=made.pk)
    room = f"{asgi_server}/workshops/{made.pk}/"
    problems: list[str] = []
    facilitator = _page(browser, asgi_server, olga, "en", problems)
    member = _page(browser, asgi_server, vera, "en", problems)
    wim = get_user_model().objects.get(username="wim")
    other = _page(browser, asgi_server, wim, "nl", problems)
    phone = browser.new_context(locale="en", viewport={"width": 390, "height": 844})
    phone.set_default_timeout(10_000)
    phone.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": asgi_server}])
    guest = phone.new_page()
    guest.goto(f"{asgi_server}/workshops/join/")
    guest.locator("#id_code").fill(made.guest_code.lower())
    guest.locator("#id_name").fill("Gita")
    guest.locator("button[type=submit]", has_text="Join").click()
    for page in (facilitator, member, other):
        page.goto(room)
    for page in (facilitator, member, other, guest):
        page.locator("[data-gz-ws-state=open]").wait_for(state="attached")

    # Gita's note appears on Vera's page and in Olga's ranking within a second.
    guest.locator("#id_text").fill("Clean air in the harbour")
    guest.locator("button", has_text="Add note").click()
    sent = time.monotonic()
    member.locator(".gz-ws-note", has_text="Clean air in the harbour").wait_for(timeout=1000)
    assert time.monotonic() - sent < 1.0
    facilitator.locator("[data-gz-ws-ranking] tr", has_text="Clean air").wait_for(timeout=1000)
    other.locator(".gz-ws-note", has_text="Clean air in the harbour").wait_for(timeout=1000)
    assert "Gita" in member.locator("[data-gz-ws-present]").inner_text()
    announced = member.locator("[data-gz-ws-announce]").inner_text()
    assert announced == "New note: Clean air in the harbour"

    # Vera's dot shows on Gita's phone; the timer runs.
    member.locator(".gz-ws-note", has_text="Clean air").locator("button").click()
    guest.locator(".gz-ws-note", has_text="Clean air").locator(
        ".gz-ws-note__dots", has_text="1"
    ).wait_for(timeout=2000)
    assert re.fullmatch(r"0:\d\d left", member.locator("[data-gz-ws-timer]").inner_text())

    # Offline, Gita's note waits in her page; back online, it arrives once.
    phone.set_offline(True)
    guest.locator("#id_text").fill("Written offline")
    guest.locator("button", has_text="Add note").click()
    guest.wait_for_timeout(500)
    phone.set_offline(False)
    member.locator(".gz-ws-note", has_text="Written offline").wait_for(timeout=10_000)
    assert Note.objects.filter(workshop=made, text="Written offline").count() == 1
    assert axe_violations(guest) == []

    # Olga adopts the Dream box. Then the step's minute is up (the clock is moved on, not
    # waited for): the server moves everyone on to the next step, and it is announced.
    facilitator.reload()
    facilitator.locator("#id_adopt_text").fill("A harbour that breathes")
    facilitator.locator("button", has_text="Adopt as a new canvas revision").click()
    facilitator.locator("text=Adopted into the canvas as revision 2.").wait_for()
    Workshop.objects.filter(pk=made.pk).update(
        step_started_at=timezone.now() - dt.timedelta(minutes=1, seconds=1)
    )
    member.locator("#step-heading", has_text="Proposition").wait_for(timeout=5000)
    guest.locator("#step-heading", has_text="Proposition").wait_for(timeout=5000)
    other.locator("#step-heading", has_text="Propositie").wait_for(timeout=5000)
    facilitator.locator("#step-heading", has_text="Proposition").wait_for(timeout=5000)
    member.locator("[data-gz-ws-announce]", has_text="Next step: Proposition").wait_for(
        state="attached"
    )
    other.locator("#id_text").fill("Een loket")
    other.locator("button", has_text="Notitie toevoegen").click()
    facilitator.locator("[data-gz-ws-ranking] tr", has_text="Een loket").wait_for(timeout=2000)

    # Olga names a cluster and takes its name as the box's line with one click.
    facilitator.locator("#id_cluster_name").fill("One desk for the whole harbour")
    facilitator.locator("button", has_text="Add the cluster").click()
    facilitator.locator("button", has_text="Use “One desk for the whole harbour” as a line").click()
    assert facilitator.locator("#id_adopt_text").input_value() == "One desk for the whole harbour"
    facilitator.set_viewport_size({"width": 1366, "height": 900})
    assert axe_violations(facilitator) == []
    facilitator.locator("button", has_text="Adopt as a new canvas revision").click()
    facilitator.locator("text=Adopted into the canvas as revision 3.").wait_for()
    facilitator.goto(f"{asgi_server}/workshops/{made.pk}/projector/")
    facilitator.set_viewport_size({"width": 1920, "height": 1080})
    facilitator.locator("#step-heading", has_text="Proposition").wait_for()
    assert axe_violations(facilitator) == []

    facilitator.goto(f"{asgi_server}/c/{collaboration.pk}/history/")
    history = facilitator.content()
    assert history.count(f"From workshop “Start session” (#{made.pk})") == 2
    summary = facilitator.request.get(f"{asgi_server}/workshops/{made.pk}/summary.pdf")
    assert summary.headers["content-type"] == "application/pdf"
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(summary.body())).pages
    )
    for expected in ("Clean air in the harbour", "Written offline", "Een loket", "Gita"):
        assert expected in text
    assert "One desk for the whole harbour" in text
    assert problems == []
    for page in (facilitator, member, other):
        page.context.close()
    phone.close()
