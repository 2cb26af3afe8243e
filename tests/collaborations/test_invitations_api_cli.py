"""Invitations over the REST API and the CLI."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from rest_framework.test import APIClient

from grenzeloos.cli import main
from grenzeloos.collaborations import services
from grenzeloos.collaborations.models import Invitation

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def url(people, suffix=""):
    return f"/api/v1/collaborations/{people['collaboration'].pk}/invitations{suffix}"


def test_api_create_list_withdraw(people):
    owner = api(people["owner"])
    response = owner.post(
        url(people), {"email": "Nieuw@Example.org", "role": "viewer"}, format="json"
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["email"] == "nieuw@example.org" and created["role"] == "viewer"
    assert created["invited_by"] == "olga" and created["expires_at"] > created["created_at"]
    assert "token" not in json.dumps(created)
    assert len(mail.outbox) == 1 and "http://testserver/invitation/" in mail.outbox[0].body
    listed = owner.get(url(people)).json()
    assert [item["id"] for item in listed] == [created["id"]]
    response = owner.post(
        url(people), {"email": "nieuw@example.org", "role": "editor"}, format="json"
    )
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert "pending invitation" in response.json()["detail"]
    assert owner.delete(url(people, f"/{created['id']}")).status_code == 204
    assert owner.get(url(people)).json() == []
    again = owner.delete(url(people, f"/{created['id']}"))
    assert again.status_code == 409 and "withdrawn" in again.json()["detail"]
    assert owner.delete(url(people, "/99999")).status_code == 404


def test_api_language_of_the_mail(people):
    owner = api(people["owner"])
    owner.post(
        url(people), {"email": "a@example.org", "role": "viewer", "language": "nl"}, format="json"
    )
    owner.post(
        url(people),
        {"email": "b@example.org", "role": "viewer"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Uitnodiging" in mail.outbox[0].subject
    assert "Invitation" in mail.outbox[1].subject


def test_api_bad_input_is_problem_json(people):
    owner = api(people["owner"])
    response = owner.post(url(people), {"email": "geen-adres", "role": "viewer"}, format="json")
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalid_params"]] == ["email"]
    response = owner.post(url(people), {"email": "a@b.nl", "role": "baas"}, format="json")
    assert response.status_code == 400
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("editor", 403), ("viewer", 403), ("stranger", 404)])
def test_api_only_owners(people, who, status):
    client = api(people[who])
    assert client.get(url(people)).status_code == status
    response = client.post(url(people), {"email": "a@b.nl", "role": "viewer"}, format="json")
    assert response.status_code == status
    invitation = services.invite(
        actor=people["owner"], collaboration=people["collaboration"], email="c@d.nl", role="viewer"
    )
    assert client.delete(url(people, f"/{invitation.pk}")).status_code == status
    assert Invitation.objects.get().withdrawn_at is None


# --- CLI -----------------------------------------------------------------------------------


def run(capsys, *args):
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_invite_list_withdraw(capsys, people):
    ident = people["collaboration"].pk
    code, out, err = run(
        capsys, "members", "invite", ident, "nieuw@example.org", "--role", "editor"
    )
    assert (code, err) == (0, "")
    invitation = Invitation.objects.get()
    assert out.startswith(f"invitation {invitation.pk} sent to nieuw@example.org as editor")
    assert "Uitnodiging" in mail.outbox[0].subject  # Dutch unless --language en
    code, out, _ = run(capsys, "members", "invitations", ident, "--json")
    rows = json.loads(out)
    assert [(r["id"], r["email"], r["role"]) for r in rows] == [
        (invitation.pk, "nieuw@example.org", "editor")
    ]
    assert rows[0]["invited_by"] == "grenzeloos-cli"
    code, out, err = run(
        capsys, "members", "invite", ident, "nieuw@example.org", "--role", "viewer"
    )
    assert code == 1 and out == ""
    assert err.startswith("grenzeloos: error: nieuw@example.org already has a pending invitation")
    assert err.count("\n") == 1
    code, out, _ = run(capsys, "members", "withdraw", ident, invitation.pk)
    assert code == 0 and "withdrawn" in out
    assert run(capsys, "members", "invitations", ident)[1] == ""
    code, _, err = run(capsys, "members", "withdraw", ident, invitation.pk)
    assert code == 1 and "already been withdrawn" in err


def test_cli_invite_in_english_and_errors(capsys, people):
    ident = people["collaboration"].pk
    code, _, _ = run(
        capsys, "members", "invite", ident, "a@example.org", "--role", "viewer", "--language", "en"
    )
    assert code == 0 and "Invitation" in mail.outbox[0].subject
    code, _, err = run(capsys, "members", "invite", ident, "geen-adres", "--role", "viewer")
    assert code == 1 and "is not an e-mail address" in err
    code, _, err = run(capsys, "members", "invite", 99999, "b@example.org", "--role", "viewer")
    assert code == 1 and "not found" in err
    with pytest.raises(SystemExit) as usage:
        run(capsys, "members", "invite", ident, "b@example.org", "--role", "baas")
    assert usage.value.code == 1 and "invalid choice" in capsys.readouterr().err


def test_cli_members_list_add_remove(capsys, people, make_user):
    ident = people["collaboration"].pk
    make_user("anna", email="anna@gemeente.nl")
    code, out, _ = run(capsys, "members", "add", ident, "anna@gemeente.nl", "--role", "viewer")
    assert code == 0 and out.strip() == f"anna is now viewer of {ident}"
    code, out, _ = run(capsys, "members", "list", ident, "--json")
    assert {row["username"]: row["role"] for row in json.loads(out)} == {
        "olga": "owner",
        "eddy": "editor",
        "vera": "viewer",
        "anna": "viewer",
    }
    assert run(capsys, "members", "remove", ident, "anna")[0] == 0
    _, out, _ = run(capsys, "members", "list", ident)
    assert "anna" not in out and "olga\towner" in out
