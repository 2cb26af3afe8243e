"""REST API of governance: a collaboration's bodies and seats, the governance checks, decisions
(propose, vote, close), comments and open questions, and the record of who did what. Thin:
services do the work; their errors answer problem+json (400, 403, 404, 409)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from grenzeloos.collaborations.access import CollaborationAPIView
from grenzeloos.core.api import file_responses
from grenzeloos.core.errors import InvalidInput, NotFound, not_one_of
from grenzeloos.core.extensions import lesson
from grenzeloos.governance import exports, services
from grenzeloos.governance.access import COMMENT, MANAGE, PULSE, RECORD, VIEW, VOTE
from grenzeloos.governance.models import BodyKind, Decision, Subject
from grenzeloos.governance.voting import Choice, Method
from grenzeloos.publication import CANVAS_BOXES, Sector


class SeatSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(max_length=200)
    username = serializers.CharField(
        max_length=150,
        required=False,
        allow_blank=True,
        help_text="the member's account, when the seat votes through this app",
    )
    organisation = serializers.CharField(max_length=200, required=False, allow_blank=True)
    sector = serializers.ChoiceField(choices=Sector.choices, required=False, allow_blank=True)
    personal_title = serializers.BooleanField(required=False, default=False)
    voting = serializers.BooleanField(required=False, default=True)
    weight = serializers.IntegerField(min_value=1, max_value=100, required=False, default=1)
    financier = serializers.BooleanField(required=False, default=False)
    sponsor = serializers.BooleanField(required=False, default=False)
    term_start = serializers.DateField(required=False, allow_null=True, default=None)
    term_end = serializers.DateField(required=False, allow_null=True, default=None)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["username"] = instance.user.get_username() if instance.user else ""
        return data


class BodySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=BodyKind.choices)
    mandate = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    seats = SeatSerializer(many=True, read_only=True)


class FindingSerializer(serializers.Serializer):
    check = serializers.CharField(help_text="financier_on_board, majority_holder, ...")
    body = serializers.CharField()
    subject = serializers.CharField()
    lesson = serializers.CharField(help_text="the key of the lesson the check comes from")
    lesson_text = serializers.CharField()
    lesson_section = serializers.CharField()


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    body = serializers.IntegerField(source="body_id", help_text="the body's id")
    title = serializers.CharField(max_length=200)
    proposal = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    method = serializers.ChoiceField(choices=[m.value for m in Method], default=Method.CONSENT)
    quorum = serializers.RegexField(
        r"^\d{1,3}/\d{1,3}$", default="1/2", help_text="a share such as 1/2 or 2/3"
    )
    weighted = serializers.BooleanField(required=False, default=False)
    subject = serializers.ChoiceField(choices=Subject.choices, default=Subject.TEXT)
    revision = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    reference = serializers.CharField(max_length=200, required=False, allow_blank=True)
    status = serializers.CharField(read_only=True)
    outcome = serializers.CharField(read_only=True)
    reasoning = serializers.CharField(read_only=True)
    tally = serializers.JSONField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    closed_at = serializers.DateTimeField(read_only=True)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["quorum"] = f"{instance.quorum_numerator}/{instance.quorum_denominator}"
        return data


class VoteSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(choices=[c.value for c in Choice])


class CloseSerializer(serializers.Serializer):
    reasoning = serializers.CharField(max_length=20000, required=False, allow_blank=True)


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    box = serializers.ChoiceField(
        choices=[box.key for box in CANVAS_BOXES], required=False, allow_blank=True
    )
    partner = serializers.CharField(max_length=200, required=False, allow_blank=True)
    text = serializers.CharField(max_length=5000)
    question = serializers.BooleanField(required=False, default=False)
    parent = serializers.IntegerField(
        source="parent_id", required=False, allow_null=True, default=None
    )
    author = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    resolved_at = serializers.DateTimeField(read_only=True)


class EventSerializer(serializers.Serializer):
    created_at = serializers.DateTimeField()
    person = serializers.CharField(allow_blank=True)
    action = serializers.CharField()
    target = serializers.CharField()
    data = serializers.JSONField()


class BodyListView(CollaborationAPIView):
    read_action = VIEW
    write_action = MANAGE

    @extend_schema(summary="Bodies of a collaboration", responses=BodySerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        found = services.bodies(actor=request.user, collaboration_id=int(pk))  # type: ignore[arg-type]
        return Response(BodySerializer(found, many=True).data)

    @extend_schema(summary="Set up a body", request=BodySerializer, responses={201: BodySerializer})
    def post(self, request: Request, pk: int) -> Response:
        self.collaboration(request, pk)  # strangers learn nothing from a refusal of the input
        incoming = BodySerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        body = services.create_body(
            actor=request.user,  # type: ignore[arg-type]
            collaboration_id=int(pk),
            **incoming.validated_data,
        )
        return Response(BodySerializer(body).data, status=status.HTTP_201_CREATED)


def _body_in(request: Request, pk: int, item: int) -> Any:
    body = services.get_body(actor=request.user, body_id=item)  # type: ignore[arg-type]
    if body.collaboration_id != int(pk):
        raise NotFound("no such body")
    return body


class SeatListView(CollaborationAPIView):
    read_action = MANAGE
    write_action = MANAGE

    @extend_schema(
        summary="Give someone a seat in a body",
        request=SeatSerializer,
        responses={201: SeatSerializer},
    )
    def post(self, request: Request, pk: int, item: int) -> Response:
        collaboration = self.collaboration(request, pk)
        body = _body_in(request, pk, item)
        incoming = SeatSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        username = data.pop("username", "").strip()
        user = None
        if username:
            user = (
                get_user_model()
                .objects.filter(username__iexact=username, memberships__collaboration=collaboration)
                .first()
            )
            if user is None:
                raise InvalidInput([("username", "no member of this collaboration has that name")])
        seat = services.add_seat(
            actor=request.user,  # type: ignore[arg-type]
            body_id=body.pk,
            user=user,
            **data,
        )
        return Response(SeatSerializer(seat).data, status=status.HTTP_201_CREATED)


class CheckListView(CollaborationAPIView):
    read_action = VIEW

    @extend_schema(
        summary="The governance checks, each citing its lesson",
        responses=FindingSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        rows = []
        for finding in services.findings(actor=request.user, collaboration_id=int(pk)):  # type: ignore[arg-type]
            cited = lesson(finding.lesson)
            rows.append(
                {
                    "check": finding.check,
                    "body": finding.body,
                    "subject": finding.subject,
                    "lesson": finding.lesson,
                    "lesson_text": cited.text if cited else "",
                    "lesson_section": cited.section if cited else "",
                }
            )
        return Response(FindingSerializer(rows, many=True).data)


class DecisionListView(CollaborationAPIView):
    read_action = VIEW
    write_action = MANAGE

    @extend_schema(
        summary="Decisions of a collaboration's bodies", responses=DecisionSerializer(many=True)
    )
    def get(self, request: Request, pk: int) -> Response:
        found = services.decisions(actor=request.user, collaboration_id=int(pk))  # type: ignore[arg-type]
        return Response(DecisionSerializer(found, many=True).data)

    @extend_schema(
        summary="Put a proposal to a body",
        request=DecisionSerializer,
        responses={201: DecisionSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        self.collaboration(request, pk)  # strangers learn nothing from a refusal of the input
        incoming = DecisionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        body = _body_in(request, pk, data.pop("body_id"))
        numerator, denominator = (int(part) for part in data.pop("quorum").split("/"))
        if denominator == 0 or numerator > denominator:
            raise InvalidInput([("quorum", "must be a share from 0 to 1, such as 1/2 or 2/3")])
        decision = services.propose(
            actor=request.user,  # type: ignore[arg-type]
            body_id=body.pk,
            quorum=Fraction(numerator, denominator),
            **data,
        )
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


def _decision_in(request: Request, pk: int, item: int) -> Decision:
    decision = services.get_decision(actor=request.user, decision_id=item)  # type: ignore[arg-type]
    if decision.body.collaboration_id != int(pk):
        raise NotFound("no such decision")
    return decision


class DecisionDetailView(CollaborationAPIView):
    read_action = VIEW

    @extend_schema(summary="One decision", responses=DecisionSerializer)
    def get(self, request: Request, pk: int, item: int) -> Response:
        return Response(DecisionSerializer(_decision_in(request, pk, item)).data)


class VoteView(CollaborationAPIView):
    read_action = VIEW
    write_action = VOTE

    @extend_schema(
        summary="Cast or change one's vote (one per member, until the decision closes)",
        request=VoteSerializer,
        responses={200: VoteSerializer},
    )
    def put(self, request: Request, pk: int, item: int) -> Response:
        self.collaboration(request, pk)
        decision = _decision_in(request, pk, item)
        incoming = VoteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        cast = services.vote(
            actor=request.user,  # type: ignore[arg-type]
            decision_id=decision.pk,
            choice=incoming.validated_data["choice"],
        )
        return Response({"choice": cast.choice})


class CloseView(CollaborationAPIView):
    read_action = MANAGE
    write_action = MANAGE

    @extend_schema(
        summary="Close a decision: the tally becomes its outcome",
        request=CloseSerializer,
        responses={200: DecisionSerializer},
    )
    def post(self, request: Request, pk: int, item: int) -> Response:
        self.collaboration(request, pk)
        decision = _decision_in(request, pk, item)
        incoming = CloseSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        closed = services.close(
            actor=request.user,  # type: ignore[arg-type]
            decision_id=decision.pk,
            reasoning=incoming.validated_data.get("reasoning", ""),
        )
        return Response(DecisionSerializer(closed).data)


def _comment_rows(found: Any) -> list[dict[str, Any]]:
    rows = []
    for thread in found:
        for comment in (thread, *thread.replies.all()):
            rows.append(
                {
                    "id": comment.pk,
                    "box": comment.box,
                    "partner": comment.partner,
                    "text": comment.text,
                    "question": comment.question,
                    "parent_id": comment.parent_id,
                    "author": comment.author.get_username() if comment.author else "",
                    "created_at": comment.created_at,
                    "resolved_at": thread.resolved_at,
                }
            )
    return rows


class CommentListView(CollaborationAPIView):
    read_action = VIEW
    write_action = COMMENT

    @extend_schema(
        summary="Comments and open questions (threads, replies after their comment)",
        parameters=[
            OpenApiParameter("open", bool, description="only unresolved threads"),
            OpenApiParameter("questions", bool, description="only open questions"),
        ],
        responses=CommentSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        found = services.comments(
            actor=request.user,  # type: ignore[arg-type]
            collaboration_id=int(pk),
            open_only=request.query_params.get("open") in ("1", "true"),
            questions_only=request.query_params.get("questions") in ("1", "true"),
        )
        return Response(CommentSerializer(_comment_rows(found), many=True).data)

    @extend_schema(
        summary="Comment on a box or a partner, or reply; @username mentions notify members",
        request=CommentSerializer,
        responses={201: CommentSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        self.collaboration(request, pk)  # strangers learn nothing from a refusal of the input
        incoming = CommentSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        comment = services.add_comment(
            actor=request.user,  # type: ignore[arg-type]
            collaboration_id=int(pk),
            text=data["text"],
            box=data.get("box", ""),
            partner=data.get("partner", ""),
            question=data.get("question", False),
            parent_id=data.get("parent_id"),
        )
        row = {
            **data,
            "id": comment.pk,
            "box": comment.box,
            "partner": comment.partner,
            "author": comment.author.get_username() if comment.author else "",
            "created_at": comment.created_at,
            "resolved_at": None,
        }
        return Response(CommentSerializer(row).data, status=status.HTTP_201_CREATED)


class ResolveView(CollaborationAPIView):
    read_action = COMMENT
    write_action = COMMENT

    @extend_schema(
        summary="Resolve a comment or open question", request=None, responses={204: None}
    )
    def post(self, request: Request, pk: int, item: int) -> Response:
        self.collaboration(request, pk)
        exists = services.comments(
            actor=request.user,  # type: ignore[arg-type]
            collaboration_id=int(pk),
        ).filter(pk=item)
        if not exists.exists():
            raise NotFound("no such comment")
        services.resolve(actor=request.user, comment_id=item)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)


class RecordView(CollaborationAPIView):
    read_action = RECORD

    @extend_schema(
        summary="Who did what: the collaboration's record from the audit log, newest first",
        parameters=[
            OpenApiParameter("person", str, description="a user name"),
            OpenApiParameter(
                "kind", str, enum=list(services.RECORD_KINDS), description="a kind of event"
            ),
            OpenApiParameter("since", str, description="from this day (YYYY-MM-DD)"),
            OpenApiParameter("until", str, description="up to this day (YYYY-MM-DD)"),
            OpenApiParameter("page", int, description="page of 100 events"),
        ],
        responses=EventSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        import datetime as dt

        params = request.query_params
        dates: dict[str, dt.date | None] = {}
        for name in ("since", "until"):
            text = params.get(name, "")
            try:
                dates[name] = dt.date.fromisoformat(text) if text else None
            except ValueError:
                raise InvalidInput([(name, "a day as YYYY-MM-DD")]) from None
        events = services.record_events(
            actor=request.user,  # type: ignore[arg-type]
            collaboration_id=int(pk),
            person=params.get("person", ""),
            kind=params.get("kind", ""),
            **dates,
        )
        page = Paginator(events, 100).get_page(params.get("page"))
        rows = [
            {
                "created_at": event.created_at,
                "person": event.actor.get_username() if event.actor else "",
                "action": event.action,
                "target": f"{event.target_type}:{event.target_id}",
                "data": event.data,
            }
            for event in page.object_list
        ]
        return Response(EventSerializer(rows, many=True).data)


class PulseAnswerSerializer(serializers.Serializer):
    period = serializers.RegexField(
        r"^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$", help_text="a period such as 2026-Q4 or 2026-11"
    )
    sector = serializers.ChoiceField(choices=Sector.choices, help_text="the respondent's sector")
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=5),
        help_text="every statement (shared_goal, energy, open_interests, equal_voice, "
        "community, commitment) from 1 to 5",
    )


class PulseGroupSerializer(serializers.Serializer):
    group = serializers.CharField(help_text="'all' or a sector")
    shown = serializers.BooleanField(help_text="false below five answers: nothing is shown")
    respondents = serializers.IntegerField(allow_null=True)
    means = serializers.DictField(child=serializers.FloatField())


class PulsePeriodSerializer(serializers.Serializer):
    period = serializers.CharField()
    groups = PulseGroupSerializer(many=True)


def _group(name: str, aggregate: Any) -> dict[str, Any]:
    return {
        "group": name,
        "shown": aggregate.shown,
        "respondents": aggregate.respondents,
        "means": {key: round(float(mean), 2) for key, mean in aggregate.means.items()},
    }


class PulseView(CollaborationAPIView):
    read_action = VIEW
    write_action = PULSE

    @extend_schema(
        summary="The health pulse: what may be shown per period (groups from five answers)",
        responses=PulsePeriodSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        results = services.pulse_results(actor=request.user, collaboration_id=int(pk))  # type: ignore[arg-type]
        rows = [
            {
                "period": result.period,
                "groups": [
                    _group("all", result.overall),
                    *(_group(sector, aggregate) for sector, aggregate in result.groups.items()),
                ],
            }
            for result in results
        ]
        return Response(PulsePeriodSerializer(rows, many=True).data)

    @extend_schema(
        summary="Answer the health pulse of a period (once; stored without your name)",
        request=PulseAnswerSerializer,
        responses={204: None},
    )
    def post(self, request: Request, pk: int) -> Response:
        self.collaboration(request, pk)  # strangers learn nothing from a refusal of the input
        incoming = PulseAnswerSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        services.answer_pulse(
            actor=request.user,  # type: ignore[arg-type]
            collaboration_id=int(pk),
            period=data["period"],
            sector=data["sector"],
            scores=dict(data["scores"]),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Files for minutes and annual reports ---------------------------------------------------

FILE_PARAMETERS = [
    OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=list(exports.FORMATS)),
    OpenApiParameter("language", str, enum=list(exports.LANGUAGES), description="default nl"),
]


def _file_options(request: Request, fmt: str) -> str:
    """The language asked for, after checking the format and the language."""
    if fmt not in exports.FORMATS:
        raise not_one_of("format", fmt, exports.FORMATS)
    language = request.query_params.get("language", "nl")
    if language not in exports.LANGUAGES:
        raise not_one_of("language", language, exports.LANGUAGES)
    return language


def _file(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class DecisionsFileView(CollaborationAPIView):
    read_action = VIEW

    @extend_schema(
        summary="The decisions as a file (CSV, PDF or ODT) for minutes and annual reports",
        parameters=FILE_PARAMETERS,
        responses=file_responses(exports.CONTENT_TYPES.values()),
    )
    def get(self, request: Request, pk: int, fmt: str) -> HttpResponse:
        collaboration = self.collaboration(request, pk)
        language = _file_options(request, fmt)
        found = services.decisions(actor=request.user, collaboration_id=collaboration.pk)  # type: ignore[arg-type]
        content = exports.decisions_file(
            list(found.order_by("created_at", "pk")),
            fmt,
            collaboration=str(collaboration),
            language=language,
        )
        return _file(content, fmt, exports.filename("decisions", collaboration.pk, fmt))


class PulseFileView(CollaborationAPIView):
    read_action = VIEW

    @extend_schema(
        summary="The health pulse as a file (CSV, PDF or ODT); groups from five answers only",
        parameters=FILE_PARAMETERS,
        responses=file_responses(exports.CONTENT_TYPES.values()),
    )
    def get(self, request: Request, pk: int, fmt: str) -> HttpResponse:
        collaboration = self.collaboration(request, pk)
        language = _file_options(request, fmt)
        results = services.pulse_results(actor=request.user, collaboration_id=collaboration.pk)  # type: ignore[arg-type]
        content = exports.pulse_file(
            results, fmt, collaboration=str(collaboration), language=language
        )
        return _file(content, fmt, exports.filename("pulse", collaboration.pk, fmt))
