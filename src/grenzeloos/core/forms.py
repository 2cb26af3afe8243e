"""The house's form patterns: widgets with the NL Design System (Utrecht) classes, and amounts
typed by people in the page's language (read with the product's one amount parser)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.utils import translation

from grenzeloos.core.amounts import AmountError, example_amount, format_amount, parse_amount


def _language() -> str:
    return (translation.get_language() or "nl")[:2]


_WIDGET_CLASSES = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.ClearableFileInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.HiddenInput: "",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
}


class StyledForm(forms.Form):
    """Widgets with the NL Design System (Utrecht) classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = next(
                (css for kind, css in _WIDGET_CLASSES.items() if isinstance(field.widget, kind)),
                "utrecht-textbox utrecht-textbox--html-input",
            )
            if css:
                field.widget.attrs.setdefault("class", css)


class AmountField(forms.CharField):
    """A money or quantity typed by a person: ``1.200,50`` on a Dutch page, ``1,200.50`` on an
    English one (see ``core.amounts``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs["placeholder"] = example_amount(_language())
        return attrs

    def clean(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_amount(text, _language())
        except AmountError as error:
            raise forms.ValidationError(str(error)) from None


def flash_errors(request: HttpRequest, form: Any) -> None:
    """Each form error as a message naming its field (for forms posted from another page)."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        text = " ".join(str(error) for error in errors)
        messages.error(request, f"{label}: {text}" if label else text)


def form_error(form: Any, error: Exception) -> None:
    """A service's error on the form: on the field it names (a ``FieldError``), else on the form."""
    field = getattr(error, "field", "")
    message = str(error).split(": ", 1)[-1] if field else str(error)
    form.add_error(field if field in form.fields else None, message)


def figure(value: Any) -> str:
    """A stored number as a form shows it: the page language's way, every decimal kept (the
    one amount format), so saving the form unchanged reads back the same number."""
    return "" if value is None else format_amount(value, _language(), exact=True)
