"""REST API of workshop mode: a collaboration's workshops (list, prepare), one workshop with
its agenda, notes, dots and adoptions, running it, adding notes and dots as a member, and
adopting a box's text into the canvas. Guests take part on the web only (their code opens one
room, never the API). Thin: services do the work; errors are problem+json through core.

What the room's WebSocket (``/ws/workshops/{id}/``) carries is described by
``WorkshopEventSerializer`` (component ``WorkshopEvent``), returned by the events example
operation."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from grenzeloos.collaborations.access import CollaborationAPIView, allows
from grenzeloos.core.api import problem
from grenzeloos.core.errors import InvalidInput, NotFound, PermissionDenied, UserError
from grenzeloos.workshop import services
from grenzeloos.workshop.access import FACILITATE, JOIN
from grenzeloos.workshop.events import EventKind
from grenzeloos.workshop.models import BOX_CHOICES, Participant, State, Workshop


class StepSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    position = serializers.IntegerField(read_only=True)
    box = serializers.ChoiceField(
        choices=[key for key, _label in BOX_CHOICES],
        required=False,
        allow_blank=True,
        help_text="the canvas box this step fills (empty: a free question)",
    )
    question = serializers.CharField(required=False, allow_blank=True, max_length=300)
    minutes = serializers.IntegerField(min_value=1, max_value=600, default=10)


class NoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField(help_text="the key the sender made; the same key stores once")
    step = serializers.IntegerField()
    text = serializers.CharField()
    author = serializers.CharField(allow_null=True, help_text="null when notes are anonymous")
    cluster = serializers.IntegerField(allow_null=True)
    dots = serializers.IntegerField()


class AdoptionSerializer(serializers.Serializer):
    step = serializers.IntegerField(source="step_id")
    box = serializers.CharField()
    text = serializers.CharField()
    revision = serializers.IntegerField(help_text="the canvas revision the text became")
    adopted_at = serializers.DateTimeField()


class WorkshopSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    collaboration = serializers.IntegerField(source="collaboration_id", read_only=True)
    title = serializers.CharField(max_length=200)
    state = serializers.ChoiceField(choices=State.values, read_only=True)
    anonymous = serializers.BooleanField(default=False)
    dots = serializers.IntegerField(min_value=0, max_value=20, default=3)
    max_guests = serializers.IntegerField(min_value=0, max_value=500, default=50)
    current_step = serializers.IntegerField(
        source="current_step_id", read_only=True, allow_null=True
    )
    steps = StepSerializer(many=True, required=False)


class WorkshopDetailSerializer(WorkshopSerializer):
    guest_code = serializers.CharField(
        read_only=True, allow_null=True, help_text="shown to those who may facilitate"
    )
    notes = NoteSerializer(many=True, read_only=True)
    adoptions = AdoptionSerializer(many=True, read_only=True)


class RunSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=["start", "step", "pause", "resume", "extend", "close"]
    )
    position = serializers.IntegerField(required=False, min_value=1)
    minutes = serializers.IntegerField(
        required=False, min_value=1, max_value=120, help_text="extend: how many minutes more"
    )


class NoteInSerializer(serializers.Serializer):
    key = serializers.CharField(max_length=64)
    text = serializers.CharField(max_length=280)
    step = serializers.IntegerField(required=False)


class AdoptSerializer(serializers.Serializer):
    step = serializers.IntegerField()
    text = serializers.CharField(max_length=20000)
    base_revision = serializers.IntegerField(
        min_value=1, help_text="the canvas revision the text was written against"
    )


class WorkshopEventSerializer(serializers.Serializer):
    """One message on the workshop room's WebSocket; the fields beyond ``kind`` and
    ``workshop`` depend on the kind."""

    kind = serializers.ChoiceField(choices=[str(kind) for kind in EventKind])
    workshop = serializers.IntegerField()
    note = serializers.JSONField(
        required=False, help_text="note.added: the note; dots, note.clustered: its id"
    )
    dots = serializers.IntegerField(required=False, help_text="dots: the note's dots now")
    cluster = serializers.IntegerField(required=False, allow_null=True)
    name = serializers.CharField(required=False, help_text="cluster.named: its name")
    step = serializers.IntegerField(required=False, allow_null=True)
    position = serializers.IntegerField(required=False, allow_null=True)
    box = serializers.CharField(required=False)
    question = serializers.CharField(required=False)
    minutes = serializers.IntegerField(required=False)
    started_at = serializers.DateTimeField(required=False, allow_null=True)
    paused_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="step: since when the facilitator has paused the step's timer (null: it runs)",
    )
    state = serializers.ChoiceField(choices=State.values, required=False)
    present = serializers.ListField(child=serializers.CharField(), required=False)
    revision = serializers.IntegerField(required=False, help_text="adopted: the revision")
    notes = serializers.IntegerField(
        required=False, help_text="hello: how many notes the current step has"
    )


def _body(workshop: Workshop, *, facilitator: bool) -> dict[str, Any]:
    notes = []
    for step in workshop.steps.all():
        for ranked in services.ranking(step):
            notes.append({**services.note_payload(ranked.note, workshop), "dots": ranked.dots})
    return {
        "id": workshop.pk,
        "collaboration_id": workshop.collaboration_id,
        "title": workshop.title,
        "state": workshop.state,
        "anonymous": workshop.anonymous,
        "dots": workshop.dots,
        "max_guests": workshop.max_guests,
        "current_step_id": workshop.current_step_id,
        "steps": list(workshop.steps.all()),
        "guest_code": workshop.guest_code if facilitator else None,
        "notes": notes,
        "adoptions": list(workshop.adoptions.all()),
    }


class _WorkshopView(CollaborationAPIView):
    read_action = JOIN
    write_action = FACILITATE

    def workshop(self, request: Request, pk: int, workshop_id: int, action: str) -> Workshop:
        collaboration = self.collaboration(request, pk, action)
        workshop = services.get_workshop(
            actor=request.user,  # type: ignore[arg-type]
            workshop_id=workshop_id,
            action=action,
        )
        if workshop.collaboration_id != collaboration.pk:
            raise NotFound("no such workshop")
        return workshop

    def participant(self, request: Request, pk: int, workshop_id: int) -> Participant:
        """The member's participant in the collaboration's workshop (access asked once)."""
        participant = services.join(
            actor=request.user,  # type: ignore[arg-type]
            workshop_id=workshop_id,
        )
        if participant.workshop.collaboration_id != int(pk):
            raise NotFound("no such workshop")
        return participant


class WorkshopListView(CollaborationAPIView):
    read_action = JOIN
    write_action = FACILITATE

    @extend_schema(
        summary="The workshops of a collaboration",
        description="Every workshop of the collaboration, newest first, with its agenda.",
        responses=WorkshopSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        found = services.workshops(
            actor=request.user,  # type: ignore[arg-type]
            collaboration_id=collaboration.pk,
        ).prefetch_related("steps")
        rows = [{**_body(w, facilitator=False), "steps": list(w.steps.all())} for w in found]
        return Response(WorkshopSerializer(rows, many=True).data)

    @extend_schema(
        summary="Prepare a workshop",
        description="A workshop in preparation with its agenda; the caller facilitates it. "
        "Needs the right to facilitate (owner or editor).",
        request=WorkshopSerializer,
        responses={201: WorkshopDetailSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        collaboration = self.collaboration(request, pk)
        incoming = WorkshopSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        made = services.create_workshop(
            actor=request.user,  # type: ignore[arg-type]
            collaboration_id=collaboration.pk,
            title=data["title"],
            steps=[
                services.StepInput(
                    box=step.get("box", ""),
                    question=step.get("question", ""),
                    minutes=step["minutes"],
                )
                for step in data.get("steps", [])
            ],
            anonymous=data["anonymous"],
            dots=data["dots"],
            max_guests=data["max_guests"],
        )
        return Response(
            WorkshopDetailSerializer(_body(made, facilitator=True)).data,
            status=status.HTTP_201_CREATED,
        )


class WorkshopDetailView(_WorkshopView):
    @extend_schema(
        summary="One workshop",
        description="The workshop with its agenda, every note with its dots, and what was "
        "adopted into which canvas revision. The guest code only for those who facilitate.",
        responses=WorkshopDetailSerializer,
    )
    def get(self, request: Request, pk: int, workshop: int) -> Response:
        found = self.workshop(request, pk, workshop, JOIN)
        collaboration = self.collaboration(request, pk, JOIN)
        return Response(
            WorkshopDetailSerializer(
                _body(found, facilitator=allows(collaboration, FACILITATE))
            ).data
        )


class WorkshopRunView(_WorkshopView):
    @extend_schema(
        summary="Start, move to a step, pause or extend the timer, or close a workshop",
        description="``start`` opens the first step and makes a guest code; ``step`` makes the "
        "step at ``position`` the current one (its timer starts); ``pause`` stops the step's "
        "timer and ``resume`` lets it run on with the time it had left; ``extend`` gives the "
        "step ``minutes`` more (5 when not given); ``close`` ends the workshop and its guest "
        "code. When a step's time is up the workshop moves on to the next step by itself.",
        request=RunSerializer,
        responses={200: WorkshopDetailSerializer, 409: OpenApiResponse(description="Conflict")},
    )
    def post(self, request: Request, pk: int, workshop: int) -> Response:
        found = self.workshop(request, pk, workshop, FACILITATE)
        incoming = RunSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        action = incoming.validated_data["action"]
        actor = request.user
        if action == "start":
            done = services.start(actor=actor, workshop_id=found.pk)  # type: ignore[arg-type]
        elif action == "close":
            done = services.close(actor=actor, workshop_id=found.pk)  # type: ignore[arg-type]
        elif action == "pause":
            done = services.pause(actor=actor, workshop_id=found.pk)  # type: ignore[arg-type]
        elif action == "resume":
            done = services.resume(actor=actor, workshop_id=found.pk)  # type: ignore[arg-type]
        elif action == "extend":
            done = services.extend(
                actor=actor,  # type: ignore[arg-type]
                workshop_id=found.pk,
                minutes=incoming.validated_data.get("minutes", 5),
            )
        else:
            done = services.go_to_step(
                actor=actor,  # type: ignore[arg-type]
                workshop_id=found.pk,
                position=incoming.validated_data.get("position", 0),
            )
        return Response(WorkshopDetailSerializer(_body(done, facilitator=True)).data)


class NoteListView(_WorkshopView):
    @extend_schema(
        summary="Add a note as a member",
        description="A note in the current step (or ``step``). Sent again with the same "
        "``key`` it answers the stored note with 200 instead of storing it twice.",
        request=NoteInSerializer,
        responses={
            201: NoteSerializer,
            200: NoteSerializer,
            409: OpenApiResponse(description="Conflict"),
        },
    )
    def post(self, request: Request, pk: int, workshop: int) -> Response:
        participant = self.participant(request, pk, workshop)
        incoming = NoteInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        note, created = services.add_note(
            participant=participant, key=data["key"], text=data["text"], step_id=data.get("step")
        )
        dots = note.dots.count() if not created else 0
        body = {**services.note_payload(note, participant.workshop), "dots": dots}
        return Response(
            NoteSerializer(body).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class DotView(_WorkshopView):
    @extend_schema(
        summary="Place a dot on a note",
        description="One of the member's dots of the note's step; refused (409) when they are "
        "all placed.",
        request=None,
        responses={201: NoteSerializer, 409: OpenApiResponse(description="Conflict")},
    )
    def post(self, request: Request, pk: int, workshop: int, note: int) -> Response:
        participant = self.participant(request, pk, workshop)
        dot = services.place_dot(participant=participant, note_id=note)
        placed = dot.note
        body = {**services.note_payload(placed, participant.workshop), "dots": placed.dots.count()}
        return Response(NoteSerializer(body).data, status=status.HTTP_201_CREATED)


class AdoptView(_WorkshopView):
    @extend_schema(
        summary="Adopt a box's text into the canvas",
        description="The text becomes the box's content in a new canvas revision, saved as any "
        "save with ``base_revision``: what others changed elsewhere is merged; the same box "
        "changed meanwhile is a conflict (409) and nothing is written.",
        request=AdoptSerializer,
        responses={201: AdoptionSerializer, 409: OpenApiResponse(description="Conflict")},
    )
    def post(self, request: Request, pk: int, workshop: int) -> Response:
        found = self.workshop(request, pk, workshop, FACILITATE)
        incoming = AdoptSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            adoption = services.adopt(
                actor=request.user,  # type: ignore[arg-type]
                workshop_id=found.pk,
                step_id=data["step"],
                text=data["text"],
                base_revision=data["base_revision"],
            )
        except (InvalidInput, NotFound, PermissionDenied):
            raise
        except UserError as error:  # the canvas's merge conflict: nothing was written
            return problem(status.HTTP_409_CONFLICT, "Conflict", str(error))
        return Response(AdoptionSerializer(adoption).data, status=status.HTTP_201_CREATED)


class EventShapesView(_WorkshopView):
    @extend_schema(
        summary="The shapes of the room's live events",
        description="What the workshop room's WebSocket ``/ws/workshops/{id}/`` sends, one JSON "
        "object per event, here as the current step's event: the same shape as a ``step`` "
        "event on the socket.",
        responses=WorkshopEventSerializer,
    )
    def get(self, request: Request, pk: int, workshop: int) -> Response:
        found = self.workshop(request, pk, workshop, JOIN)
        event = {"kind": str(EventKind.STEP), "workshop": found.pk, **services.step_payload(found)}
        return Response(WorkshopEventSerializer(event).data)
