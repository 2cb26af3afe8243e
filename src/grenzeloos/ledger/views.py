"""Web pages of the partners ledger: a collaboration's ledger
(partners, settings, commitments, the contributions table form, import and export) and the
progress report. Thin: every change goes through :mod:`grenzeloos.ledger.services`; access to a
collaboration through the one access API (``ledger.view`` / ``ledger.edit``)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from grenzeloos.accounts.services import name_and_function
from grenzeloos.collaborations.access import allows, collaboration_view
from grenzeloos.core.amounts import AmountError, example_amount, parse_amount
from grenzeloos.core.errors import UserError
from grenzeloos.core.forms import figure as _figure
from grenzeloos.core.forms import form_error as _form_error
from grenzeloos.core.web import acting_user, service_errors
from grenzeloos.ledger import progress, report, services, tabular
from grenzeloos.ledger.access import EDIT, VIEW
from grenzeloos.ledger.forms import (
    CommitmentForm,
    ImportForm,
    PartnerForm,
    PeriodForm,
    ReportForm,
    SettingsForm,
    SplitForm,
)
from grenzeloos.ledger.models import Kind, Sector, Unit

ENTRY_ROWS = 8
ENTRY_FIELDS = ("date", "partner", "kind", "quantity", "unit", "description", "evidence")


def _language() -> str:
    return (translation.get_language() or "nl")[:2]


def _today_in(start: dt.date, end: dt.date) -> dt.date:
    """Today, or the nearest day of ``start..end``: the date a report is drawn up to."""
    return min(max(dt.date.today(), start), end)


def _this_year() -> tuple[dt.date, dt.date]:
    year = dt.date.today().year
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# --- Links made to organisations -----------------------------------------------------------


@login_required
@service_errors
@require_POST
def link_refuse(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    user = acting_user(request)
    current = services.get_organisation(user=user, pk=pk)
    link = services.refuse_link(actor=user, organisation=current, link_id=item)
    messages.success(
        request,
        _("The link with partner %(partner)s of %(collaboration)s was refused.")
        % {"partner": link.partner, "collaboration": link.collaboration},
    )
    return HttpResponseRedirect(reverse("organisations:organisation", args=[pk]) + "#links")


# --- A collaboration's ledger ---------------------------------------------------------------


def _organisation_choices(request: HttpRequest) -> list[tuple[int, str]]:
    found = services.list_organisations(user=request.user).only("id", "name")
    return [(o.pk, o.name) for o in found]


def _ledger_context(request: HttpRequest, collaboration: Any, **extra: Any) -> dict[str, Any]:
    user = request.user
    cid = collaboration.pk
    ledger = services.get_ledger(user=user, collaboration_id=cid)
    partners = services.list_partners(user=user, collaboration_id=cid)
    names = [row.name for row in partners]
    organisations = _organisation_choices(request)
    start, end = _this_year()
    contributions = services.list_contributions(user=user, collaboration_id=cid).order_by("-id")
    context = {
        "collaboration": collaboration,
        "ledger": ledger,
        "can_edit": allows(collaboration, EDIT),
        "partners": [
            (
                row,
                PartnerForm(
                    initial={
                        "partner": row.name,
                        "organisation": row.organisation.pk if row.organisation else None,
                        "hourly_rate": _figure(row.hourly_rate),
                        "volunteers": not row.hours_valued,
                    },
                    organisations=organisations,
                    prefix=f"p{index}",
                ),
            )
            for index, row in enumerate(partners)
        ],
        "settings_form": SettingsForm(
            initial={
                "fte_hours": ledger.fte_hours,
                "hourly_rate": _figure(ledger.hourly_rate_eur),
                "split_tolerance": _figure(ledger.split_tolerance),
                "funder": ledger.funder,
                "project_reference": ledger.project_reference,
            }
        ),
        "split_form": _split_form(ledger, names),
        "commitments": services.list_commitments(user=user, collaboration_id=cid),
        "commitment_form": CommitmentForm(
            partners=names, initial={"period_start": start, "period_end": end}
        ),
        "take_over_form": PeriodForm(
            initial={"period_start": start, "period_end": end}, prefix="take"
        ),
        "entry_table": _entry_table(),
        "partner_names": names,
        "kinds": Kind.choices,
        "units": Unit.choices,
        "import_form": ImportForm(),
        "report_form": ReportForm(
            initial={"start": start, "end": end, "up_to": _today_in(start, end)}
        ),
        "page": Paginator(contributions, 50).get_page(request.GET.get("page")),
        "file_columns": tabular.COLUMNS,
        "amount_example": example_amount(_language()),
        "today": dt.date.today(),
    }
    context.update(extra)
    return context


@collaboration_view(read=VIEW)
@require_GET
def ledger(request: HttpRequest, collaboration: Any) -> HttpResponse:
    return render(request, "ledger/ledger.html", _ledger_context(request, collaboration))


def _back(collaboration: Any, anchor: str = "") -> HttpResponseRedirect:
    url = reverse("ledger:ledger", args=[collaboration.pk])
    return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)


def _split_form(ledger: Any, partners: list[str], data: Any = None) -> SplitForm:
    return SplitForm(
        data,
        stored=list(ledger.target_split or []),
        partners=partners,
        sector_labels={str(value): str(label) for value, label in Sector.choices},
        prefix="split",
    )


def _form_summary(*forms: Any) -> list[tuple[str, str]]:
    """(field id, "Label: message") for every error of the forms, in the forms' order; errors
    of a form as a whole link to its first field."""
    items = []
    for form in forms:
        first = next(iter(form), None)
        for message in form.non_field_errors():
            items.append((first.id_for_label if first else "", str(message)))
        for field in form:
            for message in field.errors:
                items.append((field.id_for_label, f"{field.label}: {message}"))
    return items


def _split_field(error: services.FieldError, fields: list[str]) -> str | None:
    """The split form's field a service refusal (``target_split[2].share``) is about."""
    match = re.fullmatch(r"target_split\[(\d+)\](?:\.\w+)?", error.field)
    if match and int(match.group(1)) < len(fields):
        return fields[int(match.group(1))]
    return None


