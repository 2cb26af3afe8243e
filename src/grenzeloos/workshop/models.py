"""A workshop of a collaboration: its agenda of steps, who takes part (members and guests),
the notes written per step, the facilitator's clusters, the dots, and what was adopted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grenzeloos.collaborations.models import Collaboration
from grenzeloos.publication import CANVAS_BOXES

#: The canvas boxes a step can fill, from the publication's one vocabulary.
BOX_CHOICES = [(box.key, box.label) for box in CANVAS_BOXES]

NOTE_MAX_LENGTH = 280
NAME_MAX_LENGTH = 60


class State(models.TextChoices):
    DRAFT = "draft", _("in preparation")
    RUNNING = "running", _("running")
    CLOSED = "closed", _("closed")


class Workshop(models.Model):
    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="workshops"
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    #: Rules of the session: notes show their writer's name or none; dots per participant.
    anonymous = models.BooleanField(_("anonymous notes"), default=False)
    dots = models.PositiveSmallIntegerField(_("dots per participant"), default=3)
    max_guests = models.PositiveSmallIntegerField(_("most guests"), default=50)
    #: How long a guest code is valid after the start (it also ends when the workshop closes).
    guest_hours = models.PositiveSmallIntegerField(_("hours a guest code is valid"), default=8)
    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT)
    current_step = models.ForeignKey(
        "Step", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    step_started_at = models.DateTimeField(null=True, blank=True)
    #: While the facilitator has paused the step's timer: since when (the time left stays).
    paused_at = models.DateTimeField(null=True, blank=True)
    guest_code = models.CharField(max_length=16, null=True, blank=True, unique=True)
    guest_code_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("collaboration", "-created_at", "-pk")

    def __str__(self) -> str:
        return self.title


class Step(models.Model):
    """One item of the agenda: a canvas box to fill, or a free question."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    box = models.CharField(_("canvas box"), max_length=32, choices=BOX_CHOICES, blank=True)
    question = models.CharField(_("question"), max_length=300, blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=10)

    class Meta:
        ordering = ("workshop", "position")
        constraints = [
            models.UniqueConstraint(
                fields=("workshop", "position"), name="workshop_step_unique_position"
            )
        ]

    def __str__(self) -> str:
        return str(self.get_box_display() if self.box else self.question)


class Participant(models.Model):
    """Someone in a workshop: a member (``user``) or a guest (no account, a secret ``token``
    kept in the guest's session). A guest is never a member of the collaboration."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    display_name = models.CharField(_("display name"), max_length=NAME_MAX_LENGTH)
    token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    #: Open live connections (pages) of this participant: present while above zero.
    connections = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("workshop", "joined_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("workshop", "user"),
                condition=models.Q(user__isnull=False),
                name="workshop_participant_unique_member",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_guest(self) -> bool:
        return self.user_id is None


class Cluster(models.Model):
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="clusters")
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("step", "pk")

    def __str__(self) -> str:
        return self.name


class Note(models.Model):
    """A short text of a participant in a step. ``key`` is made by the page that sent it, so a
    note sent again after a lost connection is recognised and stored once."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="notes")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="notes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="notes")
    key = models.CharField(max_length=64)
    text = models.CharField(_("text"), max_length=NOTE_MAX_LENGTH)
    cluster = models.ForeignKey(
        Cluster, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("step", "pk")
        constraints = [
            models.UniqueConstraint(fields=("workshop", "key"), name="workshop_note_unique_key")
        ]

    def __str__(self) -> str:
        return self.text


class Dot(models.Model):
    """One of a participant's dots on a note (several may go on one note)."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="dots")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="dots")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("note", "pk")

    def __str__(self) -> str:
        return f"{self.participant} on {self.note}"


class Adoption(models.Model):
    """A box's text the facilitator adopted into the canvas, and the revision it became."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="adoptions")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="adoptions")
    box = models.CharField(max_length=32, choices=BOX_CHOICES)
    text = models.TextField()
    revision = models.PositiveIntegerField()
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("workshop", "adopted_at", "pk")

    def __str__(self) -> str:
        return f"{self.box} r{self.revision}"
