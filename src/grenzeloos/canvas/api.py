"""REST API of the canvas (``/api/v1/collaborations``). Thin: validation and use cases live in
``document`` and ``services``; this module maps them onto HTTP."""

from __future__ import annotations

import re
from typing import Any, Literal, overload

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from grenzeloos.canvas import services
from grenzeloos.canvas.document import CanvasValidationError, json_schema, to_export, validate
from grenzeloos.canvas.models import Revision
from grenzeloos.canvas.render import (
    CONTENT_TYPES,
    EXPORT_FORMATS,
    LANGUAGES,
    download,
    render_export,
)
from grenzeloos.collaborations import services as collaborations
from grenzeloos.collaborations.access import CollaborationAPIView, role_of
from grenzeloos.collaborations.models import Collaboration, Status
from grenzeloos.core.api import (
    SEARCH_BUSY,
    FileDownloadNegotiation,
    file_responses,
    problem,
    search_parameter,
)
from grenzeloos.core.errors import InvalidInput, not_a_whole_number, not_one_of


class CollaborationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    subject = serializers.CharField()
    description = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    revision = serializers.IntegerField(source="canvas.head_number")
    updated_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def get_url(self, obj: Collaboration) -> str:
        return reverse("api-canvas:collaboration", args=[obj.pk])


class CollaborationPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="collaborations in all pages")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CollaborationSerializer(many=True)


class CollaborationDetailSerializer(CollaborationSerializer):
    role = serializers.SerializerMethodField()

    def get_role(self, obj: Collaboration) -> str | None:
        role = role_of(obj)
        return role.value if role else None


class RevisionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    author = serializers.CharField(source="author.username", allow_null=True, default=None)
    created_at = serializers.DateTimeField()
    message = serializers.CharField()
    base_revision = serializers.IntegerField(source="base_number", allow_null=True)
    restored_from = serializers.IntegerField(allow_null=True)
    changed_fields = serializers.ListField(
        child=serializers.CharField(),
        help_text=(
            "The canvas fields this revision changed from the one before it, in canvas order "
            "(empty for the first revision)."
        ),
    )


class SavedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    revision = serializers.IntegerField()


class TextOpSerializer(serializers.Serializer):
    op = serializers.ChoiceField(choices=["equal", "insert", "delete"])
    text = serializers.CharField()


class ItemChangeSerializer(serializers.Serializer):
    change = serializers.ChoiceField(choices=["added", "removed", "changed"])
    key = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField()
    new = serializers.JSONField()
    words = TextOpSerializer(many=True)
    items = ItemChangeSerializer(many=True)


def _invalid(error: CanvasValidationError) -> Response:
    return problem(
        status.HTTP_400_BAD_REQUEST,
        "Invalid canvas",
        str(error),
        invalid_params=[{"name": p.path or "body", "reason": p.message} for p in error.problems],
    )


def _conflict(error: services.MergeConflictError) -> Response:
    return problem(
        status.HTTP_409_CONFLICT,
        "Merge conflict",
        str(error),
        base_revision=error.base.number,
        current_revision=error.head.number,
        conflicts=[
            {"field": c.field, "path": c.path, "yours": c.ours, "current": c.theirs}
            for c in error.result.conflicts
        ],
    )


class _CanvasAPIView(CollaborationAPIView):
    """An API view on one collaboration's canvas: reading needs canvas.view, writing canvas.edit."""

    read_action = "canvas.view"
    write_action = "canvas.edit"
    related = ("canvas",)


CANVAS_PARAMS = [
    OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH),
]


