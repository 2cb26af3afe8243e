"""Sharing in the browser, in Dutch and English: an owner finds an account by name as they
type, invites an e-mail address, the invitee opens the link from the mail, chooses a password
and lands in the collaboration in the invited role; the same link again, and an expired one,
get a page that says why. axe-core checks every page on the way."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from conftest import axe_violations
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from grenzeloos.canvas import services as canvas_services
from grenzeloos.canvas.document import empty_document
from grenzeloos.collaborations import services
from grenzeloos.collaborations.access import role_in
from grenzeloos.collaborations.models import Invitation, Role

pytestmark = pytest.mark.browser

LINK = re.compile(r"https?://\S+/invitation/[A-Za-z0-9_-]+/")
NEW_PASSWORD = "vlinder-kompas-regenjas-42"
TEXT = {
    "nl": {
        "invite": "Uitnodiging versturen",
        "sent": "Een uitnodiging is verstuurd naar",
        "pending": "Openstaande uitnodigingen",
        "editor": "Bewerker",
        "make": "Account maken en accepteren",
        "role": "uw rol: Bewerker",
        "used": "Deze uitnodiging is al gebruikt.",
        "expired": "Deze uitnodiging is verlopen.",
        "withdraw": "Intrekken",
        "withdrawn": "is ingetrokken",
        "add": "Lid toevoegen",
    },
    "en": {
        "invite": "Send invitation",
        "sent": "An invitation has been sent to",
        "pending": "Pending invitations",
        "editor": "Editor",
        "make": "Make account and accept",
        "role": "your role: Editor",
        "used": "This invitation has already been used.",
        "expired": "This invitation has expired.",
        "withdraw": "Withdraw",
        "withdrawn": "has been withdrawn",
        "add": "Add member",
    },
}


@pytest.fixture
def anonymous(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser context with nobody signed in, in the given language."""
    contexts: list[Any] = []
    csp_violations: list[str] = []

    def make(language: str) -> Any:
        context = browser.new_context(locale=language, viewport={"width": 1366, "height": 900})
        context.set_default_timeout(10_000)
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None,
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert csp_violations == []


def collaboration_of(owner: Any) -> Any:
    document = empty_document("Buurtwarmte Oost")
    return canvas_services.create_collaboration(actor=owner, document=document)


