"""Step sentences of a consortium: effective collaboration, bonuses, indirect aid, partners."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from grenzeloos.legal.translated import Translated, translated

CONSORTIUM: dict[str, Translated] = translated(
    {
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
        "partner_intensity": _(
            "{name}, {category} ({share_pct} of its eligible costs): base intensity "
            "{base_pct}, size bonus {size_bonus_pct}, collaboration bonus "
            "{collaboration_bonus_pct}; together {total_pct}, applied {intensity_pct}."
        ),
        "partner_max_aid": _(
            "{name}: these intensities, weighted by their share of the {eligible_costs_eur} "
            "eligible costs, give a maximum aid of {max_aid_eur}."
        ),
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
    }
)
