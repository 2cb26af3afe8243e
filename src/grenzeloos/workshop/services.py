"""Use cases of workshop mode.

Each takes the acting user (or, for what a participant does, the :class:`Participant`, which a
guest without an account also is), asks the access API, runs in one transaction, writes an audit
event and tells the workshop's room over the live channel once it commits.

A note carries a key its page made: the page keeps a note until the server has it and sends it
again after a lost connection, and the key makes the second arrival return the first note
instead of storing it twice. A participant's dots are counted under a lock on the participant,
so two quick clicks never place more dots than the rules give.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, F, QuerySet
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from grenzeloos.audit.services import record
from grenzeloos.collaborations.access import collaboration_for, permits
from grenzeloos.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from grenzeloos.core.extensions import write_canvas_fields
from grenzeloos.core.users import Actor
from grenzeloos.live.events import display_name
from grenzeloos.workshop.access import FACILITATE, JOIN
from grenzeloos.workshop.events import EventKind, announce
from grenzeloos.workshop.models import (
    BOX_CHOICES,
    NAME_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    Adoption,
    Cluster,
    Dot,
    Note,
    Participant,
    State,
    Step,
    Workshop,
)

BOXES = [key for key, _label in BOX_CHOICES]
#: Boxes whose text is a list, one line an item.
LIST_BOXES = frozenset({"action_lines"})
#: Boxes a workshop cannot adopt text into: a partner needs a role and a sector as well.
NOT_ADOPTED = frozenset({"partners"})
#: Letters of a guest code: no 0/O, 1/I/L, easy to read aloud and type on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_STEPS = 30
MAX_DOTS = 20
MAX_GUESTS = 500


@dataclass(frozen=True)
class StepInput:
    """One agenda item as given: a canvas box key, or a free question; minutes for it."""

    box: str = ""
    question: str = ""
    minutes: int = 10


@dataclass(frozen=True)
class RankedNote:
    note: Note
    dots: int


def _text(field: str, value: str, *, limit: int, required: bool = True) -> str:
    text = " ".join(str(value).split()) if field != "text" else str(value).strip()
    if required and not text:
        raise InvalidInput([(field, _("is required"))])
    if len(text) > limit:
        raise InvalidInput([(field, _("is longer than %(limit)s characters") % {"limit": limit})])
    return text


def _number(field: str, value: int, *, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(
            [
                (
                    field,
                    _("must be a whole number from %(low)s to %(high)s")
                    % {"low": low, "high": high},
                )
            ]
        )
    return value


# --- Reading ---


def workshops(*, actor: Actor, collaboration_id: int) -> QuerySet[Workshop]:
    collaboration_for(actor, collaboration_id, JOIN)
    return Workshop.objects.filter(collaboration_id=collaboration_id).select_related(
        "facilitator", "current_step"
    )


def get_workshop(*, actor: Actor, workshop_id: int, action: str = JOIN) -> Workshop:
    """The workshop when the actor may do ``action`` in its collaboration (strangers: NotFound)."""
    workshop = (
        Workshop.objects.select_related("collaboration", "facilitator", "current_step")
        .filter(pk=workshop_id)
        .first()
    )
    if workshop is None:
        raise NotFound(_("no such workshop"))
    try:
        collaboration_for(actor, workshop.collaboration_id, action)
    except NotFound:
        raise NotFound(_("no such workshop")) from None
    return workshop


def _locked(actor: Actor, workshop_id: int, action: str = FACILITATE) -> Workshop:
    workshop = Workshop.objects.select_for_update().filter(pk=workshop_id).first()
    if workshop is None:
        raise NotFound(_("no such workshop"))
    try:
        collaboration_for(actor, workshop.collaboration_id, action)
    except NotFound:
        raise NotFound(_("no such workshop")) from None
    return workshop


def ranking(step: Step) -> list[RankedNote]:
    """The step's notes, most dots first (then oldest first)."""
    notes = (
        step.notes.select_related("participant", "cluster")
        .annotate(dot_count=Count("dots"))
        .order_by("-dot_count", "pk")
    )
    return [RankedNote(note=note, dots=note.dot_count) for note in notes]


