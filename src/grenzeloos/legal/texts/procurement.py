"""Step sentences of the regime (the government's role, consideration) and of procurement law."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from grenzeloos.legal.translated import Translated, translated

PROCUREMENT: dict[str, Translated] = translated(
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
        "in_house_no": _(
            "This is not an in-house award, because the contract does not go to an entity the "
            "authority controls as it controls its own departments."
        ),
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
            "No thresholds are known for {date}; this check draws no conclusion on this point."
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
            "end ({purchase_eur}), together {total_eur}; this check compares {value_eur} "
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
            "amounts and this check does not guess any."
        ),
        "below_policy_band": _(
            "Under the {policy}, a value of {value_eur} for {kind} falls in the band from "
            "{from_eur} to below {below_eur}: {procedure}. This is policy, not law; the "
            "choice must still be reasoned."
        ),
        "below_policy_no_band": _(
            "The {policy} has no band for {kind}; this check chooses no procedure."
        ),
        "eu_procedure_exempt": _("Because of the exemption no European procedure is needed."),
    }
)
