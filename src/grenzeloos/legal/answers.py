"""Parse and validate a legal answers document (`"schema": "grenzeloos.legal/1"`).

Why: answers arrive from a JSON file (CLI), an API call or a wizard. The engine must only see
well-typed values, and a person fixing a file needs every problem at once, each with the path
of the offending key. `None` everywhere means "unknown": the engine treats it as an open
question rather than a default, because guessing would make the motivation untrue.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from typing import Any

from grenzeloos.core.inputs import amount_problem, text_problems
from grenzeloos.legal.ruleset import (
    AUTHORITIES,
    CONTRACT_KINDS,
    GBER_CATEGORIES,
    POLICY_PROCEDURES,
    SIZES,
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
class Problem:
    """One validation problem: where it is and what is wrong."""

    path: str
    message: str
    #: "invalid" (wrong type or value) or "inconsistent" (answers contradict each other or
    #: the law's arithmetic); the API answers 400 for the first and 422 for the second.
    kind: str = "invalid"
    #: A stable code for problems a page explains in its own language ("" for the rest).
    code: str = ""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class AnswersError(ValueError):
    """All problems of an answers document; str() lists them one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @property
    def inconsistent(self) -> bool:
        """Only contradictions, no malformed values: the facts cannot all be true."""
        return bool(self.problems) and all(p.kind == "inconsistent" for p in self.problems)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise AnswersError([Problem(str(key), "appears twice in the same object")])
        seen[key] = value
    return seen


def loads_answers(text: str) -> Any:
    """JSON text to data, refusing a key that appears twice in one object.

    The standard parser keeps the last value silently, so a file with two ``amount_eur``
    lines would be assessed on whichever came last. Raises AnswersError for duplicates and
    json.JSONDecodeError for malformed JSON.
    """
    return json.loads(text, object_pairs_hook=_no_duplicates)


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


