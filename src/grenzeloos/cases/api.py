"""REST API of the case library (``/api/v1/cases…``) and similar cases for a collaboration.

Thin: the services do the work. The library is readable by everyone signed in (private team
cases only by their author, others get 404); similar cases for a collaboration go through the
one access API (action ``cases.similar``), so strangers to the collaboration get 404.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from grenzeloos.cases import presentation, services
from grenzeloos.cases.access import SIMILAR
from grenzeloos.cases.library import (
    LEGAL_FORMS,
    MONEY_LOCATIONS,
    SECTORS,
    THEMES,
    json_schema,
)
from grenzeloos.cases.models import Case, Visibility
from grenzeloos.collaborations.access import CollaborationAPIView
from grenzeloos.core.api import SEARCH_BUSY, search_parameter
from grenzeloos.core.errors import InvalidInput, not_a_whole_number, not_one_of
from grenzeloos.core.web import acting_user

LANG = OpenApiParameter(
    "lang", OpenApiTypes.STR, enum=["nl", "en"], description="language of labels and texts"
)
SLUG = OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH)
ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
FILTERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description="words; inflected forms match (stemming); at most 10 words and 200 characters",
    ),
    OpenApiParameter(
        "sector", OpenApiTypes.STR, many=True, enum=list(SECTORS), description="all must take part"
    ),
    OpenApiParameter("legal_form", OpenApiTypes.STR, enum=list(LEGAL_FORMS)),
    OpenApiParameter("money", OpenApiTypes.STR, enum=list(MONEY_LOCATIONS)),
    OpenApiParameter("theme", OpenApiTypes.STR, enum=list(THEMES)),
]


def _language(request: Request) -> str:
    language = request.query_params.get("lang") or translation.get_language() or "nl"
    if language[:2] not in ("nl", "en"):
        raise not_one_of("lang", language, ("nl", "en"))
    return language[:2]


class CaseSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    theme = serializers.CharField()
    legal_form = serializers.CharField(allow_null=True)
    money_location = serializers.CharField(allow_null=True)
    sectors = serializers.ListField(child=serializers.CharField())
    visibility = serializers.ChoiceField(choices=Visibility.choices)
    pages = serializers.ListField(child=serializers.IntegerField(), allow_null=True)
    summary = serializers.CharField()
    url = serializers.CharField()


class CaseDetailSerializer(CaseSerializer):
    document = serializers.JSONField(help_text="the `grenzeloos.case/1` document")


class ReasonSerializer(serializers.Serializer):
    kind = serializers.CharField()
    values = serializers.ListField(child=serializers.CharField())
    text = serializers.CharField()


class MatchSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    score = serializers.FloatField()
    reasons = ReasonSerializer(many=True)


class VisibilitySerializer(serializers.Serializer):
    published = serializers.BooleanField()


def _summary(case: Case, language: str) -> dict[str, Any]:
    return {
        **case.listing(),
        "summary": presentation.case_view(case.document, language)["summary"],
        "url": reverse("api-cases:case", args=[case.slug]),
    }


def _detail(case: Case, language: str) -> dict[str, Any]:
    return {**_summary(case, language), "document": case.document}


class CaseListView(APIView):
    @extend_schema(
        operation_id="cases_list",
        parameters=[*FILTERS, LANG],
        responses={
            200: CaseSerializer(many=True),
            400: OpenApiResponse(
                description="a bad filter, or a search that is too long or took too long"
            ),
            503: SEARCH_BUSY,
        },
        description="The case library, searched and filtered; with `q`, best matches first.",
    )
    def get(self, request: Request) -> Response:
        filters = services.Filters(
            query=request.query_params.get("q", ""),
            sectors=tuple(request.query_params.getlist("sector")),
            legal_form=request.query_params.get("legal_form", ""),
            money_location=request.query_params.get("money", ""),
            theme=request.query_params.get("theme", ""),
        )
        language = _language(request)
        with search_parameter("q"):
            cases = services.find_cases(user=request.user, filters=filters)
        return Response([_summary(case, language) for case in cases])

    @extend_schema(
        operation_id="cases_create",
        parameters=[
            OpenApiParameter(
                "publish", OpenApiTypes.BOOL, description="visible to all users (default: no)"
            )
        ],
        request=OpenApiTypes.OBJECT,
        responses={
            201: CaseDetailSerializer,
            400: OpenApiResponse(description="the document names the bad field"),
        },
        description="Add a team's own case (a `grenzeloos.case/1` document without `source` "
        "and `example_canvas`); private to its author unless published.",
    )
    def post(self, request: Request) -> Response:
        publish = request.query_params.get("publish", "").lower() in ("1", "true", "yes")
        case = services.create_case(
            actor=acting_user(request), document=request.data, publish=publish, where="body"
        )
        return Response(_detail(case, _language(request)), status=status.HTTP_201_CREATED)


class CaseDetailView(APIView):
    @extend_schema(
        operation_id="cases_read",
        parameters=[SLUG, LANG],
        responses={200: CaseDetailSerializer, 404: OpenApiResponse(description="no such case")},
    )
    def get(self, request: Request, slug: str) -> Response:
        case = services.get_case(user=request.user, slug=slug)
        return Response(_detail(case, _language(request)))


class CaseVisibilityView(APIView):
    @extend_schema(
        operation_id="cases_visibility",
        parameters=[SLUG, LANG],
        request=VisibilitySerializer,
        responses={200: CaseSerializer, 403: OpenApiResponse(description="not the author")},
        description="Publish a team's case to all users, or make it private again (author).",
    )
    def post(self, request: Request, slug: str) -> Response:
        body = VisibilitySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = services.get_case(user=request.user, slug=slug)
        case = services.set_published(
            actor=acting_user(request), case=case, published=body.validated_data["published"]
        )
        return Response(_summary(case, _language(request)))


class CaseSchemaView(APIView):
    @extend_schema(operation_id="schemas_case", responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        """The JSON Schema of a ``grenzeloos.case/1`` case document."""
        return Response(json_schema())


class SimilarCasesView(CollaborationAPIView):
    read_action = SIMILAR.name

    @extend_schema(
        operation_id="collaboration_similar_cases",
        parameters=[
            ID,
            LANG,
            OpenApiParameter("limit", OpenApiTypes.INT, description="default 5, at most 50"),
        ],
        responses={200: MatchSerializer(many=True)},
        description="Cases like the collaboration's canvas, best first, each with the reasons "
        "(partner sectors, legal form, where the money sits, theme, words in common).",
    )
    def get(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        raw = request.query_params.get("limit", "5")
        try:
            limit = int(raw)
        except ValueError:
            raise not_a_whole_number("limit", raw) from None
        if not 1 <= limit <= 50:
            raise InvalidInput([("limit", gettext("must be between 1 and 50"))])
        language = _language(request)
        with translation.override(language):
            matches = services.similar_for_canvas_of(
                user=request.user, collaboration=collaboration, limit=limit, language=language
            )
            return Response([match.to_json() for match in matches])
