"""Which account a person signed in by the OpenID provider becomes (the browser tests in
tests/browser/test_oidc_browser.py run the whole flow against a real provider)."""

from __future__ import annotations

import pytest
from django.test import Client

from grenzeloos.accounts import services
from grenzeloos.accounts.oidc import ProviderBackend
from grenzeloos.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_verified_address_links_the_account_that_has_it_once(make_user):
    olga = make_user("olga", email="Olga@Gemeente.example")
    for _ in range(2):
        found = services.account_for_verified_email(
            email="olga@gemeente.example", username="o.visser", first_name="Olga"
        )
        assert found == olga
    assert AuditEvent.objects.filter(action="account.linked_by_email").count() == 1
    olga.refresh_from_db()
    assert olga.first_name == "Olga"


def test_a_new_address_gets_an_account_with_a_free_name(make_user):
    make_user("olga")
    created = services.account_for_verified_email(email="olga@elders.example", username="olga")
    assert (created.username, created.email) == ("olga2", "olga@elders.example")
    assert not created.has_usable_password()
    assert AuditEvent.objects.get(action="account.created").target_id == str(created.pk)


def test_no_account_when_the_address_is_shared_or_the_account_deactivated(make_user):
    make_user("a", email="team@gemeente.example")
    make_user("b", email="team@gemeente.example")
    assert services.account_for_verified_email(email="team@gemeente.example", username="t") is None
    make_user("gone", email="gone@gemeente.example", is_active=False)
    assert services.account_for_verified_email(email="gone@gemeente.example", username="g") is None


@pytest.mark.parametrize(
    ("claims", "accepted"),
    [
        ({"email": "olga@gemeente.example", "email_verified": True}, True),
        ({"email": "olga@gemeente.example", "email_verified": False}, False),
        ({"email": "olga@gemeente.example"}, False),
        ({"email_verified": True}, False),
    ],
    ids=["verified", "not verified", "verification unknown", "no address"],
)
def test_only_a_verified_address_is_accepted(claims, accepted, settings):
    settings.OIDC_RP_CLIENT_ID = "client"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"
    settings.OIDC_OP_USER_ENDPOINT = "http://127.0.0.1:9/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "http://127.0.0.1:9/jwks"
    assert ProviderBackend().verify_claims(claims) is accepted


def test_without_a_provider_its_pages_are_not_there(settings):
    settings.OIDC_ENABLED = False
    assert Client().get("/oidc/authenticate/").status_code == 404
    assert Client().get("/oidc/callback/?code=x&state=y").status_code == 404
    page = Client().get("/accounts/login/").content.decode()
    assert "/oidc/authenticate/" not in page
