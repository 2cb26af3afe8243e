"""REST API of the partners ledger: the links collaborations made to organisations, a
collaboration's ledger settings and partners, commitments, contributions (list, add, import,
export) and the progress report. Thin: services do the work. Amounts are JSON numbers (or plain
number strings); a refused import or batch answers problem+json 400 with one ``invalid_params``
entry per bad line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.parsers import FileUploadParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from grenzeloos.accounts.services import name_and_function
from grenzeloos.collaborations.access import CollaborationAPIView
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.api import field_problem, file_responses, problem
from grenzeloos.core.errors import InvalidInput, not_one_of
from grenzeloos.ledger import progress, report, services, tabular
from grenzeloos.ledger.access import EDIT, VIEW
from grenzeloos.ledger.models import (
    Commitment,
    Kind,
    Unit,
)

AMOUNT = {"max_digits": 14, "decimal_places": 2, "coerce_to_string": False}


def _refused(error: tabular.FileRefused) -> Response:
    return problem(
        status.HTTP_400_BAD_REQUEST,
        "Refused, nothing was stored",
        str(error),
        invalid_params=[
            {
                "name": f"line {p.line}" + (f".{p.column}" if p.column else ""),
                "reason": p.reason,
            }
            for p in error.problems
        ],
    )


# --- Links made to organisations -----------------------------------------------------------


class LinkSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="the link's id (the partner's)")
    collaboration = serializers.IntegerField(source="collaboration_id")
    collaboration_name = serializers.CharField(source="collaboration")
    partner = serializers.CharField(help_text="the partner's name in that collaboration")
    linked_by = serializers.CharField(help_text="who made the link (empty when unknown)")
    linked_at = serializers.DateTimeField(allow_null=True)
    refused = serializers.BooleanField()
    refused_by = serializers.CharField()
    refused_at = serializers.DateTimeField(allow_null=True)


class LinkListView(APIView):
    @extend_schema(
        summary="The partners of collaborations linked to an organisation",
        description="For the organisation's managers only. A link gives nobody rights over "
        "the organisation; refused links stay listed with who refused them and when.",
        responses=LinkSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        found = services.get_organisation(user=request.user, pk=pk)
        links = services.list_links(user=request.user, organisation=found)
        return Response(LinkSerializer(links, many=True).data)


class LinkRefuseView(APIView):
    @extend_schema(
        summary="Refuse a link made to an organisation",
        description="For the organisation's managers. The partner then shows as not linked "
        "and the same link cannot be made again.",
        request=None,
        responses=LinkSerializer,
    )
    def post(self, request: Request, pk: int, item: int) -> Response:
        found = services.get_organisation(user=request.user, pk=pk)
        link = services.refuse_link(
            actor=request.user,  # type: ignore[arg-type]
            organisation=found,
            link_id=item,
        )
        return Response(LinkSerializer(link).data)


# --- A collaboration's ledger ---------------------------------------------------------------


class SplitGroupSerializer(serializers.Serializer):
    label = serializers.CharField()
    share = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False)
    sectors = serializers.ListField(
        child=serializers.CharField(help_text="a canvas sector"), required=False, default=list
    )
    partners = serializers.ListField(child=serializers.CharField(), required=False, default=list)


class LedgerSerializer(serializers.Serializer):
    fte_hours = serializers.IntegerField(min_value=1, max_value=8784)
    hourly_rate_eur = serializers.DecimalField(**AMOUNT, allow_null=True, required=False)
    target_split = SplitGroupSerializer(many=True, required=False)
    split_tolerance = serializers.DecimalField(
        max_digits=5, decimal_places=2, coerce_to_string=False, required=False
    )
    funder = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="heads the progress report"
    )
    project_reference = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        help_text="the funder's reference of the project; heads the progress report",
    )


class PartnerSerializer(serializers.Serializer):
    name = serializers.CharField()
    sector = serializers.CharField()
    on_canvas = serializers.BooleanField()
    organisation = serializers.IntegerField(
        source="organisation.pk",
        allow_null=True,
        default=None,
        help_text="the linked organisation; null when not linked or when it refused the link",
    )
    link_refused = serializers.BooleanField(
        help_text="the organisation's managers refused the link with this partner"
    )
    hourly_rate_eur = serializers.DecimalField(**AMOUNT, source="hourly_rate", allow_null=True)
    hours_valued = serializers.BooleanField(
        help_text="false when the partner's hours are not valued in the report (volunteers)"
    )


class LedgerDetailSerializer(LedgerSerializer):
    partners = PartnerSerializer(many=True)


class PartnerLinkSerializer(serializers.Serializer):
    partner = serializers.CharField(help_text="the partner's name on the canvas")
    organisation = serializers.IntegerField(allow_null=True, required=False, default=None)
    hourly_rate_eur = serializers.DecimalField(
        **AMOUNT, allow_null=True, required=False, default=None
    )
    hours_valued = serializers.BooleanField(
        allow_null=True,
        required=False,
        default=None,
        help_text="false for volunteers, whose hours are not valued; left out: unchanged",
    )


class LedgerView(CollaborationAPIView):
    read_action = VIEW
    write_action = EDIT

    def _body(self, request: Request, pk: int) -> dict[str, Any]:
        ledger = services.get_ledger(user=request.user, collaboration_id=pk)
        return {
            "fte_hours": ledger.fte_hours,
            "hourly_rate_eur": ledger.hourly_rate_eur,
            "target_split": ledger.target_split,
            "split_tolerance": ledger.split_tolerance,
            "funder": ledger.funder,
            "project_reference": ledger.project_reference,
            "partners": services.list_partners(user=request.user, collaboration_id=pk),
        }

    @extend_schema(
        summary="Ledger settings and partners of a collaboration", responses=LedgerDetailSerializer
    )
    def get(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        return Response(LedgerDetailSerializer(self._body(request, collaboration.pk)).data)

    @extend_schema(
        summary="Change the ledger settings",
        request=LedgerSerializer,
        responses=LedgerDetailSerializer,
    )
    def put(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        incoming = LedgerSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            services.configure(
                actor=request.user,  # type: ignore[arg-type]
                collaboration_id=collaboration.pk,
                fte_hours=data["fte_hours"],
                hourly_rate=data.get("hourly_rate_eur"),
                clear_hourly_rate=data.get("hourly_rate_eur") is None,
                target_split=[
                    {**group, "share": str(group["share"])}
                    for group in data.get("target_split", [])
                ],
                split_tolerance=data.get("split_tolerance"),
                funder=data.get("funder"),
                project_reference=data.get("project_reference"),
            )
        except services.FieldError as error:
            return field_problem(error)
        return Response(LedgerDetailSerializer(self._body(request, collaboration.pk)).data)


class PartnerLinkView(CollaborationAPIView):
    read_action = VIEW
    write_action = EDIT

    @extend_schema(
        summary="Link a partner to an organisation and set its hourly rate",
        request=PartnerLinkSerializer,
        responses=PartnerSerializer(many=True),
    )
    def put(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        incoming = PartnerLinkSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        organisation = (
            services.get_organisation(user=request.user, pk=data["organisation"])
            if data["organisation"] is not None
            else None
        )
        try:
            services.link_partner(
                actor=request.user,  # type: ignore[arg-type]
                collaboration_id=collaboration.pk,
                partner_name=data["partner"],
                organisation=organisation,
                hourly_rate=data["hourly_rate_eur"],
                clear_hourly_rate=data["hourly_rate_eur"] is None,
                hours_valued=data["hours_valued"],
            )
        except services.FieldError as error:
            return field_problem(error)
        partners = services.list_partners(user=request.user, collaboration_id=collaboration.pk)
        return Response(PartnerSerializer(partners, many=True).data)


class CommitmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    partner = serializers.CharField(source="partner.name")
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    quantity = serializers.DecimalField(**AMOUNT)
    unit = serializers.ChoiceField(choices=Unit.choices)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    source = serializers.CharField(read_only=True)


class PeriodSerializer(serializers.Serializer):
    period_start = serializers.DateField()
    period_end = serializers.DateField()


class TakeOverSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    replaced = serializers.IntegerField()
    skipped = serializers.ListField(child=serializers.CharField())


class CommitmentListView(CollaborationAPIView):
    read_action = VIEW
    write_action = EDIT

    @extend_schema(
        summary="Commitments of a collaboration", responses=CommitmentSerializer(many=True)
    )
    def get(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        found = services.list_commitments(user=request.user, collaboration_id=collaboration.pk)
        return Response(CommitmentSerializer(found, many=True).data)

    @extend_schema(
        summary="Add a commitment",
        request=CommitmentSerializer,
        responses={201: CommitmentSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        incoming = CommitmentSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            created: Commitment = services.add_commitment(
                actor=request.user,  # type: ignore[arg-type]
                collaboration_id=collaboration.pk,
                partner_name=data["partner"]["name"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                kind=data["kind"],
                quantity=data["quantity"],
                unit=data["unit"],
                description=data["description"],
            )
        except services.FieldError as error:
            return field_problem(error)
        return Response(CommitmentSerializer(created).data, status=status.HTTP_201_CREATED)


class _ItemView(CollaborationAPIView):
    # One item of a collaboration's ledger, which an editor may remove. (No docstring: the
    # OpenAPI document shows a view's docstring as its operations' description.)
    read_action = VIEW
    write_action = EDIT

    def remove(self, actor: Any, collaboration_id: int, item: int) -> None:
        raise NotImplementedError

    def delete(self, request: Request, pk: int, item: int) -> Response:
        collaboration = self.collaboration(request, pk)
        self.remove(request.user, collaboration.pk, item)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(delete=extend_schema(summary="Remove a commitment", responses={204: None}))
class CommitmentDetailView(_ItemView):
    def remove(self, actor: Any, collaboration_id: int, item: int) -> None:
        services.delete_commitment(
            actor=actor, collaboration_id=collaboration_id, commitment_id=item
        )


class TakeOverView(CollaborationAPIView):
    read_action = VIEW
    write_action = EDIT

    @extend_schema(
        summary="Take over the commitments from the canvas's contributions",
        request=PeriodSerializer,
        responses=TakeOverSerializer,
    )
    def post(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        incoming = PeriodSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            result = services.take_over_commitments(
                actor=request.user,  # type: ignore[arg-type]
                collaboration_id=collaboration.pk,
                **incoming.validated_data,
            )
        except services.FieldError as error:
            return field_problem(error)
        return Response(TakeOverSerializer(result).data)


class ContributionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    date = serializers.DateField()
    partner = serializers.CharField(source="partner.name")
    kind = serializers.ChoiceField(choices=Kind.choices)
    quantity = serializers.DecimalField(**AMOUNT)
    unit = serializers.ChoiceField(choices=Unit.choices)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = serializers.CharField(required=False, allow_blank=True, default="")
    person = serializers.IntegerField(
        source="person_id", required=False, allow_null=True, default=None
    )


class ContributionPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = ContributionSerializer(many=True)


class StoredSerializer(serializers.Serializer):
    stored = serializers.IntegerField()


def _date_param(request: Request, name: str) -> dt.date | None:
    value = request.query_params.get(name)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise services.FieldError(name, f"{value!r} is not a date like 2026-03-31") from None


class ContributionListView(CollaborationAPIView):
    read_action = VIEW
    write_action = EDIT

    @extend_schema(
        summary="The contributions log, most recently entered first, 200 a page",
        parameters=[
            OpenApiParameter("start", OpenApiTypes.DATE),
            OpenApiParameter("end", OpenApiTypes.DATE),
            OpenApiParameter("page", int),
        ],
        responses=ContributionPageSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        try:
            start, end = _date_param(request, "start"), _date_param(request, "end")
        except services.FieldError as error:
            return field_problem(error)
        found = services.list_contributions(
            user=request.user, collaboration_id=collaboration.pk, start=start, end=end
        ).order_by("-id")
        page = Paginator(found, 200).get_page(request.query_params.get("page"))
        return Response(
            {
                "count": page.paginator.count,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "results": ContributionSerializer(page.object_list, many=True).data,
            }
        )

    @extend_schema(
        summary="Add contributions (a list), all or none",
        request=ContributionSerializer(many=True),
        responses={201: StoredSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        entries = request.data if isinstance(request.data, list) else [request.data]
        incoming = ContributionSerializer(data=entries, many=True)
        incoming.is_valid(raise_exception=True)
        rows = [
            {
                "date": item["date"],
                "partner": item["partner"]["name"],
                "kind": item["kind"],
                "quantity": item["quantity"],
                "unit": item["unit"],
                "description": item["description"],
                "evidence": item["evidence"],
                "person": item["person_id"],
            }
            for item in incoming.validated_data
        ]
        try:
            stored = services.add_contributions(
                actor=request.user,  # type: ignore[arg-type]
                collaboration_id=collaboration.pk,
                entries=rows,
            )
        except tabular.FileRefused as error:
            return _refused(error)
        return Response({"stored": stored}, status=status.HTTP_201_CREATED)


@extend_schema_view(delete=extend_schema(summary="Remove a contribution", responses={204: None}))
class ContributionDetailView(_ItemView):
    def remove(self, actor: Any, collaboration_id: int, item: int) -> None:
        services.delete_contribution(
            actor=actor, collaboration_id=collaboration_id, contribution_id=item
        )


class ImportResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    filename = serializers.CharField()
    rows = serializers.IntegerField()
    sha256 = serializers.CharField()


class ContributionImportView(CollaborationAPIView):
    read_action = VIEW
    write_action = EDIT
    parser_classes = [MultiPartParser, FileUploadParser]

    @extend_schema(
        summary="Import a contributions file (CSV or XLSX), all or nothing",
        description="Multipart field `file`. A refused file answers 400 listing every bad line "
        "in `invalid_params` (`line N.column`). At most `GRENZELOOS_MAX_IMPORT_ROWS` rows "
        "(10,000 unless configured): a longer file is refused at the first row over the limit; "
        "split it, or import it with `grenzeloos partners import` (up to 200,000 rows).",
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        responses={201: ImportResultSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        upload = request.data.get("file")
        if upload is None:
            raise InvalidInput([("file", gettext("no file was sent (multipart field “file”)"))])
        try:
            batch = services.import_contributions(
                actor=request.user,  # type: ignore[arg-type]
                collaboration_id=collaboration.pk,
                content=upload.read(),
                filename=getattr(upload, "name", ""),
            )
        except tabular.FileRefused as error:
            return _refused(error)
        return Response(ImportResultSerializer(batch).data, status=status.HTTP_201_CREATED)


class ContributionExportView(CollaborationAPIView):
    read_action = VIEW
    write_action = VIEW

    @extend_schema(
        summary="Export the contributions log as CSV or XLSX (the import format)",
        parameters=[OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=["csv", "xlsx"])],
        responses=file_responses([tabular.CSV_CONTENT_TYPE, tabular.XLSX_CONTENT_TYPE]),
    )
    def get(self, request: Request, pk: int, fmt: str) -> HttpResponse:
        collaboration = self.collaboration(request, pk)
        content = services.export_contributions(
            user=request.user, collaboration_id=collaboration.pk, fmt=fmt
        )
        response = HttpResponse(
            content,
            content_type=tabular.XLSX_CONTENT_TYPE if fmt == "xlsx" else tabular.CSV_CONTENT_TYPE,
        )
        response["Content-Disposition"] = f'attachment; filename="contributions-{pk}.{fmt}"'
        return response


# --- Progress report ------------------------------------------------------------------------


class PartnerProgressSerializer(serializers.Serializer):
    partner = serializers.CharField()
    organisation = serializers.CharField()
    sector = serializers.CharField()
    hourly_rate_eur = serializers.DecimalField(**AMOUNT, allow_null=True)
    committed_hours = serializers.DecimalField(**AMOUNT)
    realised_hours = serializers.DecimalField(**AMOUNT)
    committed_fte = serializers.DecimalField(**AMOUNT)
    realised_fte = serializers.DecimalField(**AMOUNT)
    committed_eur = serializers.DecimalField(**AMOUNT)
    realised_eur = serializers.DecimalField(**AMOUNT)
    committed_value_eur = serializers.DecimalField(**AMOUNT)
    realised_value_eur = serializers.DecimalField(**AMOUNT)
    shortfall_hours = serializers.DecimalField(**AMOUNT)
    shortfall_value_eur = serializers.DecimalField(**AMOUNT)
    shortfall = serializers.BooleanField()
    committed_cash_eur = serializers.DecimalField(**AMOUNT)
    realised_cash_eur = serializers.DecimalField(**AMOUNT)
    committed_in_kind_eur = serializers.DecimalField(**AMOUNT)
    realised_in_kind_eur = serializers.DecimalField(**AMOUNT)
    committed_period_value_eur = serializers.DecimalField(
        **AMOUNT, help_text="what is committed for the whole period (committed_*: up to up_to)"
    )
    hours_valued = serializers.BooleanField()


class KindValueSerializer(serializers.Serializer):
    kind = serializers.CharField()
    committed_value_eur = serializers.DecimalField(**AMOUNT)
    realised_value_eur = serializers.DecimalField(**AMOUNT)


class ShareSerializer(serializers.Serializer):
    label = serializers.CharField()
    value_eur = serializers.DecimalField(**AMOUNT)
    percent = serializers.DecimalField(**AMOUNT)


class SplitCheckSerializer(serializers.Serializer):
    label = serializers.CharField()
    target_percent = serializers.DecimalField(**AMOUNT)
    committed_percent = serializers.DecimalField(**AMOUNT)
    realised_percent = serializers.DecimalField(**AMOUNT)
    realised_value_eur = serializers.DecimalField(**AMOUNT)
    within = serializers.BooleanField()


class ProgressSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    up_to = serializers.DateField(help_text="the date the report is drawn up to")
    funder = serializers.CharField()
    project_reference = serializers.CharField()
    fte_hours = serializers.IntegerField()
    by_kind = KindValueSerializer(many=True)
    partners = PartnerProgressSerializer(many=True)
    by_sector = ShareSerializer(many=True)
    by_source = ShareSerializer(many=True)
    target_split = SplitCheckSerializer(many=True)
    split_ok = serializers.BooleanField(allow_null=True)


def _progress_json(result: progress.Progress) -> dict[str, Any]:
    cents = progress.round_cents
    rows = report.partner_rows(result)
    return {
        "start": result.start,
        "end": result.end,
        "up_to": result.until,
        "funder": result.settings.funder,
        "project_reference": result.settings.project_reference,
        "fte_hours": result.settings.fte_hours,
        "partners": [
            {
                **columns,
                "hourly_rate_eur": (
                    columns["hourly_rate_eur"] if columns["hourly_rate_eur"] != "" else None
                ),
                "shortfall": columns["shortfall"] == "yes",
                "hours_valued": columns["hours_valued"] == "yes",
            }
            for columns in (dict(zip(report.CSV_COLUMNS, row, strict=True)) for row in rows)
        ],
        "by_kind": [
            {
                "kind": item.kind,
                "committed_value_eur": cents(item.committed),
                "realised_value_eur": cents(item.realised),
            }
            for item in result.by_kind
        ],
        "by_sector": [
            {"label": s.label, "value_eur": cents(s.value), "percent": cents(s.percent)}
            for s in result.by_sector
        ],
        "by_source": [
            {"label": s.label, "value_eur": cents(s.value), "percent": cents(s.percent)}
            for s in result.by_source
        ],
        "target_split": [
            {
                "label": c.label,
                "target_percent": cents(c.target),
                "committed_percent": cents(c.committed_percent),
                "realised_percent": cents(c.realised_percent),
                "realised_value_eur": cents(c.realised_value),
                "within": c.within,
            }
            for c in result.split
        ],
        "split_ok": result.split_ok,
    }


PERIOD_PARAMETERS = [
    OpenApiParameter("start", OpenApiTypes.DATE, required=True),
    OpenApiParameter("end", OpenApiTypes.DATE, required=True),
    OpenApiParameter(
        "up_to",
        OpenApiTypes.DATE,
        description="the date the report is drawn up to (commitments pro rata); default: end",
    ),
]


def _progress(request: Request, collaboration: Collaboration) -> progress.Progress:
    """The progress report over the period the request's parameters give."""
    start, end = _date_param(request, "start"), _date_param(request, "end")
    if start is None or end is None:
        raise services.FieldError("start", "give the period as start and end dates")
    return services.progress_report(
        user=request.user,
        collaboration_id=collaboration.pk,
        start=start,
        end=end,
        up_to=_date_param(request, "up_to"),
    )


