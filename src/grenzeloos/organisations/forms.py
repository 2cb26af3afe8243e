"""Forms of the organisation pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from grenzeloos.core.forms import AmountField, StyledForm
from grenzeloos.organisations.models import Sector, SizeClass


class OrganisationForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    kvk_number = forms.CharField(
        label=_("KvK number"),
        max_length=12,
        required=False,
        help_text=_("8 digits, optional."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    size_class = forms.ChoiceField(
        label=_("Size class"),
        choices=[("", _("derive from the figures / unknown")), *SizeClass.choices],
        required=False,
    )
    staff = AmountField(label=_("Staff (annual work units)"), required=False)
    turnover_eur = AmountField(label=_("Annual turnover (EUR)"), required=False)
    balance_sheet_eur = AmountField(label=_("Balance-sheet total (EUR)"), required=False)


class ContactForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    account = forms.CharField(
        label=_("Account (user name)"),
        max_length=150,
        required=False,
        help_text=_(
            "Optional. Ties the person to their Grenzeloos account: they can then manage this "
            "organisation too."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
