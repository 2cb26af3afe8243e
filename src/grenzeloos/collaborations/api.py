"""REST API of a collaboration's members (``/api/v1/collaborations/{id}/members``)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from grenzeloos.collaborations import services
from grenzeloos.collaborations.access import CollaborationAPIView
from grenzeloos.collaborations.models import Role

ID_PARAMS = [OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)]
USERNAME_PARAM = OpenApiParameter("username", OpenApiTypes.STR, "path")


class MemberSerializer(serializers.Serializer):
    username = serializers.CharField(source="user.username")
    role = serializers.ChoiceField(choices=Role.choices)


class RoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)


class MemberListView(CollaborationAPIView):
    read_action = "members.view"

    @extend_schema(
        operation_id="members_list", parameters=ID_PARAMS, responses=MemberSerializer(many=True)
    )
    def get(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        return Response(MemberSerializer(services.memberships(collaboration), many=True).data)


class MemberView(CollaborationAPIView):
    write_action = "members.manage"

    @extend_schema(
        operation_id="members_update",
        parameters=[*ID_PARAMS, USERNAME_PARAM],
        request=RoleSerializer,
        responses=MemberSerializer,
    )
    def put(self, request: Request, pk: int, username: str) -> Response:
        collaboration = self.collaboration(request, pk)
        data = RoleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        membership = services.share(
            actor=request.user,
            collaboration=collaboration,
            username=username,
            role=data.validated_data["role"],
        )
        return Response(MemberSerializer(membership).data)

    @extend_schema(
        operation_id="members_destroy",
        parameters=[*ID_PARAMS, USERNAME_PARAM],
        responses={204: None},
    )
    def delete(self, request: Request, pk: int, username: str) -> Response:
        collaboration = self.collaboration(request, pk)
        services.unshare(actor=request.user, collaboration=collaboration, username=username)
        return Response(status=status.HTTP_204_NO_CONTENT)
