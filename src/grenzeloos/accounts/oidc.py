"""Signing in through the organisation's own OpenID Connect provider (mozilla-django-oidc),
next to local accounts.

Configured from the environment (``GRENZELOOS_OIDC_*``, see settings). A person the provider
signs in is the account with their e-mail address, which the provider must have verified
(``email_verified``): linked on the first sign-in, or created then
(:func:`grenzeloos.accounts.services.account_for_verified_email`). Signing out here signs out
at the provider too (its ``end_session_endpoint``). With ``GRENZELOOS_LOCAL_PASSWORDS=off`` the
provider is the only way in for people (API tokens keep working for scripts).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from grenzeloos.accounts import services


class ProviderBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """mozilla-django-oidc's backend with Grenzeloos's claims and its account rules."""

    def _claim(self, claims: dict[str, Any], name: str) -> str:
        value = claims.get(getattr(settings, name), "")
        return value.strip() if isinstance(value, str) else ""

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        """Only an e-mail address the provider has verified links or creates an account."""
        return bool(self._claim(claims, "OIDC_CLAIM_EMAIL")) and claims.get("email_verified") in (
            True,
            "true",
        )

    def get_or_create_user(self, access_token: str, id_token: str, payload: Any) -> Any:
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            return None
        first, _, last = self._claim(claims, "OIDC_CLAIM_NAME").partition(" ")
        return services.account_for_verified_email(
            email=self._claim(claims, "OIDC_CLAIM_EMAIL"),
            username=self._claim(claims, "OIDC_CLAIM_USERNAME"),
            first_name=claims.get("given_name") or first,
            last_name=claims.get("family_name") or last,
        )


def enabled() -> bool:
    return bool(getattr(settings, "OIDC_ENABLED", False))


def sign_in(request: HttpRequest) -> HttpResponse:
    """Off to the provider's sign-in (404 when no provider is configured)."""
    if not enabled():
        raise Http404
    return OIDCAuthenticationRequestView.as_view()(request)  # type: ignore[no-any-return]


def callback(request: HttpRequest) -> HttpResponse:
    """Back from the provider: the code exchanged for the person's claims, then signed in."""
    if not enabled():
        raise Http404
    return OIDCAuthenticationCallbackView.as_view()(request)  # type: ignore[no-any-return]


def provider_sign_out_url(request: HttpRequest) -> str | None:
    """Where to send a person signed in through the provider when they sign out here, so that
    they are signed out there too; None for a local sign-in or without an end-session URL."""
    id_token = request.session.get("oidc_id_token")
    endpoint = getattr(settings, "OIDC_OP_LOGOUT_ENDPOINT", "")
    if not (enabled() and id_token and endpoint):
        return None
    back = request.build_absolute_uri(reverse("accounts:login"))
    return f"{endpoint}?{urlencode({'id_token_hint': id_token, 'post_logout_redirect_uri': back})}"