def present(workshop_id: int) -> list[str]:
    """The display names of the participants with an open page, in joining order."""
    return list(
        Participant.objects.filter(workshop_id=workshop_id, connections__gt=0).values_list(
            "display_name", flat=True
        )
    )


def note_payload(note: Note, workshop: Workshop) -> dict[str, object]:
    """A note as pages show it (and as the live channel carries it)."""
    return {
        "id": note.pk,
        "key": note.key,
        "step": note.step_id,
        "text": note.text,
        "author": None if workshop.anonymous else note.participant.display_name,
        "cluster": note.cluster_id,
    }


def step_payload(workshop: Workshop) -> dict[str, object]:
    step = workshop.current_step
    return {
        "step": step.pk if step else None,
        "position": step.position if step else None,
        "box": step.box if step else "",
        "question": step.question if step else "",
        "minutes": step.minutes if step else 0,
        "started_at": workshop.step_started_at.isoformat() if workshop.step_started_at else None,
        "paused_at": workshop.paused_at.isoformat() if workshop.paused_at else None,
    }


def step_ends_at(workshop: Workshop) -> dt.datetime | None:
    """When the current step's time is up; None when no timer runs (not running, paused)."""
    step = workshop.current_step
    if (
        workshop.state != State.RUNNING
        or step is None
        or workshop.step_started_at is None
        or workshop.paused_at is not None
    ):
        return None
    return workshop.step_started_at + dt.timedelta(minutes=step.minutes)


# --- Preparing and running (the facilitator) ---


def _step(workshop: Workshop, position: int, given: StepInput) -> Step:
    box = given.box.strip()
    if box and box not in BOXES:
        raise InvalidInput(
            [("box", _("must be one of: %(choices)s") % {"choices": ", ".join(BOXES)})]
        )
    question = _text("question", given.question, limit=300, required=not box)
    return Step(
        workshop=workshop,
        position=position,
        box=box,
        question=question,
        minutes=_number("minutes", given.minutes, low=1, high=600),
    )


@transaction.atomic
def create_workshop(
    *,
    actor: Actor,
    collaboration_id: int,
    title: str,
    steps: Sequence[StepInput] = (),
    anonymous: bool = False,
    dots: int = 3,
    max_guests: int = 50,
    guest_hours: int = 8,
) -> Workshop:
    """A workshop in preparation, run by the actor, with its agenda."""
    collaboration_for(actor, collaboration_id, FACILITATE)
    if len(steps) > MAX_STEPS:
        raise InvalidInput([("steps", _("at most %(count)s steps") % {"count": MAX_STEPS})])
    workshop = Workshop.objects.create(
        collaboration_id=collaboration_id,
        facilitator=actor,
        title=_text("title", title, limit=200),
        anonymous=bool(anonymous),
        dots=_number("dots", dots, low=0, high=MAX_DOTS),
        max_guests=_number("max_guests", max_guests, low=0, high=MAX_GUESTS),
        guest_hours=_number("guest_hours", guest_hours, low=1, high=72),
    )
    Step.objects.bulk_create([_step(workshop, n, given) for n, given in enumerate(steps, 1)])
    record(
        actor=actor,
        action="workshop.created",
        target=workshop,
        data={"collaboration": collaboration_id, "title": workshop.title, "steps": len(steps)},
    )
    return workshop


@transaction.atomic
def add_step(*, actor: Actor, workshop_id: int, step: StepInput) -> Step:
    workshop = _locked(actor, workshop_id)
    if workshop.state == State.CLOSED:
        raise Conflict(_("this workshop is closed"))
    count = workshop.steps.count()
    if count >= MAX_STEPS:
        raise InvalidInput([("steps", _("at most %(count)s steps") % {"count": MAX_STEPS})])
    added = _step(workshop, count + 1, step)
    added.save()
    record(actor=actor, action="workshop.step_added", target=workshop, data={"step": str(added)})
    return added


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _n in range(CODE_LENGTH))
        if not Workshop.objects.filter(guest_code=code).exists():
            return code