@collaboration_view(read=EDIT)
@require_POST
def settings(request: HttpRequest, collaboration: Any) -> HttpResponse:
    user = request.user
    ledger = services.get_ledger(user=user, collaboration_id=collaboration.pk)
    names = [
        row.name for row in services.list_partners(user=user, collaboration_id=collaboration.pk)
    ]
    form = SettingsForm(request.POST)
    split_form = _split_form(ledger, names, request.POST)
    valid = form.is_valid() & split_form.is_valid()
    if valid:
        data = form.cleaned_data
        split, fields = split_form.groups()
        try:
            services.configure(
                actor=acting_user(request),
                collaboration_id=collaboration.pk,
                fte_hours=data["fte_hours"],
                hourly_rate=data["hourly_rate"],
                clear_hourly_rate=data["hourly_rate"] is None,
                target_split=split,
                split_tolerance=data["split_tolerance"],
                funder=data["funder"],
                project_reference=data["project_reference"],
            )
        except services.FieldError as error:
            message = str(error).split(": ", 1)[-1]
            if error.field in form.fields:
                form.add_error(error.field, message)
            elif error.field.startswith("target_split"):
                split_form.add_error(_split_field(error, fields), message)
            else:
                form.add_error(None, message)
        except UserError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Ledger settings saved."))
            return _back(collaboration, "settings")
    summary = {
        "heading": _("The settings were not saved"),
        "items": _form_summary(form, split_form),
    }
    context = _ledger_context(
        request, collaboration, settings_form=form, split_form=split_form, error_summary=summary
    )
    return render(request, "ledger/ledger.html", context, status=422)


