"""A person's own profile: display name and function (on documents and invitations), and an
e-mail address that changes only when the person follows the link sent to the new address —
through the web page, the API (``/api/v1/me``) and the CLI (``grenzeloos profile``)."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stdout
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from grenzeloos.accounts import services
from grenzeloos.accounts.models import Profile
from grenzeloos.audit.models import AuditEvent
from grenzeloos.cli import main
from grenzeloos.collaborations import services as collaborations
from grenzeloos.collaborations.access import role_in
from grenzeloos.core.errors import PermissionDenied, UserError
from tests.accounts.factories import UserFactory
from tests.collaborations.factories import CollaborationFactory

CONFIRM = re.compile(r"https?://\S+/accounts/profile/email/([^/\s]+)/")
INVITATION = re.compile(r"https?://\S+/invitation/([A-Za-z0-9_-]+)/")


def _token(message) -> str:
    match = CONFIRM.search(message.body)
    assert match, message.body
    return match.group(1)


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Names on documents and invitations ------------------------------------------------------


def test_display_name_and_function_fall_back_to_the_user_name(db):
    anna = UserFactory(username="anna")
    assert services.display_name(anna) == "anna"
    assert services.name_and_function(anna) == "anna"
    services.update_profile(actor=anna, display_name="  Anna   de Vries ", function="")
    assert services.display_name(anna) == "Anna de Vries"
    assert services.name_and_function(anna) == "Anna de Vries"
    services.update_profile(actor=anna, display_name="Anna de Vries", function="beleidsadviseur")
    assert services.name_and_function(anna) == "Anna de Vries, beleidsadviseur"
    assert services.display_name(None) == services.name_and_function(None) == ""


def test_saving_the_same_profile_again_records_nothing(db):
    anna = UserFactory(username="anna")
    services.update_profile(actor=anna, display_name="Anna", function="adviseur")
    services.update_profile(actor=anna, display_name="Anna", function="adviseur")
    events = AuditEvent.objects.filter(action="account.profile_updated")
    assert [event.data for event in events] == [{"fields": ["display_name", "function"]}]
    assert events.get().target_id == str(anna.pk)


def test_a_profile_is_changed_only_by_its_own_person(db):
    anna, bert = UserFactory(username="anna"), UserFactory(username="bert")
    with pytest.raises(PermissionDenied):
        services.update_profile(actor=bert, username="anna", display_name="Nep", function="")
    with pytest.raises(PermissionDenied):
        services.request_email_change(actor=bert, username="anna", email="nep@example.org")
    assert services.profile_of(anna).display_name == ""
    assert mail.outbox == []


def test_too_long_a_name_is_refused(db):
    anna = UserFactory(username="anna")
    with pytest.raises(UserError, match="display_name"):
        services.update_profile(actor=anna, display_name="x" * 151, function="")


def test_the_invitation_names_the_inviter_with_function(db):
    olga = UserFactory(username="olga")
    services.update_profile(actor=olga, display_name="Olga Jansen", function="programmamanager")
    collaboration = CollaborationFactory(owner=olga)
    collaborations.invite(
        actor=olga, collaboration=collaboration, email="nieuw@example.org", role="editor"
    )
    assert "Olga Jansen, programmamanager" in mail.outbox[0].body
    token = INVITATION.search(mail.outbox[0].body).group(1)
    page = Client().get(reverse("collaborations:invitation", args=[token])).content.decode()
    assert "Olga Jansen, programmamanager" in page


def test_the_progress_report_names_its_author_with_function(people):
    from tests.ledger.factories import make_collaboration

    olga = people["owner"]
    services.update_profile(actor=olga, display_name="Olga Jansen", function="programmamanager")
    cid = make_collaboration(olga, "canvas-rich.json")
    response = _signed_in(olga).get(
        reverse("ledger:report_download", args=[cid, "md"]),
        {"start": "2026-01-01", "end": "2026-12-31"},
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert "Olga Jansen, programmamanager" in body.decode()


# --- Changing the e-mail address -------------------------------------------------------------


def test_a_new_address_is_used_only_after_its_link_is_followed(db):
    anna = UserFactory(username="anna", email="anna@oud.example")
    services.request_email_change(actor=anna, email="anna@nieuw.example", language="en")
    anna.refresh_from_db()
    assert anna.email == "anna@oud.example"
    assert services.profile_of(anna).pending_email == "anna@nieuw.example"
    [message] = mail.outbox
    assert message.to == ["anna@nieuw.example"]
    assert "Confirm your e-mail address" in message.subject

    services.confirm_email(actor=anna, token=_token(message))

    anna.refresh_from_db()
    assert anna.email == "anna@nieuw.example"
    assert services.profile_of(anna).pending_email == ""
    actions = list(
        AuditEvent.objects.filter(target_id=str(anna.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["account.email_change_requested", "account.email_confirmed"]
    # The audit log keeps no address.
    assert "nieuw" not in json.dumps([e.data for e in AuditEvent.objects.all()])


def test_a_link_works_once_only_for_its_account_and_not_after_a_newer_request(db):
    anna, bert = UserFactory(username="anna"), UserFactory(username="bert")
    services.request_email_change(actor=anna, email="eerste@example.org")
    first = _token(mail.outbox[0])
    with pytest.raises(PermissionDenied, match="another account"):
        services.confirm_email(actor=bert, token=first)
    services.request_email_change(actor=anna, email="tweede@example.org")
    second = _token(mail.outbox[1])
    with pytest.raises(UserError, match="does not work"):
        services.confirm_email(actor=anna, token=first)  # replaced by the newer request
    services.confirm_email(actor=anna, token=second)
    with pytest.raises(UserError, match="does not work"):
        services.confirm_email(actor=anna, token=second)  # used
    with pytest.raises(UserError, match="does not work"):
        services.confirm_email(actor=anna, token=second[:-2] + "xx")  # tampered
    anna.refresh_from_db()
    bert.refresh_from_db()
    assert (anna.email, bert.email) == ("tweede@example.org", "bert@example.org")


def test_an_old_link_does_not_work(db, monkeypatch):
    anna = UserFactory(username="anna")
    services.request_email_change(actor=anna, email="laat@example.org")
    token = _token(mail.outbox[0])
    later = signing.time.time() + timedelta(hours=services.EMAIL_CONFIRM_HOURS + 1).total_seconds()
    monkeypatch.setattr(signing.time, "time", lambda: later)
    with pytest.raises(UserError, match="does not work"):
        services.confirm_email(actor=anna, token=token)
    anna.refresh_from_db()
    assert anna.email == "anna@example.org"


def test_an_address_of_another_account_or_no_address_is_refused(db):
    anna = UserFactory(username="anna")
    UserFactory(username="bert")
    with pytest.raises(UserError, match="email: another account"):
        services.request_email_change(actor=anna, email="BERT@example.org")
    with pytest.raises(UserError, match="not an e-mail address"):
        services.request_email_change(actor=anna, email="geen adres")
    with pytest.raises(UserError, match="already your"):
        services.request_email_change(actor=anna, email="anna@example.org")
    assert mail.outbox == []
    assert not Profile.objects.filter(user=anna).exclude(pending_email="").exists()


# --- Invitations to an address the account does not have yet ---------------------------------


def test_an_invitation_to_a_new_address_is_accepted_after_confirming_it(db):
    olga = UserFactory(username="olga")
    anna = UserFactory(username="anna", email="anna@thuis.example")
    collaboration = CollaborationFactory(owner=olga)
    collaborations.invite(
        actor=olga, collaboration=collaboration, email="anna@werk.example", role="editor"
    )
    invitation = INVITATION.search(mail.outbox[0].body).group(1)

    # Asked for, not confirmed: the address is not the account's yet.
    services.request_email_change(actor=anna, email="anna@werk.example")
    with pytest.raises(PermissionDenied, match="this invitation is for anna@werk.example"):
        collaborations.accept(token=invitation, user=anna)
    assert role_in(anna, collaboration.pk) is None

    services.confirm_email(actor=anna, token=_token(mail.outbox[1]))
    anna.refresh_from_db()
    membership = collaborations.accept(token=invitation, user=anna)
    assert (membership.user, membership.role) == (anna, "editor")


def test_an_unconfirmed_address_does_not_accept_on_the_web_either(db):
    olga = UserFactory(username="olga")
    anna = UserFactory(username="anna", email="anna@thuis.example")
    collaboration = CollaborationFactory(owner=olga)
    collaborations.invite(
        actor=olga, collaboration=collaboration, email="anna@werk.example", role="viewer"
    )
    invitation = INVITATION.search(mail.outbox[0].body).group(1)
    client = _signed_in(anna)
    client.post(
        reverse("accounts:profile"),
        {"display_name": "", "function": "", "email": "anna@werk.example"},
    )
    refused = client.post(reverse("collaborations:invitation", args=[invitation]))
    assert refused.status_code == 400
    assert "anna@werk.example" in refused.content.decode()
    assert role_in(anna, collaboration.pk) is None
    confirm_url = reverse("accounts:email_confirm", args=[_token(mail.outbox[1])])
    assert client.get(confirm_url).status_code == 200  # a page with a button: nothing changes
    anna.refresh_from_db()
    assert anna.email == "anna@thuis.example"
    assert client.post(confirm_url).status_code == 302
    accepted = client.post(reverse("collaborations:invitation", args=[invitation]))
    assert accepted.status_code == 302
    assert role_in(anna, collaboration.pk) == "viewer"


# --- The page, the API and the CLI -----------------------------------------------------------


def test_the_profile_page_saves_name_and_function_and_asks_for_the_address(db):
    anna = UserFactory(username="anna")
    client = _signed_in(anna)
    page = client.get(reverse("accounts:profile"))
    assert page.status_code == 200
    assert 'name="display_name"' in page.content.decode()
    saved = client.post(
        reverse("accounts:profile"),
        {"display_name": "Anna de Vries", "function": "adviseur", "email": "anna@nieuw.example"},
        follow=True,
    )
    body = saved.content.decode()
    assert "anna@nieuw.example" in body
    anna.refresh_from_db()
    assert anna.email == "anna@example.org"
    assert services.name_and_function(anna) == "Anna de Vries, adviseur"
    assert len(mail.outbox) == 1


def test_the_profile_page_shows_a_refused_address_on_its_field(db):
    anna = UserFactory(username="anna")
    UserFactory(username="bert")
    response = _signed_in(anna).post(
        reverse("accounts:profile"),
        {"display_name": "Anna", "function": "", "email": "bert@example.org"},
    )
    assert response.status_code == 422
    # The page speaks Dutch by default.
    assert response.context["form"].errors["email"] == ["een ander account heeft dit e-mailadres"]
    assert services.profile_of(anna).display_name == ""  # all or nothing
    assert mail.outbox == []


def test_anonymous_people_sign_in_first(db):
    assert Client().get(reverse("accounts:profile")).status_code == 302
    assert APIClient().get("/api/v1/me").status_code == 401


def test_the_api_reads_and_changes_the_own_profile(db):
    anna = UserFactory(username="anna")
    api = APIClient()
    api.force_authenticate(anna)
    assert api.get("/api/v1/me").json() == {
        "username": "anna",
        "display_name": "",
        "function": "",
        "email": "anna@example.org",
        "pending_email": None,
    }
    changed = api.put("/api/v1/me", {"display_name": "Anna", "function": "adviseur"}, format="json")
    assert changed.status_code == 200
    assert (changed.json()["display_name"], changed.json()["function"]) == ("Anna", "adviseur")
    asked = api.post("/api/v1/me/email", {"email": "anna@nieuw.example"}, format="json")
    assert asked.status_code == 202
    assert (asked.json()["email"], asked.json()["pending_email"]) == (
        "anna@example.org",
        "anna@nieuw.example",
    )
    bad = api.post("/api/v1/me/email/confirm", {"token": "nep"}, format="json")
    assert bad.status_code == 400
    assert bad["Content-Type"] == "application/problem+json"
    confirmed = api.post(
        "/api/v1/me/email/confirm", {"token": _token(mail.outbox[0])}, format="json"
    )
    assert confirmed.status_code == 200
    assert (confirmed.json()["email"], confirmed.json()["pending_email"]) == (
        "anna@nieuw.example",
        None,
    )


def _cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(list(argv))
    return code, out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_cli_shows_and_sets_a_profile(capsys):
    UserFactory(username="anna")
    code, _out = _cli(
        "profile", "set", "anna", "--display-name", "Anna de Vries", "--function", "adviseur"
    )
    assert code == 0
    code, out = _cli("profile", "show", "anna", "--json")
    assert code == 0
    assert json.loads(out) == {
        "username": "anna",
        "display_name": "Anna de Vries",
        "function": "adviseur",
        "email": "anna@example.org",
        "pending_email": "",
    }
    code, out = _cli("profile", "set", "anna", "--email", "anna@nieuw.example")
    assert (code, len(mail.outbox)) == (0, 1)
    assert "sent a link" in out
    assert _cli("profile", "set", "nobody", "--function", "x")[0] == 1
    assert "no account named 'nobody'" in capsys.readouterr().err