@transaction.atomic
def start(*, actor: Actor, workshop_id: int) -> Workshop:
    """Open the workshop: the first step begins and guests may join with the new code."""
    workshop = _locked(actor, workshop_id)
    if workshop.state != State.DRAFT:
        raise Conflict(_("this workshop has already started"))
    first = workshop.steps.order_by("position").first()
    if first is None:
        raise InvalidInput([("steps", _("a workshop needs at least one step"))])
    now = timezone.now()
    workshop.state = State.RUNNING
    workshop.current_step = first
    workshop.step_started_at = now
    workshop.guest_code = _new_code()
    workshop.guest_code_expires_at = now + dt.timedelta(hours=workshop.guest_hours)
    workshop.save()
    record(actor=actor, action="workshop.started", target=workshop, data={"step": first.pk})
    announce(workshop.pk, EventKind.STATE, state=workshop.state)
    announce(workshop.pk, EventKind.STEP, **step_payload(workshop))
    return workshop


@transaction.atomic
def go_to_step(*, actor: Actor, workshop_id: int, position: int) -> Workshop:
    """Make the step at ``position`` the current one; its timer starts again."""
    workshop = _locked(actor, workshop_id)
    if workshop.state != State.RUNNING:
        raise Conflict(_("this workshop is not running"))
    step = workshop.steps.filter(position=position).first()
    if step is None:
        raise NotFound(_("no such step"))
    _move_to(workshop, step)
    record(actor=actor, action="workshop.step_changed", target=workshop, data={"step": step.pk})
    announce(workshop.pk, EventKind.STEP, **step_payload(workshop))
    return workshop


def _move_to(workshop: Workshop, step: Step) -> None:
    workshop.current_step = step
    workshop.step_started_at = timezone.now()
    workshop.paused_at = None
    workshop.save(update_fields=["current_step", "step_started_at", "paused_at"])


def advance_if_due(*, workshop_id: int) -> Workshop | None:
    """When the current step's time is up, move the workshop on to the next step, for
    everyone; the workshop moved on, or None (time not up, paused, the last step, not
    running).

    Nobody acts here: the workshop's room calls it on a timer while any page is open
    (:mod:`grenzeloos.workshop.consumers`), in every app process, so the facilitator's page
    need not be open. It reads one row when nothing is due; moving on happens under the
    workshop's lock and only once, however many processes ask at the same moment."""
    due = (
        Workshop.objects.select_related("current_step")
        .filter(pk=workshop_id, state=State.RUNNING, paused_at__isnull=True)
        .first()
    )
    ends = step_ends_at(due) if due is not None else None
    if ends is None or ends > timezone.now():
        return None
    with transaction.atomic():
        workshop = (
            Workshop.objects.select_for_update(of=("self",))
            .select_related("current_step")
            .filter(pk=workshop_id)
            .first()
        )
        if workshop is None or workshop.current_step_id != due.current_step_id:  # type: ignore[union-attr]
            return None
        ends = step_ends_at(workshop)
        if ends is None or ends > timezone.now():
            return None
        current = workshop.current_step
        assert current is not None
        following = workshop.steps.filter(position__gt=current.position).order_by("position")
        step = following.first()
        if step is None:
            return None
        _move_to(workshop, step)
        record(
            actor=None,
            action="workshop.step_timed_out",
            target=workshop,
            data={"from": current.pk, "step": step.pk},
        )
        announce(workshop.pk, EventKind.STEP, **step_payload(workshop))
    return workshop


