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

from grenzeloos.core.amounts import format_money
from grenzeloos.legal.questions import QUESTIONS
from grenzeloos.legal.ruleset import default_rules

LANGUAGES: tuple[str, ...] = ("nl", "en")

LABELS: dict[str, dict[str, str]] = {
    # government roles
    "client": {"nl": "opdrachtgever", "en": "client"},
    "funder": {"nl": "financier (subsidiegever)", "en": "funder (subsidy giver)"},
    "facilitator": {"nl": "facilitator", "en": "facilitator"},
    "partner": {"nl": "partner", "en": "partner"},
    # authority types
    "central": {"nl": "centrale overheid", "en": "central government authority"},
    "sub_central": {"nl": "decentrale overheid", "en": "sub-central contracting authority"},
    "utility": {"nl": "speciale-sectorbedrijf", "en": "utility (special sectors)"},
    # contract kinds
    "works": {"nl": "werken", "en": "works"},
    "supplies": {"nl": "leveringen", "en": "supplies"},
    "services": {"nl": "diensten", "en": "services"},
    "social_services": {
        "nl": "sociale en andere specifieke diensten",
        "en": "social and other specific services",
    },
    "rd_services": {"nl": "diensten voor onderzoek en ontwikkeling", "en": "R&D services"},
    # sizes
    "small": {"nl": "kleine onderneming", "en": "small enterprise"},
    "medium": {"nl": "middelgrote onderneming", "en": "medium-sized enterprise"},
    "large": {"nl": "grote onderneming", "en": "large enterprise"},
    # aid criteria
    "state_resources": {
        "nl": "steun met staatsmiddelen, toe te rekenen aan de overheid",
        "en": "granted through State resources and imputable to the State",
    },
    "undertaking": {
        "nl": "de begunstigde is een onderneming (economische activiteit)",
        "en": "the beneficiary is an undertaking (economic activity)",
    },
    "selective": {"nl": "selectief voordeel", "en": "selective"},
    "advantage": {
        "nl": "economisch voordeel dat de markt niet zou geven",
        "en": "an economic advantage the market would not give",
    },
    "distorts_competition": {
        "nl": "(dreigende) vervalsing van de mededinging",
        "en": "distorts or threatens to distort competition",
    },
    "affects_trade": {
        "nl": "ongunstige beïnvloeding van de handel tussen lidstaten",
        "en": "affects trade between Member States",
    },
    # GBER categories
    "sme_investment": {"nl": "investeringssteun voor het mkb", "en": "SME investment aid"},
    "sme_consultancy": {"nl": "steun voor advies aan het mkb", "en": "SME consultancy aid"},
    "rd_fundamental": {"nl": "fundamenteel onderzoek", "en": "fundamental research"},
    "rd_industrial": {"nl": "industrieel onderzoek", "en": "industrial research"},
    "rd_experimental": {"nl": "experimentele ontwikkeling", "en": "experimental development"},
    "rd_feasibility": {"nl": "haalbaarheidsstudie", "en": "feasibility study"},
    "sme_innovation": {"nl": "innovatiesteun voor het mkb", "en": "SME innovation aid"},
    "process_innovation": {
        "nl": "proces- en organisatie-innovatie",
        "en": "process and organisational innovation",
    },
    "training": {"nl": "opleidingssteun", "en": "training aid"},
    "none": {"nl": "geen van deze categorieën", "en": "none of these categories"},
    "market_price": {
        "nl": "contractonderzoek tegen marktprijs",
        "en": "contract research at market price",
    },
    "ipr_allocation": {
        "nl": "resultaten en IE-rechten verdeeld naar werkpakketten, bijdragen en belangen",
        "en": "results and IPR allocated according to work packages, contributions and interests",
    },
    "full_costs": {
        "nl": "de ondernemingen dragen de volledige kosten",
        "en": "the undertakings bear the full costs",
    },
    # procedures of an organisation's own procurement policy (below the EU thresholds)
    "single_source": {
        "nl": "enkelvoudig onderhands (één ondernemer uitnodigen)",
        "en": "single-source award (one operator invited)",
    },
    "multiple_private": {
        "nl": "meervoudig onderhands (twee of meer ondernemers uitnodigen)",
        "en": "restricted invitation (two or more operators invited)",
    },
    "national": {
        "nl": "nationaal aanbesteden (openbare aankondiging)",
        "en": "national tender (public notice)",
    },
    "no_bands": {
        "nl": "eigen inkoopdrempels niet ingevuld",
        "en": "own procurement bands not entered",
    },
    "het_hogeland_2020": {
        "nl": "voorbeeld: inkoopbeleid gemeente Het Hogeland (geen wet)",
        "en": "example: procurement policy of the municipality of Het Hogeland (not law)",
    },
    # ground the tool does not cover
    "innovation_partnership_below_threshold": {
        "nl": "het innovatiepartnerschap onder de Europese drempels",
        "en": "the innovation partnership below the EU thresholds",
    },
    "sgei_compensation": {
        "nl": "compensatie voor een dienst van algemeen economisch belang (DAEB) boven het "
        "DAEB-de-minimisplafond (Altmark-criteria, DAEB-vrijstellingsbesluit en DAEB-kader)",
        "en": "compensation for a service of general economic interest (SGEI) above the SGEI "
        "de minimis ceiling (the Altmark criteria, the SGEI Decision and the SGEI Framework)",
    },
    "de_minimis_sgei": {"nl": "DAEB-de-minimisplafond", "en": "SGEI de minimis ceiling"},
    "innovation_partnership": {
        "nl": "termijnen van het innovatiepartnerschap",
        "en": "time limits of the innovation partnership",
    },
    # topics of rules that may be missing for a date
    "procurement_thresholds": {
        "nl": "Europese drempelbedragen voor aanbesteden",
        "en": "EU procurement thresholds",
    },
    "de_minimis": {"nl": "de-minimisplafond", "en": "de minimis ceiling"},
    "gber": {
        "nl": "Algemene Groepsvrijstellingsverordening (AGVV)",
        "en": "General Block Exemption Regulation (GBER)",
    },
    "sme_definition": {"nl": "mkb-definitie", "en": "SME definition"},
    # routes and regimes
    "procurement": {"nl": "aanbestedingsrecht", "en": "procurement law"},
    "state_aid": {"nl": "staatssteunrecht", "en": "State aid law"},
    "undetermined": {"nl": "nog niet te bepalen", "en": "not yet determined"},
    "no_aid": {"nl": "geen staatssteun", "en": "no State aid"},
    "de_minimis_route": {"nl": "de-minimissteun", "en": "de minimis aid"},
    "gber_route": {"nl": "vrijgesteld onder de AGVV", "en": "exempted under the GBER"},
    "notify": {"nl": "aanmelden bij de Europese Commissie", "en": "notify the European Commission"},
}

