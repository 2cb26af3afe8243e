"""REST API of processes: the shipped templates, a collaboration's processes (copy, adapt),
their items, the funnel, and the moves of an item through its gates. Thin: services do the
work; a stale move answers 409, a refused one problem+json 400 naming the field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict, cast

from django.http import FileResponse
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from grenzeloos import publication
from grenzeloos.collaborations.access import CollaborationAPIView
from grenzeloos.core.api import field_problem, file_responses
from grenzeloos.core.errors import FieldError, NotFound
from grenzeloos.core.users import Actor
from grenzeloos.processes import definitions, services
from grenzeloos.processes.access import (
    CHALLENGE_SUBMIT,
    CHALLENGE_VIEW,
    DRAFT_CASE,
    MANAGE,
    MOVE,
    VIEW,
)
from grenzeloos.processes.models import Item, Outcome, Process

CONFLICT = OpenApiResponse(description="someone moved the item meanwhile, or it is closed")
CASE_CONFLICT = OpenApiResponse(
    description="the item is still open, or it was turned into a case already"
)
IN_USE = OpenApiResponse(
    description="the collaboration runs this process already, the process changed meanwhile, "
    "or a stage to remove still holds items"
)


class TemplateSerializer(serializers.Serializer):
    key = serializers.CharField()
    version = serializers.IntegerField()
    case = serializers.CharField(allow_null=True, help_text="the case library's slug")
    document = serializers.JSONField(help_text="the grenzeloos.process/1 document")


class ProcessSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    key = serializers.CharField()
    version = serializers.IntegerField()
    copied_from = serializers.CharField(help_text="template key@version it was copied from")
    document = serializers.JSONField(help_text="the grenzeloos.process/1 document")


class CopySerializer(serializers.Serializer):
    template = serializers.CharField(help_text="the key of a shipped template")


class AdaptSerializer(serializers.Serializer):
    document = serializers.JSONField(help_text="the adapted grenzeloos.process/1 document")
    base_version = serializers.IntegerField(help_text="the version the change was made on")


class ItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    stage = serializers.CharField()
    revision = serializers.IntegerField(help_text="name it when moving the item")
    linked_collaboration = serializers.IntegerField(source="linked_id", allow_null=True)
    entered_stage_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    outcome = serializers.CharField()
    lessons = serializers.CharField()
    case = serializers.CharField(
        source="case_slug",
        help_text="the case-library slug of the case the closed item was turned into, or ''",
    )


class NewItemSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    linked_collaboration = serializers.IntegerField(required=False, allow_null=True)


class BodyDecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="the decision's number in governance")
    body = serializers.CharField()
    on = serializers.DateField()
    title = serializers.CharField()


class TransitionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    from_stage = serializers.CharField()
    to_stage = serializers.CharField()
    criteria = serializers.ListField(child=serializers.DictField(child=serializers.CharField()))
    reason = serializers.CharField(help_text="may be empty when a body's decision took the move")
    decision = BodyDecisionSerializer(
        allow_null=True, help_text="the adopted decision of a body that took the move, if any"
    )
    decided_by = serializers.CharField(allow_null=True)
    decided_at = serializers.DateTimeField()


class ItemDetailSerializer(ItemSerializer):
    transitions = TransitionSerializer(many=True)


DECISION_HELP = (
    "the id of an adopted decision of one of the collaboration's bodies that takes this move "
    "(governance); the reason is then optional"
)


class ItemMoveSerializer(serializers.Serializer):
    to_stage = serializers.CharField()
    reason = serializers.CharField(
        max_length=services.MAX_REASON, required=False, allow_blank=True, default=""
    )
    decision = serializers.IntegerField(required=False, allow_null=True, help_text=DECISION_HELP)
    revision = serializers.IntegerField()
    criteria = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text="criterion key → note, for each criterion met",
    )


class ItemCloseSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.values)
    reason = serializers.CharField(
        max_length=services.MAX_REASON, required=False, allow_blank=True, default=""
    )
    decision = serializers.IntegerField(required=False, allow_null=True, help_text=DECISION_HELP)
    lessons = serializers.CharField(max_length=services.MAX_LESSONS)
    revision = serializers.IntegerField()
    criteria = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)


class FunnelStageSerializer(serializers.Serializer):
    key = serializers.CharField()
    count = serializers.IntegerField()
    hours = serializers.DecimalField(
        max_digits=16, decimal_places=2, allow_null=True, coerce_to_string=False
    )
    fte = serializers.DecimalField(
        max_digits=16, decimal_places=2, allow_null=True, coerce_to_string=False
    )
    euros = serializers.DecimalField(
        max_digits=16, decimal_places=2, allow_null=True, coerce_to_string=False
    )
    mean_days = serializers.DecimalField(
        max_digits=12, decimal_places=1, allow_null=True, coerce_to_string=False
    )


def _template_row(template: definitions.Template) -> dict[str, Any]:
    return {
        "key": template.key,
        "version": template.version,
        "case": template.case,
        "document": template.document,
    }


class TemplateListView(APIView):
    @extend_schema(
        operation_id="process_templates_list",
        summary="The process templates shipped with Grenzeloos",
        description="Each template names the case of the publication it comes from; a "
        "collaboration's owners copy one and adapt it.",
        tags=["processes"],
        responses=TemplateSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        return Response([_template_row(t) for t in definitions.shipped()])


def _process(request: Request, pk: int, process: int, action: str) -> Process:
    found = services.process_for(request.user, process, action)  # type: ignore[arg-type]
    if found.collaboration_id != pk:
        raise NotFound(f"process {process} not found")
    return found


# A POST that acts on one object of the collaboration and answers 201 with what it did. The
# subclass finds the object the address names (``target``, asking ``write_action``), names the
# serializer of the body (``body``; without one ``act`` gets the request's data as sent, such
# as a file), calls its one service with the acting user in ``act``, and answers
# ``answer_with``'s data of what that returns (or overrides ``answer``). A value the service
# refuses (``FieldError``) answers problem+json 400 naming the field; every other error goes
# through the exception handler. The subclass gives the schema of ``post`` with
# ``@extend_schema_view``. A comment, not a docstring: drf-spectacular would show a docstring
# as the description of the operations that give none.
class ActionView(CollaborationAPIView):
    body: type[serializers.Serializer] | None = None
    answer_with: type[serializers.Serializer] | None = None

    def target(self, request: Request, pk: int, key: int) -> Any:
        raise NotImplementedError

    def act(self, actor: Actor, found: Any, data: Any) -> Any:
        raise NotImplementedError

    def answer(self, found: Any, done: Any) -> Any:
        if self.answer_with is None:
            raise NotImplementedError(f"{type(self).__name__} names no answer_with")
        return self.answer_with(done).data

    def post(self, request: Request, pk: int, **key: int) -> Response:
        found = self.target(request, pk, *key.values())
        data: Any = request.data
        if self.body is not None:
            incoming = self.body(data=data)
            incoming.is_valid(raise_exception=True)
            data = incoming.validated_data
        try:
            done = self.act(cast(Actor, request.user), found, data)
        except FieldError as error:
            return field_problem(error)
        return Response(self.answer(found, done), status=status.HTTP_201_CREATED)


class ProcessListView(CollaborationAPIView):
    read_action = VIEW
    write_action = MANAGE

    @extend_schema(
        summary="The processes of a collaboration", responses=ProcessSerializer(many=True)
    )
    def get(self, request: Request, pk: int) -> Response:
        found = services.processes_of(actor=request.user, collaboration_id=pk)  # type: ignore[arg-type]
        return Response(ProcessSerializer(found, many=True).data)

    @extend_schema(
        summary="Copy a shipped template into the collaboration",
        request=CopySerializer,
        responses={201: ProcessSerializer, 409: IN_USE},
    )
    def post(self, request: Request, pk: int) -> Response:
        self.collaboration(request, pk)
        incoming = CopySerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        created = services.copy_template(
            actor=request.user,  # type: ignore[arg-type]
            collaboration_id=pk,
            template_key=incoming.validated_data["template"],
        )
        return Response(ProcessSerializer(created).data, status=status.HTTP_201_CREATED)


class ProcessDetailView(CollaborationAPIView):
    read_action = VIEW
    write_action = MANAGE

    @extend_schema(summary="One process of a collaboration", responses=ProcessSerializer)
    def get(self, request: Request, pk: int, process: int) -> Response:
        return Response(ProcessSerializer(_process(request, pk, process, VIEW)).data)

    @extend_schema(
        summary="Adapt a process (a new version of its document)",
        request=AdaptSerializer,
        responses={200: ProcessSerializer, 409: IN_USE},
    )
    def put(self, request: Request, pk: int, process: int) -> Response:
        current = _process(request, pk, process, MANAGE)
        incoming = AdaptSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        document = incoming.validated_data["document"]
        if not isinstance(document, dict):
            return field_problem(FieldError("document", "must be an object"))
        adapted = services.adapt_process(
            actor=request.user,  # type: ignore[arg-type]
            process_id=current.pk,
            document=document,
            base_version=incoming.validated_data["base_version"],
        )
        return Response(ProcessSerializer(adapted).data)


@extend_schema_view(
    post=extend_schema(
        summary="Add an item to the first stage",
        request=NewItemSerializer,
        responses={201: ItemSerializer},
    )
)
class ItemListView(ActionView):
    read_action = VIEW
    write_action = MOVE
    body = NewItemSerializer
    answer_with = ItemSerializer

    @extend_schema(summary="The items of a process", responses=ItemSerializer(many=True))
    def get(self, request: Request, pk: int, process: int) -> Response:
        current = _process(request, pk, process, VIEW)
        items = Item.objects.filter(process=current).order_by("pk")
        return Response(ItemSerializer(items, many=True).data)

    def target(self, request: Request, pk: int, key: int) -> Process:
        return _process(request, pk, key, self.write_action)

    def act(self, actor: Actor, found: Process, data: Any) -> Item:
        return services.add_item(
            actor=actor,
            process_id=found.pk,
            name=data["name"],
            linked_collaboration_id=data.get("linked_collaboration"),
        )


class FunnelView(CollaborationAPIView):
    read_action = VIEW

    @extend_schema(
        summary="The funnel: open items, commitments (from the ledger) and mean days per stage",
        description="`hours`, `fte` and `euros` are null when no partners ledger is installed.",
        responses=FunnelStageSerializer(many=True),
    )
    def get(self, request: Request, pk: int, process: int) -> Response:
        current = _process(request, pk, process, VIEW)
        _found, _template, stages = services.funnel(actor=request.user, process_id=current.pk)  # type: ignore[arg-type]
        return Response(FunnelStageSerializer(stages, many=True).data)


def _item(request: Request, pk: int, item: int, action: str) -> Item:
    found = services.item_for(request.user, item, action)  # type: ignore[arg-type]
    if found.process.collaboration_id != pk:
        raise NotFound(f"item {item} not found")
    return found


def _detail(item: Item) -> dict[str, Any]:
    data = dict(ItemSerializer(item).data)
    data["transitions"] = [
        {
            "kind": t.kind,
            "from_stage": t.from_stage,
            "to_stage": t.to_stage,
            "criteria": t.criteria,
            "reason": t.reason,
            "decision": {
                "id": t.decision_id,
                "body": t.decision_body,
                "on": t.decision_on.isoformat() if t.decision_on else None,
                "title": t.decision_title,
            }
            if t.decision_id is not None
            else None,
            "decided_by": t.decided_by.get_username() if t.decided_by else None,
            "decided_at": serializers.DateTimeField().to_representation(t.decided_at),
        }
        for t in item.transitions.select_related("decided_by").order_by("decided_at", "pk")
    ]
    return data


class ItemDetailView(CollaborationAPIView):
    read_action = VIEW

    @extend_schema(summary="An item with every decision on record", responses=ItemDetailSerializer)
    def get(self, request: Request, pk: int, item: int) -> Response:
        return Response(_detail(_item(request, pk, item, VIEW)))


class ItemActionView(ActionView):
    """An action on one item of the collaboration (``item`` in the address)."""

    def target(self, request: Request, pk: int, key: int) -> Item:
        return _item(request, pk, key, self.write_action)


class Decided(TypedDict):
    """What every passage through a gate names: the reason (optional beside a body's adopted
    decision), the item's revision it was made on, and the criteria met with their notes."""

    reason: str
    revision: int
    criteria: Mapping[str, str]
    decision_id: int | None


