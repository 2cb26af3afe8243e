"""Problem statements, the answers of organisations that share them, and the round-table
comparison both sides fill in before they start together.

Keys of several values (themes, seats sought, interests) are kept as ``|a|b|`` so one value is
a substring match; :mod:`grenzeloos.meetingplace.matching` reads and writes them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grenzeloos import publication
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.inputs import ReadsTolerantly
from grenzeloos.organisations.models import Organisation


class Visibility(models.TextChoices):
    """Who may see a statement (besides its own organisation or collaboration)."""

    EVERYONE = "everyone", _("everyone signed in")
    SECTOR = "sector", _("organisations of one sector")
    INVITED = "invited", _("only invited organisations")


class Status(models.TextChoices):
    OPEN = "open", _("open")
    STARTED = "started", _("collaboration started")
    CLOSED = "closed", _("closed")


class ClosedReason(models.TextChoices):
    """Why the owner closed a statement."""

    FOUND = "found", _("found what it sought")
    NOT_RELEVANT = "not_relevant", _("no longer relevant")


class Statement(ReadsTolerantly, models.Model):
    """A problem an organisation (or a forming collaboration) owns, published to find others."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="problem_statements",
    )
    collaboration = models.ForeignKey(
        Collaboration,
        verbose_name=_("collaboration"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="problem_statements",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    hurts = models.TextField(_("what hurts"), max_length=2000)
    for_whom = models.TextField(_("for whom"), max_length=1000, blank=True)
    tried = models.TextField(_("what was tried"), max_length=2000, blank=True)
    themes = models.CharField(_("themes"), max_length=600, blank=True)
    seeking = models.CharField(_("seeks"), max_length=200, blank=True)
    seat = models.CharField(
        _("own place at the table"),
        max_length=30,
        choices=publication.choices(publication.Seat),
        default=publication.Seat.PROBLEM_OWNER,
    )
    interests = models.CharField(_("interests"), max_length=200, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.EVERYONE
    )
    audience_sector = models.CharField(
        _("sector that may see it"),
        max_length=20,
        choices=publication.choices(publication.Sector),
        blank=True,
    )
    invited = models.ManyToManyField(
        Organisation, verbose_name=_("invited organisations"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    started = models.ForeignKey(
        Collaboration,
        verbose_name=_("collaboration started from it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_reason = models.CharField(
        _("why it was closed"), max_length=20, choices=ClosedReason.choices, blank=True
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    #: The visible text folded (lower case, no accents), indexed for search (migration 0002).
    search_text = models.TextField(_("search text"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("problem statement")
        verbose_name_plural = _("problem statements")
        ordering = ("-created_at", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False)
                | models.Q(collaboration__isnull=False),
                name="meetingplace_statement_has_owner",
            )
        ]
        indexes = [
            models.Index(fields=("visibility", "audience_sector")),
            # The digest reads the open statements published since a moment.
            models.Index(fields=("status", "created_at"), name="meetingplace_open_since"),
        ]

    def __str__(self) -> str:
        return self.title


class StatementTerm(models.Model):
    """One term a statement is found by when matching: the stem of one of its words
    (``w:``, Dutch or English) or one of its themes (``t:``). An inverted index of our own,
    because ranking by how rare the shared terms are needs each term's document count, which
    neither the trigram index nor PostgreSQL's expression index gives cheaply (see
    :func:`grenzeloos.meetingplace.services.matches`)."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("matching term")
        verbose_name_plural = _("matching terms")
        constraints = [
            models.UniqueConstraint(fields=("term", "statement"), name="meetingplace_term_once")
        ]

    def __str__(self) -> str:
        return self.term


class AnswerKind(models.TextChoices):
    SHARED = "shared", _("we have this too")
    KNOWLEDGE = "knowledge", _("we offer knowledge")


class Answer(ReadsTolerantly, models.Model):
    """An organisation's answer to a statement: it shares the problem, or offers knowledge."""

    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="answers"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AnswerKind.choices)
    framing = models.TextField(_("own framing"), max_length=2000)
    seat = models.CharField(
        _("place at the table"),
        max_length=30,
        choices=publication.choices(publication.Seat),
        default=publication.Seat.PROBLEM_OWNER,
    )
    interests = models.CharField(_("interests"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ("statement", "created_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("statement", "organisation"), name="meetingplace_one_answer_per_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.statement}"


class Agreement(models.TextChoices):
    YES = "yes", _("yes")
    PARTLY = "partly", _("partly")
    NO = "no", _("no")


class Side(models.TextChoices):
    OWNER = "owner", _("the statement's owner")
    ANSWERER = "answerer", _("the answering organisation")


class Comparison(ReadsTolerantly, models.Model):
    """One side's round-table comparison of a statement and an answer: do they really share the
    problem, or only the words? Both sides fill it in before they start together."""

    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="comparisons"
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    same_people = models.CharField(
        _("the same people suffer"), max_length=10, choices=Agreement.choices
    )
    same_cause = models.CharField(_("the same cause"), max_length=10, choices=Agreement.choices)
    same_goal = models.CharField(_("the same goal"), max_length=10, choices=Agreement.choices)
    will_invest = models.BooleanField(_("willing to invest time and means"))
    note = models.TextField(_("note"), max_length=1000, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("round-table comparison")
        verbose_name_plural = _("round-table comparisons")
        ordering = ("answer", "side")
        constraints = [
            models.UniqueConstraint(fields=("answer", "side"), name="meetingplace_one_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.answer} ({self.side})"

    @property
    def agrees(self) -> bool:
        """This side finds the problem shared: no "no" and willing to invest."""
        return self.will_invest and Agreement.NO not in (
            self.same_people,
            self.same_cause,
            self.same_goal,
        )


class DigestMark(models.Model):
    """When the meeting place's e-mail digest last went to a person: the next one names what is
    newer. Whether a person gets it, how often and in which language is their notice preference
    (:class:`grenzeloos.accounts.models.NoticePreference`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    last_sent_at = models.DateTimeField(_("last digest sent at"))

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")

    def __str__(self) -> str:
        return f"#{self.user_id}: {self.last_sent_at:%Y-%m-%d %H:%M}"