TEXTS: dict[str, dict[str, str]] = {
    # ---- regime
    "role_client": {
        "nl": "De overheid treedt op als {role}: zij wil zelf iets geleverd krijgen.",
        "en": "The government acts as {role}: it wants something delivered to itself.",
    },
    "role_not_client": {
        "nl": "De overheid treedt op als {role}, niet als opdrachtgever.",
        "en": "The government acts as {role}, not as a client.",
    },
    "role_funder_consideration": {
        "nl": "De overheid noemt zich {role}, maar haar betaling levert haar een afdwingbare "
        "prestatie op. Dan kan het in wezen een overheidsopdracht zijn: beide rechtsgebieden "
        "worden getoetst.",
        "en": "The government calls itself a {role}, but its payment buys an enforceable "
        "performance. In substance this may be a public contract: both bodies of law are "
        "assessed.",
    },
    "role_unknown": {
        "nl": "De rol van de overheid is nog niet beantwoord.",
        "en": "The government's role has not been answered yet.",
    },
    "consideration_yes": {
        "nl": "Er is een bezwarende titel: over en weer afdwingbare prestaties, zoals een "
        "betaling of een exclusief recht in ruil voor een specifieke prestatie.",
        "en": "There is consideration both ways: enforceable performance in exchange for "
        "payment or an exclusive right.",
    },
    "consideration_no": {
        "nl": "Er is geen bezwarende titel: de overheid kan de prestatie niet afdwingen in "
        "ruil voor haar bijdrage.",
        "en": "There is no consideration: the government cannot enforce a performance in "
        "exchange for its contribution.",
    },
    "consideration_unknown": {
        "nl": "Of er een bezwarende titel is, is nog niet beantwoord.",
        "en": "Whether there is consideration both ways has not been answered yet.",
    },
    "regime_procurement": {
        "nl": "Opdrachtgever plus bezwarende titel: het aanbestedingsrecht is van toepassing.",
        "en": "Client plus consideration: procurement law applies.",
    },
    "regime_state_aid": {
        "nl": "Zonder opdrachtgeverschap met bezwarende titel is het aanbestedingsrecht niet "
        "van toepassing; de bijdrage wordt getoetst aan het staatssteunrecht.",
        "en": "Without a client relationship with consideration, procurement law does not "
        "apply; the contribution is tested against State aid law.",
    },
    "regime_undetermined": {
        "nl": "Het toepasselijke rechtsgebied kan nog niet worden bepaald.",
        "en": "The applicable body of law cannot be determined yet.",
    },
    # ---- procurement
    "procurement_not_applicable": {
        "nl": "Het aanbestedingsrecht is niet van toepassing; drempelbedragen spelen geen rol.",
        "en": "Procurement law does not apply; thresholds play no part.",
    },
    "procurement_pending_regime": {
        "nl": "Over de opdracht is nog niets ingevuld; de aanbestedingstoets wacht op de "
        "vraag welk rechtsgebied geldt.",
        "en": "Nothing has been entered about the contract; the procurement test waits for "
        "the question which body of law applies.",
    },
    "exemption_in_house": {
        "nl": "Quasi-inbesteding: de opdracht gaat naar een entiteit die de overheid "
        "beheerst als een eigen dienst, die meer dan het wettelijke deel van haar "
        "activiteiten voor haar verricht en zonder privékapitaal. Deel 2 van de "
        "Aanbestedingswet is niet van toepassing.",
        "en": "In-house award: the contract goes to an entity the authority controls like "
        "its own department, which performs more than the statutory share of its "
        "activities for it and has no private capital. The Directive does not apply.",
    },
    "in_house_no": {
        "nl": "Er is geen sprake van quasi-inbesteding.",
        "en": "This is not an in-house award.",
    },
    "in_house_unknown": {
        "nl": "Of het om quasi-inbesteding gaat, is nog niet beantwoord.",
        "en": "Whether this is an in-house award has not been answered yet.",
    },
    "exemption_rd_services": {
        "nl": "Uitzondering voor onderzoek en ontwikkeling: de resultaten komen niet "
        "uitsluitend aan de overheid toe of zij betaalt niet alles. De "
        "aanbestedingsrichtlijn is niet van toepassing (precommercieel inkopen).",
        "en": "R&D exemption: the results do not accrue exclusively to the authority or it "
        "does not pay for everything. The procurement Directive does not apply "
        "(pre-commercial procurement).",
    },
    "rd_exemption_no": {
        "nl": "De resultaten komen uitsluitend aan de overheid toe en zij betaalt alles: de "
        "uitzondering voor onderzoek en ontwikkeling geldt niet.",
        "en": "The results accrue exclusively to the authority and it pays for everything: "
        "the R&D exemption does not apply.",
    },
    "rd_exemption_unknown": {
        "nl": "Of de resultaten van het onderzoek ook anderen toekomen, is nog niet beantwoord.",
        "en": "Whether the research results also benefit others has not been answered yet.",
    },
    "threshold_found": {
        "nl": "Het Europese drempelbedrag voor {kind} van een {authority} op {date} is "
        "{amount_eur} (exclusief btw).",
        "en": "The EU threshold for {kind} of a {authority} on {date} is {amount_eur} "
        "(excluding VAT).",
    },
    "threshold_rules_unknown": {
        "nl": "Op {date} zijn geen drempelbedragen bekend; de tool trekt hierover geen "
        "conclusie.",
        "en": "No thresholds are known for {date}; the tool draws no conclusion on this point.",
    },
    "threshold_inputs_missing": {
        "nl": "Het drempelbedrag hangt af van het soort overheid en het soort opdracht; die "
        "zijn nog niet allebei beantwoord.",
        "en": "The threshold depends on the type of authority and the kind of contract; not "
        "both have been answered yet.",
    },
    "value_unknown": {
        "nl": "De geraamde waarde van de opdracht is nog niet beantwoord.",
        "en": "The estimated value of the contract has not been answered yet.",
    },
    "value_at_or_above_threshold": {
        "nl": "De geraamde waarde van {value_eur} is gelijk aan of hoger dan het drempelbedrag "
        "van {amount_eur}: Europees aanbesteden (publicatie via TenderNed).",
        "en": "The estimated value of {value_eur} is at or above the threshold of "
        "{amount_eur}: a European procedure is required (publication via TenderNed).",
    },
    "value_below_threshold": {
        "nl": "De geraamde waarde van {value_eur} ligt onder het drempelbedrag van "
        "{amount_eur}: de nationale regels en het eigen inkoopbeleid gelden.",
        "en": "The estimated value of {value_eur} is below the threshold of {amount_eur}: "
        "national rules and the authority's own procurement policy apply.",
    },
    "innovation_partnership_value": {
        "nl": "Innovatiepartnerschap: de waarde is het totaal van alle fasen, dus het onderzoek "
        "en de ontwikkeling in alle fasen ({rd_eur}) plus de aankoop aan het eind "
        "({purchase_eur}), samen {total_eur}; de tool vergelijkt {value_eur} met het "
        "drempelbedrag.",
        "en": "Innovation partnership: the value is the total of all phases, that is the "
        "research and development in every phase ({rd_eur}) plus the purchase at the end "
        "({purchase_eur}), together {total_eur}; the tool compares {value_eur} with the "
        "threshold.",
    },
    "innovation_partnership_value_given": {
        "nl": "Innovatiepartnerschap: de opgegeven geraamde waarde van {value_eur} moet het "
        "onderzoek in alle fasen en de aankoop aan het eind samen omvatten.",
        "en": "Innovation partnership: the estimated value given, {value_eur}, must cover the "
        "research in every phase and the purchase at the end together.",
    },
    "innovation_partnership_value_unknown": {
        "nl": "Innovatiepartnerschap: de waarde van de onderzoeksfasen en van de aankoop aan "
        "het eind zijn nog niet allebei beantwoord; hun totaal bepaalt de procedure.",
        "en": "Innovation partnership: the value of the research phases and of the final "
        "purchase have not both been answered; their total decides the procedure.",
    },
    "innovation_partnership_eu": {
        "nl": "Het innovatiepartnerschap volgt de Europese procedure: een aankondiging waarop "
        "elke ondernemer kan reageren, ten minste {days} dagen voor verzoeken tot deelneming, "
        "gunning alleen op de beste prijs-kwaliteitverhouding, en fasen met tussendoelen "
        "waarna de overheid het partnerschap kan beëindigen.",
        "en": "The innovation partnership follows the European procedure: a notice any "
        "operator may respond to, at least {days} days for requests to participate, award "
        "only on the best price-quality ratio, and phases with intermediate targets after "
        "which the authority may end the partnership.",
    },
    "innovation_partnership_below": {
        "nl": "Het innovatiepartnerschap blijft onder het drempelbedrag: de Europese procedure "
        "is dan niet verplicht. Of en hoe de overheid deze procedure nationaal gebruikt, "
        "bepaalt zij zelf binnen art. 1.4 van de Aanbestedingswet; dat punt is niet bevestigd "
        "in de primaire bron.",
        "en": "The innovation partnership stays below the threshold: the European procedure is "
        "then not mandatory. Whether and how the authority uses it nationally is its own "
        "choice within Article 1.4 of the Dutch Public Procurement Act; that point is "
        "not confirmed in the primary source.",
    },
    "below_choice_of_procedure": {
        "nl": "Onder het drempelbedrag kiest de aanbestedende dienst de procedure en de uit te "
        "nodigen ondernemers op objectieve criteria, met het oog op de meeste maatschappelijke "
        "waarde voor het geld, en motiveert zij die keuze op verzoek schriftelijk.",
        "en": "Below the threshold the contracting authority chooses the procedure and the "
        "operators to invite on objective criteria, aiming at the greatest social value for "
        "the money, and gives its reasons for that choice in writing on request.",
    },
    "below_proportionality": {
        "nl": "Eisen, voorwaarden en criteria moeten in verhouding staan tot de opdracht. De "
        "Gids Proportionaliteit geldt op basis van pas toe of leg uit: wijkt de dienst ervan "
        "af, dan legt zij dat uit in de aanbestedingsstukken.",
        "en": "Requirements, conditions and criteria must be proportionate to the contract. "
        "The Gids Proportionaliteit (proportionality guide) applies on an apply-or-explain "
        "basis: a deviation is explained in the tender documents.",
    },
    "below_arw": {
        "nl": "Voor werken onder het drempelbedrag geldt het Aanbestedingsreglement Werken "
        "(ARW) op basis van pas toe of leg uit.",
        "en": "For works below the threshold the ARW (works tendering rules) applies on an "
        "apply-or-explain basis.",
    },
    "below_cross_border": {
        "nl": "De opdracht heeft een duidelijk grensoverschrijdend belang: ook onder het "
        "drempelbedrag gelden gelijke behandeling, transparantie en een passende mate van "
        "openbaarheid, zodat ondernemers uit andere lidstaten kunnen meedingen.",
        "en": "The contract has a certain cross-border interest: even below the threshold, "
        "equal treatment, transparency and an appropriate degree of publicity apply, so that "
        "operators from other Member States can compete.",
    },
    "below_no_cross_border": {
        "nl": "De opdracht heeft geen duidelijk grensoverschrijdend belang; de verplichting tot "
        "een passende mate van openbaarheid uit het Verdrag geldt daarom niet.",
        "en": "The contract has no certain cross-border interest; the Treaty duty of an "
        "appropriate degree of publicity therefore does not apply.",
    },
    "below_cross_border_unknown": {
        "nl": "Of de opdracht een duidelijk grensoverschrijdend belang heeft, is nog niet "
        "beantwoord; is dat zo, dan is een passende mate van openbaarheid vereist.",
        "en": "Whether the contract has a certain cross-border interest has not been answered; "
        "if it has, an appropriate degree of publicity is required.",
    },
    "below_no_policy_bands": {
        "nl": "De inkoopdrempels van de eigen organisatie zijn niet ingevuld. Welke procedure "
        "bij deze waarde past, staat in het inkoopbeleid van de dienst; de wet noemt geen "
        "bedragen en de tool raadt er geen.",
        "en": "The organisation's own procurement bands were not entered. Which procedure fits "
        "this value is set in the authority's procurement policy; the law sets no amounts and "
        "the tool does not guess any.",
    },
    "below_policy_band": {
        "nl": "Volgens het {policy} valt een waarde van {value_eur} voor {kind} in de schijf "
        "van {from_eur} tot {below_eur}: {procedure}. Dit is beleid, geen wet; de keuze moet "
        "alsnog gemotiveerd worden.",
        "en": "Under the {policy}, a value of {value_eur} for {kind} falls in the band from "
        "{from_eur} to below {below_eur}: {procedure}. This is policy, not law; the choice "
        "must still be reasoned.",
    },
    "below_policy_no_band": {
        "nl": "Het {policy} noemt geen schijf voor {kind}; de tool kiest geen procedure.",
        "en": "The {policy} has no band for {kind}; the tool chooses no procedure.",
    },
    "eu_procedure_exempt": {
        "nl": "Door de uitzondering is geen Europese procedure nodig.",
        "en": "Because of the exemption no European procedure is needed.",
    },
    # ---- state aid: notion
    "contract_value_with_options": {
        "nl": "De geraamde waarde van {value_eur} (exclusief btw) omvat {options_eur} aan opties "
        "en verlengingen bovenop {base_eur} voor de opdracht zelf; de opdracht is niet "
        "opgesplitst.",
        "en": "The estimated value of {value_eur} (excluding VAT) includes {options_eur} of "
        "options and renewals on top of {base_eur} for the contract itself; the contract was "
        "not split.",
    },
    "contract_value_options_unconfirmed": {
        "nl": "De conclusie gaat uit van een geraamde waarde van {value_eur} (exclusief btw), "
        "mits die alle opties en verlengingen omvat en de opdracht niet is opgesplitst; "
        "welk deel opties en verlengingen zijn, is niet opgegeven.",
        "en": "The conclusion rests on an estimated value of {value_eur} (excluding VAT), "
        "provided it includes every option and renewal and the contract was not split; how "
        "much of it is options and renewals was not given.",
    },
    "social_services_light_regime": {
        "nl": "Het gaat om sociale en andere specifieke diensten met een waarde van {value_eur}, "
        "op of boven de drempel van {amount_eur}: het lichte regime geldt (art. 74 tot en met "
        "76 van de klassieke aanbestedingsrichtlijn; Aanbestedingswet, art. 2.38 en 2.39). Een "
        "aankondiging vooraf en een aankondiging van de gunning zijn verplicht; de procedure "
        "is verder vrij, binnen transparantie en gelijke behandeling.",
        "en": "These are social and other specific services worth {value_eur}, at or above the "
        "threshold of {amount_eur}: the light regime applies (Articles 74 to 76 of the classic "
        "procurement Directive; Dutch Public Procurement Act, Articles 2.38 and 2.39). A prior "
        "notice "
        "and a contract award notice are required; the procedure is otherwise free, within "
        "transparency and equal treatment.",
    },
    "state_aid_not_assessed": {
        "nl": "Staatssteun speelt bij deze inkoop niet: de opdrachtnemer krijgt de prijs als "
        "tegenprestatie voor wat de aanbestedende dienst koopt, en bij een concurrerende, "
        "transparante aanbesteding volgens de regels wordt aangenomen dat die prijs "
        "marktconform is. Een marktconforme prijs geeft geen voordeel in de zin van art. 107, "
        "lid 1, VWEU.",
        "en": "State aid is not at stake in this purchase: the contractor is paid the price in "
        "return for what the contracting authority buys, and a competitive, transparent "
        "tender that follows the rules is presumed to be at market price. A market price "
        "confers no advantage within the meaning of Article 107(1) TFEU.",
    },
    "state_aid_not_assessed_in_house": {
        "nl": "Bij quasi-inbesteding is er geen aanbesteding en dus geen vermoeden van een "
        "marktconforme prijs. Staatssteun is uitgesloten zolang de entiteit niet op een markt "
        "actief is; is zij dat wel, dan speelt staatssteun als de vergoeding meer is dan de "
        "marktprijs. Dat is hier niet getoetst: de staatssteunvragen zijn niet beantwoord.",
        "en": "An in-house award involves no tender, so no market price is presumed. State aid "
        "is excluded as long as the entity is not active on a market; if it is, State aid is "
        "at stake when the payment exceeds the market price. That was not tested here: the "
        "State aid questions were not answered.",
    },
    "state_aid_not_assessed_no_tender": {
        "nl": "Bij een inkoop zonder concurrerende procedure (enkelvoudig onderhands, of een "
        "procedure die nog niet vaststaat) wordt een marktconforme prijs niet vermoed. Geen "
        "staatssteun, mits de prijs aantoonbaar marktconform is (bijvoorbeeld door "
        "vergelijking van offertes of een taxatie): dan krijgt de opdrachtnemer geen voordeel "
        "in de zin van art. 107, lid 1, VWEU. Dat is hier niet getoetst: de "
        "staatssteunvragen zijn niet beantwoord.",
        "en": "In a purchase without a competitive procedure (single source, or a procedure "
        "not yet settled) a market price is not presumed. No State aid, provided the price is "
        "shown to be at market terms (for example by comparing quotes or a valuation): then "
        "the contractor gets no advantage within the meaning of Article 107(1) TFEU. That was "
        "not tested here: the State aid questions were not answered.",
    },
    "criterion_met": {
        "nl": "Voldaan: {criterion}.",
        "en": "Met: {criterion}.",
    },
    "criterion_not_met": {
        "nl": "Niet voldaan: {criterion}.",
        "en": "Not met: {criterion}.",
    },
    "criterion_unknown": {
        "nl": "Nog onbekend: {criterion}.",
        "en": "Still unknown: {criterion}.",
    },
    "aid_absent": {
        "nl": "Niet aan alle cumulatieve voorwaarden is voldaan, dus er is geen staatssteun.",
        "en": "Not all cumulative conditions are met, so there is no State aid.",
    },
    "aid_open": {
        "nl": "Nog niet alle voorwaarden zijn beantwoord; of er staatssteun is, staat nog open.",
        "en": "Not all conditions have been answered; whether there is State aid is still open.",
    },
    "aid_present": {
        "nl": "Aan alle cumulatieve voorwaarden is voldaan: de maatregel is staatssteun en "
        "moet onder een vrijstelling passen of worden aangemeld.",
        "en": "All cumulative conditions are met: the measure is State aid and must fit an "
        "exemption or be notified.",
    },
    # ---- size
    "size_given": {
        "nl": "De begunstigde is een {size}.",
        "en": "The beneficiary is a {size}.",
    },
    "size_derived": {
        "nl": "Uit {staff} medewerkers, een omzet van {turnover_eur} en een balanstotaal van "
        "{balance_sheet_eur} volgt: {size}.",
        "en": "From {staff} staff, a turnover of {turnover_eur} and a balance-sheet total of "
        "{balance_sheet_eur} it follows: {size}.",
    },
    "size_unknown": {
        "nl": "De omvang van de begunstigde is nog niet te bepalen.",
        "en": "The size of the beneficiary cannot be determined yet.",
    },
    # ---- de minimis
    "de_minimis_allowed": {
        "nl": "De-minimis: {amount_eur} plus de eerder ontvangen {received_eur} is "
        "{total_eur}; dat past binnen het plafond van {ceiling_eur} over {window_years} jaar.",
        "en": "De minimis: {amount_eur} plus the {received_eur} received earlier makes "
        "{total_eur}; that fits within the ceiling of {ceiling_eur} over {window_years} years.",
    },
    "de_minimis_refused": {
        "nl": "De-minimis: {amount_eur} plus de eerder ontvangen {received_eur} is "
        "{total_eur}; dat gaat boven het plafond van {ceiling_eur} over {window_years} jaar.",
        "en": "De minimis: {amount_eur} plus the {received_eur} received earlier makes "
        "{total_eur}; that exceeds the ceiling of {ceiling_eur} over {window_years} years.",
    },
    "de_minimis_amount_above_ceiling": {
        "nl": "De-minimis: het steunbedrag van {amount_eur} ligt op zichzelf al boven het "
        "plafond van {ceiling_eur} over {window_years} jaar; eerder ontvangen steun doet "
        "daarom niet meer ter zake.",
        "en": "De minimis: the aid amount of {amount_eur} alone exceeds the ceiling of "
        "{ceiling_eur} over {window_years} years; aid received earlier no longer matters.",
    },
    "de_minimis_inputs_missing": {
        "nl": "Voor de de-minimistoets zijn het steunbedrag en de eerder ontvangen "
        "de-minimissteun nodig.",
        "en": "The de minimis test needs the aid amount and the de minimis aid received "
        "earlier.",
    },
    "de_minimis_sgei": {
        "nl": "De steun compenseert een dienst van algemeen economisch belang (DAEB) die aan "
        "de onderneming is toevertrouwd: het DAEB-de-minimisplafond van {ceiling_eur} over "
        "{window_years} jaar geldt.",
        "en": "The aid compensates a service of general economic interest (SGEI) entrusted to "
        "the undertaking: the SGEI de minimis ceiling of {ceiling_eur} over {window_years} "
        "years applies.",
    },
    "sgei_not_covered": {
        "nl": "De DAEB-compensatie gaat boven het DAEB-de-minimisplafond en past niet onder "
        "de AGVV. Of de compensatie onder de Altmark-criteria, het DAEB-vrijstellingsbesluit "
        "of het DAEB-kader valt, toetst deze tool niet; zij trekt hier geen conclusie.",
        "en": "The SGEI compensation exceeds the SGEI de minimis ceiling and does not fit the "
        "GBER. Whether it falls under the Altmark criteria, the SGEI Decision or the SGEI "
        "Framework is not tested by this tool; it draws no conclusion here.",
    },
    "de_minimis_rules_unknown": {
        "nl": "Op {date} is geen de-minimisplafond bekend; de tool trekt hierover geen "
        "conclusie.",
        "en": "No de minimis ceiling is known for {date}; the tool draws no conclusion on "
        "this point.",
    },
    # ---- GBER
    "gber_no_category": {
        "nl": "Er is geen AGVV-categorie gekozen, dus de groepsvrijstelling is niet getoetst.",
        "en": "No GBER category was chosen, so the block exemption was not tested.",
    },
    "gber_category_none": {
        "nl": "De maatregel past in geen van de categorieën van de AGVV; een vrijstelling is "
        "daarom niet mogelijk.",
        "en": "The measure fits none of the GBER categories, so no block exemption is " "possible.",
    },
    "gber_rules_unknown": {
        "nl": "Op {date} is geen geldige AGVV bekend; de tool trekt hierover geen conclusie.",
        "en": "No valid GBER is known on {date}; the tool draws no conclusion on this point.",
    },
    "gber_not_available_for_size": {
        "nl": "{category} ({article}) staat niet open voor een {size}.",
        "en": "{category} ({article}) is not available to a {size}.",
    },
    "gber_collaboration_required": {
        "nl": "{category} ({article}) staat voor een {size} alleen open bij daadwerkelijke "
        "samenwerking met het mkb; die is er niet.",
        "en": "{category} ({article}) is open to a {size} only in effective collaboration "
        "with SMEs; there is none.",
    },
    "gber_collaboration_unknown": {
        "nl": "Of er daadwerkelijke samenwerking is, is nog niet beantwoord; de "
        "steunintensiteit hangt ervan af.",
        "en": "Whether there is effective collaboration has not been answered yet; the aid "
        "intensity depends on it.",
    },
    "gber_intensity": {
        "nl": "{category} ({article}), {size}: basis {base_pct}, bonus voor omvang "
        "{size_bonus_pct}, bonus voor samenwerking {collaboration_bonus_pct}: samen "
        "{total_pct}.",
        "en": "{category} ({article}), {size}: base {base_pct}, size bonus {size_bonus_pct}, "
        "collaboration bonus {collaboration_bonus_pct}: together {total_pct}.",
    },
    "gber_cap_applied": {
        "nl": "De steunintensiteit is begrensd op het maximum van {cap_pct}.",
        "en": "The aid intensity is capped at the maximum of {cap_pct}.",
    },
    "gber_max_aid": {
        "nl": "Maximale steun: {intensity_pct} van {eligible_costs_eur} subsidiabele kosten "
        "is {max_aid_eur}.",
        "en": "Maximum aid: {intensity_pct} of {eligible_costs_eur} eligible costs is "
        "{max_aid_eur}.",
    },
    "gber_advisory_unknown": {
        "nl": "Betaalt de steun innovatieadvies- en ondersteuningsdiensten, dan mag de "
        "intensiteit tot {intensity_pct} gaan zolang die steun niet boven {cap_eur} per "
        "onderneming over {window_years} jaar komt; of dat zo is, is nog niet beantwoord.",
        "en": "If the aid pays for innovation advisory and support services, the intensity "
        "may reach {intensity_pct} as long as that aid stays within {cap_eur} per undertaking "
        "over {window_years} years; that has not been answered.",
    },
    "gber_advisory_no": {
        "nl": "De steun betaalt geen innovatieadvies- en ondersteuningsdiensten: de gewone "
        "intensiteit geldt.",
        "en": "The aid does not pay for innovation advisory and support services: the "
        "ordinary intensity applies.",
    },
    "gber_advisory_amount_above_cap": {
        "nl": "Het steunbedrag van {amount_eur} gaat al boven het plafond van {cap_eur} over "
        "{window_years} jaar voor innovatieadvies- en ondersteuningsdiensten: de gewone "
        "intensiteit geldt.",
        "en": "The aid of {amount_eur} alone exceeds the cap of {cap_eur} over {window_years} "
        "years for innovation advisory and support services: the ordinary intensity applies.",
    },
    "gber_advisory_inputs_missing": {
        "nl": "Voor de hogere intensiteit van {intensity_pct} voor innovatieadvies- en "
        "ondersteuningsdiensten is nodig hoeveel steun voor zulke diensten de onderneming in "
        "de afgelopen {window_years} jaar kreeg (plafond {cap_eur}).",
        "en": "The higher intensity of {intensity_pct} for innovation advisory and support "
        "services needs the aid for such services the undertaking received in the last "
        "{window_years} years (cap {cap_eur}).",
    },
    "gber_advisory_within_cap": {
        "nl": "Innovatieadvies- en ondersteuningsdiensten: {amount_eur} plus de eerder "
        "ontvangen {received_eur} is {total_eur}, binnen het plafond van {cap_eur} over "
        "{window_years} jaar; de intensiteit mag tot {intensity_pct} gaan.",
        "en": "Innovation advisory and support services: {amount_eur} plus the {received_eur} "
        "received earlier makes {total_eur}, within the cap of {cap_eur} over {window_years} "
        "years; the intensity may reach {intensity_pct}.",
    },
    "gber_advisory_above_cap": {
        "nl": "Innovatieadvies- en ondersteuningsdiensten: {amount_eur} plus de eerder "
        "ontvangen {received_eur} is {total_eur}, boven het plafond van {cap_eur} over "
        "{window_years} jaar; de gewone intensiteit geldt.",
        "en": "Innovation advisory and support services: {amount_eur} plus the {received_eur} "
        "received earlier makes {total_eur}, above the cap of {cap_eur} over {window_years} "
        "years; the ordinary intensity applies.",
    },
    "gber_advisory_open": {
        "nl": "Bij de gewone intensiteit is de steun te hoog; alleen de hogere intensiteit "
        "voor innovatieadvies- en ondersteuningsdiensten kan dat nog veranderen.",
        "en": "At the ordinary intensity the aid is too high; only the higher intensity for "
        "innovation advisory and support services can still change that.",
    },
    "gber_above_notification_threshold": {
        "nl": "Het steunbedrag van {amount_eur} ligt boven de aanmeldingsdrempel van "
        "{threshold_eur}: de AGVV geldt niet en de steun moet worden aangemeld.",
        "en": "The aid amount of {amount_eur} is above the notification threshold of "
        "{threshold_eur}: the GBER does not apply and the aid must be notified.",
    },
    "gber_intensity_exceeded": {
        "nl": "Het steunbedrag van {amount_eur} is hoger dan de maximale steun van "
        "{max_aid_eur} onder de AGVV.",
        "en": "The aid amount of {amount_eur} is higher than the maximum aid of "
        "{max_aid_eur} under the GBER.",
    },
    "gber_fits": {
        "nl": "Het steunbedrag van {amount_eur} blijft binnen de maximale steun en onder de "
        "aanmeldingsdrempel van {threshold_eur}. Let op de algemene voorwaarden van de AGVV: "
        "aanvraag vóór de start (stimulerend effect), cumulatie, publicatie en rapportage.",
        "en": "The aid amount of {amount_eur} stays within the maximum aid and below the "
        "notification threshold of {threshold_eur}. Mind the GBER's general conditions: "
        "application before the start (incentive effect), cumulation, publication and "
        "reporting.",
    },
    "gber_inputs_missing": {
        "nl": "Voor de AGVV-toets zijn nog het steunbedrag, de subsidiabele kosten of de "
        "omvang van de begunstigde nodig.",
        "en": "The GBER test still needs the aid amount, the eligible costs or the size of "
        "the beneficiary.",
    },
    # ---- consortium
    "collaboration_single": {
        "nl": "Er is maar één begunstigde; van daadwerkelijke samenwerking is geen sprake.",
        "en": "There is only one beneficiary; there is no effective collaboration.",
    },
    "collaboration_costs_unknown": {
        "nl": "Niet van alle partners zijn de subsidiabele kosten bekend; of er daadwerkelijke "
        "samenwerking is, staat nog open.",
        "en": "Not every partner's eligible costs are known; whether there is effective "
        "collaboration is still open.",
    },
    "collaboration_effective_undertakings_sme": {
        "nl": "Daadwerkelijke samenwerking tussen ondernemingen (AGVV art. 25, lid 6, onder b, "
        "punt i): er is een mkb-onderneming bij en geen onderneming draagt meer dan "
        "{max_share_pct} van de subsidiabele kosten (grootste aandeel {largest_share_pct}).",
        "en": "Effective collaboration between undertakings (GBER Article 25(6)(b)(i)): an SME "
        "is among them and no undertaking bears more than {max_share_pct} of the eligible "
        "costs (largest share {largest_share_pct}).",
    },
    "collaboration_effective_undertakings_states": {
        "nl": "Daadwerkelijke samenwerking tussen ondernemingen (AGVV art. 25, lid 6, onder b, "
        "punt i): het project wordt in ten minste twee lidstaten uitgevoerd en geen "
        "onderneming draagt meer dan {max_share_pct} van de subsidiabele kosten (grootste "
        "aandeel {largest_share_pct}).",
        "en": "Effective collaboration between undertakings (GBER Article 25(6)(b)(i)): the "
        "project is carried out in at least two Member States and no undertaking bears more "
        "than {max_share_pct} of the eligible costs (largest share {largest_share_pct}).",
    },
    "collaboration_effective_research_organisation": {
        "nl": "Daadwerkelijke samenwerking met een onderzoeksorganisatie (AGVV art. 25, lid 6, "
        "onder b, punt i): die mag haar eigen resultaten publiceren en draagt ten minste "
        "{min_ro_share_pct} van de subsidiabele kosten (haar aandeel {ro_share_pct}).",
        "en": "Effective collaboration with a research organisation (GBER Article "
        "25(6)(b)(i)): it may publish its own results and bears at least {min_ro_share_pct} "
        "of the eligible costs (its share {ro_share_pct}).",
    },
    "collaboration_two_member_states_unknown": {
        "nl": "Er is geen mkb-onderneming bij en geen onderzoeksorganisatie met ten minste "
        "{min_ro_share_pct}; samenwerking tussen ondernemingen telt alleen als het project in "
        "ten minste twee lidstaten wordt uitgevoerd. Dat is nog niet beantwoord.",
        "en": "No SME is among the undertakings and no research organisation bears at least "
        "{min_ro_share_pct}; collaboration between undertakings only counts if the project is "
        "carried out in at least two Member States. That has not been answered yet.",
    },
    "collaboration_sme_share_too_low": {
        "nl": "{name} is een grote onderneming: voor proces- en organisatie-innovatie telt de "
        "samenwerking alleen als het mkb ten minste {min_sme_share_pct} van de subsidiabele "
        "kosten draagt (AGVV art. 29, lid 2); het mkb draagt {sme_share_pct}.",
        "en": "{name} is a large enterprise: for process and organisational innovation the "
        "collaboration only counts if SMEs bear at least {min_sme_share_pct} of the eligible "
        "costs (GBER Article 29(2)); the SMEs bear {sme_share_pct}.",
    },
    "gber_bonus_ground_collaboration": {
        "nl": "Grond voor de opslag: daadwerkelijke samenwerking (AGVV art. 25, lid 6, onder b, "
        "punt i).",
        "en": "Ground for the bonus: effective collaboration (GBER Article 25(6)(b)(i)).",
    },
    "gber_bonus_ground_dissemination": {
        "nl": "Grond voor de opslag: brede verspreiding van de resultaten (AGVV art. 25, lid 6, "
        "onder b, punt ii); op daadwerkelijke samenwerking is niet gesteund.",
        "en": "Ground for the bonus: wide dissemination of the results (GBER Article "
        "25(6)(b)(ii)); effective collaboration was not relied on.",
    },
    "gber_bonus_ground_neither": {
        "nl": "Geen opslag: geen daadwerkelijke samenwerking en geen brede verspreiding van de "
        "resultaten (AGVV art. 25, lid 6, onder b).",
        "en": "No bonus: neither effective collaboration nor wide dissemination of the results "
        "(GBER Article 25(6)(b)).",
    },
    "gber_dissemination_unknown": {
        "nl": "Of de resultaten breed worden verspreid (conferenties, publicatie, open "
        "toegang, vrije software), is nog niet beantwoord.",
        "en": "Whether the results are widely disseminated (conferences, publication, open "
        "access, free software) has not been answered yet.",
    },
    "collaboration_not_effective": {
        "nl": "Geen daadwerkelijke samenwerking: het grootste aandeel van een onderneming is "
        "{largest_share_pct} (maximaal {max_share_pct}, met een mkb-onderneming erbij) en het "
        "aandeel van een onderzoeksorganisatie die mag publiceren is {ro_share_pct} "
        "(minimaal {min_ro_share_pct}).",
        "en": "No effective collaboration: the largest share of an undertaking is "
        "{largest_share_pct} (at most {max_share_pct}, with an SME among them) and the share of "
        "a research organisation free to publish is {ro_share_pct} (at least "
        "{min_ro_share_pct}).",
    },
    "partner_research_organisation": {
        "nl": "{name} is een onderzoeksorganisatie: financiering van haar primaire, niet-"
        "economische activiteiten is geen staatssteun, mits zij economische activiteiten "
        "gescheiden boekt.",
        "en": "{name} is a research organisation: funding its primary, non-economic activities "
        "is not State aid, provided it keeps separate accounts for economic activities.",
    },
    "partner_predominantly_fundamental": {
        "nl": "{name}: meer dan de helft van de subsidiabele kosten is fundamenteel onderzoek "
        "({fundamental_pct}); het project is overwegend fundamenteel onderzoek en de "
        "aanmeldingsdrempel is {threshold_eur} (AGVV art. 4, lid 1, onder i, punt i).",
        "en": "{name}: more than half of the eligible costs are fundamental research "
        "({fundamental_pct}); the project is predominantly fundamental research and the "
        "notification threshold is {threshold_eur} (GBER Article 4(1)(i)(i)).",
    },
    "partner_predominantly_industrial": {
        "nl": "{name}: fundamenteel onderzoek is niet meer dan de helft ({fundamental_pct}), "
        "fundamenteel en industrieel onderzoek samen wel ({fundamental_industrial_pct}); het "
        "project is overwegend industrieel onderzoek en de aanmeldingsdrempel is "
        "{threshold_eur} (AGVV art. 4, lid 1, onder i, punt ii).",
        "en": "{name}: fundamental research is not more than half ({fundamental_pct}), "
        "fundamental and industrial research together are ({fundamental_industrial_pct}); the "
        "project is predominantly industrial research and the notification threshold is "
        "{threshold_eur} (GBER Article 4(1)(i)(ii)).",
    },
    "partner_predominantly_experimental": {
        "nl": "{name}: fundamenteel en industrieel onderzoek samen zijn niet meer dan de helft "
        "({fundamental_industrial_pct}), experimentele ontwikkeling wel ({experimental_pct}); "
        "het project is overwegend experimentele ontwikkeling en de aanmeldingsdrempel is "
        "{threshold_eur} (AGVV art. 4, lid 1, onder i, punt iii).",
        "en": "{name}: fundamental and industrial research together are not more than half "
        "({fundamental_industrial_pct}), experimental development is ({experimental_pct}); "
        "the project is predominantly experimental development and the notification "
        "threshold is {threshold_eur} (GBER Article 4(1)(i)(iii)).",
    },
    "partner_predominantly_none": {
        "nl": "{name}: geen categorie beslaat meer dan de helft van de subsidiabele kosten "
        "(fundamenteel en industrieel onderzoek samen {fundamental_industrial_pct}, "
        "experimentele ontwikkeling {experimental_pct}); de strengste drempel voor onderzoek "
        "en ontwikkeling is gehanteerd, die voor experimentele ontwikkeling: {threshold_eur} "
        "(AGVV art. 4, lid 1, onder i, punt iii).",
        "en": "{name}: no category makes up more than half of the eligible costs (fundamental "
        "and industrial research together {fundamental_industrial_pct}, experimental "
        "development {experimental_pct}); the strictest R&D threshold was applied, that for "
        "experimental development: {threshold_eur} (GBER Article 4(1)(i)(iii)).",
    },
    "partner_assessed": {
        "nl": "{name}, getoetst op de eigen cijfers:",
        "en": "{name}, tested on its own figures:",
    },
    "size_public_control": {
        "nl": "{who}Overheidsinstanties hebben {share_pct} of meer van het kapitaal of de "
        "stemrechten in handen: dit is geen mkb-onderneming, wat de cijfers ook zijn; getoetst "
        "als grote onderneming (bijlage I AGVV, art. 3, lid 4).",
        "en": "{who}Public bodies control {share_pct} or more of the capital or voting rights: "
        "this is not an SME, whatever the figures; assessed as a large enterprise (Annex I GBER, "
        "Article 3(4)).",
    },
    "partner_missing": {
        "nl": "{name}: de route is nog niet te bepalen; nog nodig: {missing}.",
        "en": "{name}: the route cannot be determined yet; still needed: {missing}.",
    },
    "partner_route": {
        "nl": "{name} ({size}): steun {aid_eur}, maximale steun {max_aid_eur}; route: {route}.",
        "en": "{name} ({size}): aid {aid_eur}, maximum aid {max_aid_eur}; route: {route}.",
    },
    "consortium_route": {
        "nl": "De {count} begunstigden zijn elk getoetst; de samenwerking als geheel volgt de "
        "zwaarste route: {route}.",
        "en": "Each of the {count} beneficiaries was assessed; the collaboration as a whole "
        "follows the most demanding route: {route}.",
    },
    "indirect_aid_unknown": {
        "nl": "Of de onderzoeksorganisatie via het project indirect steun doorgeeft aan de "
        "ondernemingen, is nog niet beantwoord.",
        "en": "Whether the research organisation passes on indirect aid to the undertakings "
        "through the project has not been answered yet.",
    },
    "indirect_aid_present": {
        "nl": "De onderzoeksorganisatie krijgt geen marktprijs en de resultaten en IE-rechten "
        "volgen niet de bijdragen: haar bijdrage is een voordeel voor de ondernemingen.",
        "en": "The research organisation is not paid the market price and results and IPR do "
        "not follow the contributions: its contribution is an advantage to the undertakings.",
    },
    "indirect_aid_excluded": {
        "nl": "Geen indirecte steun via de onderzoeksorganisatie: {safeguard}.",
        "en": "No indirect aid through the research organisation: {safeguard}.",
    },
    "indirect_aid_added": {
        "nl": "{name} krijgt indirecte steun via de onderzoeksorganisatie: {indirect_eur} van "
        "haar bijdrage van {contribution_eur} (naar rato van de subsidiabele kosten van de "
        "ondernemingen). Samen met de eigen steun van {own_aid_eur} is de steun {total_aid_eur}; "
        "dat bedrag is getoetst aan de-minimis, de AGVV en de drempels.",
        "en": "{name} receives indirect aid through the research organisation: {indirect_eur} "
        "of its contribution of {contribution_eur} (in proportion to the undertakings' eligible "
        "costs). With its own aid of {own_aid_eur} the aid is {total_aid_eur}; that amount was "
        "tested against de minimis, the GBER and the thresholds.",
    },
    "indirect_aid_amount_unknown": {
        "nl": "De waarde van de bijdrage van de onderzoeksorganisatie of de subsidiabele kosten "
        "van de ondernemingen zijn niet bekend; de indirecte steun per onderneming staat nog "
        "open.",
        "en": "The value of the research organisation's contribution or the undertakings' "
        "eligible costs are not known; the indirect aid per undertaking is still open.",
    },
    "partner_indirect_aid_decides": {
        "nl": "{name}: met of zonder indirecte steun via de onderzoeksorganisatie verschilt de "
        "route; beantwoord of de waarborgen indirecte steun uitsluiten.",
        "en": "{name}: the route differs with and without indirect aid through the research "
        "organisation; answer whether the safeguards exclude indirect aid.",
    },
    "sme_public_control_unknown": {
        "nl": "{who}Of overheidsinstanties {share_pct} of meer van het kapitaal of de "
        "stemrechten in handen hebben, is niet beantwoord; is dat zo, dan is dit geen "
        "mkb-onderneming (bijlage I AGVV, art. 3, lid 4).",
        "en": "{who}Whether public bodies control {share_pct} or more of the capital or voting "
        "rights has not been answered; if they do, this is not an SME (Annex I GBER, Article "
        "3(4)).",
    },
    "sme_linked_enterprises": {
        "nl": "{who}Het mkb-oordeel geldt alleen als de cijfers de verbonden en "
        "partnerondernemingen meetellen (bijlage I AGVV, art. 6); dat is niet bevestigd.",
        "en": "{who}The SME finding only holds if the figures include the linked and partner "
        "enterprises (Annex I GBER, Article 6); that has not been confirmed.",
    },
    "indirect_aid": {
        "nl": "Indirecte steun: de volledige waarde van de bijdrage van de onderzoeksorganisatie "
        "geldt als voordeel voor de samenwerkende ondernemingen en is bij hun steun opgeteld "
        "voordat de-minimis, de AGVV en de drempels zijn getoetst.",
        "en": "Indirect aid: the full value of the research organisation's contribution counts "
        "as an advantage to the collaborating undertakings and was added to their aid before "
        "de minimis, the GBER and the thresholds were tested.",
    },
    # ---- routes
    "gber_fits_whatever_de_minimis": {
        "nl": "De steun past in de AGVV, wat de onderneming in de afgelopen drie "
        "belastingjaren ook aan de-minimissteun ontving; in alle gevallen is geen aanmelding "
        "nodig. Alleen de lichtere de-minimisroute hangt nog af van die eerder ontvangen steun.",
        "en": "The aid fits the GBER whatever de minimis aid the undertaking received in the "
        "last three fiscal years; in all cases no notification is needed. Only the lighter de "
        "minimis route still depends on that earlier aid.",
    },
    "route_same_for_every_answer": {
        "nl": "Welk antwoord de {open_count} open vraag of vragen op het pad ook krijgen, de "
        "route blijft dezelfde: {route}. Die route is daarom de conclusie.",
        "en": "Whatever the answers to the {open_count} open question(s) on the path, the "
        "route stays the same: {route}. That route is therefore the conclusion.",
    },
    "route_no_aid": {
        "nl": "Route: geen staatssteun; melding en vrijstelling zijn niet nodig (de regels "
        "voor subsidies blijven gelden).",
        "en": "Route: no State aid; no notification or exemption is needed (subsidy rules "
        "still apply).",
    },
    "route_de_minimis": {
        "nl": "Route: de-minimissteun; registreer de steun en vraag naar eerder ontvangen "
        "de-minimissteun.",
        "en": "Route: de minimis aid; record the aid and ask about de minimis aid received "
        "earlier.",
    },
    "route_gber": {
        "nl": "Route: vrijgesteld onder de AGVV; geen voorafgaande melding nodig.",
        "en": "Route: exempted under the GBER; no prior notification needed.",
    },
    "route_notify": {
        "nl": "Route: de steun moet vooraf bij de Europese Commissie worden aangemeld en mag pas "
        "na goedkeuring worden verleend.",
        "en": "Route: the aid must be notified to the European Commission in advance and may "
        "only be granted after approval.",
    },
    "route_undetermined": {
        "nl": "Route: nog niet te bepalen; zie de open vragen en de waarschuwingen.",
        "en": "Route: not yet determined; see the open questions and the warnings.",
    },
    # ---- warnings
    "rules_unknown_for_date": {
        "nl": "Op {date} zijn geen gegevens bekend over: {topic}. De tool raadt niet en "
        "trekt op dit punt geen conclusie; controleer de geldende regels.",
        "en": "No data is known for {date} on: {topic}. The tool does not guess and draws "
        "no conclusion on this point; check the rules in force.",
    },
    "unconfirmed_rule": {
        "nl": "De uitkomst gebruikt een bedrag dat niet is bevestigd in de primaire bron "
        "(regel {rule_id}); controleer het in EUR-Lex of op wetten.overheid.nl voordat u "
        "erop vertrouwt.",
        "en": "The outcome uses a figure that was not confirmed in the primary source "
        "(rule {rule_id}); check it in EUR-Lex or on wetten.overheid.nl before relying on it.",
    },
    "rd_services_state_aid_check": {
        "nl": "Precommercieel inkopen valt buiten de aanbestedingsrichtlijn, maar een "
        "staatssteuntoets is verplicht: koop in tegen marktprijs via een open, "
        "concurrerende en transparante procedure.",
        "en": "Pre-commercial procurement is outside the procurement Directive, but a State "
        "aid check is mandatory: buy at market price through an open, competitive and "
        "transparent procedure.",
    },
    "beneficiary_size_conflict": {
        "nl": "De begunstigde is opgegeven als {size}, maar uit de opgegeven cijfers volgt "
        "{derived_size}. De cijfers zijn de wettelijke toets (bijlage I AGVV), dus de tool "
        "rekent met {derived_size}; controleer de cijfers als de opgave juist is.",
        "en": "The beneficiary was declared a {size}, but the figures given make it a "
        "{derived_size}. The figures are the legal test (Annex I GBER), so the tool uses "
        "{derived_size}; check the figures if the declaration is right.",
    },
    "funder_with_consideration": {
        "nl": "Let op: de overheid is {role}, maar er zijn over en weer afdwingbare "
        "prestaties. Een subsidie die in wezen een prestatie voor de overheid koopt, is "
        "geen subsidie in de zin van art. 4:21 Awb en kan een overheidsopdracht zijn. Beide "
        "rechtsgebieden zijn getoetst; laat een jurist beoordelen welk van de twee geldt.",
        "en": "Note: the government is a {role}, but there is enforceable performance both "
        "ways. A subsidy that in substance buys a performance for the government is not a "
        "subsidy under Article 4:21 of the Dutch General Administrative Law Act (Awb) and may "
        "be a public contract. Both bodies of law were assessed; have a lawyer decide which "
        "one applies.",
    },
    "gber_expired": {
        "nl": "De AGVV gold tot en met {end}. Voor "
        "regelingen die onder de AGVV waren vrijgesteld, geldt daarna een aanpassingsperiode "
        "van zes maanden (art. 58, lid 4, AGVV; niet bevestigd in de primaire bron). Een "
        "opvolgende verordening is in voorbereiding (een ontwerp is ter consultatie "
        "gepubliceerd); of en "
        "met welke bedragen zij is vastgesteld, is niet bekend. Toets de steun aan de regels "
        "die op {date} gelden.",
        "en": "The GBER applied until {end}. Schemes exempted "
        "under it then have a six-month adjustment period (Article 58(4) GBER; not confirmed "
        "in the primary source). A successor regulation is being prepared (a draft was "
        "published for consultation); whether it was adopted, and with which figures, is "
        "not known. Test the aid against the rules in force on {date}.",
    },
    "not_covered": {
        "nl": "Niet gedekt: {topic}. De tool toetst dit niet en raadt niet; laat een jurist "
        "dit punt beoordelen.",
        "en": "Not covered: {topic}. The tool does not test this and does not guess; have a "
        "lawyer assess this point.",
    },
    "sgei_alternative": {
        "nl": "Het algemene de-minimisplafond is overschreden. Heeft de overheid de "
        "onderneming schriftelijk belast met een dienst van algemeen economisch belang (DAEB) "
        "die deze steun compenseert, dan geldt het hogere DAEB-plafond van {ceiling_eur} over "
        "{window_years} jaar en kan de steun als DAEB-de-minimissteun worden verleend. Zonder "
        "zo'n besluit toetst de tool aan het algemene plafond.",
        "en": "The general de minimis ceiling is exceeded. If the government has entrusted "
        "the undertaking in writing with a service of general economic interest (SGEI) that "
        "this aid compensates, the higher SGEI ceiling of {ceiling_eur} over {window_years} "
        "years applies and the aid may be granted as SGEI de minimis aid. Without such an act "
        "the tool tests against the general ceiling.",
    },
    "policy_example": {
        "nl": "De inkoopdrempels komen uit het {policy}: het beleid van één gemeente, geen "
        "wettelijke norm. Gebruik de drempels uit het inkoopbeleid van uw eigen organisatie.",
        "en": "The procurement bands come from the {policy}: one municipality's policy, not a "
        "legal norm. Use the bands of your own organisation's procurement policy.",
    },
    "disclaimer": {
        "nl": "Dit is beslisondersteuning, geen juridisch advies. Leg de motivering voor aan "
        "een jurist.",
        "en": "This is decision support, not legal advice. Have a lawyer review the statement "
        "of reasons.",
    },
}

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


_MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def format_date(value: Any, language: str = "nl") -> str:
    """A date as written in a motivation: day, month name, year ("1 maart …"); ISO accepted."""
    if value is None or value == "":
        return "?"
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    return f"{value.day} {_MONTHS[language][value.month - 1]} {value.year}"


def policy_name(value: Any, language: str) -> str:
    """An example policy by its name in the language; the organisation's own by its name."""
    example = default_rules().policy_examples.get(str(value))
    if example is not None:
        return example.name[language]
    own = {"nl": "inkoopbeleid van de eigen organisatie", "en": "organisation's procurement policy"}
    return f"{own[language]} ({value})" if value else own[language]


#: The names of a beneficiary's own answers, for the list of what is still needed.
_FIELD_NAMES: dict[str, dict[str, str]] = {
    "aid_eur": {"nl": "het steunbedrag", "en": "the aid amount"},
    "eligible_costs_eur": {"nl": "de subsidiabele kosten", "en": "the eligible costs"},
    "de_minimis_received_eur": {
        "nl": "de eerder ontvangen de-minimissteun",
        "en": "the de minimis aid received earlier",
    },
    "size": {"nl": "de omvang", "en": "the size"},
}


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
