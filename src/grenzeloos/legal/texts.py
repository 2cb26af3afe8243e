"""Dutch and English texts for every step and warning code of the legal route check.

Why: the engine records codes and parameters, never sentences, so the same outcome can be shown
in Dutch (the default for Dutch civil servants) and English, and a report renderer can reuse the
texts. Parameters are formatted here per language (amounts, percentages, dates, labels), so the
engine stays free of presentation and of wording.
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
from grenzeloos.legal.translated import Translated, translated

LANGUAGES: tuple[str, ...] = ("nl", "en")

LABELS: dict[str, Translated] = translated(
    {
        # government roles
        "client": _("client"),
        "funder": _("funder (subsidy giver)"),
        "facilitator": _("facilitator"),
        "partner": _("partner"),
        # authority types
        "central": _("central government authority"),
        "sub_central": _("sub-central contracting authority"),
        "utility": _("utility (special sectors)"),
        # contract kinds
        "works": _("works"),
        "supplies": _("supplies"),
        "services": _("services"),
        "social_services": _("social and other specific services"),
        "rd_services": _("R&D services"),
        # sizes
        "small": _("small enterprise"),
        "medium": _("medium-sized enterprise"),
        "large": _("large enterprise"),
        # aid criteria
        "state_resources": _("granted through State resources and imputable to the State"),
        "undertaking": _("the beneficiary is an undertaking (economic activity)"),
        "selective": _("selective"),
        "advantage": _("an economic advantage the market would not give"),
        "distorts_competition": _("distorts or threatens to distort competition"),
        "affects_trade": _("affects trade between Member States"),
        # GBER categories
        "sme_investment": _("SME investment aid"),
        "sme_consultancy": _("SME consultancy aid"),
        "rd_fundamental": _("fundamental research"),
        "rd_industrial": _("industrial research"),
        "rd_experimental": _("experimental development"),
        "rd_feasibility": _("feasibility study"),
        "sme_innovation": _("SME innovation aid"),
        "process_innovation": _("process and organisational innovation"),
        "training": _("training aid"),
        "none": _("none of these categories"),
        "market_price": _("contract research at market price"),
        "ipr_allocation": _(
            "results and IPR allocated according to work packages, contributions and " "interests"
        ),
        "full_costs": _("the undertakings bear the full costs"),
        # procedures of an organisation's own procurement policy (below the EU thresholds)
        "single_source": _("single-source award (one operator invited)"),
        "multiple_private": _("restricted invitation (two or more operators invited)"),
        "national": _("national tender (public notice)"),
        "no_bands": _("own procurement bands not entered"),
        "het_hogeland_2020": _(
            "example: procurement policy of the municipality of Het Hogeland (not law)"
        ),
        # ground the tool does not cover
        "innovation_partnership_below_threshold": _(
            "the innovation partnership below the EU thresholds"
        ),
        "sgei_compensation": _(
            "compensation for a service of general economic interest (SGEI) above the SGEI "
            "de minimis ceiling (the Altmark criteria, the SGEI Decision and the SGEI "
            "Framework)"
        ),
        "de_minimis_sgei": _("SGEI de minimis ceiling"),
        "innovation_partnership": _("time limits of the innovation partnership"),
        # topics of rules that may be missing for a date
        "procurement_thresholds": _("EU procurement thresholds"),
        "de_minimis": _("de minimis ceiling"),
        "gber": _("General Block Exemption Regulation (GBER)"),
        "sme_definition": _("SME definition"),
        # routes and regimes
        "procurement": _("procurement law"),
        "state_aid": _("State aid law"),
        "undetermined": _("not yet determined"),
        "no_aid": _("no State aid"),
        "de_minimis_route": _("de minimis aid"),
        "gber_route": _("exempted under the GBER"),
        "notify": _("notify the European Commission"),
    }
)

TEXTS: dict[str, Translated] = translated(
    {
        # ---- regime
        "role_client": _("The government acts as {role}: it wants something delivered to itself."),
        "role_not_client": _("The government acts as {role}, not as a client."),
        "role_funder_consideration": _(
            "The government calls itself a {role}, but its payment buys an enforceable "
            "performance. In substance this may be a public contract: both bodies of law "
            "are assessed."
        ),
        "role_unknown": _("The government's role has not been answered yet."),
        "consideration_yes": _(
            "There is consideration both ways: enforceable performance in exchange for "
            "payment or an exclusive right."
        ),
        "consideration_no": _(
            "There is no consideration: the government cannot enforce a performance in "
            "exchange for its contribution."
        ),
        "consideration_unknown": _(
            "Whether there is consideration both ways has not been answered yet."
        ),
        "regime_procurement": _("Client plus consideration: procurement law applies."),
        "regime_state_aid": _(
            "Without a client relationship with consideration, procurement law does not "
            "apply; the contribution is tested against State aid law."
        ),
        "regime_undetermined": _("The applicable body of law cannot be determined yet."),
        # ---- procurement
        "procurement_not_applicable": _("Procurement law does not apply; thresholds play no part."),
        "procurement_pending_regime": _(
            "Nothing has been entered about the contract; the procurement test waits for "
            "the question which body of law applies."
        ),
        "exemption_in_house": _(
            "In-house award: the contract goes to an entity the authority controls like "
            "its own department, which performs more than the statutory share of its "
            "activities for it and has no private capital. The Directive does not apply."
        ),
        "in_house_no": _("This is not an in-house award."),
        "in_house_unknown": _("Whether this is an in-house award has not been answered yet."),
        "exemption_rd_services": _(
            "R&D exemption: the results do not accrue exclusively to the authority or it "
            "does not pay for everything. The procurement Directive does not apply "
            "(pre-commercial procurement)."
        ),
        "rd_exemption_no": _(
            "The results accrue exclusively to the authority and it pays for everything: "
            "the R&D exemption does not apply."
        ),
        "rd_exemption_unknown": _(
            "Whether the research results also benefit others has not been answered yet."
        ),
        "threshold_found": _(
            "The EU threshold for {kind} of a {authority} on {date} is {amount_eur} "
            "(excluding VAT)."
        ),
        "threshold_rules_unknown": _(
            "No thresholds are known for {date}; the tool draws no conclusion on this " "point."
        ),
        "threshold_inputs_missing": _(
            "The threshold depends on the type of authority and the kind of contract; not "
            "both have been answered yet."
        ),
        "value_unknown": _("The estimated value of the contract has not been answered yet."),
        "value_at_or_above_threshold": _(
            "The estimated value of {value_eur} is at or above the threshold of "
            "{amount_eur}: a European procedure is required (publication via TenderNed)."
        ),
        "value_below_threshold": _(
            "The estimated value of {value_eur} is below the threshold of {amount_eur}: "
            "national rules and the authority's own procurement policy apply."
        ),
        "innovation_partnership_value": _(
            "Innovation partnership: the value is the total of all phases, that is the "
            "research and development in every phase ({rd_eur}) plus the purchase at the "
            "end ({purchase_eur}), together {total_eur}; the tool compares {value_eur} "
            "with the threshold."
        ),
        "innovation_partnership_value_given": _(
            "Innovation partnership: the estimated value given, {value_eur}, must cover "
            "the research in every phase and the purchase at the end together."
        ),
        "innovation_partnership_value_unknown": _(
            "Innovation partnership: the value of the research phases and of the final "
            "purchase have not both been answered; their total decides the procedure."
        ),
        "innovation_partnership_eu": _(
            "The innovation partnership follows the European procedure: a notice any "
            "operator may respond to, at least {days} days for requests to participate, "
            "award only on the best price-quality ratio, and phases with intermediate "
            "targets after which the authority may end the partnership."
        ),
        "innovation_partnership_below": _(
            "The innovation partnership stays below the threshold: the European procedure "
            "is then not mandatory. Whether and how the authority uses it nationally is "
            "its own choice within Article 1.4 of the Dutch Public Procurement Act; that "
            "point is not confirmed in the primary source."
        ),
        "below_choice_of_procedure": _(
            "Below the threshold the contracting authority chooses the procedure and the "
            "operators to invite on objective criteria, aiming at the greatest social "
            "value for the money, and gives its reasons for that choice in writing on "
            "request."
        ),
        "below_proportionality": _(
            "Requirements, conditions and criteria must be proportionate to the contract. "
            "The Gids Proportionaliteit (proportionality guide) applies on an "
            "apply-or-explain basis: a deviation is explained in the tender documents."
        ),
        "below_arw": _(
            "For works below the threshold the ARW (works tendering rules) applies on an "
            "apply-or-explain basis."
        ),
        "below_cross_border": _(
            "The contract has a certain cross-border interest: even below the threshold, "
            "equal treatment, transparency and an appropriate degree of publicity apply, "
            "so that operators from other Member States can compete."
        ),
        "below_no_cross_border": _(
            "The contract has no certain cross-border interest; the Treaty duty of an "
            "appropriate degree of publicity therefore does not apply."
        ),
        "below_cross_border_unknown": _(
            "Whether the contract has a certain cross-border interest has not been "
            "answered; if it has, an appropriate degree of publicity is required."
        ),
        "below_no_policy_bands": _(
            "The organisation's own procurement bands were not entered. Which procedure "
            "fits this value is set in the authority's procurement policy; the law sets no "
            "amounts and the tool does not guess any."
        ),
        "below_policy_band": _(
            "Under the {policy}, a value of {value_eur} for {kind} falls in the band from "
            "{from_eur} to below {below_eur}: {procedure}. This is policy, not law; the "
            "choice must still be reasoned."
        ),
        "below_policy_no_band": _(
            "The {policy} has no band for {kind}; the tool chooses no procedure."
        ),
        "eu_procedure_exempt": _("Because of the exemption no European procedure is needed."),
        # ---- state aid: notion
        "contract_value_with_options": _(
            "The estimated value of {value_eur} (excluding VAT) includes {options_eur} of "
            "options and renewals on top of {base_eur} for the contract itself; the "
            "contract was not split."
        ),
        "contract_value_options_unconfirmed": _(
            "The conclusion rests on an estimated value of {value_eur} (excluding VAT), "
            "provided it includes every option and renewal and the contract was not split; "
            "how much of it is options and renewals was not given."
        ),
        "social_services_light_regime": _(
            "These are social and other specific services worth {value_eur}, at or above "
            "the threshold of {amount_eur}: the light regime applies (Articles 74 to 76 of "
            "the classic procurement Directive; Dutch Public Procurement Act, Articles "
            "2.38 and 2.39). A prior notice and a contract award notice are required; the "
            "procedure is otherwise free, within transparency and equal treatment."
        ),
        "state_aid_not_assessed": _(
            "State aid is not at stake in this purchase: the contractor is paid the price "
            "in return for what the contracting authority buys, and a competitive, "
            "transparent tender that follows the rules is presumed to be at market price. "
            "A market price confers no advantage within the meaning of Article 107(1) TFEU."
        ),
        "state_aid_not_assessed_in_house": _(
            "An in-house award involves no tender, so no market price is presumed. State "
            "aid is excluded as long as the entity is not active on a market; if it is, "
            "State aid is at stake when the payment exceeds the market price. That was not "
            "tested here: the State aid questions were not answered."
        ),
        "state_aid_not_assessed_no_tender": _(
            "In a purchase without a competitive procedure (single source, or a procedure "
            "not yet settled) a market price is not presumed. No State aid, provided the "
            "price is shown to be at market terms (for example by comparing quotes or a "
            "valuation): then the contractor gets no advantage within the meaning of "
            "Article 107(1) TFEU. That was not tested here: the State aid questions were "
            "not answered."
        ),
        "criterion_met": _("Met: {criterion}."),
        "criterion_not_met": _("Not met: {criterion}."),
        "criterion_unknown": _("Still unknown: {criterion}."),
        "aid_absent": _("Not all cumulative conditions are met, so there is no State aid."),
        "aid_open": _(
            "Not all conditions have been answered; whether there is State aid is still " "open."
        ),
        "aid_present": _(
            "All cumulative conditions are met: the measure is State aid and must fit an "
            "exemption or be notified."
        ),
        # ---- size
        "size_given": _("The beneficiary is a {size}."),
        "size_derived": _(
            "From {staff} staff, a turnover of {turnover_eur} and a balance-sheet total of "
            "{balance_sheet_eur} it follows: {size}."
        ),
        "size_unknown": _("The size of the beneficiary cannot be determined yet."),
        # ---- de minimis
        "de_minimis_allowed": _(
            "De minimis: {amount_eur} plus the {received_eur} received earlier makes "
            "{total_eur}; that fits within the ceiling of {ceiling_eur} over "
            "{window_years} years."
        ),
        "de_minimis_refused": _(
            "De minimis: {amount_eur} plus the {received_eur} received earlier makes "
            "{total_eur}; that exceeds the ceiling of {ceiling_eur} over {window_years} "
            "years."
        ),
        "de_minimis_amount_above_ceiling": _(
            "De minimis: the aid amount of {amount_eur} alone exceeds the ceiling of "
            "{ceiling_eur} over {window_years} years; aid received earlier no longer "
            "matters."
        ),
        "de_minimis_inputs_missing": _(
            "The de minimis test needs the aid amount and the de minimis aid received " "earlier."
        ),
        "de_minimis_sgei": _(
            "The aid compensates a service of general economic interest (SGEI) entrusted "
            "to the undertaking: the SGEI de minimis ceiling of {ceiling_eur} over "
            "{window_years} years applies."
        ),
        "sgei_not_covered": _(
            "The SGEI compensation exceeds the SGEI de minimis ceiling and does not fit "
            "the GBER. Whether it falls under the Altmark criteria, the SGEI Decision or "
            "the SGEI Framework is not tested by this tool; it draws no conclusion here."
        ),
        "de_minimis_rules_unknown": _(
            "No de minimis ceiling is known for {date}; the tool draws no conclusion on "
            "this point."
        ),
        # ---- GBER
        "gber_no_category": _(
            "No GBER category was chosen, so the block exemption was not tested."
        ),
        "gber_category_none": _(
            "The measure fits none of the GBER categories, so no block exemption is " "possible."
        ),
        "gber_rules_unknown": _(
            "No valid GBER is known on {date}; the tool draws no conclusion on this point."
        ),
        "gber_not_available_for_size": _("{category} ({article}) is not available to a {size}."),
        "gber_collaboration_required": _(
            "{category} ({article}) is open to a {size} only in effective collaboration "
            "with SMEs; there is none."
        ),
        "gber_collaboration_unknown": _(
            "Whether there is effective collaboration has not been answered yet; the aid "
            "intensity depends on it."
        ),
        "gber_intensity": _(
            "{category} ({article}), {size}: base {base_pct}, size bonus {size_bonus_pct}, "
            "collaboration bonus {collaboration_bonus_pct}: together {total_pct}."
        ),
        "gber_cap_applied": _("The aid intensity is capped at the maximum of {cap_pct}."),
        "gber_max_aid": _(
            "Maximum aid: {intensity_pct} of {eligible_costs_eur} eligible costs is "
            "{max_aid_eur}."
        ),
        "gber_advisory_unknown": _(
            "If the aid pays for innovation advisory and support services, the intensity "
            "may reach {intensity_pct} as long as that aid stays within {cap_eur} per "
            "undertaking over {window_years} years; that has not been answered."
        ),
        "gber_advisory_no": _(
            "The aid does not pay for innovation advisory and support services: the "
            "ordinary intensity applies."
        ),
        "gber_advisory_amount_above_cap": _(
            "The aid of {amount_eur} alone exceeds the cap of {cap_eur} over "
            "{window_years} years for innovation advisory and support services: the "
            "ordinary intensity applies."
        ),
        "gber_advisory_inputs_missing": _(
            "The higher intensity of {intensity_pct} for innovation advisory and support "
            "services needs the aid for such services the undertaking received in the last "
            "{window_years} years (cap {cap_eur})."
        ),
        "gber_advisory_within_cap": _(
            "Innovation advisory and support services: {amount_eur} plus the "
            "{received_eur} received earlier makes {total_eur}, within the cap of "
            "{cap_eur} over {window_years} years; the intensity may reach {intensity_pct}."
        ),
        "gber_advisory_above_cap": _(
            "Innovation advisory and support services: {amount_eur} plus the "
            "{received_eur} received earlier makes {total_eur}, above the cap of {cap_eur} "
            "over {window_years} years; the ordinary intensity applies."
        ),
        "gber_advisory_open": _(
            "At the ordinary intensity the aid is too high; only the higher intensity for "
            "innovation advisory and support services can still change that."
        ),
        "gber_above_notification_threshold": _(
            "The aid amount of {amount_eur} is above the notification threshold of "
            "{threshold_eur}: the GBER does not apply and the aid must be notified."
        ),
        "gber_intensity_exceeded": _(
            "The aid amount of {amount_eur} is higher than the maximum aid of "
            "{max_aid_eur} under the GBER."
        ),
        "gber_fits": _(
            "The aid amount of {amount_eur} stays within the maximum aid and below the "
            "notification threshold of {threshold_eur}. Mind the GBER's general "
            "conditions: application before the start (incentive effect), cumulation, "
            "publication and reporting."
        ),
        "gber_inputs_missing": _(
            "The GBER test still needs the aid amount, the eligible costs or the size of "
            "the beneficiary."
        ),
        # ---- consortium
        "collaboration_single": _(
            "There is only one beneficiary; there is no effective collaboration."
        ),
        "collaboration_costs_unknown": _(
            "Not every partner's eligible costs are known; whether there is effective "
            "collaboration is still open."
        ),
        "collaboration_effective_undertakings_sme": _(
            "Effective collaboration between undertakings (GBER Article 25(6)(b)(i)): an "
            "SME is among them and no undertaking bears more than {max_share_pct} of the "
            "eligible costs (largest share {largest_share_pct})."
        ),
        "collaboration_effective_undertakings_states": _(
            "Effective collaboration between undertakings (GBER Article 25(6)(b)(i)): the "
            "project is carried out in at least two Member States and no undertaking bears "
            "more than {max_share_pct} of the eligible costs (largest share "
            "{largest_share_pct})."
        ),
        "collaboration_effective_research_organisation": _(
            "Effective collaboration with a research organisation (GBER Article "
            "25(6)(b)(i)): it may publish its own results and bears at least "
            "{min_ro_share_pct} of the eligible costs (its share {ro_share_pct})."
        ),
        "collaboration_two_member_states_unknown": _(
            "No SME is among the undertakings and no research organisation bears at least "
            "{min_ro_share_pct}; collaboration between undertakings only counts if the "
            "project is carried out in at least two Member States. That has not been "
            "answered yet."
        ),
        "collaboration_sme_share_too_low": _(
            "{name} is a large enterprise: for process and organisational innovation the "
            "collaboration only counts if SMEs bear at least {min_sme_share_pct} of the "
            "eligible costs (GBER Article 29(2)); the SMEs bear {sme_share_pct}."
        ),
        "gber_bonus_ground_collaboration": _(
            "Ground for the bonus: effective collaboration (GBER Article 25(6)(b)(i))."
        ),
        "gber_bonus_ground_dissemination": _(
            "Ground for the bonus: wide dissemination of the results (GBER Article "
            "25(6)(b)(ii)); effective collaboration was not relied on."
        ),
        "gber_bonus_ground_neither": _(
            "No bonus: neither effective collaboration nor wide dissemination of the "
            "results (GBER Article 25(6)(b))."
        ),
        "gber_dissemination_unknown": _(
            "Whether the results are widely disseminated (conferences, publication, open "
            "access, free software) has not been answered yet."
        ),
        "collaboration_not_effective": _(
            "No effective collaboration: the largest share of an undertaking is "
            "{largest_share_pct} (at most {max_share_pct}, with an SME among them) and the "
            "share of a research organisation free to publish is {ro_share_pct} (at least "
            "{min_ro_share_pct})."
        ),
        "partner_research_organisation": _(
            "{name} is a research organisation: funding its primary, non-economic "
            "activities is not State aid, provided it keeps separate accounts for economic "
            "activities."
        ),
        "partner_predominantly_fundamental": _(
            "{name}: more than half of the eligible costs are fundamental research "
            "({fundamental_pct}); the project is predominantly fundamental research and "
            "the notification threshold is {threshold_eur} (GBER Article 4(1)(i)(i))."
        ),
        "partner_predominantly_industrial": _(
            "{name}: fundamental research is not more than half ({fundamental_pct}), "
            "fundamental and industrial research together are "
            "({fundamental_industrial_pct}); the project is predominantly industrial "
            "research and the notification threshold is {threshold_eur} (GBER Article "
            "4(1)(i)(ii))."
        ),
        "partner_predominantly_experimental": _(
            "{name}: fundamental and industrial research together are not more than half "
            "({fundamental_industrial_pct}), experimental development is "
            "({experimental_pct}); the project is predominantly experimental development "
            "and the notification threshold is {threshold_eur} (GBER Article 4(1)(i)(iii))."
        ),
        "partner_predominantly_none": _(
            "{name}: no category makes up more than half of the eligible costs "
            "(fundamental and industrial research together {fundamental_industrial_pct}, "
            "experimental development {experimental_pct}); the strictest R&D threshold was "
            "applied, that for experimental development: {threshold_eur} (GBER Article "
            "4(1)(i)(iii))."
        ),
        "partner_assessed": _("{name}, tested on its own figures:"),
        "size_public_control": _(
            "{who}Public bodies control {share_pct} or more of the capital or voting "
            "rights: this is not an SME, whatever the figures; assessed as a large "
            "enterprise (Annex I GBER, Article 3(4))."
        ),
        "partner_missing": _(
            "{name}: the route cannot be determined yet; still needed: {missing}."
        ),
        "partner_route": _(
            "{name} ({size}): aid {aid_eur}, maximum aid {max_aid_eur}; route: {route}."
        ),
        "consortium_route": _(
            "Each of the {count} beneficiaries was assessed; the collaboration as a whole "
            "follows the most demanding route: {route}."
        ),
        "indirect_aid_unknown": _(
            "Whether the research organisation passes on indirect aid to the undertakings "
            "through the project has not been answered yet."
        ),
        "indirect_aid_present": _(
            "The research organisation is not paid the market price and results and IPR do "
            "not follow the contributions: its contribution is an advantage to the "
            "undertakings."
        ),
        "indirect_aid_excluded": _(
            "No indirect aid through the research organisation: {safeguard}."
        ),
        "indirect_aid_added": _(
            "{name} receives indirect aid through the research organisation: "
            "{indirect_eur} of its contribution of {contribution_eur} (in proportion to "
            "the undertakings' eligible costs). With its own aid of {own_aid_eur} the aid "
            "is {total_aid_eur}; that amount was tested against de minimis, the GBER and "
            "the thresholds."
        ),
        "indirect_aid_amount_unknown": _(
            "The value of the research organisation's contribution or the undertakings' "
            "eligible costs are not known; the indirect aid per undertaking is still open."
        ),
        "partner_indirect_aid_decides": _(
            "{name}: the route differs with and without indirect aid through the research "
            "organisation; answer whether the safeguards exclude indirect aid."
        ),
        "sme_public_control_unknown": _(
            "{who}Whether public bodies control {share_pct} or more of the capital or "
            "voting rights has not been answered; if they do, this is not an SME (Annex I "
            "GBER, Article 3(4))."
        ),
        "sme_linked_enterprises": _(
            "{who}The SME finding only holds if the figures include the linked and partner "
            "enterprises (Annex I GBER, Article 6); that has not been confirmed."
        ),
        "indirect_aid": _(
            "Indirect aid: the full value of the research organisation's contribution "
            "counts as an advantage to the collaborating undertakings and was added to "
            "their aid before de minimis, the GBER and the thresholds were tested."
        ),
        # ---- routes
        "gber_fits_whatever_de_minimis": _(
            "The aid fits the GBER whatever de minimis aid the undertaking received in the "
            "last three fiscal years; in all cases no notification is needed. Only the "
            "lighter de minimis route still depends on that earlier aid."
        ),
        "route_same_for_every_answer": _(
            "Whatever the answers to the {open_count} open question(s) on the path, the "
            "route stays the same: {route}. That route is therefore the conclusion."
        ),
        "route_no_aid": _(
            "Route: no State aid; no notification or exemption is needed (subsidy rules "
            "still apply)."
        ),
        "route_de_minimis": _(
            "Route: de minimis aid; record the aid and ask about de minimis aid received "
            "earlier."
        ),
        "route_gber": _("Route: exempted under the GBER; no prior notification needed."),
        "route_notify": _(
            "Route: the aid must be notified to the European Commission in advance and may "
            "only be granted after approval."
        ),
        "route_undetermined": _(
            "Route: not yet determined; see the open questions and the warnings."
        ),
        # ---- warnings
        "rules_unknown_for_date": _(
            "No data is known for {date} on: {topic}. The tool does not guess and draws no "
            "conclusion on this point; check the rules in force."
        ),
        "unconfirmed_rule": _(
            "The outcome uses a figure that was not confirmed in the primary source (rule "
            "{rule_id}); check it in EUR-Lex or on wetten.overheid.nl before relying on it."
        ),
        "rd_services_state_aid_check": _(
            "Pre-commercial procurement is outside the procurement Directive, but a State "
            "aid check is mandatory: buy at market price through an open, competitive and "
            "transparent procedure."
        ),
        "beneficiary_size_conflict": _(
            "The beneficiary was declared a {size}, but the figures given make it a "
            "{derived_size}. The figures are the legal test (Annex I GBER), so the tool "
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
            "Not covered: {topic}. The tool does not test this and does not guess; have a "
            "lawyer assess this point."
        ),
        "sgei_alternative": _(
            "The general de minimis ceiling is exceeded. If the government has entrusted "
            "the undertaking in writing with a service of general economic interest (SGEI) "
            "that this aid compensates, the higher SGEI ceiling of {ceiling_eur} over "
            "{window_years} years applies and the aid may be granted as SGEI de minimis "
            "aid. Without such an act the tool tests against the general ceiling."
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
    return LABELS.get(key, {}).get(language, key)


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


def render(code: str, params: Mapping[str, Any], language: str = "nl") -> str:
    """The sentence for a code in a language, with formatted parameters."""
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r} is not one of {', '.join(LANGUAGES)}")
    template = TEXTS[code][language]
    return template.format(**{k: _format(k, v, language) for k, v in params.items()})
