"""Legal route checks on record: an assessment of a collaboration, its answers and outcome.

Why: a government must be able to show later which facts it gave, which dated rules were
applied and who reviewed the motivation. So the answers, the outcome and the ids of the rule
sets are stored as they were at the time; a signed-off assessment is never changed again, and
reopening it creates a new draft that supersedes it, so the history stays intact.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grenzeloos.core.inputs import ReadsTolerantly


class Status(models.TextChoices):
    """The life cycle of an assessment: draft → signed off → (reopened) superseded."""

    DRAFT = "draft", _("Draft")
    SIGNED_OFF = "signed_off", _("Signed off")
    SUPERSEDED = "superseded", _("Superseded")


class LegalAssessment(ReadsTolerantly, models.Model):
    """One legal route check of a collaboration, with its review (sign-off)."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("collaboration"),
        on_delete=models.CASCADE,
        related_name="legal_assessments",
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    answers = models.JSONField(_("answers"), default=dict)
    #: The `grenzeloos.legal-outcome/1` document; null while the answers lack a date.
    outcome = models.JSONField(_("outcome"), null=True, blank=True)
    rule_set_ids = models.JSONField(_("rule sets"), default=list)
    on_date = models.DateField(_("reference date"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    sign_off_remark = models.TextField(_("sign-off remark"), blank=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
    )

    class Meta:
        verbose_name = _("legal assessment")
        verbose_name_plural = _("legal assessments")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_complete(self) -> bool:
        """Whether the answers could be assessed (they need at least a reference date)."""
        return self.outcome is not None


class AnswerChange(ReadsTolerantly, models.Model):
    """One change of an assessment's answers: who, when and which answers (four-eyes record).

    Starting an assessment counts as its first change. Whoever appears here may not sign the
    assessment off.
    """

    assessment = models.ForeignKey(
        LegalAssessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="answer_changes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    #: The answer paths that changed (``aid.amount``, ...); empty for a start with no answers.
    paths = models.JSONField(_("changed answers"), default=list)
    #: What changed, with values: ``[{"path": "aid.amount_eur", "old": …, "new": …}]``
    #: (empty for changes recorded before values were kept).
    changes = models.JSONField(_("changes with values"), default=list)

    class Meta:
        verbose_name = _("change of answers")
        verbose_name_plural = _("changes of answers")
        ordering = ("changed_at", "id")

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.author} {self.changed_at:%Y-%m-%d %H:%M}"


class SendBack(ReadsTolerantly, models.Model):
    """A reviewer's "not yet": the draft goes back to its authors with a comment saying what
    should change before it can be signed off. The draft itself stays as it is."""

    assessment = models.ForeignKey(
        LegalAssessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="send_backs",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent back at"), auto_now_add=True)
    comment = models.TextField(_("comment"))
    #: The answers' version the reviewer read (services.answers_version).
    answers_version = models.CharField(_("answers version"), max_length=40)

    class Meta:
        verbose_name = _("send-back")
        verbose_name_plural = _("send-backs")
        ordering = ("sent_at", "id")

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.reviewer} {self.sent_at:%Y-%m-%d %H:%M}"
