"""Web pages of a collaboration: its members, invitations, description and status. Thin:
access, services, templates."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from grenzeloos.accounts.services import name_and_function
from grenzeloos.collaborations import services
from grenzeloos.collaborations.access import collaboration_view, role_context
from grenzeloos.collaborations.forms import DetailsForm
from grenzeloos.collaborations.models import Collaboration, Invitation, Role
from grenzeloos.core.errors import InvalidInput, UserError
from grenzeloos.core.web import acting_user, form_errors, is_htmx

#: Signing in right after choosing a password: the model backend, whatever else is configured.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@collaboration_view(read="members.view", write="members.manage")
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, collaboration: Collaboration) -> HttpResponse:
    """Who takes part and in which role; owners add, change and remove members and invite
    people by e-mail here."""
    field_errors: dict[str, str] = {}
    summary: list[dict[str, str]] = []
    status = 200
    if request.method == "POST":
        actor = acting_user(request)
        action = request.POST.get("action")
        username = request.POST.get("username", "").strip()
        try:
            if action == "remove":
                services.unshare(actor=actor, collaboration=collaboration, username=username)
                messages.success(request, _("%(name)s no longer has access.") % {"name": username})
                if username == actor.get_username():
                    return redirect("canvas:list")
            elif action in ("add", "change"):
                role = request.POST.get("role", "")
                membership = services.share(
                    actor=actor, collaboration=collaboration, username=username, role=role
                )
                messages.success(
                    request,
                    _("%(name)s now has the role %(role)s.")
                    % {"name": membership.user.get_username(), "role": Role(role).label},
                )
            elif action == "invite":
                invitation = services.invite(
                    actor=actor,
                    collaboration=collaboration,
                    email=request.POST.get("email", ""),
                    role=request.POST.get("role", ""),
                    language=getattr(request, "LANGUAGE_CODE", None),
                    site_url=request.build_absolute_uri("/"),
                )
                messages.success(
                    request,
                    _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
                )
            elif action == "withdraw":
                invitation = services.withdraw(
                    actor=actor,
                    collaboration=collaboration,
                    invitation_id=request.POST.get("invitation", ""),
                )
                messages.success(
                    request,
                    _("The invitation to %(email)s has been withdrawn; its link no longer works.")
                    % {"email": invitation.email},
                )
            else:
                raise UserError(_("Unknown action."))
        except UserError as error:
            field_errors, summary = form_errors(error, _member_fields(action))
            status = 400
        else:
            return HttpResponseRedirect(reverse("collaborations:members", args=[collaboration.pk]))
    context = {
        "collaboration": collaboration,
        "memberships": services.memberships(collaboration),
        "roles": Role.choices,
        "field_errors": field_errors,
        "error_summary": summary,
        "posted": request.POST if status != 200 else {},
        "search_min": services.ACCOUNT_SEARCH_MIN,
        **role_context(collaboration, share="members.manage"),
    }
    if context["can_share"]:
        context["invitations"] = services.pending_invitations(collaboration)
        context["invitation_days"] = settings.INVITATION_DAYS
    return render(request, "collaborations/members.html", context, status=status)


def _member_fields(action: str | None) -> dict[str, tuple[str, str]]:
    """The fields of the members page's form that was sent (add or invite)."""
    if action == "add":
        return {
            "username": ("member-username", _("Name or e-mail address")),
            "role": ("member-role", _("Role")),
        }
    if action == "invite":
        return {"email": ("invite-email", _("E-mail address")), "role": ("invite-role", _("Role"))}
    return {}


@collaboration_view(read="members.manage")
@require_GET
def member_search(request: HttpRequest, collaboration: Collaboration) -> HttpResponse:
    """Suggestions for the "add a member" field: ``<option>`` elements for its datalist."""
    text = request.GET.get("q", request.GET.get("username", ""))
    try:
        accounts = services.find_accounts(
            actor=acting_user(request), collaboration=collaboration, text=text
        )
    except UserError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    context = {"accounts": accounts, "text": text.strip().lower(), "htmx": is_htmx(request)}
    return render(request, "collaborations/_account_options.html", context)