class GateView(ItemActionView):
    """An item's way through its gates, answered with the item and every decision on record."""

    write_action = MOVE

    def answer(self, found: Item, done: Any) -> dict[str, Any]:
        found.refresh_from_db()
        return _detail(found)

    @staticmethod
    def decided(data: Any) -> Decided:
        return Decided(
            reason=data["reason"],
            revision=data["revision"],
            criteria=data.get("criteria") or {},
            decision_id=data.get("decision"),
        )


@extend_schema_view(
    post=extend_schema(
        summary="Pass the gate to the next stage, or move back",
        description=(
            "Forward: one gate at a time, every required criterion of the current stage met "
            "with a note. Back: to any earlier stage. Both need a reason and the item's "
            "`revision`; a stale revision answers 409."
        ),
        request=ItemMoveSerializer,
        responses={201: ItemDetailSerializer, 409: CONFLICT},
    )
)
class MoveView(GateView):
    body = ItemMoveSerializer

    def act(self, actor: Actor, found: Item, data: Any) -> Any:
        return services.move_item(
            actor=actor,
            item_id=found.pk,
            to_stage=data["to_stage"],
            **self.decided(data),
        )


@extend_schema_view(
    post=extend_schema(
        summary="Close an item with its lessons",
        description=(
            "`completed` passes the last stage's gate (its criteria met); `stopped` ends the "
            "item in any stage. A stale revision answers 409."
        ),
        request=ItemCloseSerializer,
        responses={201: ItemDetailSerializer, 409: CONFLICT},
    )
)
class CloseView(GateView):
    body = ItemCloseSerializer

    def act(self, actor: Actor, found: Item, data: Any) -> Any:
        return services.close_item(
            actor=actor,
            item_id=found.pk,
            outcome=data["outcome"],
            lessons=data["lessons"],
            **self.decided(data),
        )


