"""REST API of the caller's own notices (``/api/v1/me/notices``) and their choice of e-mails
about them (``/api/v1/me/notices/preference``). Thin: :mod:`grenzeloos.accounts.notices`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from grenzeloos.accounts import notices
from grenzeloos.accounts.models import Digest

PAGE_SIZE = 50


class NoticeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="What happened, such as 'mention'.")
    label = serializers.CharField(help_text="The kind in the caller's language.")
    text = serializers.CharField()
    url = serializers.CharField(help_text="Where to read it: a path in the web app.")
    by = serializers.CharField(allow_null=True, help_text="The user name of who caused it.")
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


class NoticePageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="How many notices there are (of this filter).")
    unread = serializers.IntegerField(help_text="How many of all the caller's notices are unread.")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = NoticeSerializer(many=True)


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        allow_null=True,
        max_length=1000,
        help_text="The notices to mark read; leave out to mark all read.",
    )


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many notices this marked read.")
    unread = serializers.IntegerField(help_text="How many are still unread.")


class PreferenceSerializer(serializers.Serializer):
    email_mentions = serializers.BooleanField(help_text="E-mail me when someone mentions me.")
    language = serializers.ChoiceField(
        choices=[code for code, _name in settings.LANGUAGES], help_text="Of the e-mails."
    )
    digest = serializers.ChoiceField(
        choices=Digest.choices,
        required=False,
        help_text="How often a digest is e-mailed (left out: unchanged).",
    )


def _row(notice: Any) -> dict[str, Any]:
    return {
        "id": notice.pk,
        "kind": notice.kind,
        "label": notices.kind_label(notice.kind),
        "text": notice.text,
        "url": notice.url,
        "by": notice.actor.get_username() if notice.actor else None,
        "created_at": notice.created_at,
        "read_at": notice.read_at,
    }


class NoticeListView(APIView):
    @extend_schema(
        operation_id="me_notices_list",
        tags=["account"],
        parameters=[
            OpenApiParameter("unread", bool, description="only the unread notices"),
            OpenApiParameter("page", int, description=f"page of {PAGE_SIZE} notices"),
        ],
        responses=NoticePageSerializer,
        description="Your notices, newest first: mentions and whatever else a capability tells "
        "you, each with a link to read it.",
    )
    def get(self, request: Request) -> Response:
        actor: Any = request.user
        unread_only = request.query_params.get("unread", "").lower() in ("1", "true", "yes")
        found = notices.notices_of(actor=actor, unread_only=unread_only)
        page = Paginator(found, PAGE_SIZE).get_page(request.query_params.get("page"))
        body = {
            "count": page.paginator.count,
            "unread": notices.unread_count(actor=actor),
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": [_row(notice) for notice in page.object_list],
        }
        return Response(NoticePageSerializer(body).data)


class NoticeReadView(APIView):
    @extend_schema(
        operation_id="me_notices_mark_read",
        tags=["account"],
        request=MarkReadSerializer,
        responses=MarkedSerializer,
        description="Mark your notices read: those named in ``ids``, or all. A notice that is "
        "not yours is left alone.",
    )
    def post(self, request: Request) -> Response:
        actor: Any = request.user
        data = MarkReadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        marked = notices.mark_read(actor=actor, ids=data.validated_data.get("ids"))
        return Response({"marked": marked, "unread": notices.unread_count(actor=actor)})


class NoticePreferenceView(APIView):
    @extend_schema(
        operation_id="me_notices_preference_retrieve",
        tags=["account"],
        responses=PreferenceSerializer,
        description="Which notices you also get by e-mail, and in which language.",
    )
    def get(self, request: Request) -> Response:
        return Response(_preference(notices.preference_of(request.user)))  # type: ignore[arg-type]

    @extend_schema(
        operation_id="me_notices_preference_update",
        tags=["account"],
        request=PreferenceSerializer,
        responses=PreferenceSerializer,
        description="Choose which notices you also get by e-mail, and in which language.",
    )
    def put(self, request: Request) -> Response:
        data = PreferenceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        preference = notices.set_preference(
            actor=request.user,  # type: ignore[arg-type]
            email_mentions=data.validated_data["email_mentions"],
            language=data.validated_data["language"],
            digest=data.validated_data.get("digest"),
        )
        return Response(_preference(preference))


def _preference(preference: Any) -> dict[str, Any]:
    return dict(
        PreferenceSerializer(
            {
                "email_mentions": preference.email_mentions,
                "language": preference.language,
                "digest": preference.digest,
            }
        ).data
    )
