"""Warnings of the legal check: missing or unconfirmed rules, conflicts, ground not covered."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from grenzeloos.legal.translated import Translated, translated

WARNINGS: dict[str, Translated] = translated(
    {
        # ---- warnings
        "rules_unknown_for_date": _(
            "No data is known for {date} on: {topic}. This check does not guess and draws no "
            "conclusion on this point; check the rules in force."
        ),
        "unconfirmed_rule": _(
            "The outcome uses a figure that was not confirmed in the primary source ("
            "{rule_id}); check it in EUR-Lex or on wetten.overheid.nl before relying on it."
        ),
        "rd_services_state_aid_check": _(
            "Pre-commercial procurement is outside the procurement Directive, but a State "
            "aid check is mandatory: buy at market price through an open, competitive and "
            "transparent procedure."
        ),
        "beneficiary_size_conflict": _(
            "The beneficiary was declared a {size}, but the figures given make it a "
            "{derived_size}. The figures are the legal test (Annex I GBER), so this check "
            "uses {derived_size}; check the figures if the declaration is right."
        ),
        "funder_with_consideration": _(
            "Note: the government is a {role}, but there is enforceable performance both "
            "ways. A subsidy that in substance buys a performance for the government is "
            "not a subsidy under Article 4:21 of the Dutch General Administrative Law Act "
            "(Awb) and may be a public contract. Both bodies of law were assessed; have a "
            "lawyer decide which one applies."
        ),
        "gber_expired": _(
            "The GBER applied until {end}. Schemes exempted under it then have a six-month "
            "adjustment period (Article 58(4) GBER; not confirmed in the primary source). "
            "A successor regulation is being prepared (a draft was published for "
            "consultation); whether it was adopted, and with which figures, is not known. "
            "Test the aid against the rules in force on {date}."
        ),
        "not_covered": _(
            "Not covered: {topic}. This check does not test this and does not guess; have a "
            "lawyer assess this point."
        ),
        "sgei_alternative": _(
            "The general de minimis ceiling is exceeded. If the government has entrusted "
            "the undertaking in writing with a service of general economic interest (SGEI) "
            "that this aid compensates, the higher SGEI ceiling of {ceiling_eur} over "
            "{window_years} years applies and the aid may be granted as SGEI de minimis "
            "aid. Without such an act this check tests against the general ceiling."
        ),
        "policy_example": _(
            "The procurement bands come from the {policy}: one municipality's policy, not "
            "a legal norm. Use the bands of your own organisation's procurement policy."
        ),
        "disclaimer": _(
            "This is decision support, not legal advice. Have a lawyer review the "
            "statement of reasons."
        ),
    }
)
