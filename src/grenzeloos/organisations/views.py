"""Web pages of the organisations registry: the list (search and register), one organisation
with its contact persons (and the panels capabilities add to it, such as the ledger's links), and
a contact person's data exported or erased. Thin: every change goes through
:mod:`grenzeloos.organisations.services`. The paths are the ones the pages had in the ledger
(``/ledger/organisations/...``), so bookmarks keep working."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grenzeloos.core import jsonio
from grenzeloos.core.errors import PermissionDenied, UserError
from grenzeloos.core.forms import figure, flash_errors, form_error
from grenzeloos.core.search import MAX_LENGTH as SEARCH_MAX_LENGTH
from grenzeloos.core.search import SearchRefused
from grenzeloos.core.web import acting_user, service_errors
from grenzeloos.organisations import services
from grenzeloos.organisations.forms import ContactForm, OrganisationForm
from grenzeloos.organisations.models import Organisation
from grenzeloos.organisations.ports import OrganisationPageContext, organisation_panels


def _panels(request: HttpRequest, organisation: Organisation, can_manage: bool) -> list[SafeString]:
    """What the capabilities show on the organisation's page, in their order."""
    context = OrganisationPageContext(
        request=request, organisation=organisation, can_manage=can_manage
    )
    rendered = (panel.render(context) for panel in organisation_panels())
    return [html for html in rendered if html]  # type: ignore[misc]


@login_required
@service_errors
def organisations(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.create_organisation(
                actor=user, data=services.OrganisationData.stated(form.cleaned_data)
            )
        except UserError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Organisation %(name)s added.") % {"name": organisation})
            return HttpResponseRedirect(
                reverse("organisations:organisation", args=[organisation.pk])
            )
    search = request.GET.get("q", "").strip()
    status = 422 if request.method == "POST" else 200
    context: dict[str, Any] = {
        "form": form,
        "search": search,
        "search_max_length": SEARCH_MAX_LENGTH,
    }
    try:
        context["page"] = services.organisation_page(
            user=user, search=search, page=request.GET.get("page"), size=50
        )
    except SearchRefused as error:
        context["search_error"] = str(error)
        status = 400
    return render(request, "organisations/organisations.html", context, status=status)


@login_required
@service_errors
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    current = services.get_organisation(user=user, pk=pk)
    initial = organisation_initial(current)
    form = OrganisationForm(request.POST or None, initial=initial)
    # Its own ids: the organisation form above has fields of the same names.
    contact_form = ContactForm(auto_id="contact_%s")
    can_manage = services.may_manage(user=user, organisation=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(
                actor=user,
                organisation=current,
                data=services.OrganisationData.stated(form.cleaned_data),
            )
        except PermissionDenied:
            raise
        except UserError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Organisation saved."))
            return HttpResponseRedirect(request.path)
    return render(
        request,
        "organisations/organisation.html",
        {
            "organisation": current,
            "form": form,
            "contact_form": contact_form,
            "contacts": current.contacts.all(),
            "can_manage": can_manage,
            "panels": _panels(request, current, can_manage),
        },
        status=422 if request.method == "POST" else 200,
    )


def organisation_initial(current: Any) -> dict[str, Any]:
    """The organisation form filled with what is stored, so saving it unchanged keeps every
    value. A derived size class shows as "derive from the figures", which derives it again
    from the same figures."""
    return {
        "name": current.name,
        "sector": current.sector,
        "kvk_number": current.kvk_number,
        "size_class": "" if current.size_basis else current.size_class,
        "staff": figure(current.staff),
        "turnover_eur": figure(current.turnover_eur),
        "balance_sheet_eur": figure(current.balance_sheet_eur),
    }


@login_required
@service_errors
@require_POST
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    current = services.get_organisation(user=user, pk=pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.add_contact(actor=user, organisation=current, **form.cleaned_data)
        except PermissionDenied:
            raise
        except UserError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Contact person added."))
    else:
        flash_errors(request, form)
    return HttpResponseRedirect(reverse("organisations:organisation", args=[pk]))


@login_required
@service_errors
@require_POST
def contact_export(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    person = services.get_contact(user=user, pk=pk)
    data = services.export_person(actor=user, person=person)
    response = HttpResponse(jsonio.pretty(data), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@login_required
@service_errors
@require_POST
def contact_erase(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    person = services.get_contact(user=user, pk=pk)
    services.erase_person(actor=user, person=person)
    messages.success(
        request,
        _("The personal data of contact person #%(id)s were erased; the history stays.")
        % {"id": person.pk},
    )
    return HttpResponseRedirect(
        reverse("organisations:organisation", args=[person.organisation_id])
    )
