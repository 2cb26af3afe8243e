"""A collaboration's processes (adaptable copies of templates), the items in them and every
move of an item through a gate."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.inputs import ReadsTolerantly
from grenzeloos.organisations.models import Organisation


class Process(ReadsTolerantly, models.Model):
    """A template a collaboration runs: its current document and version; earlier versions
    stay as :class:`ProcessVersion` rows."""

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="processes"
    )
    key = models.CharField(max_length=64)
    version = models.PositiveIntegerField(default=1)
    document = models.JSONField()
    copied_from = models.CharField(max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("collaboration", "key")
        constraints = [
            models.UniqueConstraint(
                fields=("collaboration", "key"), name="processes_process_unique_key"
            )
        ]

    def __str__(self) -> str:
        return self.key


class ProcessVersion(ReadsTolerantly, models.Model):
    """One version of a process's document, kept when the owners adapt it."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    document = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("process", "version")
        constraints = [
            models.UniqueConstraint(fields=("process", "version"), name="processes_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} v{self.version}"


class Outcome(models.TextChoices):
    COMPLETED = "completed", _("completed")
    STOPPED = "stopped", _("stopped")


class Item(ReadsTolerantly, models.Model):
    """The collaboration itself, or a project inside it, in one stage of a process."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="items")
    name = models.CharField(max_length=200)
    #: The collaboration this item stands for (this one, or a project that is a collaboration
    #: of its own); its ledger's commitments count in the funnel.
    linked = models.ForeignKey(
        Collaboration, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stage = models.CharField(max_length=64)
    entered_stage_at = models.DateTimeField()
    #: Raised by every move; a move names the revision it saw (two people, one wins).
    revision = models.PositiveIntegerField(default=1)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    lessons = models.TextField(blank=True)
    #: The case a closed item was turned into (the case library's slug and address), and who
    #: turned it: the case is theirs, in their own library.
    case_slug = models.CharField(max_length=80, blank=True)
    case_url = models.CharField(max_length=300, blank=True)
    case_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("process", "name", "pk")
        indexes = [models.Index(fields=("process", "stage"), name="processes_item_stage")]

    def __str__(self) -> str:
        return self.name


class Move(models.TextChoices):
    ADVANCE = "advance", _("passed the gate")
    BACK = "back", _("moved back")
    CLOSE = "close", _("closed")


class Transition(ReadsTolerantly, models.Model):
    """One move of an item, with who decided, when, the criteria ticked and the reason."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="transitions")
    kind = models.CharField(max_length=10, choices=Move.choices)
    from_stage = models.CharField(max_length=64)
    to_stage = models.CharField(max_length=64, blank=True)
    #: ``[{"key": ..., "note": ...}]``: the gate's criteria ticked as met, each with a note.
    criteria = models.JSONField(default=list)
    #: The written reason (may stay empty when a body's decision passed the gate).
    reason = models.TextField(blank=True)
    #: The adopted decision of a body that took this move (a number the governance app knows),
    #: with the body's name, the day and the title as they were when the move was recorded.
    decision_id = models.PositiveIntegerField(null=True, blank=True)
    decision_body = models.CharField(max_length=200, blank=True)
    decision_on = models.DateField(null=True, blank=True)
    decision_title = models.CharField(max_length=200, blank=True)
    #: How long the item was in ``from_stage``, in seconds (for the funnel).
    seconds_in_stage = models.PositiveBigIntegerField(default=0)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ("item", "decided_at", "pk")

    def __str__(self) -> str:
        return f"{self.kind} {self.from_stage} -> {self.to_stage}"


class Challenge(ReadsTolerantly, models.Model):
    """A civil servant's question put out to start-ups, from call to prototype."""

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="challenges"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=200)
    theme = models.CharField(max_length=200)
    problem = models.TextField()
    budget = models.DecimalField(max_digits=14, decimal_places=2)
    deadline = models.DateField()
    #: The agreement with the owner: their role, the hours they give, the amount reserved.
    owner_role = models.CharField(max_length=500)
    owner_hours = models.DecimalField(max_digits=8, decimal_places=2)
    reserved_budget = models.DecimalField(max_digits=14, decimal_places=2)
    #: ``[{"key": ..., "weight": ...}]``: the weighted criteria of the assessment.
    criteria = models.JSONField()
    #: The legal route check of the challenge's procurement (an id the legal app's port knows).
    legal_check_id = models.PositiveIntegerField(null=True, blank=True)
    scoring_closed_at = models.DateTimeField(null=True, blank=True)
    winner = models.ForeignKey(
        "Submission", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    winner_reason = models.TextField(blank=True)
    awarded_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("collaboration", "-created_at", "pk")

    def __str__(self) -> str:
        return self.title

    def scores_started(self) -> bool:
        return Score.objects.filter(submission__challenge=self).exists()


class Assessor(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="assessors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ("challenge", "pk")
        constraints = [
            models.UniqueConstraint(fields=("challenge", "user"), name="processes_assessor_once")
        ]

    def __str__(self) -> str:
        return f"{self.challenge_id}: {self.user_id}"


class Submission(ReadsTolerantly, models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="submissions")
    #: The organisation's name as it stood when the submission was sent.
    organisation = models.CharField(max_length=200)
    #: The organisation of the shared registry the submission was sent for (by one of its
    #: contact persons); empty for submissions from before that rule, or once it is removed.
    on_behalf_of = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField()
    invited_to_pitch = models.BooleanField(default=False)
    #: The final proposal after the pitch: the prototype's specification and its amount.
    proposal = models.TextField(blank=True)
    proposal_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("challenge", "pk")

    def __str__(self) -> str:
        return self.title


class AttachmentKind(models.TextChoices):
    """The kinds of file a submission may carry, decided by the file's content."""

    PDF = "pdf", "PDF"
    ODT = "odt", "ODT"
    DOCX = "docx", "DOCX"
    PNG = "png", "PNG"
    JPEG = "jpeg", "JPEG"


class Attachment(ReadsTolerantly, models.Model):
    """A file sent with a submission, kept in Django's file storage."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="challenges/attachments/", max_length=300)
    #: The name it was sent under (shown and offered on download; the stored name is ours).
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=8, choices=AttachmentKind.choices)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("submission", "pk")

    def __str__(self) -> str:
        return self.name


class InterestDeclaration(ReadsTolerantly, models.Model):
    """An assessor's conflict of interest with a submission: they do not score it."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="declarations"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField()
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("submission", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("submission", "assessor"), name="processes_declaration_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessor_id} on {self.submission_id}"


class Score(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="scores")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    criterion = models.CharField(max_length=64)
    value = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("submission", "assessor", "criterion")
        constraints = [
            models.UniqueConstraint(
                fields=("submission", "assessor", "criterion"), name="processes_score_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}={self.value}"


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ACCEPTED = "accepted", _("accepted")
    PAID = "paid", _("paid")


class Milestone(ReadsTolerantly, models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="milestones")
    number = models.PositiveSmallIntegerField()
    due = models.DateField()
    deliverable = models.TextField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    status = models.CharField(
        max_length=10, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("challenge", "number")
        constraints = [
            models.UniqueConstraint(
                fields=("challenge", "number"), name="processes_milestone_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.challenge_id} #{self.number}"
