"""When a question matters: predicates over the raw (partial) answers dict.

A question is asked only while its answer can still change the outcome.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from grenzeloos.legal.answers import (
    AID_CRITERIA,
    get_path,
)
from grenzeloos.legal.ruleset import default_rules


def _always(_: Mapping[str, Any]) -> bool:
    return True


def _may_be_client(data: Mapping[str, Any]) -> bool:
    """Procurement questions matter unless the regime is already State aid.

    A funder, facilitator or partner whose payment buys an enforceable performance may be a
    client in substance, so procurement is then assessed too.
    """
    role = get_path(data, "government_role")
    consideration = get_path(data, "consideration")
    return (role in (None, "client") and consideration is not False) or consideration is True


def _not_in_house(data: Mapping[str, Any]) -> bool:
    return _may_be_client(data) and get_path(data, "contract.in_house") is not True


def _partnership(data: Mapping[str, Any]) -> bool:
    return _not_in_house(data) and get_path(data, "contract.innovation_partnership") is True


def _partnership_question(data: Mapping[str, Any]) -> bool:
    """Asked before the value; a file that already gives one value need not answer it."""
    return _not_in_house(data) and (
        get_path(data, "contract.estimated_value_eur") is None
        or get_path(data, "contract.innovation_partnership") is not None
    )


def _single_value(data: Mapping[str, Any]) -> bool:
    """One estimated value; an innovation partnership is valued per phase instead."""
    return _not_in_house(data) and get_path(data, "contract.innovation_partnership") is not True


def _may_be_below_threshold(data: Mapping[str, Any]) -> bool:
    """The national rules below the EU threshold matter unless the value is known to reach it."""
    if not _not_in_house(data):
        return False
    value = get_path(data, "contract.estimated_value_eur")
    if get_path(data, "contract.innovation_partnership") is True:
        parts = [
            get_path(data, f"contract.{k}") for k in ("rd_phases_value_eur", "purchase_value_eur")
        ]
        value = sum(parts) if all(isinstance(p, int | float) for p in parts) else None
    try:
        on = dt.date.fromisoformat(str(get_path(data, "on_date")))
    except ValueError:
        return True
    authority, kind = get_path(data, "authority"), get_path(data, "contract.kind")
    if not isinstance(value, int | float) or authority is None or kind is None:
        return True
    rule = default_rules().threshold_for(on, str(authority), str(kind))
    return rule is None or value < rule.amount_eur


def _sme_innovation(data: Mapping[str, Any]) -> bool:
    return _single(data) and get_path(data, "aid.gber_category") == "sme_innovation"


def _advisory(data: Mapping[str, Any]) -> bool:
    return _sme_innovation(data) and get_path(data, "aid.advisory_services") is True


def _rd_services(data: Mapping[str, Any]) -> bool:
    return _not_in_house(data) and get_path(data, "contract.kind") == "rd_services"


def _may_be_aid(data: Mapping[str, Any]) -> bool:
    """State aid questions matter when the regime may be State aid, or for PCP."""
    role = get_path(data, "government_role")
    if role in ("funder", "facilitator", "partner") or get_path(data, "consideration") is False:
        return True
    if role is None or get_path(data, "consideration") is None:
        return True
    return get_path(data, "contract.rd_benefits_not_exclusive") is True


def _criteria_not_failed(data: Mapping[str, Any]) -> bool:
    """After any criterion is answered 'no' there is no aid; later questions are moot."""
    return _may_be_aid(data) and all(get_path(data, f"aid.{c}") is not False for c in AID_CRITERIA)


def _consortium(data: Mapping[str, Any]) -> bool:
    """Beneficiaries are listed: their figures are asked per beneficiary instead."""
    partners = get_path(data, "aid.beneficiaries")
    return isinstance(partners, list) and bool(partners)


def _single(data: Mapping[str, Any]) -> bool:
    """A question about the one beneficiary (not asked for a consortium)."""
    return _criteria_not_failed(data) and not _consortium(data)


def _needs_size(data: Mapping[str, Any]) -> bool:
    return _single(data) and get_path(data, "aid.beneficiary.size") is None


def _may_be_sme(data: Mapping[str, Any]) -> bool:
    """The SME definition's other tests matter unless the beneficiary is declared large."""
    return _single(data) and get_path(data, "aid.beneficiary.size") != "large"


def _collaboration_matters(data: Mapping[str, Any]) -> bool:
    return _single(data) and get_path(data, "aid.gber_category") in (
        "rd_industrial",
        "rd_experimental",
        "process_innovation",
    )


def _rd_bonus_matters(data: Mapping[str, Any]) -> bool:
    """GBER Art. 25(6)(b): the bonus for industrial research and experimental development."""
    categories = {get_path(data, "aid.gber_category")}
    partners = get_path(data, "aid.beneficiaries")
    if isinstance(partners, list):
        for partner in partners:
            mix = partner.get("category_mix") if isinstance(partner, Mapping) else None
            if isinstance(mix, Mapping):
                categories |= set(mix)
    return (
        _criteria_not_failed(data)
        and bool(categories & {"rd_industrial", "rd_experimental"})
        # A single beneficiary in effective collaboration has the bonus on that ground.
        and (_consortium(data) or get_path(data, "aid.effective_collaboration") is not True)
    )


def _collaboration_between_countries_matters(data: Mapping[str, Any]) -> bool:
    """In a consortium, two Member States stand in for an SME among the undertakings (asked
    only when no undertaking is declared small or medium-sized)."""
    partners = get_path(data, "aid.beneficiaries")
    sme = isinstance(partners, list) and any(
        isinstance(p, Mapping) and p.get("size") in ("small", "medium") for p in partners
    )
    return (
        _criteria_not_failed(data)
        and _consortium(data)
        and not sme
        and get_path(data, "aid.gber_category")
        in ("rd_industrial", "rd_experimental", "process_innovation")
    )


def _research_organisation_in_consortium(data: Mapping[str, Any]) -> bool:
    partners = get_path(data, "aid.beneficiaries")
    return (
        _criteria_not_failed(data)
        and isinstance(partners, list)
        and any(isinstance(p, Mapping) and p.get("research_organisation") for p in partners)
    )
