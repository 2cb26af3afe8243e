"""Forms of the meeting place's pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grenzeloos import publication
from grenzeloos.core.forms import StyledForm
from grenzeloos.meetingplace.models import (
    Agreement,
    AnswerKind,
    ClosedReason,
    Visibility,
)


def _organisations(choices: Any) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return forms.ModelChoiceField(label=_("For organisation"), queryset=choices, empty_label=None)


class StatementForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    hurts = forms.CharField(
        label=_("What hurts"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    for_whom = forms.CharField(
        label=_("For whom"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    tried = forms.CharField(
        label=_("What was tried"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    themes = forms.CharField(
        label=_("Themes"),
        max_length=600,
        required=False,
        help_text=_("Separated by commas, for example: energy poverty, neighbourhoods."),
    )
    seeking = forms.MultipleChoiceField(
        label=_("What it seeks"),
        choices=publication.choices(publication.Seat),
        required=False,
        widget=forms.CheckboxSelectMultiple(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        ),
    )
    interests = forms.MultipleChoiceField(
        label=_("Your interests"),
        choices=publication.choices(publication.Interest),
        required=False,
        widget=forms.CheckboxSelectMultiple(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        ),
    )
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=Visibility.choices)
    audience_sector = forms.ChoiceField(
        label=_("Sector (when one sector may see it)"),
        choices=[("", "—"), *publication.choices(publication.Sector)],
        required=False,
    )
    invited = forms.CharField(
        label=_("Invited organisations (when only invited ones may see it)"),
        required=False,
        max_length=400,
        help_text=_("Their numbers in the registry, separated by commas."),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"organisation": _organisations(organisations), **self.fields}
        self.fields["organisation"].widget.attrs["class"] = (
            "utrecht-select utrecht-select--html-select"
        )

    def clean_invited(self) -> list[int]:
        text = self.cleaned_data.get("invited", "")
        try:
            return [int(part) for part in text.replace(" ", "").split(",") if part]
        except ValueError:
            raise forms.ValidationError(
                _("Give the organisations' numbers, separated by commas.")
            ) from None


class AnswerForm(StyledForm):
    kind = forms.ChoiceField(label=_("Your answer"), choices=AnswerKind.choices)
    framing = forms.CharField(
        label=_("The problem in your own words"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    seat = forms.ChoiceField(
        label=_("Your place at the table"), choices=publication.choices(publication.Seat)
    )
    interests = forms.MultipleChoiceField(
        label=_("Your interests"),
        choices=publication.choices(publication.Interest),
        required=False,
        widget=forms.CheckboxSelectMultiple(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        ),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"organisation": _organisations(organisations), **self.fields}
        self.fields["organisation"].widget.attrs["class"] = (
            "utrecht-select utrecht-select--html-select"
        )


class ComparisonForm(StyledForm):
    same_people = forms.ChoiceField(
        label=_("Do the same people suffer from it?"), choices=Agreement.choices
    )
    same_cause = forms.ChoiceField(
        label=_("Does it have the same cause?"), choices=Agreement.choices
    )
    same_goal = forms.ChoiceField(
        label=_("Do you want to reach the same goal?"), choices=Agreement.choices
    )
    will_invest = forms.BooleanField(
        label=_("We are willing to invest time and means together"), required=False
    )
    note = forms.CharField(
        label=_("Note"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseForm(StyledForm):
    reason = forms.ChoiceField(label=_("Why you close it"), choices=ClosedReason.choices)
