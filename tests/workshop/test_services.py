"""The workshop's use cases: preparing and running it, members and guests taking part, notes
stored once, dots bounded, and adopting a box's text as a canvas revision through the canvas's
own services (merge and conflict included)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from grenzeloos.audit.models import AuditEvent
from grenzeloos.canvas import services as canvas
from grenzeloos.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied, UserError
from grenzeloos.core.extensions import read_canvas
from grenzeloos.workshop import services
from grenzeloos.workshop.models import Note, Participant, State, Workshop
from tests.workshop.factories import workshop

pytestmark = pytest.mark.django_db


def key() -> str:
    return str(uuid.uuid4())


def test_an_editor_prepares_a_workshop_and_a_viewer_or_stranger_cannot(people):
    made = workshop(people, start=False, anonymous=True, dots=2)
    assert made.state == State.DRAFT
    assert [str(step) for step in made.steps.all()] == [
        "Dream",
        "Action lines",
        "What do we need from each other?",
    ]
    assert AuditEvent.objects.filter(action="workshop.created", target_id=str(made.pk)).exists()
    with pytest.raises(PermissionDenied):
        services.create_workshop(
            actor=people["viewer"], collaboration_id=people["collaboration"].pk, title="x"
        )
    with pytest.raises(NotFound):
        services.create_workshop(
            actor=people["stranger"], collaboration_id=people["collaboration"].pk, title="x"
        )


def test_a_step_is_a_box_of_the_vocabulary_or_a_question(people):
    with pytest.raises(InvalidInput):
        services.create_workshop(
            actor=people["editor"],
            collaboration_id=people["collaboration"].pk,
            title="x",
            steps=[services.StepInput(box="wishes")],
        )
    with pytest.raises(InvalidInput):
        services.create_workshop(
            actor=people["editor"],
            collaboration_id=people["collaboration"].pk,
            title="x",
            steps=[services.StepInput(question="  ")],
        )


def test_starting_opens_the_first_step_and_a_guest_code(people):
    made = workshop(people)
    assert made.state == State.RUNNING
    assert made.current_step.box == "dream"
    assert len(made.guest_code) == services.CODE_LENGTH
    assert made.guest_code_expires_at > timezone.now()
    moved = services.go_to_step(actor=people["editor"], workshop_id=made.pk, position=2)
    assert moved.current_step.box == "action_lines"
    with pytest.raises(PermissionDenied):
        services.go_to_step(actor=people["viewer"], workshop_id=made.pk, position=1)


def test_a_note_sent_twice_with_one_key_is_stored_once(people):
    made = workshop(people)
    vera = services.join(actor=people["viewer"], workshop_id=made.pk)
    sent = key()
    first, created = services.add_note(participant=vera, key=sent, text="Clean air")
    again, created_again = services.add_note(participant=vera, key=sent, text="Clean air")
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert Note.objects.filter(workshop=made).count() == 1
    olga = services.join(actor=people["owner"], workshop_id=made.pk)
    with pytest.raises(Conflict):
        services.add_note(participant=olga, key=sent, text="Someone else's key")


def test_dots_are_bounded_per_participant_and_step(people):
    made = workshop(people, dots=2)
    vera = services.join(actor=people["viewer"], workshop_id=made.pk)
    note, _ = services.add_note(participant=vera, key=key(), text="Clean air")
    services.place_dot(participant=vera, note_id=note.pk)
    services.place_dot(participant=vera, note_id=note.pk)
    with pytest.raises(Conflict):
        services.place_dot(participant=vera, note_id=note.pk)
    services.take_dot(participant=vera, note_id=note.pk)
    services.place_dot(participant=vera, note_id=note.pk)
    step = made.steps.get(position=1)
    assert [(ranked.note.text, ranked.dots) for ranked in services.ranking(step)] == [
        ("Clean air", 2)
    ]


def test_a_guest_joins_by_code_within_the_bound_and_never_becomes_a_member(people):
    made = workshop(people, max_guests=1)
    guest = services.join_as_guest(code=made.guest_code.lower(), display_name=" Gita ")
    assert guest.is_guest and guest.display_name == "Gita"
    assert not people["collaboration"].memberships.filter(user__username="Gita").exists()
    assert services.guest(token=guest.token) == guest
    note, created = services.add_note(participant=guest, key=key(), text="A harbour for all")
    assert created and note.participant == guest
    with pytest.raises(Conflict):
        services.join_as_guest(code=made.guest_code, display_name="Second guest")


def test_an_expired_or_closed_code_is_refused_and_the_guest_stops(people):
    made = workshop(people)
    guest = services.join_as_guest(code=made.guest_code, display_name="Gita")
    Workshop.objects.filter(pk=made.pk).update(
        guest_code_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    with pytest.raises(NotFound):
        services.join_as_guest(code=made.guest_code, display_name="Late")
    with pytest.raises(PermissionDenied):
        services.guest(token=guest.token)
    with pytest.raises(PermissionDenied):
        services.add_note(participant=guest, key=key(), text="too late")

    other = workshop(people)
    services.close(actor=people["editor"], workshop_id=other.pk)
    with pytest.raises(NotFound):
        services.join_as_guest(code=other.guest_code, display_name="Late")
    with pytest.raises(NotFound):
        services.join_as_guest(code="NOCODE", display_name="Guess")


def test_a_member_who_lost_access_adds_no_more_notes(people):
    made = workshop(people)
    vera = services.join(actor=people["viewer"], workshop_id=made.pk)
    people["collaboration"].memberships.filter(user=people["viewer"]).delete()
    with pytest.raises(PermissionDenied):
        services.add_note(participant=Participant.objects.get(pk=vera.pk), key=key(), text="x")


def test_adopting_makes_a_revision_that_names_the_workshop(people):
    made = workshop(people)
    collaboration = people["collaboration"]
    base = read_canvas(collaboration.pk).revision
    dream = made.steps.get(box="dream")
    adoption = services.adopt(
        actor=people["editor"],
        workshop_id=made.pk,
        step_id=dream.pk,
        text="A border that connects",
        base_revision=base,
    )
    assert adoption.revision == base + 1
    assert read_canvas(collaboration.pk).document["dream"] == "A border that connects"
    revision = collaboration.revisions.order_by("-number").first()
    assert revision.message == f"From workshop “Start session” (#{made.pk})"
    assert revision.author == people["editor"]
    lines = made.steps.get(box="action_lines")
    services.adopt(
        actor=people["editor"],
        workshop_id=made.pk,
        step_id=lines.pk,
        text="Shared data\n\nOne desk\n",
        base_revision=adoption.revision,
    )
    assert read_canvas(collaboration.pk).document["action_lines"] == ["Shared data", "One desk"]
    assert AuditEvent.objects.filter(action="workshop.adopted").count() == 2


def test_adopting_merges_an_edit_of_another_box_and_refuses_one_of_the_same_box(people):
    made = workshop(people)
    collaboration = people["collaboration"]
    base = read_canvas(collaboration.pk).revision
    canvas.update_fields(
        actor=people["owner"],
        collaboration=collaboration,
        changes={"pitch": "Changed outside"},
        base_revision=base,
    )
    dream = made.steps.get(box="dream")
    services.adopt(
        actor=people["editor"],
        workshop_id=made.pk,
        step_id=dream.pk,
        text="Ours",
        base_revision=base,
    )
    document = read_canvas(collaboration.pk).document
    assert (document["dream"], document["pitch"]) == ("Ours", "Changed outside")

    before = read_canvas(collaboration.pk).revision
    canvas.update_fields(
        actor=people["owner"],
        collaboration=collaboration,
        changes={"dream": "Theirs"},
        base_revision=before,
    )
    with pytest.raises(canvas.MergeConflictError):
        services.adopt(
            actor=people["editor"],
            workshop_id=made.pk,
            step_id=dream.pk,
            text="Ours again",
            base_revision=before,
        )
    assert read_canvas(collaboration.pk).document["dream"] == "Theirs"
    assert made.adoptions.count() == 1


def test_a_question_or_partners_step_is_not_adopted(people):
    made = workshop(people)
    question = made.steps.get(position=3)
    with pytest.raises(InvalidInput):
        services.adopt(
            actor=people["editor"],
            workshop_id=made.pk,
            step_id=question.pk,
            text="x",
            base_revision=read_canvas(people["collaboration"].pk).revision,
        )
    with pytest.raises(UserError):
        services.adopt(
            actor=people["viewer"],
            workshop_id=made.pk,
            step_id=made.steps.get(box="dream").pk,
            text="x",
            base_revision=read_canvas(people["collaboration"].pk).revision,
        )


def _time_passes(made: Workshop, minutes: float) -> None:
    Workshop.objects.filter(pk=made.pk).update(
        step_started_at=timezone.now() - dt.timedelta(minutes=minutes)
    )


def test_when_the_time_is_up_the_workshop_moves_on_by_itself_unless_paused(people):
    made = workshop(people)  # Dream 5 min, Action lines 5 min, a question 3 min
    assert services.advance_if_due(workshop_id=made.pk) is None
    _time_passes(made, 5.1)
    moved = services.advance_if_due(workshop_id=made.pk)
    assert moved is not None and moved.current_step.box == "action_lines"
    assert services.advance_if_due(workshop_id=made.pk) is None  # moved on once
    assert AuditEvent.objects.filter(action="workshop.step_timed_out").count() == 1

    services.pause(actor=people["editor"], workshop_id=made.pk)
    _time_passes(made, 6)
    assert services.advance_if_due(workshop_id=made.pk) is None
    services.resume(actor=people["editor"], workshop_id=made.pk)
    services.extend(actor=people["editor"], workshop_id=made.pk, minutes=5)
    assert services.advance_if_due(workshop_id=made.pk) is None  # 6 + 5 minutes more
    with pytest.raises(PermissionDenied):
        services.pause(actor=people["viewer"], workshop_id=made.pk)


def test_a_paused_timer_resumes_with_the_time_it_had_left(people):
    made = workshop(people)
    _time_passes(made, 2)
    services.pause(actor=people["editor"], workshop_id=made.pk)
    Workshop.objects.filter(pk=made.pk).update(paused_at=timezone.now() - dt.timedelta(minutes=10))
    resumed = services.resume(actor=people["editor"], workshop_id=made.pk)
    left = services.step_ends_at(resumed) - timezone.now()
    assert dt.timedelta(minutes=12) < left < dt.timedelta(minutes=13)


def test_the_last_step_stays_when_its_time_is_up(people):
    made = workshop(people)
    services.go_to_step(actor=people["editor"], workshop_id=made.pk, position=3)
    _time_passes(made, 4)
    assert services.advance_if_due(workshop_id=made.pk) is None
    assert Workshop.objects.get(pk=made.pk).current_step.position == 3
