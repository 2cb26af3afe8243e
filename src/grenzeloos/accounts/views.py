"""The account's own pages: a word after signing out, the person's profile (display name,
function, e-mail address confirmed through a link), personal API tokens, and choosing a new
password through the reset link that staff had sent to the account's address."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from grenzeloos.accounts import notices as notice_services
from grenzeloos.accounts import services
from grenzeloos.accounts.forms import NoticePreferenceForm, ProfileForm
from grenzeloos.core.errors import PermissionDenied, UserError
from grenzeloos.core.forms import form_error
from grenzeloos.core.web import acting_user, service_errors


class SignInView(auth_views.LoginView):
    """The sign-in page: the organisation's OpenID provider (when configured) and, unless
    ``GRENZELOOS_LOCAL_PASSWORDS=off``, the account name and password of a local account."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        context["oidc_provider_name"] = settings.OIDC_PROVIDER_NAME
        context["local_passwords"] = settings.LOCAL_PASSWORDS
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.LOCAL_PASSWORDS:
            return redirect("accounts:login")  # no password is taken here at all
        return super().post(request, *args, **kwargs)  # type: ignore[no-any-return]


class SignOutView(auth_views.LogoutView):
    """Sign out, and say so on the page that follows (the sign-in page)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from grenzeloos.accounts.oidc import provider_sign_out_url

        at_provider = provider_sign_out_url(request)  # read before the session ends
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have been signed out."))
        if at_provider:
            # Signed in through the organisation's provider: signed out there too, which
            # sends the person back to the sign-in page here.
            return HttpResponseRedirect(at_provider)
        return response


class ResetPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """Django's form for a new password (twice, checked by the password validators), saved
    through the service so that the change is audited."""

    def save(self, commit: bool = True) -> Any:
        services.reset_password(user=self.user, password=self.cleaned_data["new_password1"])
        return self.user


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's reset link page (the token is checked, then moved into the session); the
    person is not signed in afterwards but sent to sign in with the new password."""

    form_class = ResetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """List the account's API tokens and make a new one (shown once, on this response only)."""
    actor = acting_user(request)
    error_message = ""
    status = 200
    if request.method == "POST":
        try:
            token, key = services.create_token(actor=actor, name=request.POST.get("name", ""))
        except UserError as error:
            error_message = str(error)
            status = 400
        else:
            return render(
                request, "accounts/token_created.html", {"token": token, "key": key}, status=201
            )
    context = {
        "tokens": services.tokens_of(actor=actor),
        "error_message": error_message,
        "posted_name": request.POST.get("name", "") if status != 200 else "",
    }
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_POST
@service_errors
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = services.revoke_token(actor=acting_user(request), token_id=pk)
    messages.success(
        request,
        _("The token %(name)s has been revoked; it no longer works.") % {"name": token.name},
    )
    return redirect("accounts:tokens")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@service_errors
def profile(request: HttpRequest) -> HttpResponse:
    """The person's own profile. A changed e-mail address is only asked for: a link to confirm
    it goes to the new address."""
    actor = acting_user(request)
    current = services.profile_of(actor)
    initial = {
        "display_name": current.display_name,
        "function": current.function,
        "email": actor.email,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                services.update_profile(
                    actor=actor, display_name=data["display_name"], function=data["function"]
                )
                asked = data["email"] and data["email"].lower() != (actor.email or "").lower()
                if asked:
                    services.request_email_change(
                        actor=actor,
                        email=data["email"],
                        site_url=request.build_absolute_uri("/"),
                    )
        except UserError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Your profile was saved."))
            if asked:
                messages.info(
                    request,
                    _(
                        "We sent a link to %(email)s. Your address changes when you follow it; "
                        "until then it stays %(current)s."
                    )
                    % {"email": data["email"], "current": actor.email or "—"},
                )
            return redirect("accounts:profile")
    context = {
        "form": form,
        "profile": services.profile_of(actor),
        "notice_form": _notice_form(actor),
    }
    return render(
        request, "accounts/profile.html", context, status=422 if request.method == "POST" else 200
    )


def _notice_form(actor: Any, data: Any = None) -> NoticePreferenceForm:
    preference = notice_services.preference_of(actor)
    initial = {"email_mentions": preference.email_mentions, "language": preference.language}
    return NoticePreferenceForm(data, initial=initial, prefix="notices")


@never_cache
@login_required
@require_POST
@service_errors
def notice_preference(request: HttpRequest) -> HttpResponse:
    """The choice of e-mails about notices, a form of its own on the profile page."""
    actor = acting_user(request)
    form = _notice_form(actor, request.POST)
    if form.is_valid():
        try:
            notice_services.set_preference(
                actor=actor,
                email_mentions=form.cleaned_data["email_mentions"],
                language=form.cleaned_data["language"],
            )
        except UserError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Your choice of e-mails was saved."))
            return redirect("accounts:profile")
    context = {
        "form": ProfileForm(initial={"email": actor.email, **_profile_initial(actor)}),
        "profile": services.profile_of(actor),
        "notice_form": form,
    }
    return render(request, "accounts/profile.html", context, status=422)


def _profile_initial(actor: Any) -> dict[str, str]:
    current = services.profile_of(actor)
    return {"display_name": current.display_name, "function": current.function}


#: Notices on one page of the notices page.
NOTICES_PER_PAGE = 25


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@service_errors
def notices(request: HttpRequest) -> HttpResponse:
    """The person's notices, newest first, 25 a page; posting marks one (``notice``) or all
    read."""
    actor = acting_user(request)
    if request.method == "POST":
        one = request.POST.get("notice", "")
        ids = [int(one)] if one.isdigit() else None
        marked = notice_services.mark_read(actor=actor, ids=ids)
        if ids is None:
            messages.success(request, _("All notices are marked read."))
        elif marked:
            messages.success(request, _("The notice is marked read."))
        page_number = request.POST.get("page", "")
        suffix = f"?page={page_number}" if page_number.isdigit() else ""
        return HttpResponseRedirect(reverse("accounts:notices") + suffix)
    page = Paginator(notice_services.notices_of(actor=actor), NOTICES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "notice": notice,
            "label": notice_services.kind_label(notice.kind),
            "by": services.display_name(notice.actor) if notice.actor else "",
        }
        for notice in page.object_list
    ]
    context = {"page": page, "rows": rows, "unread": notice_services.unread_count(actor=actor)}
    return render(request, "accounts/notices.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@service_errors
def email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link sent to a new address: a page with a button (a link checker opening the URL
    changes nothing); confirming gives the signed-in account the address."""
    actor = acting_user(request)
    error_message = ""
    if request.method == "POST":
        try:
            user = services.confirm_email(actor=actor, token=token)
        except PermissionDenied:
            raise
        except UserError as error:
            error_message = str(error)
        else:
            messages.success(
                request, _("Your e-mail address is now %(email)s.") % {"email": user.email}
            )
            return redirect("accounts:profile")
    context = {"profile": services.profile_of(actor), "error_message": error_message}
    return render(
        request, "accounts/email_confirm.html", context, status=400 if error_message else 200
    )
