"""How API clients authenticate: HTTP Basic (counted by the sign-in lock-out)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BasicAuthentication


class LockoutBasicAuthentication(BasicAuthentication):
    """HTTP Basic whose failures count towards the sign-in lock-out like the sign-in page's.

    The Django request (not DRF's wrapper) goes to ``authenticate``: django-axes marks it when
    the account or address is locked, and its middleware then answers 429 problem+json
    (:func:`grenzeloos.accounts.lockout.lockout_response`) instead of the view's 401.
    """

    def authenticate_credentials(
        self, userid: str, password: str, request: Any = None
    ) -> tuple[Any, None]:
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
