"""The wizard's questions, in order, with plain-language texts and relevance predicates.

Why: policy officers answer one question per screen; they should only see questions that can
still change the outcome, and each question needs a plain explanation and a recognisable
example (written in our own words after the cases in *Innoveren over grenzen heen*). The keys
are the dotted paths of the answers document, so a wizard can build a `grenzeloos.legal/1`
file directly. The relevance predicates read the raw (partial) answers dict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from grenzeloos.legal.answers import (
    AID_CRITERIA,
    GBER_CHOICES,
    GOVERNMENT_ROLES,
    INDIRECT_AID_SAFEGUARDS,
    POLICY_EXAMPLES,
    get_path,
)
from grenzeloos.legal.ruleset import AUTHORITIES, CONTRACT_KINDS, SIZES, default_rules
from grenzeloos.legal.translated import Translated

Predicate = Callable[[Mapping[str, Any]], bool]
Text = Mapping[str, str]


@dataclass(frozen=True)
class Question:
    """One wizard screen: what to ask, how to explain it and when it matters."""

    key: str
    kind: str  # choice | bool | amount | count | date | text | partners
    text: Text
    explanation: Text
    example: Text
    relevant: Predicate
    choices: tuple[str, ...] = ()
    #: A required question has no "I don't know": the engine cannot run without it.
    required: bool = False


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


def _criterion(key: str, text: Text, explanation: Text, example: Text) -> Question:
    return Question(
        key=f"aid.{key}",
        kind="bool",
        text=text,
        explanation=explanation,
        example=example,
        relevant=_criteria_not_failed,
    )


QUESTIONS: tuple[Question, ...] = (
    Question(
        key="on_date",
        kind="date",
        text=Translated(_("On what date does the procedure start or is the aid granted?")),
        explanation=Translated(
            _(
                "Thresholds and aid rules apply per period. For a tender the date the notice "
                "is sent counts; for aid the date on which the right to the aid arises."
            )
        ),
        example=Translated(
            _(
                "A municipality that publishes a notice in January uses the thresholds of the "
                "new year, even if preparations began in December."
            )
        ),
        relevant=_always,
        required=True,
    ),
    Question(
        key="government_role",
        kind="choice",
        choices=GOVERNMENT_ROLES,
        text=Translated(_("What role does the government take in this collaboration?")),
        explanation=Translated(
            _(
                "The role is the starting point. A client buys something and meets procurement "
                "law. A funder, facilitator or partner stimulates, and then State aid law is "
                "the test."
            )
        ),
        example=Translated(
            _(
                "A province that only offers an innovation campus a venue and a network is a "
                "facilitator; a ministry that has an app built for its own use is a client."
            )
        ),
        relevant=_always,
    ),
    Question(
        key="consideration",
        kind="bool",
        text=Translated(_("Is there enforceable performance both ways (consideration)?")),
        explanation=Translated(
            _(
                "Consideration means the government does something, usually paying or granting "
                "an exclusive right, and the other party must deliver a specific performance "
                "in return that the government can enforce. Sharing knowledge, giving a "
                "guarantee or a subsidy that can be withdrawn is not."
            )
        ),
        example=Translated(
            _(
                "A water board that pays a company to deliver a sensor network and can demand "
                "delivery has consideration; a municipality that subsidises a start-up "
                "programme without demanding anything back does not."
            )
        ),
        relevant=_always,
    ),
    Question(
        key="authority",
        kind="choice",
        choices=AUTHORITIES,
        text=Translated(_("What type of contracting authority is it?")),
        explanation=Translated(
            _(
                "Ministries and other central authorities have a lower threshold for supplies "
                "and services than municipalities, provinces, water boards and bodies governed "
                "by public law. Utilities (water, energy, transport, postal) have higher "
                "thresholds."
            )
        ),
        example=Translated(_("A municipality or a province is a sub-central authority.")),
        relevant=_may_be_client,
    ),
    Question(
        key="contract.kind",
        kind="choice",
        choices=CONTRACT_KINDS,
        text=Translated(_("What kind of contract is it?")),
        explanation=Translated(
            _(
                "Works (construction), supplies, services, social and other specific services "
                "or R&D services. Each kind has its own threshold."
            )
        ),
        example=Translated(
            _(
                "Having a prototype for smart street lighting developed is an R&D service; "
                "buying the lighting afterwards is a supply."
            )
        ),
        relevant=_may_be_client,
    ),
    Question(
        key="contract.in_house",
        kind="bool",
        text=Translated(_("Does the contract go to an entity the authority controls (in-house)?")),
        explanation=Translated(
            _(
                "Only if the authority controls the entity like its own department, the entity "
                "does almost all its work for that authority and there is no private capital. "
                "A public-private joint venture with private capital never qualifies."
            )
        ),
        example=Translated(
            _(
                "A municipal IT company owned entirely by three municipalities and working "
                "only for them."
            )
        ),
        relevant=_may_be_client,
    ),
    Question(
        key="contract.rd_benefits_not_exclusive",
        kind="bool",
        text=Translated(
            _(
                "Do the research results also benefit others, or does the government not pay "
                "for everything?"
            )
        ),
        explanation=Translated(
            _(
                "R&D falls under the procurement Directive only if the results are exclusively "
                "for the authority and it pays for everything. Otherwise it is pre-commercial "
                "procurement, which still needs a State aid check."
            )
        ),
        example=Translated(
            _(
                "A challenge in which companies develop a solution with small payments per "
                "milestone and keep the rights to their invention."
            )
        ),
        relevant=_rd_services,
    ),
    Question(
        key="contract.innovation_partnership",
        kind="bool",
        text=Translated(
            _(
                "Is it an innovation partnership (development and then purchase in one "
                "procedure)?"
            )
        ),
        explanation=Translated(
            _(
                "An innovation partnership is meant for something not yet on the market: one "
                "or more partners develop it in phases with intermediate targets, and the "
                "authority buys the result if it meets the agreed performance and costs. Its "
                "value is the total of all phases together."
            )
        ),
        example=Translated(
            _(
                "A water board that has a new type of sensor developed and then wants to buy a "
                "hundred of them."
            )
        ),
        relevant=_partnership_question,
    ),
    Question(
        key="contract.rd_phases_value_eur",
        kind="amount",
        text=Translated(
            _(
                "What is the estimated value of the research and development in all phases "
                "together (excluding VAT)?"
            )
        ),
        explanation=Translated(
            _(
                "Add up the highest expected value of every research and development phase, "
                "including phases that may not go ahead."
            )
        ),
        example=Translated(_("Three phases: a design, a prototype and a pilot series.")),
        relevant=_partnership,
    ),
    Question(
        key="contract.purchase_value_eur",
        kind="amount",
        text=Translated(
            _("What is the estimated value of the purchase at the end (excluding VAT)?")
        ),
        explanation=Translated(
            _(
                "The supplies, services or works the authority buys after the development. "
                "Together with the phases this decides whether a European procedure is needed."
            )
        ),
        example=Translated(_("A hundred sensors of the developed type, including maintenance.")),
        relevant=_partnership,
    ),
    Question(
        key="contract.estimated_value_eur",
        kind="amount",
        text=Translated(_("What is the estimated value of the contract (excluding VAT)?")),
        explanation=Translated(
            _(
                "Include all options and renewals and do not split a contract to stay below "
                "the threshold. For an innovation partnership, add up the research in all "
                "phases and the purchase at the end."
            )
        ),
        example=Translated(
            _("A two-year pilot with an option for two more years counts for four years.")
        ),
        relevant=_single_value,
    ),
    Question(
        key="contract.options_renewals_eur",
        kind="amount",
        text=Translated(_("How much of that value is options and renewals?")),
        explanation=Translated(
            _(
                "The statement of reasons names it, so it shows they were counted (the "
                "procurement Directive, Article 5(1)). Enter 0 if there are no options or "
                "renewals."
            )
        ),
        example=Translated(
            _(
                "A two-year pilot with an option for two more years: the value of those two "
                "extra years."
            )
        ),
        relevant=_single_value,
    ),
    Question(
        key="contract.cross_border_interest",
        kind="bool",
        text=Translated(_("Does the contract have a certain cross-border interest?")),
        explanation=Translated(
            _(
                "Even below the EU threshold a contract may interest operators from other "
                "Member States, for example because of its value, its technical content or a "
                "location near the border. Then equal treatment, transparency and an "
                "appropriate degree of publicity apply."
            )
        ),
        example=Translated(
            _(
                "A municipality on the German border looking for a specialist measuring system "
                "mostly supplied by German companies."
            )
        ),
        relevant=_may_be_below_threshold,
    ),
    Question(
        key="procurement_policy.example",
        kind="choice",
        choices=POLICY_EXAMPLES,
        text=Translated(
            _("Which procurement bands of your own organisation apply below the EU threshold?")
        ),
        explanation=Translated(
            _(
                "Below the EU threshold the law sets no amounts: each organisation decides in "
                "its procurement policy when it invites one or more operators or runs a "
                "national tender. Your own bands go in the answers file or through the API; "
                "here you can also choose one municipality's bands, which are shown as an "
                "example and are not law."
            )
        ),
        example=Translated(
            _(
                "In the example a municipality invites one operator for a supply of €30,000 "
                "and several for €100,000."
            )
        ),
        relevant=_may_be_below_threshold,
    ),
    _criterion(
        "state_resources",
        Translated(_("Is the support paid from public resources and decided by the government?")),
        Translated(
            _(
                "Money, but also a discount, guarantee or free space can come from State "
                "resources."
            )
        ),
        Translated(_("Merely sharing knowledge costs the government no resources.")),
    ),
    _criterion(
        "undertaking",
        Translated(_("Is the beneficiary an undertaking offering goods or services on a market?")),
        Translated(
            _(
                "Legal form does not matter: a foundation can be an undertaking. The activity "
                "counts; independent research by a knowledge institution is usually not "
                "economic."
            )
        ),
        Translated(
            _(
                "A foundation that rents out a test site to companies for a fee acts as an "
                "undertaking."
            )
        ),
    ),
    _criterion(
        "selective",
        Translated(_("Are particular undertakings or productions favoured (selectivity)?")),
        Translated(
            _(
                "A general measure open to everyone is not selective; a targeted contribution "
                "to one party is."
            )
        ),
        Translated(_("A network that any new party can join on the same terms.")),
    ),
    _criterion(
        "advantage",
        Translated(_("Does the beneficiary get an advantage it would not get on the market?")),
        Translated(
            _(
                "If the government acts as a private party under normal market conditions "
                "there is no advantage; neither is a market price set in a competitive "
                "procedure."
            )
        ),
        Translated(_("Office space on a campus at the normal rent gives no advantage.")),
    ),
    _criterion(
        "distorts_competition",
        Translated(_("Does the support distort or threaten to distort competition?")),
        Translated(
            _(
                "That happens easily: strengthening an undertaking's position against its "
                "competitors is enough."
            )
        ),
        Translated(_("A subsidy to one software supplier in a market with several suppliers.")),
    ),
    _criterion(
        "affects_trade",
        Translated(_("Can the support affect trade between Member States?")),
        Translated(
            _(
                "A potential effect is enough. Only a purely local activity, without customers "
                "or investors from across the border, may fall outside."
            )
        ),
        Translated(
            _(
                "A community centre serving only its own neighbourhood usually has a purely "
                "local effect."
            )
        ),
    ),
    Question(
        key="aid.beneficiaries",
        kind="partners",
        text=Translated(_("Who receives the aid: one undertaking or a consortium?")),
        explanation=Translated(
            _(
                "If the aid goes to one undertaking, leave the list empty and continue. If it "
                "goes to several parties at once, add each beneficiary with its size, its "
                "share of the aid and its eligible costs. The check then assesses each "
                "beneficiary on its own and whether there is effective collaboration."
            )
        ),
        example=Translated(
            _(
                "A province funds a small company, a large company, a university and a "
                "municipal port company doing industrial research together."
            )
        ),
        relevant=_criteria_not_failed,
    ),
    Question(
        key="aid.indirect_aid_safeguard",
        kind="choice",
        choices=INDIRECT_AID_SAFEGUARDS,
        text=Translated(
            _(
                "How does the consortium prevent aid flowing through the research organisation "
                "to the undertakings?"
            )
        ),
        explanation=Translated(
            _(
                "A research organisation passes on no indirect aid if it does contract "
                "research at market price, if the undertakings bear the full costs, or if "
                "results and intellectual property rights are allocated according to the "
                "partners' work packages, contributions and interests (R&D&I Framework, "
                "section 2.2)."
            )
        ),
        example=Translated(
            _(
                "The consortium agreement gives each partner the rights to the results of its "
                "own work package."
            )
        ),
        relevant=_research_organisation_in_consortium,
    ),
    Question(
        key="aid.amount_eur",
        kind="amount",
        text=Translated(_("How much aid is granted?")),
        explanation=Translated(_("The gross amount of aid to this undertaking for this project.")),
        example=Translated(
            _("A municipality's contribution to a company that sets up a city lab.")
        ),
        relevant=_single,
    ),
    Question(
        key="aid.de_minimis_received_eur",
        kind="amount",
        text=Translated(
            _("How much de minimis aid did the undertaking receive in the last three years?")
        ),
        explanation=Translated(
            _(
                "Count all de minimis aid in the Netherlands to the whole group of linked "
                "enterprises; earlier aid reduces the room under the ceiling."
            )
        ),
        example=Translated(
            _(
                "A company that already received a small innovation voucher last year must "
                "count it."
            )
        ),
        relevant=_single,
    ),
    Question(
        key="aid.sgei",
        kind="bool",
        text=Translated(
            _(
                "Does the aid compensate a service of general economic interest (SGEI) the "
                "government has entrusted to the undertaking in writing?"
            )
        ),
        explanation=Translated(
            _(
                "Such services have a higher de minimis ceiling. That needs a decision or "
                "agreement in which the government entrusts the service to the undertaking; "
                "without one the tool tests against the general ceiling."
            )
        ),
        example=Translated(
            _(
                "A carrier that, entrusted by the province, runs a bus line to a village that "
                "would not pay commercially."
            )
        ),
        relevant=_single,
    ),
    Question(
        key="aid.gber_category",
        kind="choice",
        choices=GBER_CHOICES,
        text=Translated(_("Which GBER category does the aid fall under?")),
        explanation=Translated(
            _(
                "The category sets the aid intensity and the maximum. Choose the activity the "
                "aid pays for, not the legal form of the recipient."
            )
        ),
        example=Translated(
            _(
                "A consortium testing a prototype in a real-life setting does experimental "
                "development."
            )
        ),
        relevant=_criteria_not_failed,
    ),
    Question(
        key="aid.beneficiary.size",
        kind="choice",
        choices=SIZES,
        text=Translated(_("How large is the beneficiary undertaking?")),
        explanation=Translated(
            _(
                "Small, medium or large under the EU SME definition (staff and turnover or "
                "balance sheet, including linked enterprises). If unsure, enter the figures "
                "and the tool derives the size."
            )
        ),
        example=Translated(_("A start-up with twelve staff and no parent company is small.")),
        relevant=_single,
    ),
    Question(
        key="aid.beneficiary.staff",
        kind="count",
        text=Translated(_("How many staff (full-time units)?")),
        explanation=Translated(_("Only needed when the size is not known.")),
        example=Translated(_("Include the staff of linked enterprises.")),
        relevant=_needs_size,
    ),
    Question(
        key="aid.beneficiary.turnover_eur",
        kind="amount",
        text=Translated(_("What is the annual turnover?")),
        explanation=Translated(_("Only needed when the size is not known.")),
        example=Translated(_("The turnover from the last approved accounts.")),
        relevant=_needs_size,
    ),
    Question(
        key="aid.beneficiary.balance_sheet_eur",
        kind="amount",
        text=Translated(_("What is the balance-sheet total?")),
        explanation=Translated(
            _("Only needed when the size is not known; turnover or balance sheet suffices.")
        ),
        example=Translated(_("The balance-sheet total from the last approved accounts.")),
        relevant=_needs_size,
    ),
    Question(
        key="aid.beneficiary.public_control",
        kind="bool",
        text=Translated(
            _(
                "Do public bodies together control a quarter or more of the undertaking's "
                "capital or voting rights?"
            )
        ),
        explanation=Translated(
            _(
                "Then the undertaking is not an SME, whatever its figures (Annex I GBER, "
                "Article 3(4))."
            )
        ),
        example=Translated(_("A port company whose shares are all held by the municipality.")),
        relevant=_may_be_sme,
    ),
    Question(
        key="aid.beneficiary.linked_figures_included",
        kind="bool",
        text=Translated(_("Do the figures include the linked and partner enterprises?")),
        explanation=Translated(
            _(
                "Linked enterprises (majority holding) count in full, partner enterprises (a "
                "minority holding from a quarter) pro rata (Annex I GBER, Articles 3 and 6)."
            )
        ),
        example=Translated(
            _("A subsidiary counts the staff and turnover of its parent and sister companies.")
        ),
        relevant=_may_be_sme,
    ),
    Question(
        key="aid.eligible_costs_eur",
        kind="amount",
        text=Translated(_("What are the eligible costs?")),
        explanation=Translated(
            _(
                "The costs the aid intensity applies to, such as staff, equipment and research "
                "by third parties."
            )
        ),
        example=Translated(
            _("A project with one hundred thousand euros of staff and equipment costs.")
        ),
        relevant=lambda d: _single(d) and get_path(d, "aid.gber_category") is not None,
    ),
    Question(
        key="aid.advisory_services",
        kind="bool",
        text=Translated(_("Does the aid pay for innovation advisory and support services?")),
        explanation=Translated(
            _(
                "In innovation aid for SMEs, aid for innovation advice and support may be "
                "higher than the ordinary intensity, up to a cap per undertaking over three "
                "years."
            )
        ),
        example=Translated(
            _(
                "An SME hiring an innovation broker to find a patent strategy and test "
                "facilities."
            )
        ),
        relevant=_sme_innovation,
    ),
    Question(
        key="aid.advisory_aid_received_eur",
        kind="amount",
        text=Translated(
            _(
                "How much aid for innovation advisory and support services did the undertaking "
                "receive in the last three years?"
            )
        ),
        explanation=Translated(
            _(
                "Earlier aid for such services counts towards the cap; above it the ordinary "
                "intensity applies."
            )
        ),
        example=Translated(_("An innovation voucher for advice last year.")),
        relevant=_advisory,
    ),
    Question(
        key="aid.effective_collaboration",
        kind="bool",
        text=Translated(_("Is there effective collaboration?")),
        explanation=Translated(
            _(
                "The parties jointly define the project, contribute and share risks and "
                "results; contract research does not count. Between undertakings: at least one "
                "SME or the project carried out in at least two Member States, and no "
                "undertaking bearing more of the costs than the GBER allows; with a research "
                "organisation: it bears a minimum share and may publish (GBER Article "
                "25(6)(b)). For process innovation by a large enterprise, SMEs bear a minimum "
                "share of the costs (Article 29(2)). The outcome tests the shares."
            )
        ),
        example=Translated(
            _(
                "A company and a university of applied sciences that set up a test site "
                "together; the university bears a fifth of the costs."
            )
        ),
        relevant=_collaboration_matters,
    ),
    Question(
        key="aid.two_member_states",
        kind="bool",
        text=Translated(_("Is the project carried out in at least two Member States?")),
        explanation=Translated(
            _(
                "Collaboration between undertakings without an SME only counts if the project "
                "is carried out in at least two Member States (or a Member State and an EEA "
                "country) (GBER Article 25(6)(b)(i))."
            )
        ),
        example=Translated(
            _(
                "A Dutch and a German engineering firm that each do part of the research in "
                "their own country."
            )
        ),
        relevant=_collaboration_between_countries_matters,
    ),
    Question(
        key="aid.wide_dissemination",
        kind="bool",
        text=Translated(_("Are the results widely disseminated?")),
        explanation=Translated(
            _(
                "A ground of its own for the bonus, apart from collaboration: the results are "
                "disseminated through conferences, publication, open-access repositories or "
                "free or open-source software (GBER Article 25(6)(b)(ii))."
            )
        ),
        example=Translated(
            _(
                "The research reports go into an open repository and the software under an "
                "open licence."
            )
        ),
        relevant=_rd_bonus_matters,
    ),
    *(
        Question(
            key=f"case.{name}",
            kind="text",
            text=text,
            explanation=Translated(
                _(
                    "Optional. This goes at the top of the statement of reasons, with the facts of "
                    "the case; it does not change the outcome."
                )
            ),
            example=example,
            relevant=_always,
        )
        for name, text, example in (
            (
                "subject",
                Translated(_("What is the subject of this check?")),
                Translated(_("Smart dykes test site")),
            ),
            (
                "description",
                Translated(_("Describe the measure in a few sentences.")),
                Translated(
                    _(
                        "The province co-funds a test site where three parties test "
                        "sensors in dykes."
                    )
                ),
            ),
            (
                "granting_body",
                Translated(
                    _(
                        "Which public body grants the contribution, or which contracting authority "
                        "buys?"
                    )
                ),
                Translated(_("The provincial executive")),
            ),
            (
                "beneficiaries",
                Translated(_("Who receive the contribution, or who is the contractor?")),
                Translated(_("An SME, a large engineering firm and a university")),
            ),
            (
                "legal_basis",
                Translated(
                    _(
                        "On what legal basis is the contribution granted (Awb title 4.2 or "
                        "a subsidy "
                        "scheme), or which purchasing decision does the contract rest on?"
                    )
                ),
                Translated(_("The province's innovation subsidy scheme")),
            ),
        )
    ),
)


def relevant_questions(data: Mapping[str, Any]) -> list[Question]:
    """The questions that matter given the answers so far, in wizard order."""
    return [q for q in QUESTIONS if q.relevant(data)]


def next_question(data: Mapping[str, Any]) -> Question | None:
    """The first relevant question not yet answered (missing or null), or None when done."""
    for question in relevant_questions(data):
        if get_path(data, question.key) is None:
            return question
    return None