def _refused(request: HttpRequest, refusal: services.InvitationRefused) -> HttpResponse:
    return render(
        request,
        "collaborations/invitation_refused.html",
        {"reason": refusal.reason, "message": str(refusal), "invitation": refusal.invitation},
        status=404 if refusal.reason == "unknown" else 410,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation link opens. Opening it changes nothing (mail scanners follow
    links); accepting is a POST: with the signed-in account, or with a new one."""
    try:
        found = services.open_invitation(token)
    except services.InvitationRefused as refusal:
        return _refused(request, refusal)
    user = request.user if request.user.is_authenticated else None
    field_errors: dict[str, str] = {}
    summary: list[dict[str, str]] = []
    status = 200
    if request.method == "POST":
        try:
            if user is not None:
                membership = services.accept(token=token, user=acting_user(request))
            else:
                membership = services.accept_with_new_account(
                    token=token,
                    username=request.POST.get("username", ""),
                    password=request.POST.get("password", ""),
                    password_again=request.POST.get("password_again", ""),
                )
                login(request, membership.user, backend=MODEL_BACKEND)
        except services.InvitationRefused as refusal:
            return _refused(request, refusal)
        except UserError as error:
            field_errors, summary = form_errors(error, _invitation_fields())
            status = 400
        else:
            messages.success(
                request,
                _("Welcome to “%(subject)s”. Your role: %(role)s.")
                % {
                    "subject": membership.collaboration.subject,
                    "role": Role(membership.role).label,
                },
            )
            return redirect("canvas:detail", membership.collaboration_id)
    return render(
        request,
        "collaborations/invitation.html",
        _invitation_context(request, found, token)
        | {"field_errors": field_errors, "error_summary": summary},
        status=status,
    )


def _invitation_fields() -> dict[str, tuple[str, str]]:
    """The fields of the new-account form: element id and label for each service field."""
    return {
        "username": ("invite-username", _("Username")),
        "password": ("invite-password", _("Password")),
        "password_again": ("invite-password-again", _("Password again")),
    }


def _invitation_context(request: HttpRequest, found: Invitation, token: str) -> dict[str, Any]:
    user = request.user if request.user.is_authenticated else None
    context: dict[str, Any] = {
        "invitation": found,
        # The inviter as documents name people: display name and function (see accounts).
        "inviter": name_and_function(found.invited_by),
        "role_label": Role(found.role).label,
        "posted": request.POST,
    }
    if user is not None:
        context["mode"] = (
            "accept" if (user.email or "").strip().lower() == found.email else "other_account"
        )
    elif services.account_exists_for(found):
        context["mode"] = "sign_in"
        next_url = reverse("collaborations:invitation", args=[token])
        context["login_url"] = reverse("accounts:login") + "?" + urlencode({"next": next_url})
    else:
        context["mode"] = "new_account"
        context["suggested_username"] = services.suggested_username(found)
    return context


@collaboration_view(read="collaboration.view", write="collaboration.edit")
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest, collaboration: Collaboration) -> HttpResponse:
    """The short description and status: everyone taking part reads them, editors change them."""
    initial = {"description": collaboration.description, "status": collaboration.status}
    form = DetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_details(
                    actor=acting_user(request),
                    collaboration=collaboration,
                    description=form.cleaned_data["description"],
                    status=form.cleaned_data["status"],
                )
            except InvalidInput as error:
                for path, message in error.problems:
                    form.add_error(path if path in form.fields else None, message)
            except UserError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The description and status are saved."))
                return HttpResponseRedirect(
                    reverse("collaborations:details", args=[collaboration.pk])
                )
        status = 400
    context = {
        "collaboration": collaboration,
        "form": form,
        **role_context(collaboration, edit="collaboration.edit"),
    }
    return render(request, "collaborations/details.html", context, status=status)
