"""Invitations by e-mail and finding accounts to add: services and web pages."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grenzeloos.audit.models import AuditEvent
from grenzeloos.collaborations import services
from grenzeloos.collaborations.access import role_in
from grenzeloos.collaborations.models import Invitation, Role
from grenzeloos.core.errors import Conflict, NotFound, PermissionDenied, UserError
from grenzeloos.core.search import SearchRefused

LINK = re.compile(r"https?://\S+/invitation/([A-Za-z0-9_-]+)/")
PASSWORD = "kwartel-fiets-lantaarn-9"


def link_token(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def invite(people, email="nieuw@example.org", role="editor", **extra):
    return services.invite(
        actor=people["owner"],
        collaboration=people["collaboration"],
        email=email,
        role=role,
        **extra,
    )


# --- Inviting --------------------------------------------------------------------------------


def test_invite_sends_one_mail_with_a_single_use_link(people, settings):
    settings.SITE_URL = "https://grenzeloos.example.nl"
    invitation = invite(people, email="  Nieuw@Example.ORG ", language="en")
    assert invitation.email == "nieuw@example.org"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw@example.org"]
    subject = people["collaboration"].subject
    assert subject in message.subject and "Invitation" in message.subject
    assert "olga invites you" in message.body and "as Editor" in message.body
    assert message.body.count("https://grenzeloos.example.nl/invitation/") == 1
    token = link_token(message)
    # Only a hash of the secret is kept.
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64
    stored = Invitation.objects.get()
    assert stored.role == Role.EDITOR and stored.invited_by == people["owner"]
    days = (stored.expires_at - stored.created_at).total_seconds() / 86400
    assert 6.99 < days < 7.01
    event = AuditEvent.objects.get(action="collaboration.invited")
    assert event.actor == people["owner"] and event.data["email"] == "nieuw@example.org"


def test_mail_in_dutch(people):
    invite(people, language="nl")
    message = mail.outbox[0]
    assert "Uitnodiging" in message.subject
    assert "nodigt u uit" in message.body and "als Bewerker" in message.body


def test_expiry_follows_the_setting(people, settings):
    settings.INVITATION_DAYS = 2
    invitation = invite(people)
    days = (invitation.expires_at - invitation.created_at).total_seconds() / 86400
    assert 1.99 < days < 2.01


@pytest.mark.parametrize("who", ["editor", "viewer"])
def test_only_owners_invite(people, who):
    with pytest.raises(PermissionDenied):
        services.invite(
            actor=people[who],
            collaboration=people["collaboration"],
            email="x@example.org",
            role="viewer",
        )
    assert not Invitation.objects.exists() and mail.outbox == []


def test_strangers_do_not_learn_of_the_collaboration(people):
    with pytest.raises(NotFound):
        services.invite(
            actor=people["stranger"],
            collaboration=people["collaboration"],
            email="x@example.org",
            role="viewer",
        )


def test_inviting_a_member_or_a_pending_address_is_a_clear_error(people):
    eddy = people["editor"]
    eddy.email = "eddy@example.org"
    eddy.save()
    with pytest.raises(Conflict, match="already a member.*eddy"):
        invite(people, email="EDDY@example.org")
    invite(people, email="twee@example.org")
    with pytest.raises(Conflict, match="pending invitation"):
        invite(people, email="twee@example.org", role="viewer")
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


def test_a_withdrawn_or_expired_invitation_can_be_sent_again(people):
    first = invite(people)
    services.withdraw(
        actor=people["owner"], collaboration=people["collaboration"], invitation_id=first.pk
    )
    second = invite(people)
    Invitation.objects.filter(pk=second.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    invite(people)
    assert Invitation.objects.count() == 3


@pytest.mark.parametrize("email", ["", "geen-adres", "a@", "@b.nl", "a b@c.nl"])
def test_bad_addresses_are_refused(people, email):
    with pytest.raises(UserError, match="email"):
        invite(people, email=email)
    assert not Invitation.objects.exists()


def test_bad_role_is_refused(people):
    with pytest.raises(UserError, match="role"):
        invite(people, role="boss")


def test_a_mail_that_cannot_be_sent_leaves_nothing(people, settings, monkeypatch):
    import smtplib

    def broken(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(services, "send_mail", broken)
    with pytest.raises(UserError, match="could not be sent"):
        invite(people)
    assert not Invitation.objects.exists()
    assert not AuditEvent.objects.filter(action="collaboration.invited").exists()


# --- Accepting -------------------------------------------------------------------------------


def test_accept_with_a_new_account(people):
    invite(people, role="viewer")
    token = link_token(mail.outbox[0])
    membership = services.accept_with_new_account(
        token=token, username="nieuw", password=PASSWORD, password_again=PASSWORD
    )
    user = membership.user
    assert user.email == "nieuw@example.org" and user.check_password(PASSWORD)
    assert role_in(user, people["collaboration"].pk) == Role.VIEWER
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    assert AuditEvent.objects.filter(
        action="collaboration.invitation_accepted", actor=user
    ).exists()
    # Used up: a second time is refused, and no second account appears.
    with pytest.raises(services.InvitationRefused) as refused:
        services.accept_with_new_account(
            token=token, username="nieuw2", password=PASSWORD, password_again=PASSWORD
        )
    assert refused.value.reason == "used"
    assert not get_user_model().objects.filter(username="nieuw2").exists()


@pytest.mark.parametrize(
    ("password", "again", "field"),
    [
        ("", "", "password"),
        ("123", "123", "password"),
        ("12345678901", "12345678901", "password"),
        ("password", "password", "password"),
        (PASSWORD, PASSWORD + "x", "password_again"),
    ],
)
def test_weak_or_mismatched_passwords_make_nothing(people, password, again, field):
    invite(people)
    token = link_token(mail.outbox[0])
    with pytest.raises(UserError, match=f"^{field}:"):
        services.accept_with_new_account(
            token=token, username="nieuw", password=password, password_again=again
        )
    assert not get_user_model().objects.filter(username="nieuw").exists()
    assert Invitation.objects.get().accepted_at is None


def test_taken_username_makes_nothing(people):
    invite(people)
    token = link_token(mail.outbox[0])
    with pytest.raises(UserError, match="username"):
        services.accept_with_new_account(
            token=token, username="Eddy", password=PASSWORD, password_again=PASSWORD
        )
    assert Invitation.objects.get().accepted_at is None


def test_signed_in_account_with_the_address_accepts(people):
    sam = people["stranger"]
    sam.email = "Sam@Example.org"
    sam.save()
    invite(people, email="sam@example.org", role="editor")
    token = link_token(mail.outbox[0])
    with pytest.raises(Conflict, match="sign in"):
        services.accept_with_new_account(
            token=token, username="sam2", password=PASSWORD, password_again=PASSWORD
        )
    with pytest.raises(PermissionDenied, match="another e-mail address"):
        services.accept(token=token, user=people["viewer"])
    membership = services.accept(token=token, user=sam)
    assert membership.role == Role.EDITOR
    assert role_in(sam, people["collaboration"].pk) == Role.EDITOR


def test_expired_withdrawn_unknown_links_are_refused(people):
    first = invite(people, email="een@example.org")
    second = invite(people, email="twee@example.org")
    expired, withdrawn = (link_token(message) for message in mail.outbox)
    Invitation.objects.filter(pk=first.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    services.withdraw(
        actor=people["owner"], collaboration=people["collaboration"], invitation_id=second.pk
    )
    for token, reason in [
        (expired, "expired"),
        (withdrawn, "withdrawn"),
        ("x" * 43, "unknown"),
        ("", "unknown"),
        ("y" * 5000, "unknown"),
    ]:
        with pytest.raises(services.InvitationRefused) as refused:
            services.open_invitation(token)
        assert refused.value.reason == reason
        with pytest.raises(services.InvitationRefused):
            services.accept_with_new_account(
                token=token, username="z", password=PASSWORD, password_again=PASSWORD
            )
    assert not get_user_model().objects.filter(username="z").exists()


def test_invitation_of_a_demoted_owner_is_refused(people):
    collaboration = people["collaboration"]
    services.share(
        actor=people["owner"], collaboration=collaboration, username="eddy", role="owner"
    )
    services.invite(
        actor=people["editor"], collaboration=collaboration, email="n@example.org", role="viewer"
    )
    services.share(
        actor=people["owner"], collaboration=collaboration, username="eddy", role="viewer"
    )
    token = link_token(mail.outbox[0])
    with pytest.raises(services.InvitationRefused) as refused:
        services.accept_with_new_account(
            token=token, username="n", password=PASSWORD, password_again=PASSWORD
        )
    assert refused.value.reason == "inviter"
    assert not get_user_model().objects.filter(username="n").exists()


# --- Withdrawing and listing ---------------------------------------------------------------


def test_withdraw_and_pending_list(people):
    collaboration = people["collaboration"]
    first = invite(people, email="een@example.org")
    invite(people, email="twee@example.org")
    assert [i.email for i in services.pending_invitations(collaboration)] == [
        "een@example.org",
        "twee@example.org",
    ]
    with pytest.raises(PermissionDenied):
        services.withdraw(
            actor=people["editor"], collaboration=collaboration, invitation_id=first.pk
        )
    services.withdraw(actor=people["owner"], collaboration=collaboration, invitation_id=first.pk)
    assert [i.email for i in services.pending_invitations(collaboration)] == ["twee@example.org"]
    with pytest.raises(Conflict, match="already been withdrawn"):
        services.withdraw(
            actor=people["owner"], collaboration=collaboration, invitation_id=first.pk
        )
    for bad in ("999999", "abc", str(2**70), "-1"):
        with pytest.raises(NotFound):
            services.withdraw(actor=people["owner"], collaboration=collaboration, invitation_id=bad)
    event = AuditEvent.objects.get(action="collaboration.invitation_withdrawn")
    assert event.data == {"invitation": first.pk, "email": "een@example.org"}


def test_an_invitation_of_another_collaboration_cannot_be_withdrawn(people, make_user):
    from grenzeloos.canvas import services as canvas_services
    from tests.canvas.factories import load_fixture

    other = canvas_services.create_collaboration(
        actor=people["owner"], document=load_fixture("canvas-minimal.json")
    )
    invitation = services.invite(
        actor=people["owner"], collaboration=other, email="x@example.org", role="viewer"
    )
    with pytest.raises(NotFound):
        services.withdraw(
            actor=people["owner"],
            collaboration=people["collaboration"],
            invitation_id=invitation.pk,
        )


# --- Finding accounts ------------------------------------------------------------------------


def test_find_accounts_by_name_and_whole_address(people, make_user):
    collaboration = people["collaboration"]
    make_user("anna", first_name="Anna", last_name="de Vries", email="anna@gemeente.nl")
    make_user("annemarie", email="am@bedrijf.nl")
    make_user("weg", first_name="Anna", is_active=False)

    def names(text):
        found = services.find_accounts(
            actor=people["owner"], collaboration=collaboration, text=text
        )
        return [user.username for user in found]

    assert names("ann") == ["anna", "annemarie"]
    assert names("de vries") == ["anna"]
    assert names("ANNA@gemeente.nl") == ["anna"]
    # Part of an address finds nothing: addresses cannot be fished for.
    assert names("gemeente.nl") == [] and names("@bedrijf") == []
    # Members (eddy) and the CLI operator are not offered; one letter finds nothing.
    assert names("eddy") == [] and names("grenzeloos-cli") == [] and names("a") == []
    with pytest.raises(SearchRefused):
        names("a" * 201)
    with pytest.raises(SearchRefused):
        names(" ".join(["an"] * 11))
    with pytest.raises(PermissionDenied):
        services.find_accounts(actor=people["editor"], collaboration=collaboration, text="ann")


def test_find_accounts_is_bounded(people, make_user):
    for number in range(15):
        make_user(f"piet{number:02d}")
    found = services.find_accounts(
        actor=people["owner"], collaboration=people["collaboration"], text="piet"
    )
    assert len(found) == services.ACCOUNT_SEARCH_LIMIT


def test_share_by_email_address(people, make_user):
    collaboration = people["collaboration"]
    make_user("anna", email="anna@gemeente.nl")
    membership = services.share(
        actor=people["owner"],
        collaboration=collaboration,
        username="Anna@Gemeente.nl",
        role="viewer",
    )
    assert membership.user.username == "anna"
    with pytest.raises(UserError, match="send an invitation"):
        services.share(
            actor=people["owner"], collaboration=collaboration, username="x@y.nl", role="viewer"
        )


# --- Web pages -------------------------------------------------------------------------------


def client_for(user=None, language="nl"):
    client = Client()
    client.cookies["django_language"] = language
    if user is not None:
        client.force_login(user)
    return client


def members_url(people):
    return reverse("collaborations:members", args=[people["collaboration"].pk])


def test_members_page_invites_lists_and_withdraws(people):
    client = client_for(people["owner"])
    response = client.post(
        members_url(people), {"action": "invite", "email": "nieuw@example.org", "role": "viewer"}
    )
    assert response.status_code == 302
    assert "Uitnodiging" in mail.outbox[0].subject
    assert "http://testserver/invitation/" in mail.outbox[0].body
    page = client.get(members_url(people)).content.decode()
    assert "Openstaande uitnodigingen" in page and "nieuw@example.org" in page
    assert "is verstuurd naar nieuw@example.org" in page
    invitation = Invitation.objects.get()
    response = client.post(members_url(people), {"action": "withdraw", "invitation": invitation.pk})
    assert response.status_code == 302
    page = client.get(members_url(people)).content.decode()
    assert "ingetrokken" in page
    assert "Er wachten geen uitnodigingen op antwoord." in page


def test_members_page_shows_invitation_errors(people):
    client = client_for(people["owner"], "en")
    invite(people, email="dubbel@example.org")
    response = client.post(
        members_url(people), {"action": "invite", "email": "dubbel@example.org", "role": "viewer"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "already has a pending invitation" in body
    assert 'value="dubbel@example.org"' in body  # what was typed stays
    response = client.post(
        members_url(people), {"action": "invite", "email": "nee", "role": "viewer"}
    )
    assert response.status_code == 400 and "is not an e-mail address" in response.content.decode()


def test_members_page_hides_invitations_from_editors(people):
    invite(people, email="geheim@example.org")
    body = client_for(people["editor"]).get(members_url(people)).content.decode()
    assert "geheim@example.org" not in body and "Uitnodigen" not in body


def test_member_search_suggests_options(people, make_user):
    make_user("anna", first_name="Anna", last_name="de Vries", email="anna@gemeente.nl")
    url = reverse("collaborations:member_search", args=[people["collaboration"].pk])
    client = client_for(people["owner"])
    body = client.get(url, {"q": "vries"}, HTTP_HX_REQUEST="true").content.decode()
    assert '<option value="anna">Anna de Vries</option>' in body
    assert "anna@gemeente.nl" not in body
    body = client.get(url, {"username": "anna@gemeente.nl"}).content.decode()
    assert "anna@gemeente.nl" in body
    assert client.get(url, {"q": "x" * 300}).status_code == 400
    assert client_for(people["editor"]).get(url, {"q": "anna"}).status_code == 403
    assert client_for(people["stranger"]).get(url, {"q": "anna"}).status_code == 404


def test_invitation_page_new_account_round_trip(people):
    invite(people, role="editor")
    token = link_token(mail.outbox[0])
    url = reverse("collaborations:invitation", args=[token])
    client = client_for(language="en")
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Make your account" in body and 'value="nieuw"' in body
    # Opening the link (as a mail scanner would) uses nothing up.
    assert Invitation.objects.get().accepted_at is None
    response = client.post(url, {"username": "nieuw", "password": "kort", "password_again": "kort"})
    assert response.status_code == 400
    assert "too short" in response.content.decode()
    response = client.post(
        url, {"username": "nieuw", "password": PASSWORD, "password_again": PASSWORD}
    )
    detail = reverse("canvas:detail", args=[people["collaboration"].pk])
    assert response.status_code == 302 and response["Location"] == detail
    page = client.get(detail).content.decode()
    assert "your role: Editor" in page and "Signed in as <strong>nieuw</strong>" in page
    # The same link again: a clear page, 410.
    again = client_for(language="en").get(url)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert client_for().post(url, {"username": "b", "password": PASSWORD}).status_code == 410


def test_invitation_page_refusals_are_clear_pages(people):
    invitation = invite(people)
    token = link_token(mail.outbox[0])
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    response = client_for().get(reverse("collaborations:invitation", args=[token]))
    assert response.status_code == 410
    body = response.content.decode()
    assert "Deze uitnodiging is verlopen." in body and "<h1" in body
    response = client_for().get(reverse("collaborations:invitation", args=["nep"]))
    assert response.status_code == 404
    assert "Deze uitnodigingslink is niet geldig." in response.content.decode()


def test_invitation_page_for_signed_in_people(people):
    sam = people["stranger"]
    sam.email = "sam@example.org"
    sam.save()
    invite(people, email="sam@example.org", role="viewer")
    token = link_token(mail.outbox[0])
    url = reverse("collaborations:invitation", args=[token])
    # Someone else signed in: told so, nothing accepted.
    body = client_for(people["viewer"], "en").get(url).content.decode()
    assert "whose account does not have the address sam@example.org" in body
    assert client_for(people["viewer"], "en").post(url).status_code == 400
    # Anonymous, while an account has the address: asked to sign in.
    body = client_for(language="en").get(url).content.decode()
    assert "Sign in to accept" in body and "/accounts/login/?next=" in body
    # The account itself accepts with one button.
    client = client_for(sam, "en")
    assert "Accept the invitation" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert role_in(sam, people["collaboration"].pk) == Role.VIEWER


def test_invitation_errors_sit_at_their_fields_with_labels_not_keys(people):
    """ "password_again: de twee wachtwoorden verschillen" became the message at the second
    password field, and a summary at the top that links to it by its label."""
    invite(people, role="editor")
    url = reverse("collaborations:invitation", args=[link_token(mail.outbox[0])])
    response = client_for().post(
        url, {"username": "nieuw", "password": PASSWORD, "password_again": PASSWORD + "x"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "password_again" not in body.replace('name="password_again"', "")
    assert (
        '<p class="utrecht-form-field-error-message" id="invite-password-again-error">'
        "de twee wachtwoorden verschillen</p>" in body
    )
    assert 'aria-invalid="true" aria-describedby="invite-password-again-error"' in body
    assert "data-gz-error-summary" in body
    assert (
        '<a class="utrecht-link" href="#invite-password-again">Wachtwoord nogmaals: '
        "de twee wachtwoorden verschillen</a>" in body
    )
    assert 'value="nieuw"' in body  # the name typed stays
    assert not get_user_model().objects.filter(username="nieuw").exists()


def test_members_page_puts_the_address_error_at_the_address_field(people):
    response = client_for(people["owner"], "en").post(
        members_url(people), {"action": "invite", "email": "nee", "role": "viewer"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "email:" not in body
    assert (
        '<p class="utrecht-form-field-error-message" id="invite-email-error">'
        "&#x27;nee&#x27; is not an e-mail address</p>" in body
    )
    assert '<a class="utrecht-link" href="#invite-email">E-mail address: ' in body
