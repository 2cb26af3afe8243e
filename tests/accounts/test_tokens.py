"""Personal API tokens: named, shown once, only a hash stored, revocable; page, CLI and API."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from grenzeloos.accounts import services
from grenzeloos.accounts.models import ApiToken
from grenzeloos.audit.models import AuditEvent
from grenzeloos.cli import main

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def olga():
    return get_user_model().objects.create_user(username="olga", password=PASSWORD)


def _english(user=None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["django_language"] = "en"
    if user is not None:
        client.force_login(user)
    return client


def _api_get(key: str, keyword: str = "Bearer"):
    return Client(HTTP_ACCEPT_LANGUAGE="en").get(
        reverse("api-canvas:collaborations"), HTTP_AUTHORIZATION=f"{keyword} {key}"
    )


def test_a_token_is_shown_once_and_only_its_hash_is_stored(olga):
    client = _english(olga)
    response = client.post(reverse("accounts:tokens"), {"name": "Rapportage-script"})
    assert response.status_code == 201
    # never_cache: the page with the token is never kept, by the browser or anything between.
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"no-store", "no-cache", "must-revalidate", "private"} <= directives
    page = response.content.decode()
    assert "shown only this once" in page
    key = re.search(r'id="token-value" value="([^"]+)"', page).group(1)
    assert key.startswith("gzl_") and len(key) >= 40

    token = ApiToken.objects.get(user=olga)
    assert token.name == "Rapportage-script"
    # Nothing stored holds the token: only its SHA-256 and its first 8 characters.
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    stored = json.dumps(list(ApiToken.objects.values()), default=str)
    assert key not in stored
    assert key[8:] not in stored
    assert token.prefix == key[:8]
    assert key not in json.dumps(list(AuditEvent.objects.values("data")), default=str)

    # The list shows it by name, created and last used, but never the token again.
    listing = client.get(reverse("accounts:tokens")).content.decode()
    assert "Rapportage-script" in listing and "never" in listing
    assert key not in listing
    assert AuditEvent.objects.filter(action="account.token_created", target_id=str(olga.pk))


def test_the_token_authenticates_api_calls_and_records_its_use(olga):
    _token, key = services.create_token(actor=olga, name="nightly-report")
    for keyword in ("Bearer", "Token", "bearer"):
        response = _api_get(key, keyword)
        assert response.status_code == 200, (keyword, response.content)
    token = ApiToken.objects.get(user=olga)
    assert token.last_used_at is not None
    listing = _english(olga).get(reverse("accounts:tokens")).content.decode()
    assert "never" not in listing


def test_revoking_stops_the_token_at_once(olga):
    token, key = services.create_token(actor=olga, name="nightly-report")
    client = _english(olga)
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    assert "has been revoked" in client.get(response["Location"]).content.decode()
    refused = _api_get(key)
    assert refused.status_code == 401
    assert refused["Content-Type"] == "application/problem+json"
    assert "unknown or has been revoked" in json.loads(refused.content)["detail"]
    assert "nightly-report" not in client.get(reverse("accounts:tokens")).content.decode()
    assert AuditEvent.objects.filter(action="account.token_revoked").count() == 1


def test_nobody_revokes_or_sees_someone_elses_token(olga, make_user):
    token, key = services.create_token(actor=olga, name="nightly-report")
    other = make_user("otto")
    client = _english(other)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    assert "nightly-report" not in client.get(reverse("accounts:tokens")).content.decode()
    assert _api_get(key).status_code == 200
    with pytest.raises(services.UserError, match="only manage your own"):
        services.tokens_of(actor=other, username="olga")


def test_unknown_malformed_and_inactive_tokens_are_refused(olga):
    assert _api_get("gzl_nonsense").status_code == 401
    assert _api_get("not-even-ours").status_code == 401
    response = Client().get(
        reverse("api-canvas:collaborations"), HTTP_AUTHORIZATION="Bearer two parts"
    )
    assert response.status_code == 401
    _token, key = services.create_token(actor=olga, name="nightly-report")
    olga.is_active = False
    olga.save()
    assert _api_get(key).status_code == 401


def test_token_names_are_checked(olga):
    services.create_token(actor=olga, name="nightly-report")
    response = _english(olga).post(reverse("accounts:tokens"), {"name": "  nightly-report "})
    assert response.status_code == 400
    assert "already is a token named" in response.content.decode()
    response = _english(olga).post(reverse("accounts:tokens"), {"name": "   "})
    assert response.status_code == 400
    assert "must not be empty" in response.content.decode()
    assert ApiToken.objects.count() == 1


def test_a_revoked_name_can_be_used_again(olga):
    token, _key = services.create_token(actor=olga, name="nightly-report")
    services.revoke_token(actor=olga, token_id=token.pk)
    services.create_token(actor=olga, name="nightly-report")
    assert ApiToken.objects.filter(user=olga, name="nightly-report").count() == 2
    assert services.tokens_of(actor=olga).count() == 1


def test_the_page_speaks_dutch_and_the_header_links_to_it(olga):
    client = Client()
    client.force_login(olga)
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert 'lang="nl"' in page
    assert "API-tokens" in page
    assert (
        f'href="{reverse("accounts:tokens")}"'
        in client.get(reverse("canvas:list")).content.decode()
    )


def test_cli_create_list_revoke(olga, capsys):
    assert main(["user", "token", "create", "olga", "nachtelijke export"]) == 0
    key = capsys.readouterr().out.strip()
    assert _api_get(key).status_code == 200
    assert main(["user", "token", "list", "olga", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["name"] for row in rows] == ["nachtelijke export"]
    assert rows[0]["prefix"] == key[:8]
    assert key not in json.dumps(rows)
    assert main(["user", "token", "revoke", "olga", str(rows[0]["id"])]) == 0
    capsys.readouterr()
    assert _api_get(key).status_code == 401
    capsys.readouterr()
    assert main(["user", "token", "revoke", "olga", str(rows[0]["id"])]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no API token" in err
    assert main(["user", "token", "list", "nobody"]) == 1


def test_api_create_list_revoke(olga):
    basic = "Basic " + base64.b64encode(f"olga:{PASSWORD}".encode()).decode()
    client = Client(HTTP_AUTHORIZATION=basic, HTTP_ACCEPT_LANGUAGE="en")
    url = reverse("api-accounts:tokens")
    response = client.post(url, {"name": "ci"}, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    key = body["token"]
    assert body["name"] == "ci" and body["prefix"] == key[:8]
    assert response["Cache-Control"] == "no-store"
    listed = client.get(url).json()
    assert [row["name"] for row in listed] == ["ci"]
    assert "token" not in listed[0]

    # A token cannot mint more tokens (a leaked one could otherwise outlive its revocation).
    with_token = Client(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT_LANGUAGE="en")
    refused = with_token.post(url, {"name": "more"}, content_type="application/json")
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"

    gone = client.delete(reverse("api-accounts:token", args=[body["id"]]))
    assert gone.status_code == 204
    assert with_token.get(url).status_code == 401
    assert client.delete(reverse("api-accounts:token", args=[body["id"]])).status_code == 404


def test_openapi_declares_the_token_scheme():
    spec = Client().get(reverse("openapi")).json()
    schemes = spec["components"]["securitySchemes"]
    assert schemes["tokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["tokenAuth"]["description"],
    }
    assert "shown once" in schemes["tokenAuth"]["description"]
    assert {"tokenAuth": []} in spec["paths"]["/collaborations"]["get"]["security"]
