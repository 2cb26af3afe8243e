"""Step sentences of State aid law: the notion of aid, size, de minimis, the GBER, the routes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from grenzeloos.legal.translated import Translated, translated

STATE_AID: dict[str, Translated] = translated(
    {
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
            "Below the EU threshold there is no tender under the Directive, so a market price "
            "is not presumed. No State aid, provided the price is shown to be at market terms "
            "(for example by comparing the quotes of the operators invited, or a valuation): "
            "then the contractor gets no advantage within the meaning of Article 107(1) TFEU. "
            "The State aid questions were not answered, so this conclusion rests on that "
            "condition."
        ),
        "criterion_met": _("Met: {criterion}, because {why}."),
        "criterion_not_met": _("Not met: {criterion}, because {why}."),
        "criterion_unknown": _("Still unknown: {criterion}."),
        "aid_absent": _("Not all cumulative conditions are met, so there is no State aid."),
        "aid_open": _(
            "Not all conditions have been answered; whether there is State aid is still open."
        ),
        "aid_present": _(
            "All cumulative conditions are met, because each of the six criteria above is "
            "fulfilled; the measure is therefore State aid and must fit an exemption or be "
            "notified."
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
            "De minimis: {amount_eur} plus the {received_eur} received earlier makes {total_eur}; "
            "that fits within the ceiling of {ceiling_eur} over {window}. Aid within the ceiling "
            "is deemed not to meet all the criteria of Article 107(1) TFEU."
        ),
        "de_minimis_refused": _(
            "De minimis: {amount_eur} plus the {received_eur} received earlier makes {total_eur}; "
            "that exceeds the ceiling of {ceiling_eur} over {window}, so the aid cannot be "
            "granted as de minimis aid."
        ),
        "de_minimis_amount_above_ceiling": _(
            "De minimis: the aid amount of {amount_eur} alone exceeds the ceiling of "
            "{ceiling_eur} over {window}; aid received earlier no longer matters."
        ),
        "de_minimis_inputs_missing": _(
            "The de minimis test needs the aid amount and the de minimis aid received earlier."
        ),
        "de_minimis_sgei": _(
            "The aid compensates a service of general economic interest (SGEI) entrusted "
            "to the undertaking: the SGEI de minimis ceiling of {ceiling_eur} over {window} "
            "applies."
        ),
        "sgei_not_covered": _(
            "The SGEI compensation exceeds the SGEI de minimis ceiling and does not fit "
            "the GBER. Whether it falls under the Altmark criteria, the SGEI Decision or "
            "the SGEI Framework is not tested by this check; it draws no conclusion here."
        ),
        "de_minimis_rules_unknown": _(
            "No de minimis ceiling is known for {date}; this check draws no conclusion on "
            "this point."
        ),
        # ---- GBER
        "gber_no_category": _(
            "No GBER category was chosen, so the block exemption was not tested."
        ),
        "gber_category_none": _(
            "The measure fits none of the GBER categories, so no block exemption is possible."
        ),
        "gber_rules_unknown": _(
            "No valid GBER is known on {date}; this check draws no conclusion on this point."
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
    }
)

ROUTES: dict[str, Translated] = translated(
    {
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
            "Route: de minimis aid, deemed not to meet all the criteria of Article 107(1) "
            "TFEU, so no notification and no exemption are needed; state in the grant that "
            "it is de minimis aid and record it with the de minimis aid received earlier."
        ),
        "route_gber": _("Route: exempted under the GBER; no prior notification needed."),
        "route_notify": _(
            "Route: the aid must be notified to the European Commission in advance and may "
            "only be granted after approval."
        ),
        "route_undetermined": _(
            "Route: not yet determined; see the open questions and the warnings."
        ),
    }
)


#: Why a criterion of Article 107(1) TFEU is met or not, as the answer given establishes it.
CRITERION_REASONS: dict[str, Translated] = translated(
    {
        "state_resources_met": _(
            "the contribution is paid from public resources and the government decides on it"
        ),
        "undertaking_met": _(
            "the beneficiary offers goods or services on a market (an economic activity), "
            "whatever its legal form"
        ),
        "selective_met": _(
            "the contribution goes to particular undertakings and is not open to every "
            "undertaking on the same terms"
        ),
        "advantage_met": _(
            "the beneficiary receives the contribution without giving a performance at market "
            "price in return, "
            "which no market party would accept"
        ),
        "distorts_competition_met": _(
            "the contribution strengthens the beneficiary's position against its competitors, "
            "which is enough"
        ),
        "affects_trade_met": _(
            "the beneficiary's activity is not purely local: customers, competitors or investors "
            "from other Member States can be affected"
        ),
        "state_resources_not_met": _(
            "the contribution costs the government no resources, or the government does not "
            "decide on it"
        ),
        "undertaking_not_met": _(
            "the beneficiary carries on no economic activity with this contribution"
        ),
        "selective_not_met": _("the measure is open to every undertaking on the same terms"),
        "advantage_not_met": _(
            "the government acts as a private party would under market conditions, or pays a "
            "market price"
        ),
        "distorts_competition_not_met": _(
            "the contribution does not strengthen the beneficiary's position against any competitor"
        ),
        "affects_trade_not_met": _(
            "the activity is purely local, without customers or investors from other Member States"
        ),
    }
)