# Field specification: key -> (kind, choices). Kinds: bool, choice, amount, count, date, object.
_BENEFICIARY: dict[str, tuple[str, tuple[str, ...]]] = {
    "size": ("choice", SIZES),
    "staff": ("count", ()),
    "turnover_eur": ("amount", ()),
    "balance_sheet_eur": ("amount", ()),
    "public_control": ("bool", ()),
    "linked_figures_included": ("bool", ()),
}
_CONTRACT: dict[str, tuple[str, tuple[str, ...]]] = {
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
_POLICY: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": ("text", ()),
    "date": ("date", ()),
    "example": ("choice", POLICY_EXAMPLES),
    "bands": ("bands", ()),
}
MAX_BANDS = 30
_AID: dict[str, tuple[str, tuple[str, ...]]] = {
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
_PARTNER: dict[str, tuple[str, tuple[str, ...]]] = {
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
_TOP: dict[str, tuple[str, tuple[str, ...]]] = {
    "schema": ("schema", ()),
    "on_date": ("date", ()),
    "authority": ("choice", AUTHORITIES),
    "government_role": ("choice", GOVERNMENT_ROLES),
    "consideration": ("bool", ()),
    "contract": ("object", ()),
    "aid": ("object", ()),
}
_CASE: dict[str, tuple[str, tuple[str, ...]]] = {
    "subject": ("text", ()),
    "description": ("text", ()),
    "granting_body": ("text", ()),
    "beneficiaries": ("text", ()),
    "legal_basis": ("text", ()),
    "duration": ("text", ()),
}
_GBER_CONDITIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    **{name: ("bool", ()) for name in GBER_CONDITIONS},
    **{name: (kind, ()) for name, kind in GBER_CONDITION_FACTS.items()},
}
_TOP.update(
    {
        "case": ("object", ()),
        "reasons": ("reasons", ()),
        "gber_conditions": ("object", ()),
        "procurement_policy": ("object", ()),
    }
)
_NESTED: dict[str, Mapping[str, tuple[str, tuple[str, ...]]]] = {
    "contract": _CONTRACT,
    "aid": _AID,
    "beneficiary": _BENEFICIARY,
    "case": _CASE,
    "gber_conditions": _GBER_CONDITIONS,
    "procurement_policy": _POLICY,
}
TEXT_MAX = 20 * 100  # characters of one free-text answer


def answer_paths() -> list[str]:
    """Every dotted path of a single answer (the keys a reason may be given for)."""
    paths = [k for k, (kind, _) in _TOP.items() if kind not in ("object", "schema", "reasons")]
    paths += [f"contract.{k}" for k in _CONTRACT]
    paths += [f"aid.{k}" for k, (kind, _) in _AID.items() if kind not in ("object", "partners")]
    paths += [f"aid.beneficiary.{k}" for k in _BENEFICIARY]
    paths += [f"procurement_policy.{k}" for k, (kind, _) in _POLICY.items() if kind != "bands"]
    return paths


_REQUIRED = ("schema", "on_date")
#: Largest head count of an undertaking that makes sense (far above any real one).
MAX_COUNT = 10**9


def _shown(value: Any) -> str:
    """A value as quoted in a problem: short, whatever was sent."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
        return "(a number too long to show)"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _value(kind: str, choices: tuple[str, ...], value: Any, path: str, out: list[Problem]) -> Any:
    """Check one scalar; None is always allowed (unknown)."""
    if value is None:
        return None
    if kind == "bool":
        if isinstance(value, bool):
            return value
        out.append(Problem(path, f"{_shown(value)} is not true, false or null"))
    elif kind == "choice":
        if isinstance(value, str) and value in choices:
            return value
        out.append(Problem(path, f"{_shown(value)} is not one of {', '.join(choices)}"))
    elif kind in ("amount", "count"):
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if kind == "count" and not (isinstance(value, int) and not isinstance(value, bool)):
            out.append(Problem(path, f"{_shown(value)} is not a whole number"))
        elif not is_number:
            out.append(Problem(path, f"{_shown(value)} is not a number"))
        elif value != value or value in (float("inf"), float("-inf")):
            out.append(Problem(path, "is not a finite number"))
        elif value < 0:
            out.append(Problem(path, f"{_shown(value)} is negative"))
        elif kind == "count":
            if value > MAX_COUNT:
                out.append(Problem(path, f"must be at most {MAX_COUNT:,}"))
            else:
                return value
        else:
            message = amount_problem(value)
            if message:
                out.append(Problem(path, message))
            else:
                return Decimal(str(value))
    elif kind == "text":
        if isinstance(value, str) and len(value) <= TEXT_MAX:
            return value.strip() or None
        out.append(Problem(path, f"must be a text of at most {TEXT_MAX} characters"))
    elif kind == "date":
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        out.append(Problem(path, f"{_shown(value)} is not an ISO date (YYYY-MM-DD)"))
    return None


def _object(
    data: Any,
    spec: Mapping[str, tuple[str, tuple[str, ...]]],
    prefix: str,
    out: list[Problem],
) -> dict[str, Any]:
    """Check a nested object: unknown keys are errors that name the key."""
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        out.append(Problem(prefix or "(document)", "must be an object"))
        return {}
    result: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if key not in spec:
            out.append(Problem(path, f"unknown key {key!r}"))
            continue
        kind, choices = spec[key]
        if kind == "object":
            result[key] = _object(value, _NESTED[key], path, out)
        elif kind == "reasons":
            result[key] = _reasons(value, path, out)
        elif kind == "partners":
            result[key] = _partners(value, path, out)
        elif kind == "bands":
            result[key] = _bands(value, path, out)
        elif kind == "schema":
            if value != SCHEMA:
                out.append(Problem(path, f"{_shown(value)} is not {SCHEMA!r}"))
        else:
            result[key] = _value(kind, choices, value, path, out)
    return result


def _mix(data: Any, path: str, out: list[Problem]) -> tuple[tuple[str, int], ...]:
    if data is None:
        return ()
    if not isinstance(data, Mapping):
        out.append(Problem(path, "must be an object of R&D categories and percentages"))
        return ()
    result = []
    for key, value in data.items():
        if key not in RD_MIX_CATEGORIES:
            out.append(Problem(f"{path}.{key}", f"is not one of {', '.join(RD_MIX_CATEGORIES)}"))
        elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            out.append(Problem(f"{path}.{key}", "must be a whole percentage from 0 to 100"))
        elif value:
            result.append((str(key), value))
    if result and sum(v for _, v in result) != 100:
        out.append(Problem(path, "the percentages must add up to 100", "inconsistent"))
    return tuple(result)


def _partners(data: Any, prefix: str, out: list[Problem]) -> tuple[Partner, ...]:
    """The consortium's beneficiaries, each checked like a single beneficiary."""
    if data is None:
        return ()
    if not isinstance(data, list) or len(data) > MAX_PARTNERS:
        out.append(Problem(prefix, f"must be a list of at most {MAX_PARTNERS} beneficiaries"))
        return ()
    partners = []
    for index, item in enumerate(data):
        path = f"{prefix}[{index}]"
        if isinstance(item, Mapping) and "category_mix" in item:
            mix = _mix(item["category_mix"], f"{path}.category_mix", out)
            item = {k: v for k, v in item.items() if k != "category_mix"}
        else:
            mix = ()
        values = _object(item, _PARTNER, path, out)
        if not values.get("name"):
            out.append(Problem(f"{path}.name", "is required"))
            continue
        aid, costs = values.get("aid_eur"), values.get("eligible_costs_eur")
        if aid is not None and costs is not None and aid > costs:
            out.append(
                Problem(
                    f"{path}.aid_eur",
                    f"the aid ({aid}) is higher than the eligible costs ({costs})",
                    "inconsistent",
                    "aid_above_costs",
                )
            )
        values["research_organisation"] = bool(values.get("research_organisation"))
        partners.append(Partner(**values, category_mix=mix))
    return tuple(partners)


def _bands(data: Any, prefix: str, out: list[Problem]) -> tuple[Band, ...]:
    """The organisation's own bands: per contract kind, ascending upper bounds, one open."""
    if data is None:
        return ()
    if not isinstance(data, list) or len(data) > MAX_BANDS:
        out.append(Problem(prefix, f"must be a list of at most {MAX_BANDS} bands"))
        return ()
    bands: list[Band] = []
    for index, item in enumerate(data):
        path = f"{prefix}[{index}]"
        if not isinstance(item, Mapping):
            out.append(Problem(path, "must be an object with kinds, below_eur and procedure"))
            continue
        unknown = sorted(set(item) - {"kinds", "below_eur", "procedure"})
        for key in unknown:
            out.append(Problem(f"{path}.{key}", f"unknown key {key!r}"))
        raw_kinds = item.get("kinds")
        if (
            not isinstance(raw_kinds, list)
            or not raw_kinds
            or not all(isinstance(k, str) and k in CONTRACT_KINDS for k in raw_kinds)
        ):
            out.append(Problem(f"{path}.kinds", f"must be a list of {', '.join(CONTRACT_KINDS)}"))
            continue
        below = _value("amount", (), item.get("below_eur"), f"{path}.below_eur", out)
        procedure = item.get("procedure")
        if procedure not in POLICY_PROCEDURES:
            out.append(
                Problem(
                    f"{path}.procedure",
                    f"{_shown(procedure)} is not one of {', '.join(POLICY_PROCEDURES)}",
                )
            )
            continue
        bands.append(Band(kinds=tuple(raw_kinds), below_eur=below, procedure=str(procedure)))
    for kind in CONTRACT_KINDS:
        bounds = [b.below_eur for b in bands if kind in b.kinds]
        limits = [b for b in bounds if b is not None]
        if bounds.count(None) > 1 or len(set(limits)) != len(limits):
            out.append(
                Problem(
                    prefix,
                    f"two bands for {kind} end at the same amount: each value must fall in "
                    "one band",
                    "inconsistent",
                )
            )
    return tuple(bands)


def _reasons(data: Any, prefix: str, out: list[Problem]) -> dict[str, str]:
    """The user's short reason per answer: {answer path: text}."""
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        out.append(Problem(prefix, "must be an object of answer paths and texts"))
        return {}
    known = set(answer_paths())
    result: dict[str, str] = {}
    for key, value in data.items():
        path = f"{prefix}.{key}"
        if key not in known:
            out.append(Problem(path, f"{key!r} is not an answer path"))
            continue
        text = _value("text", (), value, path, out)
        if text:
            result[str(key)] = text
    return result


def parse_answers(data: Any) -> Answers:
    """Turn a JSON-like dict into Answers, or raise AnswersError listing every problem."""
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise AnswersError([Problem("(document)", "must be a JSON object")])
    bad_text = text_problems(data)
    if bad_text:
        raise AnswersError([Problem(p.path or "(document)", p.message) for p in bad_text])
    for key in _REQUIRED:
        if data.get(key) is None:
            problems.append(Problem(key, "is required"))
    values = _object(data, _TOP, "", problems)
    if problems:
        raise AnswersError(problems)
    problems = _contradictions(values)
    if problems:
        raise AnswersError(problems)
    contract = values.get("contract", {})
    policy = dict(values.get("procurement_policy", {}))
    aid = dict(values.get("aid", {}))
    beneficiary = Beneficiary(**aid.pop("beneficiary", {}))
    return Answers(
        on_date=values["on_date"],
        authority=values.get("authority"),
        government_role=values.get("government_role"),
        consideration=values.get("consideration"),
        contract=Contract(**contract),
        aid=Aid(**aid, beneficiary=beneficiary),
        case=Case(**values.get("case", {})),
        reasons=values.get("reasons", {}),
        gber_conditions=values.get("gber_conditions", {}),
        procurement_policy=ProcurementPolicy(**policy),
    )


def _contradictions(values: Mapping[str, Any]) -> list[Problem]:
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


def get_path(data: Mapping[str, Any], path: str) -> Any:
    """Read a dotted key path from a raw answers dict; missing means None (unknown)."""
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def _plain(value: Any) -> Any:
    """Decimal back to int/float so the dict is JSON again."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def answers_to_dict(answers: Answers) -> dict[str, Any]:
    """The answers as a JSON-ready dict; parse_answers(answers_to_dict(a)) == a."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "on_date": answers.on_date.isoformat(),
        "authority": answers.authority,
        "government_role": answers.government_role,
        "consideration": answers.consideration,
        "contract": {k: _plain(v) for k, v in asdict(answers.contract).items()},
    }
    aid = {
        k: _plain(v)
        for k, v in asdict(answers.aid).items()
        if k not in ("beneficiary", "beneficiaries")
    }
    aid["beneficiary"] = {k: _plain(v) for k, v in asdict(answers.aid.beneficiary).items()}
    aid["beneficiaries"] = [
        {
            **{k: _plain(v) for k, v in asdict(p).items() if k != "category_mix"},
            "category_mix": dict(p.category_mix),
        }
        for p in answers.aid.beneficiaries
    ]
    data["aid"] = aid
    data["case"] = asdict(answers.case)
    data["reasons"] = dict(answers.reasons)
    data["gber_conditions"] = {k: _plain(v) for k, v in answers.gber_conditions.items()}
    policy = answers.procurement_policy
    data["procurement_policy"] = {
        "name": policy.name,
        "example": policy.example,
        "bands": [
            {"kinds": list(b.kinds), "below_eur": _plain(b.below_eur), "procedure": b.procedure}
            for b in policy.bands
        ],
    }
    if policy.date is not None:
        data["procurement_policy"]["date"] = policy.date.isoformat()
    return data