def _partner_form(request: HttpRequest, names: list[str]) -> tuple[PartnerForm, int | None]:
    """The posted partner form, bound with the prefix of its row in the partners table (so its
    values and messages show in that row, with the row's ids), and that row's index (None for
    a partner the table does not show)."""
    organisations = _organisation_choices(request)
    posted = request.POST.get("prefix", "") or None
    form = PartnerForm(request.POST, organisations=organisations, prefix=posted)
    name = form.data.get(form.add_prefix("partner"), "")
    if name not in names:
        return form, None
    index = names.index(name)
    row = f"p{index}"
    if row != posted:
        data = {
            f"{row}-{field}": request.POST[form.add_prefix(field)]
            for field in form.fields
            if form.add_prefix(field) in request.POST
        }
        form = PartnerForm(data, organisations=organisations, prefix=row)
    return form, index


def _describe_errors(form: Any) -> None:
    """Each wrong field's input points to its message (``aria-describedby``), which the page
    shows beside it with the id ``<field id>-error``."""
    for name in form.errors:
        if name in form.fields:
            form.fields[name].widget.attrs["aria-describedby"] = f"{form[name].id_for_label}-error"


@collaboration_view(read=EDIT)
@require_POST
def partner(request: HttpRequest, collaboration: Any) -> HttpResponse:
    names = [
        row.name
        for row in services.list_partners(user=request.user, collaboration_id=collaboration.pk)
    ]
    form, index = _partner_form(request, names)
    if form.is_valid():
        data = form.cleaned_data
        # An organisation the person may not read is not found (404), as before and in the API.
        linked = (
            services.get_organisation(user=request.user, pk=data["organisation"])
            if data["organisation"]
            else None
        )
        try:
            services.link_partner(
                actor=acting_user(request),
                collaboration_id=collaboration.pk,
                partner_name=data["partner"],
                organisation=linked,
                hourly_rate=data["hourly_rate"],
                clear_hourly_rate=data["hourly_rate"] is None,
                hours_valued=not data["volunteers"],
            )
        except UserError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Partner %(name)s saved.") % {"name": data["partner"]})
            return _back(collaboration, "partners")
    # What was typed stays in the partner's row, each message at its field, the summary at the
    # top linking to them (a partner the table does not show: to the table).
    _describe_errors(form)
    items = _form_summary(form)
    if index is None:
        items = [("partners", message) for _target, message in items]
    name = form.data.get(form.add_prefix("partner"), "")
    summary = {
        "heading": _("Partner %(name)s was not saved") % {"name": name}
        if name
        else _("The partner was not saved"),
        "items": items,
    }
    context = _ledger_context(request, collaboration, error_summary=summary)
    if index is not None and index < len(context["partners"]):
        row, _initial = context["partners"][index]
        context["partners"][index] = (row, form)
    return render(request, "ledger/ledger.html", context, status=422)


