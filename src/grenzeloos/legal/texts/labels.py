"""The display labels of the legal check's enum values (roles, kinds, sizes, criteria, routes)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from grenzeloos.legal.translated import Translated, translated

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
            "results and IPR allocated according to work packages, contributions and interests"
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
        # ground this check does not cover
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
