"""How API clients authenticate: HTTP Basic (counted by the sign-in lock-out) or a personal
API token (``Authorization: Bearer …`` or ``Authorization: Token …``)."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils.translation import gettext
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import (
    BaseAuthentication,
    BasicAuthentication,
    get_authorization_header,
)

from grenzeloos.core.inputs import text_problem

#: The longest account name there can be (Django's ``User.username``).
USERNAME_MAX = 150


class LockoutBasicAuthentication(BasicAuthentication):
    """HTTP Basic whose failures count towards the sign-in lock-out like the sign-in page's.

    The Django request (not DRF's wrapper) goes to ``authenticate``: django-axes marks it when
    the account or address is locked, and its middleware then answers 429 problem+json
    (:func:`grenzeloos.accounts.lockout.lockout_response`) instead of the view's 401.
    """

    #: So the OpenAPI document lists 429 for every operation (``core.api.problem_statuses``).
    locks_out = True

    def authenticate(self, request: Any) -> tuple[Any, None] | None:
        """A credential verified within ``BASIC_AUTH_CACHE_SECONDS`` is not hashed again.

        Why: checking a password costs a deliberate hash (hundreds of milliseconds of CPU); a
        script sending Basic on every request made 16 clients wait seconds, and /healthz with
        them. The cache holds the account's id and a fingerprint of its stored password hash
        under a keyed hash of the header (never the password), so a changed password, a
        deactivated account or a lock ends the shortcut at once.
        """
        header = get_authorization_header(request)
        parts = header.split()
        if not parts or parts[0].lower() != b"basic" or settings.BASIC_AUTH_CACHE_SECONDS <= 0:
            return super().authenticate(request)  # type: ignore[no-any-return]
        key = _credential_key(header)
        remembered = cache.get(key)
        if remembered is not None:
            user = _still_valid(request, remembered)
            if user is not None:
                return user, None
            cache.delete(key)
        result = super().authenticate(request)
        if result is not None:
            user = result[0]
            cache.set(
                key, (user.pk, _fingerprint(user.password)), settings.BASIC_AUTH_CACHE_SECONDS
            )
        return result  # type: ignore[no-any-return]

    def authenticate_credentials(
        self, userid: str, password: str, request: Any = None
    ) -> tuple[Any, None]:
        # No account has such a name: refuse before the database sees it (PostgreSQL would
        # fail on a NUL, and the failure log on a name longer than its column).
        if len(userid) > USERNAME_MAX or text_problem(userid) or text_problem(password):
            raise exceptions.AuthenticationFailed(gettext("Invalid username/password."))
        django_request = getattr(request, "_request", request)
        try:
            return super().authenticate_credentials(  # type: ignore[no-any-return]
                userid, password, django_request
            )
        except exceptions.AuthenticationFailed as error:
            from grenzeloos.accounts.lockout import failure_notes

            notes = failure_notes(django_request) if django_request is not None else []
            if not notes:
                raise
            raise exceptions.AuthenticationFailed(" ".join([str(error.detail), *notes])) from None


def _credential_key(header: bytes) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), header, hashlib.sha256).hexdigest()
    return f"basic-auth:{digest}"


def _fingerprint(password_hash: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), password_hash.encode(), hashlib.sha256
    ).hexdigest()


def _still_valid(request: Any, remembered: tuple[int, str]) -> Any | None:
    """The remembered account, if its password, being active and the lock-out still let it in."""
    from axes.handlers.proxy import AxesProxyHandler

    pk, fingerprint = remembered
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if user is None or not hmac.compare_digest(_fingerprint(user.password), fingerprint):
        return None
    django_request = getattr(request, "_request", request)
    if not AxesProxyHandler.is_allowed(django_request, {"username": user.get_username()}):
        return None
    return user


class LockoutBasicScheme(OpenApiAuthenticationExtension):
    """Declares :class:`LockoutBasicAuthentication` in the OpenAPI document."""

    target_class = "grenzeloos.accounts.api_auth.LockoutBasicAuthentication"
    name = "basicAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "basic",
            "description": (
                "Account name and password, for trying the API by hand; scripts use a personal "
                "API token (tokenAuth). Wrong passwords count like the sign-in page's: repeated "
                "failures first slow down, then lock the account from that address (or, after "
                "many failures across accounts, the address) for a while; then every request "
                "answers 429 (problem+json, Retry-After). A verified credential is remembered "
                "for a minute, so it costs one password check per minute."
            ),
        }


class ApiTokenAuthentication(BaseAuthentication):
    """A personal API token (see :func:`grenzeloos.accounts.services.create_token`)."""

    keywords = (b"bearer", b"token")

    def authenticate(self, request: Any) -> tuple[Any, Any] | None:
        from grenzeloos.accounts.services import user_for_token

        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in self.keywords:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                gettext("Give the token after the word Bearer (or Token), without spaces.")
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            key = ""
        found = user_for_token(key)
        if found is None:
            raise exceptions.AuthenticationFailed(
                gettext("This API token is unknown or has been revoked.")
            )
        return found

    def authenticate_header(self, request: Any) -> str:
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Declares :class:`ApiTokenAuthentication` in the OpenAPI document."""

    target_class = "grenzeloos.accounts.api_auth.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A personal API token, made under API tokens in the account menu or with "
                "`grenzeloos user token create`; shown once, revocable. Send it as "
                "`Authorization: Bearer <token>` (`Authorization: Token <token>` works too)."
            ),
        }