@collaboration_view(read=EDIT)
@require_POST
def commitment_add(request: HttpRequest, collaboration: Any) -> HttpResponse:
    names = [
        row.name
        for row in services.list_partners(user=request.user, collaboration_id=collaboration.pk)
    ]
    form = CommitmentForm(request.POST, partners=names)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_commitment(
                actor=acting_user(request),
                collaboration_id=collaboration.pk,
                partner_name=data["partner"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                kind=data["kind"],
                quantity=data["quantity"],
                unit=data["unit"],
                description=data["description"],
            )
        except UserError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Commitment added."))
            return _back(collaboration, "commitments")
    # What was typed stays in the form, each message at its field, the summary at the top.
    summary = {"heading": _("The commitment was not added"), "items": _form_summary(form)}
    context = _ledger_context(request, collaboration, commitment_form=form, error_summary=summary)
    return render(request, "ledger/ledger.html", context, status=422)


@collaboration_view(read=EDIT)
@require_POST
def commitment_delete(request: HttpRequest, collaboration: Any, item: int) -> HttpResponse:
    services.delete_commitment(
        actor=acting_user(request), collaboration_id=collaboration.pk, commitment_id=item
    )
    messages.success(request, _("Commitment removed."))
    return _back(collaboration, "commitments")


@collaboration_view(read=EDIT)
@require_POST
def take_over(request: HttpRequest, collaboration: Any) -> HttpResponse:
    form = PeriodForm(request.POST, prefix="take")
    if form.is_valid():
        try:
            result = services.take_over_commitments(
                actor=acting_user(request),
                collaboration_id=collaboration.pk,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
            )
        except UserError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(created)s commitments taken over from the canvas (%(replaced)s earlier "
                    "ones replaced); %(skipped)s contributions without an amount were left out."
                )
                % {
                    "created": result.created,
                    "replaced": result.replaced,
                    "skipped": len(result.skipped),
                },
            )
            return _back(collaboration, "commitments")
    # The dates typed stay in the form, each message at its field, the summary at the top.
    summary = {
        "heading": _("The commitments were not taken over"),
        "items": _form_summary(form),
    }
    context = _ledger_context(request, collaboration, take_over_form=form, error_summary=summary)
    return render(request, "ledger/ledger.html", context, status=422)


def _column_label(column: str) -> str:
    """The table's heading of a column, as the page shows it (not the file's column key)."""
    labels = {
        "date": _("Date"),
        "partner": _("Partner"),
        "kind": _("Kind"),
        "quantity": _("Quantity"),
        "unit": _("Unit"),
        "description": _("Description"),
        "evidence": _("Evidence"),
        "person": _("Person"),
    }
    return labels.get(column, column)


def entry_cell_id(column: str, index: int) -> str:
    """The id of one cell of the table form (the error summary links to it)."""
    return f"entry-{column}-{index}"


def _entry_table(
    post: Any = None, errors: dict[tuple[int, str], str] | None = None
) -> list[dict[str, Any]]:
    """The rows of the table form: what was typed (kept after a refusal) and each cell's error."""
    errors = errors or {}
    rows = []
    for index in range(ENTRY_ROWS):
        values = {
            name: (post.get(f"{name}-{index}", "") if post is not None else "")
            for name in ENTRY_FIELDS
        }
        if post is None:
            values["kind"] = "people"
        rows.append(
            {
                "index": index,
                "values": values,
                "errors": {
                    name: errors[index, name] for name in ENTRY_FIELDS if (index, name) in errors
                },
            }
        )
    return rows


def _entries(
    request: HttpRequest, collaboration: Any
) -> tuple[list[dict[str, Any]], dict[tuple[int, str], str]]:
    """The filled-in rows of the table form; amounts read in the page's language. Cells that
    cannot be read are returned as errors keyed by (row index, column), together with what
    else is wrong with the same rows, so one refusal names every wrong cell."""
    entries: list[dict[str, Any]] = []
    errors: dict[tuple[int, str], str] = {}
    for index in range(ENTRY_ROWS):
        values: dict[str, Any] = {
            name: request.POST.get(f"{name}-{index}", "").strip() for name in ENTRY_FIELDS
        }
        if not any(values[name] for name in ("date", "quantity", "description", "evidence")):
            continue
        if values["quantity"]:
            try:
                values["quantity"] = parse_amount(values["quantity"], _language())
            except AmountError as error:
                errors[index, "quantity"] = str(error)
        values["row"] = index
        entries.append(values)
    if errors:
        # The rows are not stored while an amount cannot be read; still name every other
        # wrong cell now, so the person corrects the table once.
        checked = [
            {
                **{k: v for k, v in entry.items() if k != "row"},
                **({"quantity": Decimal(1)} if (entry["row"], "quantity") in errors else {}),
            }
            for entry in entries
        ]
        for problem in services.check_contributions(
            user=request.user, collaboration_id=collaboration.pk, entries=checked
        ):
            errors.setdefault(
                (entries[problem.line - 1]["row"], problem.column or "date"), problem.reason
            )
    return entries, errors


