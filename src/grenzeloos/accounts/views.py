"""Sign-in pages: Django's own views, with a word after signing out."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


class SignOutView(auth_views.LogoutView):
    """Sign out, and say so on the page that follows (the sign-in page)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have been signed out."))
        return response
