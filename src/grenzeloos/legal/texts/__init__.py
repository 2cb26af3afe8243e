"""Dutch and English texts for every step and warning code of the legal route check.

Why: the engine records codes and parameters, never sentences, so the same outcome can be shown
in Dutch (the default for Dutch civil servants) and English, and a report renderer can reuse the
texts. Parameters are formatted here per language (amounts, percentages, dates, labels), so the
engine stays free of presentation and of wording.

The sentences are gettext messages (msgid in English, Dutch in the nl catalogue), one module per
concern: ``labels`` (enum values), ``procurement`` (the regime and procurement law),
``state_aid`` (the notion of aid, size, de minimis, the GBER, the routes), ``consortium`` and
``warnings``. :func:`render` reads one in the language asked for, whatever the request's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from grenzeloos.core.amounts import format_money
from grenzeloos.legal.questions import QUESTIONS
from grenzeloos.legal.ruleset import default_rules
from grenzeloos.legal.texts.consortium import CONSORTIUM
from grenzeloos.legal.texts.labels import LABELS
from grenzeloos.legal.texts.procurement import PROCUREMENT
from grenzeloos.legal.texts.state_aid import CRITERION_REASONS, ROUTES, STATE_AID
from grenzeloos.legal.texts.warnings import WARNINGS
from grenzeloos.legal.translated import LANGUAGES, Translated, translated

#: Every step and warning sentence by code, in the order of the assessment.
TEXTS: dict[str, Translated] = {**PROCUREMENT, **STATE_AID, **CONSORTIUM, **ROUTES, **WARNINGS}

_ROUTE_LABEL_KEYS = {"de_minimis": "de_minimis_route", "gber": "gber_route"}

_LABEL_PARAMS = (
    "procedure",
    "safeguard",
    "role",
    "authority",
    "kind",
    "size",
    "derived_size",
    "criterion",
    "category",
    "topic",
)


def label(key: str | None, language: str = "nl") -> str:
    """The display label of an enum value; unknown keys are shown as they are."""
    if key is None:
        return "?"
    found = LABELS.get(key)
    return found.get(language, key) if found is not None else key


def format_eur(value: Any, language: str = "nl") -> str:
    """EUR amounts in the product's one money format (€ 216.000, €216,000); "?" when unknown."""
    if value is None:
        return "?"
    return format_money(Decimal(str(value)), language)


def format_pct(value: Any, language: str = "nl") -> str:
    """Percentage points as 'N %' (both languages use a space before %, as in the sources)."""
    if value is None:
        return "?"
    amount = Decimal(str(value)).normalize()
    text = f"{amount:f}"
    return f"{text.replace('.', ',') if language == 'nl' else text} %"


def format_date(value: Any, language: str = "nl") -> str:
    """A date as written in a motivation: day, month name, year ("1 maart …"); ISO accepted."""
    if value is None or value == "":
        return "?"
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    with translation.override(language):
        month = str(MONTHS[value.month])
    return f"{value.day} {month.lower() if language == 'nl' else month} {value.year}"


def format_moment(value: Any, language: str = "nl") -> str:
    """A moment on record ("2026-02-20 10:00") as written in a motivation: "20 februari 2026,
    10:00"; "" when there is none, the text itself when it is not such a moment."""
    if not value:
        return ""
    text = str(value)
    day, _sep, time = text.partition(" ")
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        return text
    return f"{format_date(day, language)}, {time}" if time else format_date(day, language)


def policy_name(value: Any, language: str) -> str:
    """An example policy by its name in the language; the organisation's own by its name."""
    example = default_rules().policy_examples.get(str(value))
    if example is not None:
        return example.name[language]
    own = Translated(_("organisation's procurement policy"))
    return f"{own[language]} ({value})" if value else own[language]


#: The names of a beneficiary's own answers, for the list of what is still needed.
_FIELD_NAMES: dict[str, Translated] = translated(
    {
        "aid_eur": _("the aid amount"),
        "eligible_costs_eur": _("the eligible costs"),
        "de_minimis_received_eur": _("the de minimis aid received earlier"),
        "size": _("the size"),
    }
)


def missing_name(key: str, language: str) -> str:
    """One open answer by name: a beneficiary's own field, or the wizard's question."""
    field = key.rsplit(".", 1)[-1]
    if key.startswith("aid.beneficiaries.") and field in _FIELD_NAMES:
        return _FIELD_NAMES[field][language]
    for question in QUESTIONS:
        if question.key == key:
            return f"“{question.text[language]}”"
    return key


def _format(name: str, value: Any, language: str) -> str:
    if name == "missing":
        return "; ".join(missing_name(k, language) for k in value)
    if name == "policy":
        return policy_name(value, language)
    if name == "rule_id":
        # A rule by the instrument and article a lawyer cites, never by its internal id.
        meta = default_rules().meta_by_id(str(value))
        return meta.citation.get(language, str(value)) if meta and meta.citation else str(value)
    if name.endswith("_eur"):
        return format_eur(value, language)
    if name.endswith("_pct"):
        return format_pct(value, language)
    if name == "route":
        return label(_ROUTE_LABEL_KEYS.get(value, value), language)
    if name in _LABEL_PARAMS:
        return label(value, language)
    if isinstance(value, dt.date) or name in ("date", "end"):
        return format_date(value, language)
    return "?" if value is None else str(value)


def window_text(params: Mapping[str, Any], language: str) -> str:
    """The de minimis window in words: three fiscal years (Regulations 1407/2013 and 360/2012)
    or any period of three years (2023/2831 and 2023/2832, which count a rolling period)."""
    years = params.get("window_years")
    with translation.override(language):
        if years == 3:
            if params.get("fiscal_years"):
                return str(_("three fiscal years"))
            return str(_("any period of three years"))
        if params.get("fiscal_years"):
            return str(_("{years} fiscal years")).format(years=years)
        return str(_("any period of {years} years")).format(years=years)


def render(code: str, params: Mapping[str, Any], language: str = "nl") -> str:
    """The sentence for a code in a language, with formatted parameters."""
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r} is not one of {', '.join(LANGUAGES)}")
    template = TEXTS[code][language]
    if "window_years" in params and "window" not in params and "{window}" in template:
        params = {**params, "window": window_text(params, language)}
    if code in ("criterion_met", "criterion_not_met") and "why" not in params:
        met = "met" if code == "criterion_met" else "not_met"
        why = CRITERION_REASONS.get(f"{params.get('criterion')}_{met}")
        params = {**params, "why": why[language] if why else "?"}
    return template.format(**{k: _format(k, v, language) for k, v in params.items()})
