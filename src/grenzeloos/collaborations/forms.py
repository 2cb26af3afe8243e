"""Forms of the collaboration pages (NL Design System classes on the widgets)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from grenzeloos.collaborations.models import Status
from grenzeloos.collaborations.services import DESCRIPTION_MAX


class DetailsForm(forms.Form):
    """The short description and the status of a collaboration."""

    description = forms.CharField(
        label=_("Short description"),
        help_text=_(
            "One or two sentences, shown on the list of collaborations (at most 500 characters)."
        ),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 3, "class": "utrecht-textarea utrecht-textarea--html-textarea"}
        ),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        help_text=_("Forming: partners are still finding each other. Closed: the work is done."),
        choices=Status.choices,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
