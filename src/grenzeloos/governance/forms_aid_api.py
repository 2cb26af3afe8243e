"""The API of the organisational form aid (one read endpoint); see :mod:`.forms_aid`."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from grenzeloos.collaborations.access import CollaborationAPIView
from grenzeloos.governance.access import VIEW
from grenzeloos.governance.forms_aid import as_data, forms_aid
from grenzeloos.publication import LegalForm, choices


class FormCaseSerializer(serializers.Serializer):  # type: ignore[type-arg]
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField()


class FormAidSerializer(serializers.Serializer):  # type: ignore[type-arg]
    key = serializers.ChoiceField(choices=choices(LegalForm))
    label = serializers.CharField()
    chosen = serializers.BooleanField(help_text="the form the agreements checklist names")
    money = serializers.CharField(help_text="where the money sits")
    liability = serializers.CharField()
    ownership = serializers.CharField()
    government = serializers.CharField(help_text="how government bodies can take part")
    learned = serializers.CharField(help_text="what the cases learned")
    cases = FormCaseSerializer(many=True)


class FormsAidSerializer(serializers.Serializer):  # type: ignore[type-arg]
    version = serializers.IntegerField()
    checklist_answer = serializers.CharField(allow_blank=True)
    chosen = serializers.CharField(
        allow_null=True, help_text="the key of the form the agreements checklist names, if one"
    )
    forms = FormAidSerializer(many=True)


class FormsAidView(CollaborationAPIView):
    read_action = VIEW

    @extend_schema(
        summary="The organisational forms the cases chose; the checklist's form first",
        responses=FormsAidSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        aid = forms_aid(actor=request.user, collaboration_id=int(pk))
        return Response(FormsAidSerializer(as_data(aid)).data)
