"""Signing in through the organisation's OpenID provider: a real provider (django-oidc-provider,
tests/oidc) started on loopback, no mock of the flow. The person signs in there, lands here as
the account with their verified e-mail address, and signing out ends both sessions; with local
passwords off the provider is the only way in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import axe_violations

from grenzeloos.audit.models import AuditEvent
from tests.oidc.provider import PASSWORD, Provider, openid_provider

pytestmark = pytest.mark.browser

EMAIL = "olga@gemeente.example"


@pytest.fixture
def provider(live_server: Any, tmp_path: Any, settings: Any) -> Iterator[Provider]:
    with openid_provider(tmp_path / "provider", app_url=live_server.url, email=EMAIL) as running:
        for name, value in running.settings().items():
            setattr(settings, name, value)
        settings.AUTHENTICATION_BACKENDS = [
            *settings.AUTHENTICATION_BACKENDS,
            "grenzeloos.accounts.oidc.ProviderBackend",
        ]
        settings.OIDC_PROVIDER_NAME = "Gemeente Voorbeeld"
        policy = settings.CONTENT_SECURITY_POLICY
        settings.CONTENT_SECURITY_POLICY = {
            "DIRECTIVES": {**policy["DIRECTIVES"], "form-action": ["'self'", running.url]}
        }
        yield running


def _sign_in_at_the_provider(page: Any, live_server: Any, provider: Provider) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Inloggen met Gemeente Voorbeeld").click()
    page.wait_for_url(f"{provider.url}/login/**")
    page.get_by_label("Provider username").fill("provider-olga")
    page.get_by_label("Provider password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in at the provider").click()
    page.wait_for_url(f"{live_server.url}/")


def test_sign_in_through_the_provider_lands_as_the_linked_account_and_signs_out_at_both(
    browser: Any, live_server: Any, people: Any, provider: Provider
):
    olga = people["olga"]
    olga.email = EMAIL.upper()  # the address is matched whatever its case
    olga.save()
    context = browser.new_context(locale="nl")
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        _sign_in_at_the_provider(page, live_server, provider)
        # Signed in here as Olga's own account (the session's, and the header names her).
        session_user = [c for c in context.cookies() if c["name"] == "sessionid"]
        assert session_user, "signed in: a session cookie"
        assert page.get_by_text(olga.username).first.is_visible()
        assert AuditEvent.objects.filter(
            action="account.linked_by_email", target_id=str(olga.pk)
        ).exists()
        assert not AuditEvent.objects.filter(action="account.created").exists()

        page.get_by_role("button", name="Uitloggen").click()
        page.wait_for_url(f"{live_server.url}/accounts/login/")
        assert "U bent uitgelogd." in page.content()
        # Signed out here: a page of the app asks to sign in again ...
        page.goto(f"{live_server.url}/")
        page.wait_for_url(f"{live_server.url}/accounts/login/**")
        # ... and at the provider: its sign-in page is shown again instead of a silent return.
        page.get_by_role("link", name="Inloggen met Gemeente Voorbeeld").click()
        page.wait_for_url(f"{provider.url}/login/**")
        assert page.get_by_label("Provider password").is_visible()
    finally:
        context.close()


def test_with_local_passwords_off_the_provider_is_the_only_way_in(
    browser: Any, live_server: Any, people: Any, provider: Provider, settings: Any
):
    settings.LOCAL_PASSWORDS = False
    settings.AUTHENTICATION_BACKENDS = [
        backend
        for backend in settings.AUTHENTICATION_BACKENDS
        if backend != "django.contrib.auth.backends.ModelBackend"
    ]
    context = browser.new_context(locale="nl")
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        assert page.get_by_label("Wachtwoord").count() == 0
        assert axe_violations(page) == []
        # A new person of the organisation: an account is made for the verified address.
        _sign_in_at_the_provider(page, live_server, provider)
        created = AuditEvent.objects.get(action="account.created")
        from django.contrib.auth import get_user_model

        account = get_user_model().objects.get(pk=created.target_id)
        assert (account.username, account.email) == ("provider-olga", EMAIL)
        assert (account.first_name, account.last_name) == ("Olga", "Visser")
        assert not account.has_usable_password()
    finally:
        context.close()
