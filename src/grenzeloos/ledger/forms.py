"""Forms of the ledger pages. Amounts are read with the product's one amount parser, in the
page's language; dates are ISO (the browser's date input)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from grenzeloos.core.amounts import format_amount
from grenzeloos.core.forms import AmountField, StyledForm
from grenzeloos.ledger.models import Kind, Unit

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _language() -> str:
    return (translation.get_language() or "nl")[:2]


class SettingsForm(StyledForm):
    fte_hours = forms.IntegerField(label=_("Hours in one fte a year"), min_value=1, max_value=8784)
    hourly_rate = AmountField(label=_("Hourly rate of the collaboration (EUR)"), required=False)
    split_tolerance = AmountField(label=_("Tolerance of the split (percentage points)"))
    funder = forms.CharField(
        label=_("Funder"),
        max_length=200,
        required=False,
        help_text=_("Who funds the project; heads the progress report."),
    )
    project_reference = forms.CharField(
        label=_("Project reference"),
        max_length=100,
        required=False,
        help_text=_("The funder's reference of the project (case or grant number)."),
    )


@dataclass(frozen=True)
class SplitRow:
    """One row of the split form: a partner, or a stored group that is not one partner's."""

    name: str  # the form field
    label: str
    members: str  # what the group holds, in words ("" for a partner's own row)
    stored: int | None  # the group's place in the stored split, None for a new one
    partner: str = ""


def _one_partner(group: dict[str, Any], names: dict[str, str]) -> str | None:
    """The partner a stored group consists of (and only of), else None."""
    members = group.get("partners") or []
    if group.get("sectors") or len(members) != 1:
        return None
    return names.get(" ".join(str(members[0]).split()).casefold())


class SplitForm(StyledForm):
    """The agreed split of the budget as one row per partner, each with its share in percent.

    Groups stored otherwise (by sector, or of several partners, as the API may send them) keep
    a row of their own with their share, so a split never loses a group by being saved here.
    :meth:`groups` gives the split in the API's JSON shape, in the stored order.
    """

    def __init__(
        self,
        *args: Any,
        stored: list[dict[str, Any]],
        partners: list[str],
        sector_labels: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.stored = stored
        names = {" ".join(name.split()).casefold(): name for name in partners}
        own: dict[str, int] = {}
        for index, group in enumerate(stored):
            partner = _one_partner(group, names)
            if partner is not None and partner not in own:
                own[partner] = index
        language = _language()
        self.rows: list[SplitRow] = []
        for index, group in enumerate(stored):
            if index in own.values():
                continue
            members = [sector_labels.get(str(s), str(s)) for s in group.get("sectors") or []]
            members += [str(name) for name in group.get("partners") or []]
            self.rows.append(
                SplitRow(f"group_{index}", str(group.get("label", "")), ", ".join(members), index)
            )
        for number, partner in enumerate(partners):
            place = own.get(partner)
            label = partner
            if place is not None and str(stored[place].get("label", "")) != partner:
                label = f"{partner} ({stored[place].get('label', '')})"
            self.rows.append(SplitRow(f"partner_{number}", label, "", place, partner))
        for row in self.rows:
            self.fields[row.name] = AmountField(label=row.label, required=False)
            if row.stored is not None:
                share = stored[row.stored].get("share")
                self.initial[row.name] = (
                    format_amount(Decimal(str(share)), language, exact=True)
                    if share not in (None, "")
                    else ""
                )

    def table(self) -> list[tuple[SplitRow, forms.BoundField]]:
        """The rows with their bound fields, for the template."""
        return [(row, self[row.name]) for row in self.rows]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        shares = [cleaned.get(row.name) for row in self.rows if row.name not in self.errors]
        given = [share for share in shares if share is not None]
        total = sum(given, Decimal(0))
        if given and abs(total - 100) > Decimal("0.1"):
            raise forms.ValidationError(
                _("The shares add up to %(total)s %%; together they must make 100 %%.")
                % {"total": format_amount(total, _language())}
            )
        return cleaned

    def groups(self) -> tuple[list[dict[str, Any]], list[str]]:
        """The split to store (stored groups in their order, new partners after them) and, in
        the same order, the form field of each group (to put a refusal at its row)."""
        shares = {row.name: self.cleaned_data.get(row.name) for row in self.rows}
        by_stored = {row.stored: row for row in self.rows if row.stored is not None}
        groups: list[dict[str, Any]] = []
        fields: list[str] = []
        for index, group in enumerate(self.stored):
            row = by_stored.get(index)
            if row is None or shares[row.name] is None:
                continue
            groups.append({**group, "share": str(shares[row.name])})
            fields.append(row.name)
        for row in self.rows:
            if row.stored is None and shares[row.name] is not None:
                groups.append(
                    {
                        "label": row.partner,
                        "share": str(shares[row.name]),
                        "sectors": [],
                        "partners": [row.partner],
                    }
                )
                fields.append(row.name)
        return groups, fields


class PartnerForm(StyledForm):
    partner = forms.CharField(widget=forms.HiddenInput, max_length=200)
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )
    hourly_rate = AmountField(label=_("Hourly rate (EUR)"), required=False)
    volunteers = forms.BooleanField(label=_("Volunteers: hours not valued"), required=False)

    def __init__(self, *args: Any, organisations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("not linked")), *organisations]  # type: ignore[attr-defined]


class PeriodForm(StyledForm):
    period_start = forms.DateField(label=_("From"), widget=DATE_INPUT)
    period_end = forms.DateField(label=_("To"), widget=DATE_INPUT)


class CommitmentForm(PeriodForm):
    partner = forms.ChoiceField(label=_("Partner"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    quantity = AmountField(label=_("Quantity"))
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    description = forms.CharField(label=_("Description"), max_length=2000, required=False)

    def __init__(self, *args: Any, partners: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [(name, name) for name in partners]  # type: ignore[attr-defined]


class ImportForm(StyledForm):
    file = forms.FileField(
        label=_("Contributions file (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "At most %(max)s rows; larger files can be split, or imported with the command line."
        ) % {
            "max": format_amount(
                settings.LEDGER_MAX_IMPORT_ROWS, translation.get_language() or "nl"
            )
        }


class ReportForm(StyledForm):
    start = forms.DateField(label=_("From"), widget=DATE_INPUT)
    end = forms.DateField(label=_("To"), widget=DATE_INPUT)
    up_to = forms.DateField(
        label=_("Up to"),
        widget=DATE_INPUT,
        required=False,
        help_text=_(
            "The date the report is drawn up to: commitments count pro rata up to it. Empty: "
            "the end of the period."
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end, up_to = (cleaned.get(name) for name in ("start", "end", "up_to"))
        if start and end and up_to and not start <= up_to <= end:
            self.add_error("up_to", _("Choose a date from the start to the end of the period."))
        return cleaned