class ItemCaseSerializer(serializers.Serializer):
    theme = serializers.CharField(help_text="a theme of the case library")
    condition = serializers.ChoiceField(
        choices=publication.keys(publication.Condition),
        help_text="the condition for success the lessons speak to",
    )
    language = serializers.ChoiceField(
        choices=["nl", "en"], required=False, help_text="default: the request's language"
    )


class DraftedCaseSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField(help_text="the case's page")


@extend_schema_view(
    post=extend_schema(
        summary="Turn a closed item into a case of your own case library",
        description=(
            "Owners only. The item's name, the stages it passed with their reasons and its "
            "lessons become a case that only you see until you publish it. Once per item; an "
            "open item, or one turned already, answers 409."
        ),
        request=ItemCaseSerializer,
        responses={201: DraftedCaseSerializer, 409: CASE_CONFLICT},
    )
)
class ItemCaseView(ItemActionView):
    write_action = DRAFT_CASE
    body = ItemCaseSerializer
    answer_with = DraftedCaseSerializer

    def act(self, actor: Actor, found: Item, data: Any) -> Any:
        return services.turn_into_case(
            actor=actor,
            item_id=found.pk,
            theme=data["theme"],
            condition=data["condition"],
            language=data.get("language"),
        )


# --- Challenges ----------------------------------------------------------------------------


class ChallengeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    theme = serializers.CharField()
    problem = serializers.CharField()
    owner = serializers.CharField(source="owner.username", allow_null=True, default=None)
    budget = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)
    deadline = serializers.DateField()
    owner_role = serializers.CharField()
    owner_hours = serializers.DecimalField(max_digits=8, decimal_places=2, coerce_to_string=False)
    reserved_budget = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False
    )
    criteria = serializers.ListField(child=serializers.DictField())
    scoring_closed_at = serializers.DateTimeField(allow_null=True)
    winner = serializers.IntegerField(source="winner_id", allow_null=True)
    winner_reason = serializers.CharField()
    awarded_amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    legal_check = serializers.IntegerField(source="legal_check_id", allow_null=True)


class ScoreSerializer(serializers.Serializer):
    submission = serializers.IntegerField(source="submission_id")
    assessor = serializers.IntegerField(source="assessor_id")
    criterion = serializers.CharField()
    value = serializers.IntegerField()


class RankedSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    tied = serializers.BooleanField()
    submission = serializers.IntegerField(source="submission.pk")
    title = serializers.CharField(source="submission.title")
    organisation = serializers.CharField(source="submission.organisation")
    total = serializers.DecimalField(max_digits=8, decimal_places=3, coerce_to_string=False)


