"""REST API of guidance: the advice check and a drafted pitch of a collaboration's canvas.

Access goes through the one API base class of ``collaborations.access`` (action
``guidance.view``); the work is in :mod:`grenzeloos.guidance.services`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from grenzeloos.collaborations.access import CollaborationAPIView
from grenzeloos.guidance import services
from grenzeloos.guidance.access import VIEW
from grenzeloos.guidance.pitch import LENGTHS

SCHEMA_PATH = Path(__file__).with_name("schemas") / "canvas-check.schema.json"

ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
LANG = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=["nl", "en"],
    description="language of the text (default: from Accept-Language)",
)


class AudienceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["general", "partner", "sector", "organisation"])
    name = serializers.CharField()
    sector = serializers.CharField(allow_null=True)


class PitchSerializer(serializers.Serializer):
    text = serializers.CharField()
    words = serializers.IntegerField()
    length = serializers.ChoiceField(choices=list(LENGTHS))
    language = serializers.ChoiceField(choices=["nl", "en"])
    audience = AudienceSerializer()


def _language(request: Request) -> str:
    return request.query_params.get("lang") or translation.get_language() or "nl"


def _revision(request: Request) -> int | None:
    from grenzeloos.core.errors import UserError

    value = request.query_params.get("revision")
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise UserError(f"revision: {value!r} is not a number") from None


class AdviceView(CollaborationAPIView):
    read_action = VIEW.name

    @extend_schema(
        operation_id="collaboration_advice",
        parameters=[
            ID,
            LANG,
            OpenApiParameter("revision", OpenApiTypes.INT, description="default: the latest"),
        ],
        responses={200: OpenApiTypes.OBJECT},
        description=(
            "The advice check of the canvas: findings grouped under the five conditions for "
            "success, each citing its lesson. A `grenzeloos.canvas-check/1` document; its JSON "
            "Schema is at `/api/v1/schemas/canvas-check`."
        ),
    )
    def get(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        report = services.advice(
            collaboration=collaboration, language=_language(request), revision=_revision(request)
        )
        return Response(report.to_json())


class PitchView(CollaborationAPIView):
    read_action = VIEW.name

    @extend_schema(
        operation_id="collaboration_pitch",
        parameters=[
            ID,
            LANG,
            OpenApiParameter(
                "audience",
                OpenApiTypes.STR,
                description="a partner's name, a type of organisation (government, business, "
                "knowledge, civil_society, citizens) or another organisation's name",
            ),
            OpenApiParameter("length", OpenApiTypes.STR, enum=list(LENGTHS)),
        ],
        responses={200: PitchSerializer},
        description="A drafted pitch from the canvas (deterministic; about 60 or 200 words).",
    )
    def get(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        pitch = services.pitch(
            collaboration=collaboration,
            language=_language(request),
            audience=request.query_params.get("audience") or None,
            length=request.query_params.get("length", "short"),
        )
        return Response(pitch.to_json())


@cache
def check_schema() -> dict[str, Any]:
    return dict(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


class CheckSchemaView(APIView):
    @extend_schema(
        operation_id="schemas_canvas_check",
        responses={200: OpenApiTypes.OBJECT},
        description="The JSON Schema of the advice check (`grenzeloos.canvas-check/1`).",
    )
    def get(self, request: Request) -> Response:
        return Response(check_schema())