def _entry_summary(errors: dict[tuple[int, str], str]) -> dict[str, Any]:
    """The error summary of a refused table form: one link per wrong cell, in table order."""
    order = {name: position for position, name in enumerate(ENTRY_FIELDS)}
    items = [
        (
            entry_cell_id(column if column in order else "date", index),
            _("Row %(row)s, %(column)s: %(message)s")
            % {"row": index + 1, "column": _column_label(column), "message": message},
        )
        for (index, column), message in sorted(
            errors.items(), key=lambda item: (item[0][0], order.get(item[0][1], 0))
        )
    ]
    return {
        "heading": _("Nothing was saved"),
        "intro": ngettext(
            "Correct the marked cell and save again; every row you typed is kept.",
            "Correct the %(count)s marked cells and save again; every row you typed is kept.",
            len(items),
        )
        % {"count": len(items)},
        "items": items,
    }


@collaboration_view(read=EDIT)
@require_POST
def contributions_add(request: HttpRequest, collaboration: Any) -> HttpResponse:
    entries, errors = _entries(request, collaboration)
    if not entries and not errors:
        messages.error(request, _("Fill in at least one row."))
        return _back(collaboration, "entry")
    general: list[str] = []
    if not errors:
        try:
            stored = services.add_contributions(
                actor=acting_user(request),
                collaboration_id=collaboration.pk,
                entries=[{k: v for k, v in entry.items() if k != "row"} for entry in entries],
            )
        except tabular.FileRefused as refused:
            for problem in refused.problems:
                index = entries[problem.line - 1]["row"]
                errors.setdefault((index, problem.column or "date"), problem.reason)
        except UserError as error:
            general = [str(error)]
        else:
            messages.success(
                request,
                ngettext("%(count)s contribution saved.", "%(count)s contributions saved.", stored)
                % {"count": stored},
            )
            return _back(collaboration, "entry")
    summary = _entry_summary(errors)
    summary["items"] += [(entry_cell_id("date", 0), message) for message in general]
    context = _ledger_context(
        request,
        collaboration,
        error_summary=summary,
        entry_table=_entry_table(request.POST, errors),
    )
    return render(request, "ledger/ledger.html", context, status=422)


@collaboration_view(read=EDIT)
@require_POST
def contributions_import(request: HttpRequest, collaboration: Any) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    problems: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.import_contributions(
                actor=acting_user(request),
                collaboration_id=collaboration.pk,
                content=upload.read(),
                filename=upload.name,
            )
        except tabular.FileRefused as refused:
            problems = [str(problem) for problem in refused.problems]
        except UserError as error:
            problems = [str(error)]
        else:
            messages.success(
                request,
                _("%(rows)s contributions imported from %(file)s.")
                % {"rows": batch.rows, "file": batch.filename},
            )
            return _back(collaboration, "import")
    else:
        # No (usable) upload: the field's own message, linked from the summary.
        summary = {
            "heading": _("Nothing was imported"),
            "items": [
                (form["file"].id_for_label, f"{form['file'].label}: {error}")
                for error in form.errors.get("file", [])
            ],
        }
        context = _ledger_context(request, collaboration, error_summary=summary, import_form=form)
        return render(request, "ledger/ledger.html", context, status=422)
    # The list goes to the top of the page (the error summary, which takes focus); the file
    # field says where to look.
    form.add_error(
        "file",
        ngettext(
            "The file was refused; the problem is listed at the top of the page.",
            "The file was refused; the %(count)s problems are listed at the top of the page.",
            len(problems),
        )
        % {"count": len(problems)},
    )
    summary = {
        "heading": _("The file was refused; nothing was stored"),
        "intro": ngettext(
            "%(count)s problem; correct it in the file and import it again:",
            "%(count)s problems; correct them in the file and import it again:",
            len(problems),
        )
        % {"count": len(problems)},
        "items": [(form["file"].id_for_label, problem) for problem in problems],
    }
    context = _ledger_context(request, collaboration, error_summary=summary, import_form=form)
    return render(request, "ledger/ledger.html", context, status=422)


