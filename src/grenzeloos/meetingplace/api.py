"""REST API of the meeting place: problem statements, answers, the round-table comparison,
matches, the missing seat and starting a collaboration. Thin: services do the work, and decide
who sees what (a statement one may not see is 404)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from grenzeloos import publication
from grenzeloos.core.api import SEARCH_BUSY, field_problem, search_parameter
from grenzeloos.core.errors import FieldError
from grenzeloos.meetingplace import matching, services
from grenzeloos.meetingplace.models import (
    Agreement,
    AnswerKind,
    ClosedReason,
    Statement,
    Visibility,
)
from grenzeloos.organisations.services import get_organisation


class StatementSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    organisation = serializers.IntegerField(
        source="organisation_id",
        required=False,
        allow_null=True,
        default=None,
        help_text="the organisation that owns the problem (one its contact persons speaks for)",
    )
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, default=""
    )
    collaboration = serializers.IntegerField(
        source="collaboration_id",
        required=False,
        allow_null=True,
        default=None,
        help_text="or the forming collaboration that owns it",
    )
    title = serializers.CharField(max_length=200)
    hurts = serializers.CharField(max_length=2000, help_text="what hurts")
    for_whom = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    tried = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    themes = serializers.ListField(
        child=serializers.CharField(max_length=60), max_length=10, required=False, default=list
    )
    seeking = serializers.ListField(
        child=serializers.ChoiceField(choices=publication.choices(publication.Seat)),
        max_length=6,
        required=False,
        default=list,
        help_text="the places at the table it seeks",
    )
    seat = serializers.ChoiceField(
        choices=publication.choices(publication.Seat),
        required=False,
        default=publication.Seat.PROBLEM_OWNER,
    )
    interests = serializers.ListField(
        child=serializers.ChoiceField(choices=publication.choices(publication.Interest)),
        max_length=9,
        required=False,
        default=list,
    )
    visibility = serializers.ChoiceField(
        choices=Visibility.choices, required=False, default=Visibility.EVERYONE
    )
    audience_sector = serializers.ChoiceField(
        choices=publication.choices(publication.Sector),
        required=False,
        allow_blank=True,
        default="",
    )
    invited = serializers.ListField(
        child=serializers.IntegerField(),
        max_length=100,
        required=False,
        default=list,
        write_only=True,
        help_text="ids of the organisations invited to see it (visibility invited)",
    )
    invited_organisations = serializers.SerializerMethodField(
        help_text="ids of the invited organisations (shown to the owner only)"
    )
    status = serializers.CharField(read_only=True)
    closed_reason = serializers.CharField(
        read_only=True, help_text="why its owner closed it (empty while it is not closed)"
    )
    closed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    started = serializers.IntegerField(source="started_id", read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True)

    def to_representation(self, instance: Statement) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["themes"] = matching.split(instance.themes)
        data["seeking"] = matching.split(instance.seeking)
        data["interests"] = matching.split(instance.interests)
        return data

    def get_invited_organisations(self, instance: Statement) -> list[int]:
        user = self.context.get("user")
        if user is None or not services.owns(user, instance):
            return []
        return sorted(instance.invited.values_list("pk", flat=True))


class AnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    organisation = serializers.IntegerField(source="organisation_id")
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    kind = serializers.ChoiceField(choices=AnswerKind.choices)
    framing = serializers.CharField(max_length=2000, help_text="the problem in its own words")
    seat = serializers.ChoiceField(
        choices=publication.choices(publication.Seat),
        required=False,
        default=publication.Seat.PROBLEM_OWNER,
    )
    interests = serializers.ListField(
        child=serializers.ChoiceField(choices=publication.choices(publication.Interest)),
        max_length=9,
        required=False,
        default=list,
    )
    confirmed = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(read_only=True)

    def get_confirmed(self, answer: Any) -> bool:
        return services.confirmed(answer)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["interests"] = matching.split(instance.interests)
        return data


class ComparisonSerializer(serializers.Serializer):
    side = serializers.CharField(read_only=True)
    same_people = serializers.ChoiceField(choices=Agreement.choices)
    same_cause = serializers.ChoiceField(choices=Agreement.choices)
    same_goal = serializers.ChoiceField(choices=Agreement.choices)
    will_invest = serializers.BooleanField()
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    agrees = serializers.BooleanField(read_only=True)


class ProblemMatchSerializer(serializers.Serializer):
    statement = StatementSerializer()
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class OrganisationMatchSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(source="organisation.pk")
    name = serializers.CharField(source="organisation.name")
    sector = serializers.CharField(source="organisation.sector")
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class ProblemMatchesSerializer(serializers.Serializer):
    statements = ProblemMatchSerializer(many=True)
    organisations = OrganisationMatchSerializer(many=True)


class SuggestionSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(source="organisation.pk")
    name = serializers.CharField(source="organisation.name")
    reason = serializers.CharField()


class CaseReferenceSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField()
    why = serializers.CharField()


class EmptySeatSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=(("sector", "sector"), ("seat", "seat")))
    key = serializers.CharField()
    label = serializers.CharField()
    organisations = SuggestionSerializer(many=True)
    cases = CaseReferenceSerializer(many=True)


class TableSerializer(serializers.Serializer):
    sectors = serializers.ListField(child=serializers.CharField())
    seats = serializers.ListField(child=serializers.CharField())
    missing = EmptySeatSerializer(many=True)


class StartSerializer(serializers.Serializer):
    answers = serializers.ListField(
        child=serializers.IntegerField(),
        max_length=100,
        required=False,
        allow_null=True,
        default=None,
        help_text="the confirmed answers to start with (default: every confirmed one)",
    )


class StatementCloseSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(
        choices=ClosedReason.choices,
        required=False,
        default=ClosedReason.FOUND,
        help_text="found what it sought, or no longer relevant",
    )


class StartedSerializer(serializers.Serializer):
    collaboration = serializers.IntegerField()


def _statement(request: Request, pk: int) -> Statement:
    return services.get_statement(user=request.user, pk=pk)


class StatementListView(APIView):
    @extend_schema(
        tags=["problems"],
        summary="List problem statements",
        parameters=[
            OpenApiParameter(
                "q",
                str,
                description="words the statement holds (at most 10 words, at most 3 of them "
                "under 3 characters, and 200 characters); accents ignored",
            ),
            OpenApiParameter("mine", bool, description="only those of your own organisations"),
            OpenApiParameter(
                "closed",
                bool,
                description="instead of the open ones, the closed statements you may still "
                "read (your own, and those your organisations answered)",
            ),
        ],
        responses={
            200: StatementSerializer(many=True),
            400: OpenApiResponse(description="too many words, too long, or took too long"),
            503: SEARCH_BUSY,
        },
    )
    def get(self, request: Request) -> Response:
        """The problem statements you may see (open to everyone signed in, shared with your
        organisation's sector, or with your organisation), newest first."""
        with search_parameter("q"):
            found = services.find_statements(
                user=request.user,
                search=request.query_params.get("q", ""),
                mine=request.query_params.get("mine", "") in ("1", "true"),
                closed=request.query_params.get("closed", "") in ("1", "true"),
                limit=500,
            )
        context = {"user": request.user}
        return Response(StatementSerializer(found, many=True, context=context).data)

    @extend_schema(
        tags=["problems"],
        summary="Publish a problem statement",
        request=StatementSerializer,
        responses={201: StatementSerializer, 409: OpenApiResponse(description="not forming")},
    )
    def post(self, request: Request) -> Response:
        """Publish a problem your organisation owns (you are one of its contact persons with
        an account), or one of a forming collaboration in which you may edit."""
        incoming = StatementSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        organisation_id = data.pop("organisation_id", None)
        collaboration_id = data.pop("collaboration_id", None)
        organisation = (
            get_organisation(user=request.user, pk=organisation_id)
            if organisation_id is not None
            else None
        )
        try:
            created = services.publish(
                actor=request.user,  # type: ignore[arg-type]
                organisation=organisation,
                collaboration_id=collaboration_id,
                data=services.StatementData(**data),
            )
        except FieldError as error:
            return field_problem(error)
        context = {"user": request.user}
        return Response(
            StatementSerializer(created, context=context).data, status=status.HTTP_201_CREATED
        )


class StatementDetailView(APIView):
    @extend_schema(
        tags=["problems"], summary="One problem statement", responses=StatementSerializer
    )
    def get(self, request: Request, pk: int) -> Response:
        """One problem statement you may see; 404 for every other."""
        found = _statement(request, pk)
        return Response(StatementSerializer(found, context={"user": request.user}).data)


class AnswerListView(APIView):
    @extend_schema(
        tags=["problems"], summary="Answers to a statement", responses=AnswerSerializer(many=True)
    )
    def get(self, request: Request, pk: int) -> Response:
        """Who answered: every answer for the statement's owner; your own organisations'
        answers for anyone else."""
        found = services.answers_for(user=request.user, statement=_statement(request, pk))
        return Response(AnswerSerializer(found, many=True).data)

    @extend_schema(
        tags=["problems"],
        summary="Answer a statement",
        request=AnswerSerializer,
        responses={201: AnswerSerializer, 409: OpenApiResponse(description="no longer open")},
    )
    def post(self, request: Request, pk: int) -> Response:
        """Answer for an organisation you speak for: "we have this too" in its own words, or
        an offer of knowledge. A second answer of the same organisation replaces the first."""
        statement = _statement(request, pk)
        incoming = AnswerSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        organisation = get_organisation(user=request.user, pk=data["organisation_id"])
        try:
            created = services.answer(
                actor=request.user,  # type: ignore[arg-type]
                statement=statement,
                organisation=organisation,
                kind=data["kind"],
                framing=data["framing"],
                seat=data["seat"],
                interests=data["interests"],
            )
        except FieldError as error:
            return field_problem(error)
        return Response(AnswerSerializer(created).data, status=status.HTTP_201_CREATED)


class ComparisonView(APIView):
    @extend_schema(
        tags=["problems"],
        summary="Fill in your side of the round-table comparison",
        request=ComparisonSerializer,
        responses=ComparisonSerializer,
    )
    def put(self, request: Request, pk: int) -> Response:
        """Do you really share the problem, or only the words? The statement's owner and the
        answering organisation each fill in their side; both agreeing confirms the answer."""
        answer = services.get_answer(user=request.user, pk=pk)
        incoming = ComparisonSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        saved = services.compare(
            actor=request.user,  # type: ignore[arg-type]
            answer=answer,
            **incoming.validated_data,
        )
        return Response(ComparisonSerializer(saved).data)


class MatchesView(APIView):
    @extend_schema(
        tags=["problems"],
        summary="Statements and organisations that share the problem",
        responses={200: ProblemMatchesSerializer, 503: SEARCH_BUSY},
    )
    def get(self, request: Request, pk: int) -> Response:
        """Ranked statements you may see that share the problem, and their organisations, each
        with the reasons it matched, in your language."""
        found = services.matches(user=request.user, statement=_statement(request, pk))
        return Response(ProblemMatchesSerializer(found, context={"user": request.user}).data)


class StartView(APIView):
    @extend_schema(
        tags=["problems"],
        summary="Start a collaboration from a statement",
        request=StartSerializer,
        responses={
            201: StartedSerializer,
            409: OpenApiResponse(description="nobody confirmed yet, or no longer open"),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        """The owner and the organisations that confirmed the shared problem start a
        collaboration: its canvas is seeded from their statements and the people who confirmed
        become its owners."""
        statement = _statement(request, pk)
        incoming = StartSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        started = services.start_collaboration(
            actor=request.user,  # type: ignore[arg-type]
            statement=statement,
            answers=incoming.validated_data.get("answers"),
        )
        return Response({"collaboration": started}, status=status.HTTP_201_CREATED)


class CloseView(APIView):
    @extend_schema(
        tags=["problems"],
        summary="Close a problem statement",
        request=StatementCloseSerializer,
        responses={200: StatementSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        """Its owner closes a statement that found what it sought or is no longer relevant: it
        leaves every list, search, match and digest, and stays readable to its owner and to the
        organisations that answered it. Closing it again changes nothing."""
        statement = _statement(request, pk)
        incoming = StatementCloseSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        closed = services.close(
            actor=request.user,  # type: ignore[arg-type]
            statement=statement,
            reason=incoming.validated_data["reason"],
        )
        return Response(StatementSerializer(closed, context={"user": request.user}).data)


class MissingSeatsView(APIView):
    @extend_schema(
        tags=["collaborations"],
        summary="The missing seats at a collaboration's table",
        responses=TableSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        """Which sectors and places at the table the collaboration's partners do not fill yet,
        with organisations that could, and cases where it made the difference."""
        table = services.missing_seats(user=request.user, collaboration_id=pk)
        return Response(TableSerializer(table).data)