@transaction.atomic
def pause(*, actor: Actor, workshop_id: int) -> Workshop:
    """Stop the current step's timer: the time left stays until :func:`resume`."""
    workshop = _locked(actor, workshop_id)
    if workshop.state != State.RUNNING or workshop.current_step_id is None:
        raise Conflict(_("this workshop is not running"))
    if workshop.paused_at is None:
        workshop.paused_at = timezone.now()
        workshop.save(update_fields=["paused_at"])
        record(actor=actor, action="workshop.timer_paused", target=workshop)
        announce(workshop.pk, EventKind.STEP, **step_payload(workshop))
    return workshop


@transaction.atomic
def resume(*, actor: Actor, workshop_id: int) -> Workshop:
    """Let the paused timer run again with the time it had left."""
    workshop = _locked(actor, workshop_id)
    if workshop.state != State.RUNNING or workshop.current_step_id is None:
        raise Conflict(_("this workshop is not running"))
    if workshop.paused_at is not None and workshop.step_started_at is not None:
        workshop.step_started_at += timezone.now() - workshop.paused_at
        workshop.paused_at = None
        workshop.save(update_fields=["step_started_at", "paused_at"])
        record(actor=actor, action="workshop.timer_resumed", target=workshop)
        announce(workshop.pk, EventKind.STEP, **step_payload(workshop))
    return workshop


@transaction.atomic
def extend(*, actor: Actor, workshop_id: int, minutes: int) -> Workshop:
    """Give the current step ``minutes`` more (its time is up that much later)."""
    minutes = _number("minutes", minutes, low=1, high=120)
    workshop = _locked(actor, workshop_id)
    if workshop.state != State.RUNNING or workshop.step_started_at is None:
        raise Conflict(_("this workshop is not running"))
    workshop.step_started_at += dt.timedelta(minutes=minutes)
    workshop.save(update_fields=["step_started_at"])
    record(
        actor=actor, action="workshop.timer_extended", target=workshop, data={"minutes": minutes}
    )
    announce(workshop.pk, EventKind.STEP, **step_payload(workshop))
    return workshop


@transaction.atomic
def close(*, actor: Actor, workshop_id: int) -> Workshop:
    """End the workshop: no more notes or dots, and the guest code stops working."""
    workshop = _locked(actor, workshop_id)
    if workshop.state == State.CLOSED:
        return workshop
    now = timezone.now()
    workshop.state = State.CLOSED
    workshop.closed_at = now
    workshop.guest_code_expires_at = now
    workshop.save()
    record(actor=actor, action="workshop.closed", target=workshop)
    announce(workshop.pk, EventKind.STATE, state=workshop.state)
    return workshop


# --- Taking part ---


def join(*, actor: Actor, workshop_id: int) -> Participant:
    """The member's participant in the workshop (made on the first call).

    A participant who joined before is read with the workshop in one query and access asked
    once, without a transaction (a page's every note and dot comes this way); only the first
    call writes."""
    participant = (
        Participant.objects.select_related("workshop")
        .filter(workshop_id=workshop_id, user=actor)
        .first()
    )
    if participant is None:
        return _first_join(actor=actor, workshop_id=workshop_id)
    try:
        collaboration_for(actor, participant.workshop.collaboration_id, JOIN)
    except NotFound:
        raise NotFound(_("no such workshop")) from None
    if participant.workshop.state == State.CLOSED:
        raise Conflict(_("this workshop is closed"))
    participant.user = actor  # type: ignore[assignment]
    return participant


@transaction.atomic
def _first_join(*, actor: Actor, workshop_id: int) -> Participant:
    workshop = get_workshop(actor=actor, workshop_id=workshop_id, action=JOIN)
    if workshop.state == State.CLOSED:
        raise Conflict(_("this workshop is closed"))
    participant, created = Participant.objects.get_or_create(
        workshop=workshop,
        user=actor,
        defaults={"display_name": display_name(actor)[:NAME_MAX_LENGTH]},
    )
    if created:
        record(actor=actor, action="workshop.joined", target=workshop)
    return participant


def member_participant(*, actor: Actor, workshop_id: int) -> Participant | None:
    return Participant.objects.filter(workshop_id=workshop_id, user=actor).first()


