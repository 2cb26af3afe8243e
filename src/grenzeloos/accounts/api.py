"""REST API of the caller's own API tokens (``/api/v1/account/tokens``)."""

from __future__ import annotations

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