def assert_axe_clean(page: Any, what: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{what}: {violations}"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_invitation_round_trip(people, signed_in, anonymous, live_server, language):
    text = TEXT[language]
    olga = people["olga"]
    collaboration = collaboration_of(olga)
    members_url = f"{live_server.url}/c/{collaboration.pk}/members/"
    page = signed_in(olga, language)
    page.goto(members_url)
    assert_axe_clean(page, "members page")
    page.fill("#invite-email", "nieuwe.collega@example.org")
    page.select_option("#invite-role", "editor")
    page.get_by_role("button", name=text["invite"]).click()
    page.wait_for_url(members_url)
    assert text["sent"] in page.locator(".gz-messages").inner_text()
    pending = page.locator("section[aria-labelledby=invitations-heading]")
    assert "nieuwe.collega@example.org" in pending.inner_text()
    assert text["editor"] in pending.inner_text()
    assert_axe_clean(page, "members page with a pending invitation")

    # The link from the mail, as the invitee receives it.
    assert len(mail.outbox) == 1
    link = LINK.search(mail.outbox[0].body).group(0)
    assert link.startswith(live_server.url)

    invitee = anonymous(language)
    response = invitee.goto(link)
    assert response.status == 200
    assert "Buurtwarmte Oost" in invitee.locator("h1").inner_text()
    assert_axe_clean(invitee, "invitation page")
    assert invitee.input_value("#invite-username") == "nieuwe.collega"
    # A weak password is refused with Django's reason; nothing is made.
    invitee.fill("#invite-password", "12345678")
    invitee.fill("#invite-password-again", "12345678")
    invitee.get_by_role("button", name=text["make"]).click()
    assert invitee.locator("[data-gz-error-summary]").count() == 1
    assert_axe_clean(invitee, "invitation page with an error")
    assert not get_user_model().objects.filter(username="nieuwe.collega").exists()
    invitee.fill("#invite-password", NEW_PASSWORD)
    invitee.fill("#invite-password-again", NEW_PASSWORD)
    invitee.get_by_role("button", name=text["make"]).click()
    invitee.wait_for_url(f"{live_server.url}/c/{collaboration.pk}/")
    assert text["role"] in invitee.locator("main").inner_text()
    user = get_user_model().objects.get(username="nieuwe.collega")
    assert user.email == "nieuwe.collega@example.org"
    assert role_in(user, collaboration.pk) == Role.EDITOR

    # The owner no longer sees it as pending; the new member is listed.
    page.goto(members_url)
    assert (
        "nieuwe.collega@example.org"
        not in page.locator("section[aria-labelledby=invitations-heading]").inner_text()
    )
    assert "nieuwe.collega" in page.locator("table").first.inner_text()

    # The same link again: refused with a clear page.
    again = anonymous(language)
    response = again.goto(link)
    assert response.status == 410
    assert text["used"] in again.locator("main").inner_text()
    assert_axe_clean(again, "used invitation page")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_expired_link_is_refused(people, anonymous, live_server, language):
    olga = people["olga"]
    collaboration = collaboration_of(olga)
    invitation = services.invite(
        actor=olga,
        collaboration=collaboration,
        email="laat@example.org",
        role="viewer",
        site_url=live_server.url,
    )
    link = LINK.search(mail.outbox[0].body).group(0)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    page = anonymous(language)
    response = page.goto(link)
    assert response.status == 410
    main = page.locator("main").inner_text()
    assert TEXT[language]["expired"] in main
    assert page.locator("h1").count() == 1
    assert_axe_clean(page, "expired invitation page")
    assert not get_user_model().objects.filter(email="laat@example.org").exists()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_find_an_account_as_you_type_and_withdraw(people, signed_in, live_server, language):
    text = TEXT[language]
    olga = people["olga"]
    get_user_model().objects.create_user(
        username="anna", first_name="Anna", last_name="de Vries", email="anna@gemeente.nl"
    )
    collaboration = collaboration_of(olga)
    services.invite(actor=olga, collaboration=collaboration, email="weg@example.org", role="viewer")
    members_url = f"{live_server.url}/c/{collaboration.pk}/members/"
    page = signed_in(olga, language)
    page.goto(members_url)
    page.locator("#member-username").press_sequentially("vrie", delay=40)
    option = page.locator("#member-suggestions option[value=anna]")
    option.wait_for(state="attached")
    assert option.get_attribute("value") == "anna"
    assert "anna@gemeente.nl" not in page.content()
    assert_axe_clean(page, "members page with suggestions")
    page.fill("#member-username", "anna")
    page.select_option("#member-role", "viewer")
    page.get_by_role("button", name=text["add"], exact=True).click()
    page.wait_for_url(members_url)
    assert role_in(get_user_model().objects.get(username="anna"), collaboration.pk) == Role.VIEWER

    # Withdrawing asks first; saying no keeps it, yes withdraws it.
    answers = iter([False, True])
    page.on("dialog", lambda dialog: dialog.accept() if next(answers) else dialog.dismiss())
    button = page.get_by_role("button", name=f"{text['withdraw']} weg@example.org")
    button.click()
    assert Invitation.objects.get().withdrawn_at is None
    with page.expect_navigation():
        button.click()
    assert text["withdrawn"] in page.locator(".gz-messages").inner_text()
    assert Invitation.objects.get().withdrawn_at is not None


@pytest.mark.parametrize("width", [390, 320])
def test_phone_width_without_sideways_scrolling(people, signed_in, anonymous, live_server, width):
    olga = people["olga"]
    collaboration = collaboration_of(olga)
    services.invite(
        actor=olga,
        collaboration=collaboration,
        email="een.heel.lang.adres.van.iemand@gemeente-voorbeeldstad.example.org",
        role="viewer",
        site_url=live_server.url,
    )
    link = LINK.search(mail.outbox[0].body).group(0)
    owner = signed_in(olga, "nl")
    owner.set_viewport_size({"width": width, "height": 900})
    invitee = anonymous("en")
    invitee.set_viewport_size({"width": width, "height": 900})
    for page, url in [(owner, f"{live_server.url}/c/{collaboration.pk}/members/"), (invitee, link)]:
        assert page.goto(url).status == 200
        fits = page.evaluate(
            "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        assert fits, f"{url} scrolls sideways at {width} px"
        assert_axe_clean(page, f"{url} at {width} px")