def _open_code(code: str) -> Workshop:
    """The running workshop whose guest code this is; a closed, expired or unknown code is
    refused with the same words (a guesser learns nothing)."""
    normal = "".join(str(code).split()).upper()
    workshop = (
        Workshop.objects.select_for_update().filter(guest_code=normal).first() if normal else None
    )
    if (
        workshop is None
        or workshop.state != State.RUNNING
        or workshop.guest_code_expires_at is None
        or workshop.guest_code_expires_at <= timezone.now()
    ):
        raise NotFound(_("this code is not valid (any more)"))
    return workshop


def workshop_for_code(code: str) -> Workshop:
    """The running workshop a guest code opens (NotFound when none)."""
    with transaction.atomic():
        return _open_code(code)


@transaction.atomic
def join_as_guest(*, code: str, display_name: str) -> Participant:
    """A guest without an account joins a running workshop by its code, under a name."""
    workshop = _open_code(code)
    name = _text("display_name", display_name, limit=NAME_MAX_LENGTH)
    guests = workshop.participants.filter(user__isnull=True).count()
    if guests >= workshop.max_guests:
        raise Conflict(_("this workshop has no room for more guests"))
    participant = Participant.objects.create(
        workshop=workshop, display_name=name, token=secrets.token_urlsafe(32)
    )
    record(
        actor=None,
        action="workshop.guest_joined",
        target=workshop,
        data={"participant": participant.pk, "name": name},
    )
    return participant


def guest(*, token: str) -> Participant:
    """The guest of a session's token while the workshop is open to guests."""
    participant = (
        Participant.objects.select_related("workshop").filter(token=token).first()
        if token
        else None
    )
    if participant is None:
        raise NotFound(_("no such workshop"))
    workshop = participant.workshop
    if (
        workshop.state != State.RUNNING
        or workshop.guest_code_expires_at is None
        or workshop.guest_code_expires_at <= timezone.now()
    ):
        raise PermissionDenied(_("this workshop is closed to guests"))
    return participant


def may_take_part(participant: Participant) -> bool:
    """Whether the participant may add notes and dots now (one query)."""
    workshop = participant.workshop
    if workshop.state != State.RUNNING:
        return False
    if participant.user_id is None:
        expires = workshop.guest_code_expires_at
        return expires is not None and expires > timezone.now()
    return permits(participant.user, workshop.collaboration_id, JOIN)


def _acting(participant: Participant) -> Participant:
    """The participant again, locked, with a fresh workshop, when they may take part now."""
    fresh = (
        # Only the participant's row is locked (PostgreSQL locks no outer-joined user).
        Participant.objects.select_for_update(of=("self",))
        .select_related("workshop", "user")
        .filter(pk=participant.pk)
        .first()
    )
    if fresh is None:
        raise NotFound(_("no such workshop"))
    if fresh.workshop.state != State.RUNNING:
        raise Conflict(_("this workshop is not running"))
    if not may_take_part(fresh):
        raise PermissionDenied(_("you no longer take part in this workshop"))
    return fresh


def add_note(
    *, participant: Participant, key: str, text: str, step_id: int | None = None
) -> tuple[Note, bool]:
    """Add a note to the current step (or to ``step_id`` of the workshop, for a note written
    before the step changed). Sent again with the same key it returns the stored note and
    ``False``: the server never stores a note twice.

    The note path is short because a room of fifty waits on it: the key is looked up before
    the transaction (a note sent again writes nothing), and the transaction reads the
    participant with the workshop (one query), asks the access API once, and writes the note
    and its audit event; the room hears of it after the commit."""
    key = _text("key", key, limit=64)
    note_text = _text("text", text, limit=NOTE_MAX_LENGTH)
    existing = Note.objects.filter(workshop_id=participant.workshop_id, key=key).first()
    if existing is not None:
        if existing.participant_id != participant.pk:
            raise Conflict(_("this note key is already taken"))
        return existing, False
    with transaction.atomic():
        acting = _acting(participant)
        workshop = acting.workshop
        if step_id is None or step_id == workshop.current_step_id:
            step_id = workshop.current_step_id
        elif not workshop.steps.filter(pk=step_id).exists():
            step_id = None
        if step_id is None:
            raise NotFound(_("no such step"))
        try:
            with transaction.atomic():
                note = Note.objects.create(
                    workshop=workshop, step_id=step_id, participant=acting, key=key, text=note_text
                )
        except IntegrityError:  # the same key crossed itself (two tabs): the first one counts
            return Note.objects.get(workshop=workshop, key=key), False
        record(
            actor=acting.user,
            action="workshop.note_added",
            target=note,
            data={"workshop": workshop.pk, "participant": acting.pk},
        )
        announce(workshop.pk, EventKind.NOTE_ADDED, note=note_payload(note, workshop))
    return note, True