@collaboration_view(read=VIEW)
@require_GET
def contributions_export(request: HttpRequest, collaboration: Any) -> HttpResponse:
    fmt = request.GET.get("format", "csv")
    try:
        content = services.export_contributions(
            user=request.user, collaboration_id=collaboration.pk, fmt=fmt
        )
    except services.FieldError as error:  # an unknown format: say which ones there are
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    content_type = tabular.XLSX_CONTENT_TYPE if fmt == "xlsx" else tabular.CSV_CONTENT_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="contributions-{collaboration.pk}.{fmt}"'
    )
    return response


@collaboration_view(read=EDIT)
@require_POST
def contribution_delete(request: HttpRequest, collaboration: Any, item: int) -> HttpResponse:
    services.delete_contribution(
        actor=acting_user(request), collaboration_id=collaboration.pk, contribution_id=item
    )
    messages.success(request, _("Contribution removed."))
    return _back(collaboration, "log")


# --- Progress report ------------------------------------------------------------------------


Period = tuple[dt.date, dt.date, dt.date | None]


def _period(request: HttpRequest) -> tuple[ReportForm, Period | None]:
    """The report's period and the date it is drawn up to; without a query this year, up to
    today."""
    start, end = _this_year()
    up_to = _today_in(start, end)
    form = ReportForm(request.GET or None, initial={"start": start, "end": end, "up_to": up_to})
    if not request.GET:
        return form, (start, end, up_to)
    if form.is_valid():
        data = form.cleaned_data
        return form, (data["start"], data["end"], data["up_to"])
    return form, None


def _progress(request: HttpRequest, collaboration: Any, period: Period) -> progress.Progress:
    start, end, up_to = period
    return services.progress_report(
        user=request.user, collaboration_id=collaboration.pk, start=start, end=end, up_to=up_to
    )


@collaboration_view(read=VIEW)
@require_GET
def progress_report(request: HttpRequest, collaboration: Any) -> HttpResponse:
    form, period = _period(request)
    context: dict[str, Any] = {"collaboration": collaboration, "form": form, "report": None}
    if period is not None:
        try:
            result = _progress(request, collaboration, period)
        except UserError as error:
            form.add_error(None, str(error))
        else:
            language = _language()
            document = report.build_document(
                result, report.ReportInfo(collaboration=str(collaboration)), language
            )
            query = {"start": period[0].isoformat(), "end": period[1].isoformat()}
            if period[2]:
                query["up_to"] = period[2].isoformat()
            context.update(
                report=result,
                blocks=[(type(block).__name__.lower(), block) for block in document.blocks],
                chart=mark_safe(report.chart_svg(result, language)),  # noqa: S308 - built by us, all text escaped
                formats=report.REPORT_FORMATS,
                query=urlencode(query),
            )
    return render(request, "ledger/report.html", context, status=200 if period is not None else 422)


@collaboration_view(read=VIEW)
@require_GET
def progress_download(request: HttpRequest, collaboration: Any, fmt: str) -> HttpResponse:
    form, period = _period(request)
    if period is None or fmt not in report.REPORT_FORMATS:
        return HttpResponse(
            _("Give a period (start, end) and one of the formats %(formats)s.")
            % {"formats": ", ".join(report.REPORT_FORMATS)},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    result = _progress(request, collaboration, period)
    content = report.render_report(
        result,
        report.ReportInfo(
            collaboration=str(collaboration), author=name_and_function(acting_user(request))
        ),
        fmt,
        _language(),
    )
    response = HttpResponse(content, content_type=report.CONTENT_TYPES_ALL[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{report.filename(collaboration.pk, result, fmt)}"'
    )
    return response
