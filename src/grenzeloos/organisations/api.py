"""REST API of the organisations registry: organisations and their contact persons, a person's
data exported or erased. Thin: services do the work. The paths are the ones they had in the
ledger (``/api/v1/organisations``, ``/api/v1/contacts/...``)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from grenzeloos.core.api import SEARCH_BUSY, field_problem, search_parameter
from grenzeloos.organisations import services
from grenzeloos.organisations.models import ContactPerson, Sector, SizeClass

AMOUNT = {"max_digits": 14, "decimal_places": 2, "coerce_to_string": False}


class ContactSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    role = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    account = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=150,
        help_text="the user name of the person's account: it makes the person one of the "
        "organisation's managers (shown to managers only)",
    )
    erased = serializers.BooleanField(source="is_erased", read_only=True)


class OrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(max_length=200)
    sector = serializers.ChoiceField(choices=Sector.choices)
    kvk_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=12)
    size_class = serializers.ChoiceField(
        choices=SizeClass.choices, required=False, allow_blank=True, default=""
    )
    staff = serializers.DecimalField(**AMOUNT, required=False, allow_null=True, default=None)
    turnover_eur = serializers.DecimalField(**AMOUNT, required=False, allow_null=True, default=None)
    balance_sheet_eur = serializers.DecimalField(
        **AMOUNT, required=False, allow_null=True, default=None
    )
    size_basis = serializers.CharField(read_only=True)


class OrganisationDetailSerializer(OrganisationSerializer):
    contacts = ContactSerializer(many=True, read_only=True)


class OrganisationListView(APIView):
    @extend_schema(
        summary="List organisations",
        parameters=[
            OpenApiParameter(
                "q",
                str,
                description=(
                    "search in name or KvK number (at most 10 words, at most 3 of them under"
                    " 3 characters, and 200 characters)"
                ),
            )
        ],
        responses={
            200: OrganisationSerializer(many=True),
            400: OpenApiResponse(description="too many words, too long, or took too long"),
            503: SEARCH_BUSY,
        },
    )
    def get(self, request: Request) -> Response:
        with search_parameter("q"):
            found = services.find_organisations(
                user=request.user, search=request.query_params.get("q", ""), limit=500
            )
        return Response(OrganisationSerializer(found, many=True).data)

    @extend_schema(
        summary="Register an organisation",
        description="Staff, turnover and balance-sheet total together derive the size class "
        "with the EU SME definition.",
        request=OrganisationSerializer,
        responses={201: OrganisationSerializer},
    )
    def post(self, request: Request) -> Response:
        incoming = OrganisationSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            created = services.create_organisation(
                actor=request.user,  # type: ignore[arg-type]
                data=services.OrganisationData.stated(incoming.validated_data),
            )
        except services.FieldError as error:
            return field_problem(error)
        return Response(OrganisationSerializer(created).data, status=status.HTTP_201_CREATED)


class OrganisationDetailView(APIView):
    @extend_schema(
        summary="One organisation with its contact persons",
        description="Contact persons' e-mail addresses and accounts are included only for "
        "the organisation's managers: its contact persons with an account, whoever registered "
        "it, and staff. Linking a partner to the organisation does not make anyone a manager.",
        responses=OrganisationDetailSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        found = services.get_organisation(user=request.user, pk=pk)
        data = OrganisationDetailSerializer(found).data
        if not services.may_manage(user=request.user, organisation=found):
            for contact in data["contacts"]:
                contact.pop("email", None)
                contact.pop("account", None)
        return Response(data)

    @extend_schema(
        summary="Change an organisation",
        request=OrganisationSerializer,
        responses=OrganisationSerializer,
    )
    def put(self, request: Request, pk: int) -> Response:
        found = services.get_organisation(user=request.user, pk=pk)
        incoming = OrganisationSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            saved = services.update_organisation(
                actor=request.user,  # type: ignore[arg-type]
                organisation=found,
                data=services.OrganisationData.stated(incoming.validated_data),
            )
        except services.FieldError as error:
            return field_problem(error)
        return Response(OrganisationSerializer(saved).data)


class ContactListView(APIView):
    @extend_schema(
        summary="Add a contact person to an organisation",
        request=ContactSerializer,
        responses={201: ContactSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        found = services.get_organisation(user=request.user, pk=pk)
        incoming = ContactSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            person = services.add_contact(
                actor=request.user,  # type: ignore[arg-type]
                organisation=found,
                **incoming.validated_data,
            )
        except services.FieldError as error:
            return field_problem(error)
        return Response(ContactSerializer(person).data, status=status.HTTP_201_CREATED)


class ContactExportView(APIView):
    @extend_schema(
        summary="Export a person's personal data (AVG/GDPR)",
        request=None,
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="grenzeloos.person-export/1")
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        person = services.get_contact(user=request.user, pk=pk)
        return Response(services.export_person(actor=request.user, person=person))  # type: ignore[arg-type]


class ContactEraseView(APIView):
    @extend_schema(
        summary="Erase a person's personal data (AVG/GDPR); their contributions stay",
        request=None,
        responses=ContactSerializer,
    )
    def post(self, request: Request, pk: int) -> Response:
        person: ContactPerson = services.get_contact(user=request.user, pk=pk)
        erased = services.erase_person(actor=request.user, person=person)  # type: ignore[arg-type]
        return Response(ContactSerializer(erased).data)