class CollaborationPages(PageNumberPagination):
    """Pages of 50 collaborations (``page_size`` up to 200)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request: Request) -> int:
        """The ``page_size`` asked for, at most 200. DRF's own quietly takes 50 for anything
        that is not a whole number ("abc", "0", "-5"); a client that sends one has a bug it
        should hear about, so that is a 400 naming the parameter."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        text = raw.strip()
        if not (text.isascii() and text.isdigit()) or int(text) < 1:
            raise InvalidInput(
                [
                    (
                        self.page_size_query_param,
                        gettext("%(value)r is not a whole number from 1 to %(max)s")
                        % {"value": raw[:40], "max": self.max_page_size},
                    )
                ]
            )
        # Ten digits or more is past the maximum anyway (and int() of thousands is refused).
        return self.max_page_size if len(text) > 9 else min(int(text), self.max_page_size)


def _page_link(request: Request, number: int | None) -> str | None:
    """The address of another page of the same list (``None`` when there is none)."""
    if number is None:
        return None
    url = request.build_absolute_uri()
    if number == 1:
        return remove_query_param(url, "page")
    return replace_query_param(url, "page", number)


class CollaborationListView(APIView):
    @extend_schema(
        operation_id="collaborations_list",
        parameters=[
            OpenApiParameter(
                "search",
                OpenApiTypes.STR,
                description="words to find (at most 10 words and 200 characters)",
            ),
            OpenApiParameter("page", OpenApiTypes.INT, description="page number (from 1)"),
            OpenApiParameter(
                "page_size",
                OpenApiTypes.INT,
                description="rows per page (1 to 200; more gives 200, anything else a 400)",
            ),
        ],
        responses={
            200: CollaborationPageSerializer,
            400: OpenApiResponse(description="too many words, too long, or took too long"),
            503: SEARCH_BUSY,
        },
    )
    def get(self, request: Request) -> Response:
        """A page of collaborations with ``count`` and ``next``/``previous`` links."""
        with search_parameter("search"):
            page = services.collaboration_page(
                user=request.user,
                search=request.query_params.get("search", ""),
                page=request.query_params.get("page"),
                size=CollaborationPages().get_page_size(request),
                strict=True,
            )
        return Response(
            {
                "count": page.paginator.count,
                "next": _page_link(request, page.next_page_number() if page.has_next() else None),
                "previous": _page_link(
                    request, page.previous_page_number() if page.has_previous() else None
                ),
                "results": CollaborationSerializer(page.object_list, many=True).data,
            }
        )

    @extend_schema(
        operation_id="collaborations_create",
        request=OpenApiTypes.OBJECT,
        parameters=[
            OpenApiParameter(
                "message",
                OpenApiTypes.STR,
                description="a note for the history of the first revision (at most 300 characters)",
            )
        ],
        responses={201: SavedSerializer, 400: OpenApiResponse(description="invalid canvas")},
        description="Start a collaboration from a `grenzeloos.canvas/1` document.",
    )
    def post(self, request: Request) -> Response:
        try:
            document = validate(request.data)
        except CanvasValidationError as error:
            return _invalid(error)
        collaboration = services.create_collaboration(
            actor=request.user,
            document=document,
            message=request.query_params.get("message", ""),
        )
        response = Response(
            {"id": collaboration.pk, "revision": services.head_number(collaboration)},
            status=status.HTTP_201_CREATED,
        )
        response["Location"] = reverse("api-canvas:collaboration", args=[collaboration.pk])
        return response