def _dots_of(note: Note) -> int:
    return note.dots.count()


@transaction.atomic
def place_dot(*, participant: Participant, note_id: int) -> Dot:
    """Put one of the participant's dots of this step on a note."""
    acting = _acting(participant)
    note = Note.objects.filter(pk=note_id, workshop_id=acting.workshop_id).first()
    if note is None:
        raise NotFound(_("no such note"))
    used = Dot.objects.filter(participant=acting, note__step_id=note.step_id).count()
    if used >= acting.workshop.dots:
        raise Conflict(
            _("you have placed all your %(count)s dots in this step")
            % {"count": acting.workshop.dots}
        )
    dot = Dot.objects.create(note=note, participant=acting)
    record(
        actor=acting.user,
        action="workshop.dot_placed",
        target=note,
        data={"workshop": acting.workshop_id, "participant": acting.pk},
    )
    announce(acting.workshop_id, EventKind.DOTS, note=note.pk, dots=_dots_of(note))
    return dot


@transaction.atomic
def take_dot(*, participant: Participant, note_id: int) -> None:
    """Take back one of the participant's dots from a note."""
    acting = _acting(participant)
    dot = Dot.objects.filter(participant=acting, note_id=note_id).order_by("-pk").first()
    if dot is None:
        raise NotFound(_("you have no dot on this note"))
    note = dot.note
    dot.delete()
    record(
        actor=acting.user,
        action="workshop.dot_taken",
        target=note,
        data={"workshop": acting.workshop_id, "participant": acting.pk},
    )
    announce(acting.workshop_id, EventKind.DOTS, note=note.pk, dots=_dots_of(note))


def dots_left(participant: Participant) -> int:
    step = participant.workshop.current_step
    if step is None:
        return 0
    used = Dot.objects.filter(participant=participant, note__step=step).count()
    return max(participant.workshop.dots - used, 0)


# --- Clusters (the facilitator) ---


@transaction.atomic
def add_cluster(*, actor: Actor, workshop_id: int, name: str) -> Cluster:
    """A named cluster in the current step."""
    workshop = _locked(actor, workshop_id)
    if workshop.current_step is None:
        raise Conflict(_("this workshop is not running"))
    cluster = Cluster.objects.create(
        step=workshop.current_step, name=_text("name", name, limit=200)
    )
    record(
        actor=actor, action="workshop.cluster_added", target=cluster, data={"name": cluster.name}
    )
    announce(workshop.pk, EventKind.CLUSTER_NAMED, cluster=cluster.pk, name=cluster.name)
    return cluster


@transaction.atomic
def cluster_note(*, actor: Actor, note_id: int, cluster_id: int | None) -> Note:
    """Move a note into a cluster of its step (``None``: out of any cluster)."""
    note = Note.objects.select_related("workshop").filter(pk=note_id).first()
    if note is None:
        raise NotFound(_("no such note"))
    _locked(actor, note.workshop_id)
    cluster = None
    if cluster_id is not None:
        cluster = Cluster.objects.filter(pk=cluster_id, step_id=note.step_id).first()
        if cluster is None:
            raise NotFound(_("no such cluster in this step"))
    note.cluster = cluster
    note.save(update_fields=["cluster"])
    record(
        actor=actor,
        action="workshop.note_clustered",
        target=note,
        data={"cluster": cluster_id},
    )
    announce(note.workshop_id, EventKind.NOTE_CLUSTERED, note=note.pk, cluster=cluster_id)
    return note


