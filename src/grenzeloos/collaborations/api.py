"""REST API of a collaboration's members (``/api/v1/collaborations/{id}/members``)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from grenzeloos.collaborations import services
from grenzeloos.collaborations.access import CollaborationAPIView
from grenzeloos.collaborations.models import Invitation, Role

ID_PARAMS = [OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)]
USERNAME_PARAM = OpenApiParameter("username", OpenApiTypes.STR, "path")
INVITATION_PARAM = OpenApiParameter("invitation", OpenApiTypes.INT, "path")


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
        """Who takes part in the collaboration and in which role (anyone who may see the
        members)."""
        collaboration = self.collaboration(request, pk)
        return Response(MemberSerializer(services.memberships(collaboration), many=True).data)


class MemberView(CollaborationAPIView):
    write_action = "members.manage"

    @extend_schema(
        operation_id="members_update",
        parameters=[*ID_PARAMS, USERNAME_PARAM],
        request=RoleSerializer,
        responses={
            200: MemberSerializer,
            409: OpenApiResponse(description="the change would leave the collaboration no owner"),
        },
    )
    def put(self, request: Request, pk: int, username: str) -> Response:
        """Give an account a role in the collaboration, or change its role (owners)."""
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
        responses={
            204: None,
            409: OpenApiResponse(description="the account is the collaboration's last owner"),
        },
    )
    def delete(self, request: Request, pk: int, username: str) -> Response:
        """Take an account out of the collaboration (owners); the last owner stays."""
        collaboration = self.collaboration(request, pk)
        services.unshare(actor=request.user, collaboration=collaboration, username=username)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    email = serializers.EmailField(max_length=254)
    role = serializers.ChoiceField(choices=Role.choices)
    language = serializers.ChoiceField(
        choices=[("nl", "nl"), ("en", "en")],
        required=False,
        help_text="Language of the e-mail (default: the request's language).",
    )
    invited_by = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(read_only=True)
    expires_at = serializers.DateTimeField(read_only=True)

    def get_invited_by(self, invitation: Invitation) -> str | None:
        return invitation.invited_by.get_username() if invitation.invited_by else None


class InvitationListView(CollaborationAPIView):
    """Pending invitations of a collaboration (owners: the addresses are personal data)."""

    read_action = "members.manage"
    write_action = "members.manage"

    @extend_schema(
        operation_id="invitations_list",
        parameters=ID_PARAMS,
        responses=InvitationSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        invitations = services.pending_invitations(collaboration)
        return Response(InvitationSerializer(invitations, many=True).data)

    @extend_schema(
        operation_id="invitations_create",
        parameters=ID_PARAMS,
        request=InvitationSerializer,
        responses={
            201: InvitationSerializer,
            409: OpenApiResponse(description="already a member, or already invited"),
        },
        description=(
            "Invite an e-mail address in a role: a single-use link that expires is mailed to it. "
            "409 when the address already is a member or has a pending invitation."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        data = InvitationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = services.invite(
            actor=request.user,
            collaboration=collaboration,
            email=data.validated_data["email"],
            role=data.validated_data["role"],
            language=data.validated_data.get("language") or getattr(request, "LANGUAGE_CODE", None),
            site_url=request.build_absolute_uri("/"),
        )
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)


class InvitationView(CollaborationAPIView):
    write_action = "members.manage"

    @extend_schema(
        operation_id="invitations_destroy",
        parameters=[*ID_PARAMS, INVITATION_PARAM],
        responses={
            204: None,
            409: OpenApiResponse(description="the invitation was already accepted or withdrawn"),
        },
        description="Withdraw a pending invitation; its link stops working.",
    )
    def delete(self, request: Request, pk: int, invitation: int) -> Response:
        collaboration = self.collaboration(request, pk)
        services.withdraw(actor=request.user, collaboration=collaboration, invitation_id=invitation)
        return Response(status=status.HTTP_204_NO_CONTENT)
