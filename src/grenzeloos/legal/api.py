"""REST API of the legal route check (``/api/v1/legal/…``) and of assessments on record.

Thin: the engine, the report builder and the services do the work; this module maps them onto
HTTP. Bad answers give a problem+json 400 with one ``invalid_params`` entry per offending key
path, so a client can point at each field; a status that forbids the action gives 409.
"""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from grenzeloos.collaborations.access import CollaborationAPIView
from grenzeloos.core.api import file_responses, problem
from grenzeloos.core.errors import not_one_of
from grenzeloos.core.parsers import SafeJSONParser
from grenzeloos.documents import CONTENT_TYPES, FORMATS, render
from grenzeloos.legal import report, services
from grenzeloos.legal.answers import TEXT_MAX, AnswersError, loads_answers
from grenzeloos.legal.models import LegalAssessment, Status
from grenzeloos.legal.report import build_report
from grenzeloos.legal.texts import LANGUAGES

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


class _NoFormatOverride:
    """DRF settings, except that ``?format=`` does not pick a renderer (it names the file)."""

    URL_FORMAT_OVERRIDE = None

    def __getattr__(self, name: str) -> Any:
        return getattr(api_settings, name)


class FileFormatNegotiation(DefaultContentNegotiation):
    """The report views use ``?format=pdf|odt|docx|md`` for the document format."""

    settings = _NoFormatOverride()


@cache
def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


class AssessmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    collaboration = serializers.IntegerField(source="collaboration_id")
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    on_date = serializers.DateField(allow_null=True)
    author = serializers.CharField(source="author.username", allow_null=True, default=None)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    signed_off_by = serializers.CharField(
        source="signed_off_by.username", allow_null=True, default=None
    )
    signed_off_at = serializers.DateTimeField(allow_null=True)
    sign_off_remark = serializers.CharField()
    supersedes = serializers.IntegerField(source="supersedes_id", allow_null=True)
    rule_set_ids = serializers.ListField(child=serializers.CharField())
    regime = serializers.SerializerMethodField()
    route = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    def get_regime(self, obj: LegalAssessment) -> str | None:
        return obj.outcome["regime"] if obj.outcome else None

    def get_route(self, obj: LegalAssessment) -> str | None:
        return obj.outcome["state_aid"]["route"] if obj.outcome else None

    def get_url(self, obj: LegalAssessment) -> str:
        return reverse("api-legal:assessment", args=[obj.pk])


class AnswerChangeSerializer(serializers.Serializer):
    author = serializers.CharField(source="author.username", allow_null=True, default=None)
    changed_at = serializers.DateTimeField()
    paths = serializers.ListField(child=serializers.CharField())
    changes = serializers.JSONField(
        help_text="each changed answer with its old and new value: "
        '[{"path": "aid.amount_eur", "old": <before>, "new": <after>}]'
    )


class SendBackReadSerializer(serializers.Serializer):
    reviewer = serializers.CharField(source="reviewer.username", allow_null=True, default=None)
    sent_at = serializers.DateTimeField()
    comment = serializers.CharField()
    answers_version = serializers.CharField(help_text="the answers' version the reviewer read")


class AssessmentDetailSerializer(AssessmentSerializer):
    answers = serializers.JSONField()
    answers_version = serializers.SerializerMethodField(
        help_text="the version of these answers; a sign-off sends it back (field `version` or "
        "If-Match) and is refused when the answers changed since"
    )
    outcome = serializers.JSONField(allow_null=True)
    answer_changes = AnswerChangeSerializer(many=True, help_text="who changed the answers, when")
    send_backs = SendBackReadSerializer(
        many=True, help_text="the reviewers' comments when they sent the draft back"
    )

    def get_answers_version(self, obj: LegalAssessment) -> str:
        return services.answers_version(obj)


class AssessmentCreateSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    answers = serializers.JSONField(
        required=False, help_text="a `grenzeloos.legal/1` answers document; may be partial"
    )


class SignOffSerializer(serializers.Serializer):
    remark = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=40,
        help_text="the `answers_version` the reviewer read (or send it as If-Match)",
    )


class SendBackSerializer(serializers.Serializer):
    comment = serializers.CharField(
        max_length=TEXT_MAX, help_text="what should change before it can be signed off"
    )


class AnswerReasonSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="the answer's path, e.g. `aid.amount_eur`")
    reason = serializers.CharField(
        allow_blank=True, max_length=TEXT_MAX, help_text="the reason; empty removes it"
    )
    confirm_authorship = serializers.BooleanField(
        default=False,
        help_text="true: you read that giving a reason makes you an author who can no longer "
        "sign this assessment off (without it, a member who could sign gets 409 and the warning)",
    )


class AnswersJSONParser(SafeJSONParser):
    """The safe JSON parser, also refusing a key that appears twice in one object (the last
    one would otherwise win silently)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        raw = stream.read() if stream is not None else b""
        data = super().parse(io.BytesIO(raw), media_type, parser_context)
        try:
            loads_answers(raw.decode("utf-8-sig"))
        except AnswersError as error:
            raise ParseError(f"JSON parse error - {error}") from None
        return data


def _invalid(error: services.InvalidAnswersError) -> Response:
    if error.inconsistent:
        return problem(
            status.HTTP_422_UNPROCESSABLE_ENTITY,
            "Inconsistent answers",
            str(error),
            invalid_params=[{"name": p.path, "reason": p.message} for p in error.problems],
        )
    return problem(
        status.HTTP_400_BAD_REQUEST,
        "Invalid answers",
        str(error),
        invalid_params=[{"name": p.path, "reason": p.message} for p in error.problems],
    )


def _language(request: Request) -> str:
    language = request.query_params.get("language", "nl")
    if language not in LANGUAGES:
        raise not_one_of("language", language, LANGUAGES)
    return language


def _format(request: Request) -> str:
    fmt = request.query_params.get("format", "")
    if fmt not in FORMATS:
        raise not_one_of("format", fmt, FORMATS)
    return fmt


def _file_response(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


NOT_A_DRAFT = "the assessment is no longer a draft"
CONTRADICTING = "answers that contradict each other"
LANGUAGE_PARAM = OpenApiParameter(
    "language", OpenApiTypes.STR, enum=list(LANGUAGES), description="default: nl"
)
FORMAT_PARAM = OpenApiParameter("format", OpenApiTypes.STR, enum=list(FORMATS), required=True)
ID_PARAM = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
FILE_RESPONSES: dict[Any, Any] = file_responses(CONTENT_TYPES.values())
FILE_RESPONSES[400] = OpenApiResponse(description="invalid answers, format or language")
FILE_RESPONSES[422] = OpenApiResponse(description=CONTRADICTING)


class AssessView(APIView):
    parser_classes = [AnswersJSONParser]

    @extend_schema(
        operation_id="legal_assess",
        parameters=[LANGUAGE_PARAM],
        request=OpenApiTypes.OBJECT,
        responses={
            200: OpenApiTypes.OBJECT,
            400: OpenApiResponse(description="invalid answers (or a key given twice)"),
            422: OpenApiResponse(description=CONTRADICTING),
        },
        description="Assess a `grenzeloos.legal/1` answers document; returns the "
        "`grenzeloos.legal-outcome/1` outcome. Decision support, not legal advice.",
    )
    def post(self, request: Request) -> Response:
        language = _language(request)
        try:
            return Response(services.evaluate(request.data, language=language))
        except services.InvalidAnswersError as error:
            return _invalid(error)


class ReportView(APIView):
    parser_classes = [AnswersJSONParser]

    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        operation_id="legal_report",
        parameters=[FORMAT_PARAM, LANGUAGE_PARAM],
        request=OpenApiTypes.OBJECT,
        responses=FILE_RESPONSES,
        description="The written motivation of a `grenzeloos.legal/1` answers document.",
    )
    def post(self, request: Request) -> HttpResponse:
        fmt, language = _format(request), _language(request)
        try:
            outcome = services.evaluate(request.data, language=language)
        except services.InvalidAnswersError as error:
            return _invalid(error)
        document = build_report(request.data, outcome, language=language)
        name = report.file_name(report.case_subject(request.data), outcome.get("on_date"), language)
        return _file_response(render(document, fmt), fmt, name)


class AnswersSchemaView(APIView):
    @extend_schema(operation_id="schemas_legal_answers", responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        """The JSON Schema of ``grenzeloos.legal/1`` answers."""
        return Response(_schema("legal-answers.schema.json"))


class OutcomeSchemaView(APIView):
    @extend_schema(operation_id="schemas_legal_outcome", responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        """The JSON Schema of the ``grenzeloos.legal-outcome/1`` outcome."""
        return Response(_schema("legal-outcome.schema.json"))


def _detail(assessment: LegalAssessment, *, created: bool = False) -> Response:
    """The assessment as the API shows it; a new one with 201 and its address."""
    data = AssessmentDetailSerializer(assessment).data
    if not created:
        return Response(data)
    response = Response(data, status=status.HTTP_201_CREATED)
    response["Location"] = reverse("api-legal:assessment", args=[assessment.pk])
    return response


def _on_assessment(
    operation_id: str,
    *,
    description: str,
    errors: dict[int, str],
    request: Any = None,
    created: bool = False,
) -> Any:
    """The schema of an action on one assessment: the assessment afterwards (201 when the
    action made a new one), or one of ``errors`` (status: what it means)."""
    responses: dict[int, Any] = {201 if created else 200: AssessmentDetailSerializer}
    responses |= {code: OpenApiResponse(description=text) for code, text in errors.items()}
    return extend_schema(
        operation_id=operation_id,
        parameters=[ID_PARAM],
        request=request,
        responses=responses,
        description=description,
    )


class AssessmentListView(CollaborationAPIView):
    read_action = "legal.view"
    write_action = "legal.edit"
    parser_classes = [AnswersJSONParser]

    @extend_schema(
        operation_id="assessments_list",
        parameters=[ID_PARAM],
        responses=AssessmentSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        """The collaboration's legal route checks, drafts and signed ones (anyone who may read
        them)."""
        collaboration = self.collaboration(request, pk)
        queryset = services.list_assessments(user=request.user, collaboration=collaboration)
        return Response(AssessmentSerializer(queryset, many=True).data)

    @_on_assessment(
        "assessments_create",
        request=AssessmentCreateSerializer,
        created=True,
        errors={400: "invalid answers", 422: CONTRADICTING},
        description="Start a draft assessment on the collaboration (editors and owners).",
    )
    def post(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        data = AssessmentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            assessment = services.create_assessment(
                actor=request.user,
                collaboration=collaboration,
                answers=data.validated_data.get("answers"),
                title=data.validated_data.get("title", ""),
            )
        except services.InvalidAnswersError as error:
            return _invalid(error)
        return _detail(assessment, created=True)


class AssessmentDetailView(APIView):
    @extend_schema(
        operation_id="assessments_retrieve",
        parameters=[ID_PARAM],
        responses=AssessmentDetailSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        return _detail(services.get_assessment(user=request.user, pk=pk))


class AssessmentActionView(APIView):
    """An action on one assessment, answered with the assessment afterwards.

    The subclass names the right the action needs (``action``), the serializer of its body if
    it takes one (``body``), and does the work in :meth:`act`. It answers POST (PUT with
    ``http_method_names = ["put", "options"]``); its schema is given by
    ``@extend_schema_view``. Answers the action finds invalid give 400, or 422 when they
    contradict each other.
    """

    action = "legal.edit"
    body: type[serializers.Serializer] | None = None
    http_method_names = ["post", "options"]

    def act(self, request: Request, assessment: LegalAssessment, data: Any) -> LegalAssessment:
        raise NotImplementedError

    def run(self, request: Request, pk: int) -> Response:
        assessment = services.get_assessment(user=request.user, pk=pk, action=self.action)
        data: Any = None
        if self.body is not None:
            serializer = self.body(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
        try:
            return _detail(self.act(request, assessment, data))
        except services.InvalidAnswersError as error:
            return _invalid(error)

    def post(self, request: Request, pk: int) -> Response:
        return self.run(request, pk)

    put = post


@extend_schema_view(
    put=_on_assessment(
        "assessments_answers_update",
        request=OpenApiTypes.OBJECT,
        errors={400: "invalid answers", 422: CONTRADICTING, 409: NOT_A_DRAFT},
        description="Replace the answers of a draft and re-run the route check.",
    )
)
class AssessmentAnswersView(AssessmentActionView):
    parser_classes = [AnswersJSONParser]
    http_method_names = ["put", "options"]

    def act(self, request: Request, assessment: LegalAssessment, data: Any) -> LegalAssessment:
        return services.update_answers(
            actor=request.user, assessment=assessment, answers=request.data
        )


@extend_schema_view(
    post=_on_assessment(
        "assessments_sign_off",
        request=SignOffSerializer,
        errors={
            403: "the author cannot sign off their own work",
            409: "the assessment is no longer a draft, its outcome is not determined, no "
            "version was sent, or the answers changed since that version (the message lists "
            "the changes)",
        },
        description="Record the review of a draft by an editor or owner who is not its author. "
        "Send the `answers_version` you read as `version` (or as If-Match): the sign-off "
        "approves exactly those answers.",
    )
)
class SignOffView(AssessmentActionView):
    action = "legal.sign_off"
    body = SignOffSerializer

    def act(self, request: Request, assessment: LegalAssessment, data: Any) -> LegalAssessment:
        version = data.get("version") or request.headers.get("If-Match", "")
        return services.sign_off(
            actor=request.user,
            assessment=assessment,
            version=version.strip('"') or None,
            remark=data["remark"],
        )


@extend_schema_view(
    post=_on_assessment(
        "assessments_send_back",
        request=SendBackSerializer,
        errors={
            400: "no comment",
            403: "an author cannot review their own work",
            409: NOT_A_DRAFT,
        },
        description="Send a draft back to its authors with a comment instead of signing it "
        "off (reviewers, and editors or owners who did not write it). It stays a draft.",
    )
)
class SendBackView(AssessmentActionView):
    action = "legal.send_back"
    body = SendBackSerializer

    def act(self, request: Request, assessment: LegalAssessment, data: Any) -> LegalAssessment:
        return services.send_back(
            actor=request.user, assessment=assessment, comment=data["comment"]
        )


@extend_schema_view(
    post=_on_assessment(
        "assessments_reason",
        request=AnswerReasonSerializer,
        errors={
            400: "no such answer, or too long a reason",
            409: "the assessment is no longer a draft, or you could sign it off and did not "
            "confirm that giving a reason makes you an author (the message says so; send "
            "`confirm_authorship: true` to go ahead)",
        },
        description="Give (or remove) the reason for one answer of a draft, without changing "
        "the answer: editors, owners and reviewers. It makes you an author of the assessment.",
    )
)
class ReasonView(AssessmentActionView):
    action = "legal.reason"
    body = AnswerReasonSerializer

    def act(self, request: Request, assessment: LegalAssessment, data: Any) -> LegalAssessment:
        return services.set_reason(
            actor=request.user,
            assessment=assessment,
            key=data["key"],
            reason=data["reason"],
            confirm_authorship=data["confirm_authorship"],
        )


class ReopenView(APIView):
    @_on_assessment(
        "assessments_reopen",
        created=True,
        errors={409: "only a signed-off assessment can be reopened"},
        description="A new draft with the same answers; the signed-off one becomes superseded.",
    )
    def post(self, request: Request, pk: int) -> Response:
        assessment = services.get_assessment(user=request.user, pk=pk, action="legal.edit")
        successor = services.reopen(actor=request.user, assessment=assessment)
        return _detail(successor, created=True)


@extend_schema_view(
    post=_on_assessment(
        "assessments_partners_from_canvas",
        errors={409: NOT_A_DRAFT},
        description="Add the collaboration canvas's partners as beneficiaries (one step).",
    )
)
class TakeOverPartnersView(AssessmentActionView):
    def act(self, request: Request, assessment: LegalAssessment, data: Any) -> LegalAssessment:
        return services.take_over_partners(actor=request.user, assessment=assessment)


class AssessmentReportView(APIView):
    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        operation_id="assessments_report",
        parameters=[ID_PARAM, FORMAT_PARAM, LANGUAGE_PARAM],
        responses=FILE_RESPONSES,
        description="The motivation of an assessment on record, with its sign-off.",
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        fmt, language = _format(request), _language(request)
        assessment = services.get_assessment(user=request.user, pk=pk)
        document = services.motivation(assessment, language=language)
        name = report.file_name(assessment.title, assessment.on_date, language)
        return _file_response(render(document, fmt), fmt, name)