def _challenge(request: Request, pk: int, challenge: int) -> Any:
    from grenzeloos.processes import challenges

    found = challenges.challenge_for(request.user, challenge)  # type: ignore[arg-type]
    if found.collaboration_id != pk:
        raise NotFound(f"challenge {challenge} not found")
    return found


class ChallengeListView(CollaborationAPIView):
    read_action = CHALLENGE_VIEW

    @extend_schema(
        summary="The challenges of a collaboration", responses=ChallengeSerializer(many=True)
    )
    def get(self, request: Request, pk: int) -> Response:
        from grenzeloos.processes.models import Challenge

        collaboration = self.collaboration(request, pk)
        found = Challenge.objects.filter(collaboration=collaboration).select_related("owner")
        return Response(ChallengeSerializer(found.order_by("-created_at", "-pk"), many=True).data)


class ChallengeDetailView(CollaborationAPIView):
    read_action = CHALLENGE_VIEW

    @extend_schema(summary="One challenge", responses=ChallengeSerializer)
    def get(self, request: Request, pk: int, challenge: int) -> Response:
        return Response(ChallengeSerializer(_challenge(request, pk, challenge)).data)


class ChallengeScoresView(CollaborationAPIView):
    read_action = CHALLENGE_VIEW

    @extend_schema(
        summary="The scores you may see",
        description="Your own scores; everybody's once every assessor has scored every "
        "submission they may score, or the owner closed scoring.",
        responses=ScoreSerializer(many=True),
    )
    def get(self, request: Request, pk: int, challenge: int) -> Response:
        from grenzeloos.processes import challenges

        found = _challenge(request, pk, challenge)
        rows = challenges.visible_scores(actor=request.user, challenge_id=found.pk)  # type: ignore[arg-type]
        return Response(ScoreSerializer(rows, many=True).data)


class ChallengeRankingView(CollaborationAPIView):
    read_action = CHALLENGE_VIEW

    @extend_schema(
        summary="The weighted ranking (equal totals share a rank)",
        description="Answers 409 until every assessor has scored or the owner closed scoring.",
        responses={
            200: RankedSerializer(many=True),
            409: OpenApiResponse(description="scoring is not done"),
        },
    )
    def get(self, request: Request, pk: int, challenge: int) -> Response:
        from grenzeloos.processes import challenges

        found = _challenge(request, pk, challenge)
        rows = challenges.ranking(actor=request.user, challenge_id=found.pk)  # type: ignore[arg-type]
        return Response(RankedSerializer(rows, many=True).data)


class SubmissionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    summary = serializers.CharField()
    organisation = serializers.CharField(help_text="the organisation's name when it was sent")
    organisation_id = serializers.IntegerField(
        source="on_behalf_of_id", allow_null=True, help_text="the registry's organisation"
    )
    invited_to_pitch = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class NewSubmissionSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(
        help_text="the id of a registry organisation whose contact person you are"
    )
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=10000)


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["pdf", "odt", "docx", "png", "jpeg"])
    size = serializers.IntegerField(help_text="bytes")
    sha256 = serializers.CharField()
    uploaded_at = serializers.DateTimeField()


