"""URLs of the test OpenID provider: its sign-in page and django-oidc-provider's endpoints."""

from typing import Any

from django.contrib.auth import views as auth_views
from django.urls import include, path


def userinfo(claims: dict[str, Any], user: Any) -> dict[str, Any]:
    claims["name"] = user.get_full_name()
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["preferred_username"] = user.username
    claims["email"] = user.email
    claims["email_verified"] = True
    return claims


urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("openid/", include("oidc_provider.urls", namespace="oidc_provider")),
]
