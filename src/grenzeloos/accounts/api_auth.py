"""How API clients authenticate: HTTP Basic (counted by the sign-in lock-out) or a personal
API token (``Authorization: Bearer …`` or ``Authorization: Token …``)."""

from __future__ import annotations

from typing import Any

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

    def authenticate_credentials(
        self, userid: str, password: str, request: Any = None
    ) -> tuple[Any, None]:
        # No account has such a name: refuse before the database sees it (PostgreSQL would
        # fail on a NUL, and the failure log on a name longer than its column).
        if len(userid) > USERNAME_MAX or text_problem(userid) or text_problem(password):
            raise exceptions.AuthenticationFailed(gettext("Invalid username/password."))
        return super().authenticate_credentials(  # type: ignore[no-any-return]
            userid, password, getattr(request, "_request", request)
        )


class LockoutBasicScheme(OpenApiAuthenticationExtension):
    """Declares :class:`LockoutBasicAuthentication` in the OpenAPI document."""

    target_class = "grenzeloos.accounts.api_auth.LockoutBasicAuthentication"
    name = "basicAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "basic",
            "description": (
                "Account name and password. Repeated failures lock the account and the address "
                "for a while, like the sign-in page: then every request answers 429 "
                "(problem+json, Retry-After)."
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