class CollaborationDetailsSerializer(serializers.Serializer):
    """What PATCH may change: the short description and the status (the subject is the
    canvas's and changes with it)."""

    description = serializers.CharField(
        max_length=collaborations.DESCRIPTION_MAX, allow_blank=True, required=False
    )
    status = serializers.ChoiceField(choices=Status.choices, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            message = gettext("cannot be changed here (only description and status)")
            raise serializers.ValidationError({name: message for name in unknown})
        return attrs


class CollaborationDetailView(_CanvasAPIView):
    @extend_schema(
        operation_id="collaborations_retrieve",
        parameters=CANVAS_PARAMS,
        responses=CollaborationDetailSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        """One collaboration: its subject, description, status, the visitor's role and the
        latest revision's number (anyone taking part)."""
        collaboration = self.collaboration(request, pk)
        return Response(
            CollaborationDetailSerializer(collaboration, context={"request": request}).data
        )

    @extend_schema(
        operation_id="collaborations_partial_update",
        parameters=CANVAS_PARAMS,
        request=CollaborationDetailsSerializer,
        responses={
            200: CollaborationDetailSerializer,
            400: OpenApiResponse(description="too long a description, an unknown status or field"),
        },
        description="Change the short description and/or the status (editors and owners).",
    )
    def patch(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk, "collaboration.edit")
        data = CollaborationDetailsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        collaborations.update_details(
            actor=request.user,
            collaboration=collaboration,
            description=data.validated_data.get("description"),
            status=data.validated_data.get("status"),
        )
        collaboration = self.collaboration(request, pk)
        return Response(
            CollaborationDetailSerializer(collaboration, context={"request": request}).data
        )


class CanvasView(_CanvasAPIView):
    @extend_schema(
        operation_id="canvas_retrieve",
        parameters=[
            *CANVAS_PARAMS,
            OpenApiParameter("revision", OpenApiTypes.INT, description="default: the latest"),
        ],
        responses={200: OpenApiTypes.OBJECT},
        description="The canvas as a `grenzeloos.canvas/1` document with its `revision`.",
    )
    def get(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        revision = _revision(collaboration, request.query_params.get("revision"))
        response = Response(to_export(revision.document, revision=revision.number))
        response["ETag"] = _etag(revision.number)
        return response

    @extend_schema(
        operation_id="canvas_update",
        parameters=[
            *CANVAS_PARAMS,
            OpenApiParameter(
                "base_revision",
                OpenApiTypes.INT,
                description="the revision this edit started from; changes by others since "
                "then are merged, and the same field changed on both sides gives 409",
            ),
            OpenApiParameter(
                "If-Match",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="the ETag of the canvas this edit replaces (from GET); `*` "
                "replaces whatever is the latest. Needed when `base_revision` is not given.",
            ),
        ],
        request=OpenApiTypes.OBJECT,
        responses={
            200: SavedSerializer,
            400: OpenApiResponse(description="invalid canvas"),
            409: OpenApiResponse(description="merge conflict; nothing was saved"),
            412: OpenApiResponse(description="If-Match names an older revision; nothing saved"),
            428: OpenApiResponse(description="neither If-Match nor base_revision was sent"),
        },
        description="Save a new revision. Without `base_revision` the body replaces the "
        "canvas, so `If-Match` must name the revision it replaces (HTTP conditional request).",
    )
    def put(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        base = _int_param(request.query_params.get("base_revision"), "base_revision")
        document = request.data  # a malformed body is a 400 whatever the precondition
        expected: frozenset[int] | None = None
        if base is None:
            header = request.headers.get("If-Match")
            if header is None:
                return _precondition_required(services.head_number(collaboration))
            expected = _matching_revisions(header)
        try:
            revision = services.save_canvas(
                actor=request.user,
                collaboration=collaboration,
                document=document,
                base_revision=base,
                expected_heads=expected,
            )
        except CanvasValidationError as error:
            return _invalid(error)
        except services.MergeConflictError as error:
            return _conflict(error)
        except services.StaleRevisionError as error:
            return _precondition_failed(error.head)
        response = Response({"id": collaboration.pk, "revision": revision.number})
        response["ETag"] = _etag(revision.number)
        return response


class ExportView(_CanvasAPIView):
    content_negotiation_class = FileDownloadNegotiation

    @extend_schema(
        operation_id="canvas_export",
        parameters=[
            *CANVAS_PARAMS,
            OpenApiParameter("format", OpenApiTypes.STR, enum=list(EXPORT_FORMATS), required=True),
            OpenApiParameter("revision", OpenApiTypes.INT, description="default: the latest"),
            OpenApiParameter(
                "language", OpenApiTypes.STR, enum=list(LANGUAGES), description="default: nl"
            ),
            OpenApiParameter(
                "questions",
                OpenApiTypes.STR,
                enum=["0", "1"],
                description="1: each box with its guiding questions (not in `json`); default 0",
            ),
        ],
        responses={
            **file_responses([*CONTENT_TYPES.values(), "application/zip"]),
            400: OpenApiResponse(description="unknown format, language or revision number"),
        },
        description="The canvas as a file: the A3 poster (`pdf`, `svg`, `png`), a document "
        "(`odt`, `docx`, `md`) or the `grenzeloos.canvas/1` document (`json`). A poster image "
        "(`svg`, `png`) holds one page: when the canvas continues on a second page, the answer "
        "is a ZIP (`application/zip`) of `page-1.svg`, `page-2.svg`, … .",
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        collaboration = self.collaboration(request, pk)
        params = request.query_params
        fmt, language = params.get("format", ""), params.get("language", "nl")
        if fmt not in EXPORT_FORMATS:
            raise not_one_of("format", fmt, EXPORT_FORMATS)
        if language not in LANGUAGES:
            raise not_one_of("language", language, LANGUAGES)
        questions = params.get("questions", "0")
        if questions not in ("0", "1"):
            raise not_one_of("questions", questions, ("0", "1"))
        revision = _revision(collaboration, params.get("revision"))
        content = render_export(
            revision.document,
            revision=revision.number,
            fmt=fmt,
            language=language,
            include_questions=questions == "1",
        )
        name, content_type = download(content, fmt, f"canvas-{collaboration.pk}-r{revision.number}")
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class RevisionListView(_CanvasAPIView):
    @extend_schema(
        operation_id="revisions_list",
        parameters=CANVAS_PARAMS,
        responses=RevisionSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        """Every revision of the canvas, newest first: number, author, time and message, without
        the documents (anyone taking part)."""
        collaboration = self.collaboration(request, pk)
        revisions = services.history(collaboration).defer("document")  # the list needs no document
        return Response(RevisionSerializer(revisions, many=True).data)


class RestoreView(_CanvasAPIView):
    write_action = "canvas.restore"

    @extend_schema(
        operation_id="revisions_restore",
        parameters=[*CANVAS_PARAMS, OpenApiParameter("number", OpenApiTypes.INT, "path")],
        request=None,
        responses={201: SavedSerializer},
        description="Make an old revision the latest again, as a new revision.",
    )
    def post(self, request: Request, pk: int, number: int) -> Response:
        collaboration = self.collaboration(request, pk)
        revision = services.restore(actor=request.user, collaboration=collaboration, number=number)
        return Response(
            {"id": collaboration.pk, "revision": revision.number}, status=status.HTTP_201_CREATED
        )


class DiffView(_CanvasAPIView):
    @extend_schema(
        operation_id="canvas_diff",
        parameters=[
            *CANVAS_PARAMS,
            OpenApiParameter("from", OpenApiTypes.INT, required=True),
            OpenApiParameter("to", OpenApiTypes.INT, required=True),
        ],
        responses=FieldChangeSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        """What changed between two revisions, field by field (anyone taking part)."""
        collaboration = self.collaboration(request, pk)
        old = _int_param(request.query_params.get("from"), "from", required=True)
        new = _int_param(request.query_params.get("to"), "to", required=True)
        changes = services.diff(collaboration, old, new)
        return Response([change.to_json() for change in changes])


class ExampleSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    source = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, obj: Any) -> str:
        return reverse("api-canvas:example", args=[obj.key])


class ExampleDetailSerializer(ExampleSerializer):
    document = serializers.JSONField(help_text="the example as a `grenzeloos.canvas/1` document")


class ExampleListView(APIView):
    @extend_schema(operation_id="examples_list", responses=ExampleSerializer(many=True))
    def get(self, request: Request) -> Response:
        """The example canvases anybody may read and copy (illustrations after the cases)."""
        examples = services.example_canvases()
        return Response(ExampleSerializer(examples, many=True).data)


class ExampleDetailView(APIView):
    @extend_schema(
        operation_id="examples_retrieve",
        parameters=[OpenApiParameter("key", OpenApiTypes.STR, OpenApiParameter.PATH)],
        responses={200: ExampleDetailSerializer, 404: OpenApiResponse(description="no such one")},
    )
    def get(self, request: Request, key: str) -> Response:
        """One example canvas with its document."""
        return Response(ExampleDetailSerializer(services.example_canvas(key)).data)


class ExampleCopyView(APIView):
    @extend_schema(
        operation_id="examples_copy",
        parameters=[OpenApiParameter("key", OpenApiTypes.STR, OpenApiParameter.PATH)],
        request=None,
        responses={201: SavedSerializer, 404: OpenApiResponse(description="no such example")},
        description="Start a collaboration of your own from an example canvas (you own it).",
    )
    def post(self, request: Request, key: str) -> Response:
        collaboration = services.copy_example(actor=request.user, key=key)
        response = Response(
            {"id": collaboration.pk, "revision": services.head_number(collaboration)},
            status=status.HTTP_201_CREATED,
        )
        response["Location"] = reverse("api-canvas:collaboration", args=[collaboration.pk])
        return response


class CanvasSchemaView(APIView):
    @extend_schema(operation_id="schemas_canvas", responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        """The JSON Schema of ``grenzeloos.canvas/1``."""
        return Response(json_schema())


@overload
def _int_param(value: Any, name: str, *, required: Literal[True]) -> int: ...


@overload
def _int_param(value: Any, name: str, *, required: bool = False) -> int | None: ...


def _int_param(value: Any, name: str, *, required: bool = False) -> int | None:
    if value in (None, ""):
        if required:
            raise InvalidInput([(name, gettext("is required"))])
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise not_a_whole_number(name, value) from None


def _etag(number: int) -> str:
    return f'"{number}"'


def _precondition_required(head_number: int) -> Response:
    """The answer to a replacing PUT without If-Match (428)."""
    return problem(
        status.HTTP_428_PRECONDITION_REQUIRED,
        "Precondition required",
        gettext(
            "Send If-Match with the ETag of the canvas you edited (from GET, now %(etag)s), "
            "or ?base_revision=N to merge with what others saved since revision N."
        )
        % {"etag": _etag(head_number)},
        current_revision=head_number,
    )


_REVISION_TAG = re.compile(r'"([0-9]{1,18})"')


def _matching_revisions(header: str) -> frozenset[int] | None:
    """The revisions an If-Match header accepts as the latest; None for ``*`` (any).

    Tags that name no revision of ours match none (RFC 9110: the save is refused with 412).
    """
    numbers: set[int] = set()
    for tag in header.split(","):
        tag = tag.strip().removeprefix("W/")
        if tag == "*":
            return None
        match = _REVISION_TAG.fullmatch(tag)
        if match:
            numbers.add(int(match[1]))
    return frozenset(numbers)


def _precondition_failed(head_number: int) -> Response:
    """The answer to a replacing PUT whose If-Match names another revision than the latest
    (412), decided under the lock of the save (:func:`services.save_canvas`)."""
    return problem(
        status.HTTP_412_PRECONDITION_FAILED,
        "Precondition failed",
        gettext(
            "The canvas has changed: it is now revision %(number)s (ETag %(etag)s). Read it "
            "again, or send ?base_revision=N to merge your edit with the changes."
        )
        % {"number": head_number, "etag": _etag(head_number)},
        current_revision=head_number,
    )


def _revision(collaboration: Collaboration, value: Any) -> Revision:
    number = _int_param(value, "revision")
    if number is None:
        return services.head(collaboration)
    return services.get_revision(collaboration, number)
