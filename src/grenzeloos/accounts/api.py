"""REST API of the caller's own account: their API tokens (``/api/v1/account/tokens``) and
profile (``/api/v1/me``: display name, function, e-mail address confirmed through a link)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from grenzeloos.accounts import services
from grenzeloos.accounts.models import ApiToken
from grenzeloos.core.errors import PermissionDenied


class TokenSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    prefix = serializers.CharField(help_text="The token's first characters, to tell it apart.")
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)


class NewTokenSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=services.TOKEN_NAME_MAX)


class CreatedTokenSerializer(TokenSerializer):
    token = serializers.CharField(help_text="The token itself: shown in this answer only.")


class TokenListView(APIView):
    @extend_schema(operation_id="account_tokens_list", responses=TokenSerializer(many=True))
    def get(self, request: Request) -> Response:
        tokens = services.tokens_of(actor=request.user)  # type: ignore[arg-type]
        return Response(TokenSerializer(tokens, many=True).data)

    @extend_schema(
        operation_id="account_tokens_create",
        request=NewTokenSerializer,
        responses={201: CreatedTokenSerializer},
        description=(
            "Make a new token. The answer holds the token itself, this once; only a hash is kept."
            " A request authenticated with a token cannot make new ones (sign in with a password)."
        ),
    )
    def post(self, request: Request) -> Response:
        if isinstance(request.auth, ApiToken):
            raise PermissionDenied(
                "a token cannot make new tokens; authenticate with your password"
            )
        data = NewTokenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token, key = services.create_token(
            actor=request.user,  # type: ignore[arg-type]
            name=data.validated_data["name"],
        )
        body = {**TokenSerializer(token).data, "token": key}
        return Response(body, status=status.HTTP_201_CREATED, headers={"Cache-Control": "no-store"})


class TokenView(APIView):
    @extend_schema(
        operation_id="account_tokens_revoke",
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses={204: None},
    )
    def delete(self, request: Request, pk: int) -> Response:
        services.revoke_token(actor=request.user, token_id=pk)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProfileSerializer(serializers.Serializer):
    username = serializers.CharField(read_only=True)
    display_name = serializers.CharField(
        max_length=services.DISPLAY_NAME_MAX, allow_blank=True, required=False, default=""
    )
    function = serializers.CharField(
        max_length=services.FUNCTION_MAX, allow_blank=True, required=False, default=""
    )
    email = serializers.EmailField(
        read_only=True,
        allow_null=True,
        help_text="The account's confirmed e-mail address (null when it has none).",
    )
    pending_email = serializers.EmailField(
        read_only=True,
        allow_null=True,
        help_text="The address asked for, used once the link sent to it is followed (null when "
        "none is waiting).",
    )


class EmailChangeSerializer(serializers.Serializer):
    email = serializers.EmailField()


class EmailConfirmSerializer(serializers.Serializer):
    token = serializers.CharField(
        max_length=1000, help_text="The token of the link sent to the new address."
    )


def _me(user: Any) -> dict[str, Any]:
    profile = services.profile_of(user)
    return ProfileSerializer(
        {
            "username": user.get_username(),
            "display_name": profile.display_name,
            "function": profile.function,
            "email": user.email or None,
            "pending_email": profile.pending_email or None,
        }
    ).data


class MeView(APIView):
    @extend_schema(
        operation_id="me_retrieve",
        tags=["account"],
        responses=ProfileSerializer,
        description="Your own profile: the name and function documents and invitations use, "
        "your e-mail address and an address waiting for confirmation.",
    )
    def get(self, request: Request) -> Response:
        return Response(_me(request.user))

    @extend_schema(
        operation_id="me_update",
        tags=["account"],
        request=ProfileSerializer,
        responses=ProfileSerializer,
        description="Set your display name and function (documents and invitations name you "
        "with them). The e-mail address changes through ``/me/email``.",
    )
    def put(self, request: Request) -> Response:
        data = ProfileSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.update_profile(
            actor=request.user,  # type: ignore[arg-type]
            display_name=data.validated_data["display_name"],
            function=data.validated_data["function"],
        )
        return Response(_me(request.user))


class MeEmailView(APIView):
    @extend_schema(
        operation_id="me_email_change",
        tags=["account"],
        request=EmailChangeSerializer,
        responses={202: ProfileSerializer},
        description="Ask to change your e-mail address: a link to confirm it goes to the new "
        "address, which is used once the link is followed (or its token posted to "
        "``/me/email/confirm``). Until then the current address stays.",
    )
    def post(self, request: Request) -> Response:
        data = EmailChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.request_email_change(
            actor=request.user,  # type: ignore[arg-type]
            email=data.validated_data["email"],
            site_url=request.build_absolute_uri("/"),
        )
        return Response(_me(request.user), status=status.HTTP_202_ACCEPTED)


class MeEmailConfirmView(APIView):
    @extend_schema(
        operation_id="me_email_confirm",
        tags=["account"],
        request=EmailConfirmSerializer,
        responses=ProfileSerializer,
        description="Confirm a new e-mail address with the token from the link sent to it; the "
        "address is then yours. A token works once, for the account that asked.",
    )
    def post(self, request: Request) -> Response:
        data = EmailConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.confirm_email(
            actor=request.user,  # type: ignore[arg-type]
            token=data.validated_data["token"],
        )
        return Response(_me(user))
