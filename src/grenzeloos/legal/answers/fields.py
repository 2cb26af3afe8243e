"""Which keys an answers document has, of which kind, at which place; and the limits of its
values."""

from __future__ import annotations

from collections.abc import Mapping

from grenzeloos.legal.answers.model import (
    AID_CRITERIA,
    GBER_CHOICES,
    GBER_CONDITION_FACTS,
    GBER_CONDITIONS,
    GOVERNMENT_ROLES,
    INDIRECT_AID_SAFEGUARDS,
    POLICY_EXAMPLES,
)
from grenzeloos.legal.ruleset import (
    AUTHORITIES,
    CONTRACT_KINDS,
    SIZES,
)

# Field specification: key -> (kind, choices). Kinds: bool, choice, amount, count, date, object.
BENEFICIARY_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "size": ("choice", SIZES),
    "staff": ("count", ()),
    "turnover_eur": ("amount", ()),
    "balance_sheet_eur": ("amount", ()),
    "public_control": ("bool", ()),
    "linked_figures_included": ("bool", ()),
}
CONTRACT_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "kind": ("choice", CONTRACT_KINDS),
    "estimated_value_eur": ("amount", ()),
    "in_house": ("bool", ()),
    "rd_benefits_not_exclusive": ("bool", ()),
    "innovation_partnership": ("bool", ()),
    "rd_phases_value_eur": ("amount", ()),
    "purchase_value_eur": ("amount", ()),
    "cross_border_interest": ("bool", ()),
    "options_renewals_eur": ("amount", ()),
}
POLICY_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": ("text", ()),
    "date": ("date", ()),
    "example": ("choice", POLICY_EXAMPLES),
    "bands": ("bands", ()),
}
MAX_BANDS = 30
AID_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    **{criterion: ("bool", ()) for criterion in AID_CRITERIA},
    "amount_eur": ("amount", ()),
    "de_minimis_received_eur": ("amount", ()),
    "gber_category": ("choice", GBER_CHOICES),
    "eligible_costs_eur": ("amount", ()),
    "effective_collaboration": ("bool", ()),
    "two_member_states": ("bool", ()),
    "wide_dissemination": ("bool", ()),
    "sgei": ("bool", ()),
    "advisory_services": ("bool", ()),
    "advisory_aid_received_eur": ("amount", ()),
    "beneficiary": ("object", ()),
    "beneficiaries": ("partners", ()),
    "indirect_aid_safeguard": ("choice", INDIRECT_AID_SAFEGUARDS),
}
PARTNER_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": ("text", ()),
    "research_organisation": ("bool", ()),
    "may_publish": ("bool", ()),
    "size": ("choice", SIZES),
    "staff": ("count", ()),
    "turnover_eur": ("amount", ()),
    "balance_sheet_eur": ("amount", ()),
    "aid_eur": ("amount", ()),
    "eligible_costs_eur": ("amount", ()),
    "de_minimis_received_eur": ("amount", ()),
    "category_mix": ("mix", ()),
    "public_control": ("bool", ()),
    "linked_figures_included": ("bool", ()),
}
MAX_PARTNERS = 50
TOP_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "schema": ("schema", ()),
    "on_date": ("date", ()),
    "authority": ("choice", AUTHORITIES),
    "government_role": ("choice", GOVERNMENT_ROLES),
    "consideration": ("bool", ()),
    "contract": ("object", ()),
    "aid": ("object", ()),
}
CASE_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "subject": ("text", ()),
    "description": ("text", ()),
    "granting_body": ("text", ()),
    "beneficiaries": ("text", ()),
    "legal_basis": ("text", ()),
    "duration": ("text", ()),
}
GBER_CONDITION_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    **{name: ("bool", ()) for name in GBER_CONDITIONS},
    **{name: (kind, ()) for name, kind in GBER_CONDITION_FACTS.items()},
}
TOP_FIELDS.update(
    {
        "case": ("object", ()),
        "reasons": ("reasons", ()),
        "gber_conditions": ("object", ()),
        "procurement_policy": ("object", ()),
    }
)
NESTED_FIELDS: dict[str, Mapping[str, tuple[str, tuple[str, ...]]]] = {
    "contract": CONTRACT_FIELDS,
    "aid": AID_FIELDS,
    "beneficiary": BENEFICIARY_FIELDS,
    "case": CASE_FIELDS,
    "gber_conditions": GBER_CONDITION_FIELDS,
    "procurement_policy": POLICY_FIELDS,
}
TEXT_MAX = 20 * 100  # characters of one free-text answer


def answer_paths() -> list[str]:
    """Every dotted path of a single answer (the keys a reason may be given for)."""
    paths = [
        k for k, (kind, _) in TOP_FIELDS.items() if kind not in ("object", "schema", "reasons")
    ]
    paths += [f"contract.{k}" for k in CONTRACT_FIELDS]
    paths += [
        f"aid.{k}" for k, (kind, _) in AID_FIELDS.items() if kind not in ("object", "partners")
    ]
    paths += [f"aid.beneficiary.{k}" for k in BENEFICIARY_FIELDS]
    paths += [
        f"procurement_policy.{k}" for k, (kind, _) in POLICY_FIELDS.items() if kind != "bands"
    ]
    return paths


REQUIRED = ("schema", "on_date")
#: Largest head count of an undertaking that makes sense (far above any real one).
MAX_COUNT = 10**9
