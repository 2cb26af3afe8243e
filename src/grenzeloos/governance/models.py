"""Bodies of a collaboration, the people who sit in them, and the decisions they take."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.inputs import ReadsTolerantly
from grenzeloos.governance.voting import Choice, Method, Outcome
from grenzeloos.publication import Sector


class BodyKind(models.TextChoices):
    """The bodies the publication's cases had (and any other, named by the partners)."""

    STEERING_GROUP = "steering_group", _("steering group")
    SUPERVISORY_BOARD = "supervisory_board", _("supervisory board")
    ADVISORY_BOARD = "advisory_board", _("advisory board")
    MEMBERS_COUNCIL = "members_council", _("members' council")
    CORE_TEAM = "core_team", _("core team")
    WORKING_GROUP = "working_group", _("working group")
    PROGRAMME_OFFICE = "programme_office", _("programme office")
    OTHER = "other", _("other body")


class Body(ReadsTolerantly, models.Model):
    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="bodies"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=BodyKind.choices)
    mandate = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("collaboration", "name", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("collaboration", "name"), name="governance_body_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Seat(ReadsTolerantly, models.Model):
    """A person in a body: for a partner organisation or on personal title, for a term."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    name = models.CharField(max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    organisation = models.CharField(max_length=200, blank=True)
    personal_title = models.BooleanField(default=False)
    voting = models.BooleanField(default=True)
    weight = models.PositiveSmallIntegerField(default=1)
    term_start = models.DateField(null=True, blank=True)
    term_end = models.DateField(null=True, blank=True)
    #: The sector of the organisation the seat is for (blank: read from the canvas's partner of
    #: the same name, or none on personal title).
    sector = models.CharField(max_length=32, blank=True, choices=Sector.choices)
    #: The organisation provides money to the collaboration (a financier or subsidy giver).
    financier = models.BooleanField(default=False)
    #: The person is a sponsor at board level in their own organisation.
    sponsor = models.BooleanField(default=False)

    class Meta:
        ordering = ("body", "name", "pk")
        constraints = [
            models.UniqueConstraint(fields=("body", "user"), name="governance_seat_one_per_user"),
            models.CheckConstraint(
                condition=models.Q(weight__gte=1), name="governance_seat_weight_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("open for votes")
    CLOSED = "closed", _("closed")


class Subject(models.TextChoices):
    """What a decision decides. Subjects in another capability are references by number or
    text: the decision never reaches into that capability's data."""

    TEXT = "text", _("free text")
    CANVAS_REVISION = "canvas_revision", _("adopt a canvas revision")
    BUDGET = "budget", _("approve the budget in the partners ledger")
    SPLIT = "split", _("approve the agreed split in the partners ledger")
    LEGAL_ROUTE = "legal_route", _("record the legal route chosen")


class Decision(ReadsTolerantly, models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="decisions")
    title = models.CharField(max_length=200)
    proposal = models.TextField(blank=True)
    subject = models.CharField(max_length=16, choices=Subject.choices, default=Subject.TEXT)
    #: The canvas revision a CANVAS_REVISION decision adopts.
    revision = models.PositiveIntegerField(null=True, blank=True)
    #: What a BUDGET, SPLIT or LEGAL_ROUTE decision refers to (a year, an assessment number).
    reference = models.CharField(max_length=200, blank=True)
    method = models.CharField(max_length=16, choices=[(m.value, m.value) for m in Method])
    #: The quorum as a share of the voting weight, numerator over denominator.
    quorum_numerator = models.PositiveSmallIntegerField(default=1)
    quorum_denominator = models.PositiveSmallIntegerField(default=2)
    weighted = models.BooleanField(default=False)
    status = models.CharField(
        max_length=8, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    outcome = models.CharField(
        max_length=16, blank=True, choices=[(o.value, o.value) for o in Outcome]
    )
    #: The tally when it was closed (voting.Tally as data), kept as the record.
    tally = models.JSONField(default=dict, blank=True)
    reasoning = models.TextField(blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quorum_numerator__lte=models.F("quorum_denominator"))
                & models.Q(quorum_denominator__gte=1),
                name="governance_decision_quorum_share",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Vote(models.Model):
    """One seat's vote on one decision; changed in place until the decision closes."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="votes")
    choice = models.CharField(max_length=8, choices=[(c.value, c.value) for c in Choice])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("decision", "seat"), name="governance_vote_one_per_seat"
            )
        ]

    def __str__(self) -> str:
        return f"{self.seat}: {self.choice}"


class Comment(ReadsTolerantly, models.Model):
    """A comment or open question on a canvas box or a partner of a collaboration's canvas.

    Anchored to the box (or partner name), not to a revision: an open comment stays with the
    box in every later revision until someone resolves it. ``revision`` says which revision the
    writer was looking at."""

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    box = models.CharField(max_length=32, blank=True)
    partner = models.CharField(max_length=200, blank=True)
    revision = models.PositiveIntegerField(null=True, blank=True)
    question = models.BooleanField(default=False)
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return self.text[:60]


class PulseAnswer(models.Model):
    """One anonymous answer to the health pulse: no person, no time, and a random key so the
    order of answers says nothing either. Who answered is kept apart (:class:`PulseTaken`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="pulse_answers"
    )
    #: The period, as ``YYYY-MM`` or ``YYYY-Qn``.
    period = models.CharField(max_length=7)
    #: The respondent's sector: the group whose figures are shown from five answers on.
    sector = models.CharField(max_length=32, choices=Sector.choices)
    scores = models.JSONField()

    class Meta:
        indexes = [models.Index(fields=("collaboration", "period"))]

    def __str__(self) -> str:
        return f"{self.collaboration_id} {self.period}"


class PulseTaken(models.Model):
    """That a person answered the pulse of a period (once), without what they answered."""

    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=7)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("collaboration", "period", "user"), name="governance_pulse_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.period}"
