"""The partners ledger: partners of a collaboration (linked to organisations of the shared
registry, :mod:`grenzeloos.organisations`), what they committed and what they actually contributed.

Why: subsidy givers ask per partner what was promised and what was delivered. The log is the
record of that, so it is never rewritten behind people's backs: contributions point at the
partner and (optionally) the person who did the work, and erasing a person's personal data
blanks the person in place instead of deleting them, so every line of history still adds up.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from grenzeloos import publication
from grenzeloos.core.inputs import ReadsTolerantly
from grenzeloos.organisations.models import ContactPerson, Organisation

#: The collaboration model every ledger record hangs from.
COLLABORATION_MODEL = "collaborations.Collaboration"

#: The sectors of the canvas's partners (the quadruple helix plus citizens).
Sector = publication.Sector


#: The canvas's contribution kinds.
Kind = publication.ContributionKind


class Unit(models.TextChoices):
    HOURS = "hours", _("hours")
    FTE = "fte", _("fte")
    EUR = "EUR", _("EUR")


def _amount(verbose_name: Any, **extra: Any) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        **extra,
    )


class Ledger(ReadsTolerantly, models.Model):
    """The ledger settings of one collaboration: fte hours, default hourly rate, target split."""

    collaboration = models.OneToOneField(
        COLLABORATION_MODEL,
        verbose_name=_("collaboration"),
        on_delete=models.CASCADE,
        related_name="ledger",
    )
    fte_hours = models.PositiveIntegerField(
        _("hours in one fte a year"), validators=[MinValueValidator(1)]
    )
    hourly_rate_eur = _amount(_("hourly rate (EUR)"), null=True, blank=True)
    #: ``[{"label": ..., "share": "33.33", "sectors": [...], "partners": [...]}, ...]``
    target_split = models.JSONField(_("target split"), default=list, blank=True)
    split_tolerance = models.DecimalField(
        _("tolerance of the split (percentage points)"),
        max_digits=5,
        decimal_places=2,
        default=5,
    )
    #: The progress report's header: who funds the project and its reference there.
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    project_reference = models.CharField(_("project reference"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("ledger")
        verbose_name_plural = _("ledgers")

    def __str__(self) -> str:
        return f"ledger {self.collaboration_id}"


class Partner(ReadsTolerantly, models.Model):
    """A partner of one collaboration as the ledger knows it: its canvas name, sector, the
    organisation it is (when linked) and its own hourly rate."""

    collaboration = models.ForeignKey(
        COLLABORATION_MODEL,
        verbose_name=_("collaboration"),
        on_delete=models.CASCADE,
        related_name="ledger_partners",
    )
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    #: Who linked the partner to its organisation and when (empty for links made before this
    #: was kept). A link tells the organisation's managers; it gives nobody rights over it.
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    linked_at = models.DateTimeField(_("linked at"), null=True, blank=True)
    hourly_rate_eur = _amount(_("hourly rate (EUR)"), null=True, blank=True)
    #: False when the partner's hours are not valued in the report (volunteers): they count
    #: as hours and add no money value.
    hours_valued = models.BooleanField(_("hours valued"), default=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ("collaboration", "name", "id")
        constraints = [
            models.UniqueConstraint(
                "collaboration", Lower("name"), name="ledger_unique_partner_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class LinkRefusal(ReadsTolerantly, models.Model):
    """An organisation's managers refused the link a collaboration made between one of its
    partners and the organisation. Kept for good: the partner shows as not linked, and the
    same link cannot be made again."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="refusals"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="refusals",
    )
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("refused by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    refused_at = models.DateTimeField(_("refused at"), auto_now_add=True)

    class Meta:
        verbose_name = _("refused link")
        verbose_name_plural = _("refused links")
        ordering = ("-refused_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("partner", "organisation"), name="ledger_unique_link_refusal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} ≠ {self.organisation}"


class Commitment(ReadsTolerantly, models.Model):
    """What a partner committed for a period: a quantity of hours, fte or euros of one kind."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("entered")
        CANVAS = "canvas", _("taken over from the canvas")

    collaboration = models.ForeignKey(
        COLLABORATION_MODEL, on_delete=models.CASCADE, related_name="ledger_commitments"
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="commitments"
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    quantity = _amount(_("quantity"))
    unit = models.CharField(_("unit"), max_length=5, choices=Unit.choices)
    description = models.CharField(_("description"), max_length=2000, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ("partner__name", "period_start", "id")
        indexes = [models.Index(fields=("collaboration", "period_start", "period_end"))]

    def __str__(self) -> str:
        return f"{self.partner} {self.quantity} {self.unit}"


class ImportBatch(ReadsTolerantly, models.Model):
    """One imported file: which file, how many rows, by whom and when."""

    collaboration = models.ForeignKey(
        COLLABORATION_MODEL, on_delete=models.CASCADE, related_name="ledger_imports"
    )
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(_("rows"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.filename


class Contribution(ReadsTolerantly, models.Model):
    """One line of the contributions log: what a partner actually brought in, on a date."""

    collaboration = models.ForeignKey(
        COLLABORATION_MODEL,
        on_delete=models.CASCADE,
        related_name="ledger_contributions",
        db_index=False,  # the indexes below start with it
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.RESTRICT,
        related_name="contributions",
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    quantity = _amount(_("quantity"))
    unit = models.CharField(_("unit"), max_length=5, choices=Unit.choices)
    description = models.CharField(_("description"), max_length=2000, blank=True)
    evidence = models.CharField(_("evidence"), max_length=500, blank=True)
    person = models.ForeignKey(
        ContactPerson,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="contributions",
    )
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ("-date", "-id")
        indexes = [
            # Covers the progress report's GROUP BY in its own order: the sums are read from
            # the index alone, group after group, without sorting a year of rows first.
            models.Index(
                fields=("collaboration", "partner", "kind", "unit", "date", "quantity"),
                name="ledger_contrib_report",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.partner} {self.quantity} {self.unit}"
