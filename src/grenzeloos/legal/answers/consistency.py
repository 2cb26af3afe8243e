"""Answers that cannot all be true: the user must correct one of them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from grenzeloos.legal.answers.problems import (
    Problem,
)


def contradictions(values: Mapping[str, Any]) -> list[Problem]:
    """Facts that cannot all be true; the user must correct one of them."""
    problems: list[Problem] = []
    aid = values.get("aid", {})
    amount, eligible = aid.get("amount_eur"), aid.get("eligible_costs_eur")
    if amount is not None and amount == 0:
        problems.append(
            Problem(
                "aid.amount_eur",
                "0 is not an aid amount: a measure that transfers nothing gives no advantage "
                "(answer 'advantage' with no), or leave the amount empty if it is not known",
                "inconsistent",
                "zero_aid",
            )
        )
    elif amount is not None and eligible is not None and amount > eligible:
        problems.append(
            Problem(
                "aid.amount_eur",
                f"the aid ({amount}) is higher than the eligible costs ({eligible}): aid cannot "
                "exceed the costs it supports; correct one of the two",
                "inconsistent",
                "aid_above_costs",
            )
        )
    problems.extend(_contract_contradictions(values.get("contract", {})))
    return problems


def _contract_contradictions(contract: Mapping[str, Any]) -> list[Problem]:
    """An innovation partnership's value is the total of all its phases (the research in
    every phase plus the purchase at the end); phase values belong to that procedure only."""
    problems: list[Problem] = []
    rd, purchase = contract.get("rd_phases_value_eur"), contract.get("purchase_value_eur")
    estimated = contract.get("estimated_value_eur")
    if contract.get("innovation_partnership") is False and (rd is not None or purchase is not None):
        problems.append(
            Problem(
                "contract.rd_phases_value_eur" if rd is not None else "contract.purchase_value_eur",
                "phase values belong to an innovation partnership, but "
                "contract.innovation_partnership is false; remove them or answer true",
                "inconsistent",
            )
        )
    elif (
        rd is not None
        and purchase is not None
        and estimated is not None
        and estimated < rd + purchase
    ):
        problems.append(
            Problem(
                "contract.estimated_value_eur",
                f"the estimated value ({estimated}) is lower than the research phases "
                f"({rd}) plus the purchase ({purchase}): the value of an innovation "
                "partnership is the total of all phases",
                "inconsistent",
            )
        )
    options = contract.get("options_renewals_eur")
    if options is not None and estimated is not None and options > estimated:
        problems.append(
            Problem(
                "contract.options_renewals_eur",
                f"the options and renewals ({options}) are part of the estimated value "
                f"({estimated}) and cannot exceed it (the procurement Directive, Art. 5(1))",
                "inconsistent",
            )
        )
    return problems