# --- Adopting into the canvas ---


def adoption_message(workshop: Workshop) -> str:
    """The revision message that names the workshop a text came from."""
    return _("From workshop “%(title)s” (#%(id)s)") % {"title": workshop.title, "id": workshop.pk}


@transaction.atomic
def adopt(
    *, actor: Actor, workshop_id: int, step_id: int, text: str, base_revision: int
) -> Adoption:
    """Make the facilitator's text of a box step the box's content in a new canvas revision.

    The save goes through the canvas's own services (the canvas writer port): the actor needs
    the right to edit the canvas, and what others saved since ``base_revision`` is merged; the
    same box changed by someone else meanwhile is the canvas's conflict, and nothing is written
    here either (the text stays in the facilitator's form)."""
    workshop = _locked(actor, workshop_id)
    step = workshop.steps.filter(pk=step_id).first()
    if step is None:
        raise NotFound(_("no such step"))
    if not step.box:
        raise InvalidInput([("step", _("only a step about a canvas box can be adopted"))])
    if step.box in NOT_ADOPTED:
        raise InvalidInput(
            [("step", _("partners are added on the canvas itself, with their role and sector"))]
        )
    body = _text("text", text, limit=20000)
    value: object = (
        [line.strip() for line in body.splitlines() if line.strip()]
        if step.box in LIST_BOXES
        else body
    )
    revision = write_canvas_fields(
        actor=actor,
        collaboration_id=workshop.collaboration_id,
        changes={step.box: value},
        base_revision=base_revision,
        message=adoption_message(workshop),
    )
    adoption = Adoption.objects.create(
        workshop=workshop, step=step, box=step.box, text=body, revision=revision, adopted_by=actor
    )
    record(
        actor=actor,
        action="workshop.adopted",
        target=workshop,
        data={"step": step.pk, "box": step.box, "revision": revision},
    )
    announce(workshop.pk, EventKind.ADOPTED, step=step.pk, box=step.box, revision=revision)
    return adoption


def summary(*, actor: Actor, workshop_id: int, fmt: str) -> bytes:
    """The workshop's summary as a file (``md``, ``pdf``, ``odt`` or ``docx``), for members."""
    from grenzeloos.documents import FORMATS, render
    from grenzeloos.workshop.summary import summary_document

    if fmt not in FORMATS:
        raise InvalidInput(
            [("format", _("must be one of: %(choices)s") % {"choices": ", ".join(FORMATS)})]
        )
    workshop = get_workshop(actor=actor, workshop_id=workshop_id)
    return render(summary_document(workshop), fmt)


def snapshot(workshop_id: int) -> dict[str, object]:
    """What a page is told when it connects: the state, the current step and its notes' count
    (a step whose time was up while no page was open has moved on first)."""
    advance_if_due(workshop_id=workshop_id)
    workshop = Workshop.objects.select_related("current_step").get(pk=workshop_id)
    step = workshop.current_step
    return {
        "kind": str(EventKind.HELLO),
        "workshop": workshop.pk,
        "state": workshop.state,
        "notes": step.notes.count() if step else 0,
        **step_payload(workshop),
    }


# --- Presence (the live consumer) ---


def connected(*, participant_id: int, delta: int) -> None:
    """Count one page of the participant opened (+1) or closed (-1): one update, no lock (the
    room announces who is present, once for many pages coming and going: :func:`tell_present`)."""
    Participant.objects.filter(pk=participant_id).update(
        connections=Greatest(F("connections") + delta, 0)
    )


def tell_present(workshop_id: int) -> None:
    """Tell the room who is present now (one query)."""
    announce(workshop_id, EventKind.PRESENCE, present=present(workshop_id))