def set_path(data: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """A copy of raw answers with one dotted key path set (intermediate objects created)."""
    result = copy.deepcopy(data)
    node = result
    parts = key.split(".")
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    node[parts[-1]] = value
    return result


def _replaced(node: Any, parts: list[str], value: Any) -> Any:
    if not parts:
        return value
    head, *rest = parts
    if not hasattr(node, head):
        raise AnswersError([Problem(".".join(parts), "unknown key")])
    return replace(node, **{head: _replaced(getattr(node, head), rest, value)})


def with_answer(answers: Answers, path: str, value: Any) -> Answers:
    """A copy of the answers with one key path set; used to explore open questions.

    Values are checked like a file's (type, range) and the result must be consistent; this
    runs thousands of times per assessment, so it replaces the one field instead of
    re-parsing the whole document.
    """
    parts = path.split(".")
    spec: Mapping[str, tuple[str, tuple[str, ...]]] = _TOP
    for part in parts[:-1]:
        spec = _NESTED.get(part, {})
    if parts[-1] not in spec or spec[parts[-1]][0] in (
        "object",
        "schema",
        "reasons",
        "partners",
        "bands",
    ):
        raise AnswersError([Problem(path, "unknown key")])
    kind, choices = spec[parts[-1]]
    problems: list[Problem] = []
    typed = _value(kind, choices, _plain(value), path, problems)
    if problems:
        raise AnswersError(problems)
    result: Answers = _replaced(answers, parts, typed)
    problems = _contradictions(
        {
            "aid": {
                "amount_eur": result.aid.amount_eur,
                "eligible_costs_eur": result.aid.eligible_costs_eur,
            },
            "contract": asdict(result.contract),
        }
    )
    if problems:
        raise AnswersError(problems)
    return result