@extend_schema_view(
    post=extend_schema(
        summary="Send a submission on behalf of your organisation",
        description="Only a contact person (with an account) of the registry's organisation, "
        "or who registered it, sends for it; anyone else gets 403. Before the deadline.",
        request=NewSubmissionSerializer,
        responses={
            201: SubmissionSerializer,
            403: OpenApiResponse(description="you are no contact person of the organisation"),
            409: OpenApiResponse(description="the deadline has passed"),
        },
    )
)
class ChallengeSubmissionsView(ActionView):
    read_action = CHALLENGE_VIEW
    write_action = CHALLENGE_SUBMIT
    body = NewSubmissionSerializer
    answer_with = SubmissionSerializer

    @extend_schema(
        summary="The submissions of a challenge", responses=SubmissionSerializer(many=True)
    )
    def get(self, request: Request, pk: int, challenge: int) -> Response:
        from grenzeloos.processes.models import Submission

        found = _challenge(request, pk, challenge)
        rows = Submission.objects.filter(challenge=found).order_by("pk")
        return Response(SubmissionSerializer(rows, many=True).data)

    def target(self, request: Request, pk: int, key: int) -> Any:
        self.collaboration(request, pk)
        return _challenge(request, pk, key)

    def act(self, actor: Actor, found: Any, data: Any) -> Any:
        from grenzeloos.processes import challenges

        return challenges.submit(
            actor=actor,
            challenge_id=found.pk,
            organisation_id=data["organisation"],
            title=data["title"],
            summary=data["summary"],
        )


def _readable_submission(request: Request, pk: int, submission: int) -> Any:
    from grenzeloos.processes.models import Submission

    found = Submission.objects.filter(pk=submission, challenge__collaboration_id=pk).first()
    if found is None:
        raise NotFound(f"submission {submission} not found")
    return found


@extend_schema_view(
    post=extend_schema(
        summary="Add a file to your submission",
        description="Multipart field `file`: a PDF, ODT, DOCX, PNG or JPEG as its content "
        "shows (not its name), at most `GRENZELOOS_ATTACHMENT_MAX_BYTES` (3 MB unless "
        "configured). Only who sent the submission adds files, until the winner is chosen.",
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            }
        },
        responses={
            201: AttachmentSerializer,
            403: OpenApiResponse(description="you did not send this submission"),
            409: OpenApiResponse(description="the winner is chosen, or the files are many"),
        },
    )
)
class SubmissionAttachmentsView(ActionView):
    read_action = CHALLENGE_VIEW
    write_action = CHALLENGE_SUBMIT
    parser_classes = [MultiPartParser]
    answer_with = AttachmentSerializer

    @extend_schema(
        summary="The files of a submission",
        description="For the challenge's owner, its assessors without a conflict of interest "
        "with the submission, and who sent it; anyone else gets 404.",
        responses=AttachmentSerializer(many=True),
    )
    def get(self, request: Request, pk: int, submission: int) -> Response:
        from grenzeloos.processes import challenges

        found = self.target(request, pk, submission)
        rows = challenges.attachments(actor=request.user, submission_id=found.pk)  # type: ignore[arg-type]
        return Response(AttachmentSerializer(rows, many=True).data)

    def target(self, request: Request, pk: int, key: int) -> Any:
        self.collaboration(request, pk)
        return _readable_submission(request, pk, key)

    def act(self, actor: Actor, found: Any, data: Any) -> Any:
        from grenzeloos.processes import challenges

        upload = data.get("file")
        if upload is None or isinstance(upload, str):
            raise FieldError("file", gettext("send the file in the field “file”"))
        return challenges.attach(
            actor=actor,
            submission_id=found.pk,
            name=getattr(upload, "name", "") or "",
            content=upload,
        )


class AttachmentDownloadView(CollaborationAPIView):
    read_action = CHALLENGE_VIEW

    @extend_schema(
        summary="Download one file of a submission",
        description="For who may read the submission (see its files); anyone else gets 404.",
        responses=file_responses(
            [
                "application/pdf",
                "application/vnd.oasis.opendocument.text",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "image/png",
                "image/jpeg",
            ]
        ),
    )
    def get(self, request: Request, pk: int, attachment: int) -> FileResponse:
        from grenzeloos.processes import challenges
        from grenzeloos.processes.models import AttachmentKind

        self.collaboration(request, pk)
        found = challenges.attachment_for(actor=request.user, attachment_id=attachment)  # type: ignore[arg-type]
        if found.submission.challenge.collaboration_id != pk:
            raise NotFound(f"attachment {attachment} not found")
        response = FileResponse(
            found.file.open("rb"),
            as_attachment=True,
            filename=found.name,
            content_type=challenges.ATTACHMENT_TYPES[AttachmentKind(found.kind)],
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