class ProgressView(CollaborationAPIView):
    read_action = VIEW

    @extend_schema(
        summary="Progress report: committed against realised per partner",
        parameters=PERIOD_PARAMETERS,
        responses=ProgressSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        try:
            result = _progress(request, collaboration)
        except services.FieldError as error:
            return field_problem(error)
        return Response(ProgressSerializer(_progress_json(result)).data)


class ProgressFileView(CollaborationAPIView):
    read_action = VIEW

    @extend_schema(
        summary="The progress report as a file",
        parameters=[
            *PERIOD_PARAMETERS,
            OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=list(report.REPORT_FORMATS)),
            OpenApiParameter("language", str, enum=["nl", "en"]),
        ],
        responses=file_responses(report.CONTENT_TYPES_ALL[f] for f in report.REPORT_FORMATS),
    )
    def get(self, request: Request, pk: int, fmt: str) -> HttpResponse | Response:
        collaboration = self.collaboration(request, pk)
        if fmt not in report.REPORT_FORMATS:
            raise not_one_of("format", fmt, report.REPORT_FORMATS)
        language = request.query_params.get("language", "nl")
        if language not in ("nl", "en"):
            raise not_one_of("language", language, ("nl", "en"))
        try:
            result = _progress(request, collaboration)
        except services.FieldError as error:
            return field_problem(error)
        content = report.render_report(
            result,
            report.ReportInfo(
                collaboration=str(collaboration), author=name_and_function(request.user)
            ),
            fmt,
            language,
        )
        response = HttpResponse(content, content_type=report.CONTENT_TYPES_ALL[fmt])
        response["Content-Disposition"] = (
            f'attachment; filename="{report.filename(collaboration.pk, result, fmt)}"'
        )
        return response
