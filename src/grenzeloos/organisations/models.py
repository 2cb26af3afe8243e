"""The registry of organisations and their contact persons, shared by every capability.

Why: one organisation takes part in many collaborations (and in the ledger, the meeting place,
processes and governance): it is one record, with its KvK number and SME figures, whoever links to
it. Its contact persons are the people who speak for it; erasing a person's personal data blanks
the person in place instead of deleting them, so every record that names them still adds up.

The tables keep the names they had when the registry lived in the partners ledger
(``ledger_organisation``, ``ledger_contactperson``): the models moved, the data never did.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from grenzeloos import publication
from grenzeloos.core.inputs import ReadsTolerantly

kvk_validator = RegexValidator(
    r"^\d{8}$", _("A KvK number has exactly 8 digits."), code="invalid_kvk"
)


#: The sectors of organisations (the quadruple helix plus citizens).
Sector = publication.Sector


class SizeClass(models.TextChoices):
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium-sized")
    LARGE = "large", _("Large")


def _amount(verbose_name: Any, **extra: Any) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        **extra,
    )


class Organisation(ReadsTolerantly, models.Model):
    """One organisation, one record across every collaboration it takes part in."""

    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    kvk_number = models.CharField(
        _("KvK number"), max_length=8, blank=True, validators=[kvk_validator]
    )
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass.choices, blank=True
    )
    staff = _amount(_("staff (annual work units)"), null=True, blank=True)
    turnover_eur = _amount(_("annual turnover (EUR)"), null=True, blank=True)
    balance_sheet_eur = _amount(_("balance-sheet total (EUR)"), null=True, blank=True)
    #: Which SME definition derived the size class ("" when it was stated by hand).
    size_basis = models.CharField(_("size class basis"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        db_table = "ledger_organisation"  # the table it had in the ledger: moved, never copied
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ("name", "id")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="ledger_unique_organisation_name"),
            models.UniqueConstraint(
                fields=("kvk_number",),
                condition=~models.Q(kvk_number=""),
                name="ledger_unique_kvk_number",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ContactPerson(ReadsTolerantly, models.Model):
    """A contact person of an organisation. Erasure blanks the personal data in place."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    #: The account of this person, tied by a manager of the organisation: it makes the person
    #: one of the organisation's managers. Erasing the personal data unties it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ledger_contacts",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    class Meta:
        db_table = "ledger_contactperson"  # the table it had in the ledger: moved, never copied
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ("organisation", "name", "id")

    def __str__(self) -> str:
        return self.name if not self.erased_at else f"#{self.pk}"

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def account(self) -> str:
        """The user name of the person's account ("" when not tied to one)."""
        return self.user.get_username() if self.user_id and self.user else ""
