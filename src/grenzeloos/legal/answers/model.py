"""The answers document as typed, immutable values, and the closed lists its answers choose
from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from grenzeloos.legal.ruleset import (
    GBER_CATEGORIES,
)

SCHEMA = "grenzeloos.legal/1"
#: "none": the measure fits none of the GBER categories (null still means "not known").
GBER_NONE = "none"
GBER_CHOICES: tuple[str, ...] = (*GBER_CATEGORIES, GBER_NONE)
#: No support measure, contract or enterprise figure reaches a thousand billion euros; a
#: larger number is a typing error (or 1e300) and would only produce absurd conclusions.
MAX_AMOUNT_EUR = Decimal(10**12)
MAX_STAFF = 10**7
GOVERNMENT_ROLES: tuple[str, ...] = ("client", "funder", "facilitator", "partner")
AID_CRITERIA: tuple[str, ...] = (
    "state_resources",
    "undertaking",
    "selective",
    "advantage",
    "distorts_competition",
    "affects_trade",
)


@dataclass(frozen=True)
class Beneficiary:
    """The aided undertaking: its size class directly, or the figures to derive it."""

    size: str | None = None
    staff: int | None = None
    turnover_eur: Decimal | None = None
    balance_sheet_eur: Decimal | None = None
    #: Public bodies control the share of the capital or voting rights set in sme.yaml or
    #: more (Annex I GBER art. 3(4)): then it is not an SME, whatever its figures.
    public_control: bool | None = None
    #: The figures include the linked and partner enterprises (Annex I GBER art. 6).
    linked_figures_included: bool | None = None


@dataclass(frozen=True)
class Partner:
    """One beneficiary of a consortium: an undertaking or a research organisation.

    `category_mix` gives the share (percentage points, summing to 100) of the partner's
    eligible costs per R&D category; empty means the measure's `gber_category`.
    """

    name: str
    research_organisation: bool = False
    may_publish: bool | None = None
    size: str | None = None
    staff: int | None = None
    turnover_eur: Decimal | None = None
    balance_sheet_eur: Decimal | None = None
    aid_eur: Decimal | None = None
    eligible_costs_eur: Decimal | None = None
    de_minimis_received_eur: Decimal | None = None
    category_mix: tuple[tuple[str, int], ...] = ()
    public_control: bool | None = None
    linked_figures_included: bool | None = None


RD_MIX_CATEGORIES: tuple[str, ...] = (
    "rd_fundamental",
    "rd_industrial",
    "rd_experimental",
    "rd_feasibility",
)
INDIRECT_AID_SAFEGUARDS: tuple[str, ...] = ("market_price", "ipr_allocation", "full_costs", "none")


@dataclass(frozen=True)
class Contract:
    """The contract the government would award as a client.

    For an innovation partnership the value is the total of all phases: the research and
    development in every phase plus the purchase at the end (`rd_phases_value_eur` +
    `purchase_value_eur`), or an `estimated_value_eur` that includes both.
    """

    kind: str | None = None
    estimated_value_eur: Decimal | None = None
    in_house: bool | None = None
    rd_benefits_not_exclusive: bool | None = None
    innovation_partnership: bool | None = None
    rd_phases_value_eur: Decimal | None = None
    purchase_value_eur: Decimal | None = None
    cross_border_interest: bool | None = None
    #: The part of the estimated value that is options and renewals (the procurement Directive,
    #: Art. 5(1): the estimated value includes them); said in the motivation.
    options_renewals_eur: Decimal | None = None


#: Example bands offered from the rule data (procurement_policy_examples.yaml), or "no_bands":
#: the organisation's own bands are not entered in this check.
POLICY_EXAMPLES: tuple[str, ...] = ("het_hogeland_2020", "no_bands")


@dataclass(frozen=True)
class Band:
    """One value band of the organisation's own procurement policy (below the EU threshold).

    `below_eur` None: the band runs up to the EU threshold in force."""

    kinds: tuple[str, ...]
    below_eur: Decimal | None
    procedure: str


@dataclass(frozen=True)
class ProcurementPolicy:
    """The organisation's own procurement bands (policy, not law), or an example from the
    rule data. Kept in the answers so a filed motivation always shows the bands it used."""

    name: str | None = None
    example: str | None = None
    bands: tuple[Band, ...] = ()
    #: When the organisation adopted the policy (its bands are the ones of that date).
    date: dt.date | None = None


@dataclass(frozen=True)
class Aid:
    """The support measure seen as possible State aid."""

    state_resources: bool | None = None
    undertaking: bool | None = None
    selective: bool | None = None
    advantage: bool | None = None
    distorts_competition: bool | None = None
    affects_trade: bool | None = None
    amount_eur: Decimal | None = None
    de_minimis_received_eur: Decimal | None = None
    gber_category: str | None = None
    eligible_costs_eur: Decimal | None = None
    effective_collaboration: bool | None = None
    #: GBER Art. 25(6)(b)(i): the project is carried out in at least two Member States (or a
    #: Member State and an EEA Contracting Party); stands in for the SME among undertakings.
    two_member_states: bool | None = None
    #: GBER Art. 25(6)(b)(ii): the results are widely disseminated (a ground of its own for
    #: the bonus, apart from effective collaboration).
    wide_dissemination: bool | None = None
    #: The aid compensates a service of general economic interest entrusted to the undertaking.
    sgei: bool | None = None
    #: GBER Art. 28: the aid pays for innovation advisory and support services, and the aid
    #: for such services the undertaking received in the window before.
    advisory_services: bool | None = None
    advisory_aid_received_eur: Decimal | None = None
    beneficiary: Beneficiary = field(default_factory=Beneficiary)
    #: A consortium: several beneficiaries assessed one by one (empty: one beneficiary).
    beneficiaries: tuple[Partner, ...] = ()
    #: How a research organisation in the consortium avoids passing on indirect aid.
    indirect_aid_safeguard: str | None = None


@dataclass(frozen=True)
class Case:
    """The facts of the case a motivation starts with; free text, all optional."""

    subject: str | None = None
    description: str | None = None
    granting_body: str | None = None
    beneficiaries: str | None = None
    legal_basis: str | None = None
    #: A purchase's term, options and renewals, as the procurement note states them.
    duration: str | None = None


GBER_CONDITIONS: tuple[str, ...] = (
    "scope",
    "not_in_difficulty",
    "no_recovery_order",
    "transparency",
    "incentive_effect",
    "cumulation",
    "publication",
    "reporting",
    "records",
)

#: Facts of the GBER's general conditions that are not yes/no: the dates Art. 6 compares and
#: the number of the scheme the aid is granted under (its SA number).
GBER_CONDITION_FACTS: dict[str, str] = {
    "application_date": "date",
    "work_start_date": "date",
    "scheme_number": "text",
}


@dataclass(frozen=True)
class Answers:
    """A whole answers document, typed.

    `case`, `reasons` and `gber_conditions` never change the route: they are the facts of
    the case, the user's short reason per answer, and the GBER's general conditions as the
    user confirmed them, all printed in the motivation.
    """

    on_date: dt.date
    authority: str | None = None
    government_role: str | None = None
    consideration: bool | None = None
    contract: Contract = field(default_factory=Contract)
    aid: Aid = field(default_factory=Aid)
    case: Case = field(default_factory=Case)
    reasons: Mapping[str, str] = field(default_factory=dict)
    gber_conditions: Mapping[str, Any] = field(default_factory=dict)
    procurement_policy: ProcurementPolicy = field(default_factory=ProcurementPolicy)

    def __hash__(self) -> int:
        # The free-text parts do not influence the route; hash the facts that do. The engine
        # looks answers up in its memo many times, so the hash is computed once.
        cached: int | None = self.__dict__.get("_hash")
        if cached is None:
            cached = hash(
                (
                    self.on_date,
                    self.authority,
                    self.government_role,
                    self.consideration,
                    self.contract,
                    self.aid,
                    self.procurement_policy,
                )
            )
            object.__setattr__(self, "_hash", cached)
        return cached
