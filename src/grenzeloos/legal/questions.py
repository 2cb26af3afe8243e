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

from grenzeloos.legal.answers import (
    AID_CRITERIA,
    GBER_CHOICES,
    GOVERNMENT_ROLES,
    INDIRECT_AID_SAFEGUARDS,
    POLICY_EXAMPLES,
    get_path,
)
from grenzeloos.legal.ruleset import AUTHORITIES, CONTRACT_KINDS, SIZES, default_rules

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


def _criterion(
    key: str,
    nl: str,
    en: str,
    expl_nl: str,
    expl_en: str,
    ex_nl: str,
    ex_en: str,
) -> Question:
    return Question(
        key=f"aid.{key}",
        kind="bool",
        text={"nl": nl, "en": en},
        explanation={"nl": expl_nl, "en": expl_en},
        example={"nl": ex_nl, "en": ex_en},
        relevant=_criteria_not_failed,
    )


QUESTIONS: tuple[Question, ...] = (
    Question(
        key="on_date",
        kind="date",
        text={
            "nl": "Op welke datum start de procedure of wordt de steun verleend?",
            "en": "On what date does the procedure start or is the aid granted?",
        },
        explanation={
            "nl": "Drempelbedragen en steunregels gelden per periode. Voor een aanbesteding telt "
            "de datum waarop de aankondiging wordt verstuurd; voor steun de datum waarop het "
            "recht op steun ontstaat.",
            "en": "Thresholds and aid rules apply per period. For a tender the date the notice "
            "is sent counts; for aid the date on which the right to the aid arises.",
        },
        example={
            "nl": "Een gemeente die in januari een opdracht aankondigt, gebruikt de drempels van "
            "het nieuwe jaar, ook als de voorbereiding in december begon.",
            "en": "A municipality that publishes a notice in January uses the thresholds of the "
            "new year, even if preparations began in December.",
        },
        relevant=_always,
        required=True,
    ),
    Question(
        key="government_role",
        kind="choice",
        choices=GOVERNMENT_ROLES,
        text={
            "nl": "Welke rol neemt de overheid in deze samenwerking?",
            "en": "What role does the government take in this collaboration?",
        },
        explanation={
            "nl": "De rol is het vertrekpunt. Een opdrachtgever koopt iets in en krijgt te maken "
            "met aanbestedingsrecht. Een financier, facilitator of partner stimuleert, en dan is "
            "het staatssteunrecht het toetsingskader.",
            "en": "The role is the starting point. A client buys something and meets "
            "procurement law. A funder, facilitator or partner stimulates, and then State aid "
            "law is the test.",
        },
        example={
            "nl": "Een provincie die een innovatiecampus alleen een plek en een netwerk biedt, "
            "is facilitator; een ministerie dat een app laat bouwen voor eigen gebruik, is "
            "opdrachtgever.",
            "en": "A province that only offers an innovation campus a venue and a network is a "
            "facilitator; a ministry that has an app built for its own use is a client.",
        },
        relevant=_always,
    ),
    Question(
        key="consideration",
        kind="bool",
        text={
            "nl": "Zijn er over en weer afdwingbare prestaties (bezwarende titel)?",
            "en": "Is there enforceable performance both ways (consideration)?",
        },
        explanation={
            "nl": "Een bezwarende titel betekent dat de overheid iets doet, meestal betalen of een "
            "exclusief recht geven, en de ander daarvoor een specifieke prestatie moet leveren "
            "die de overheid kan afdwingen. Kennis delen, garant staan of subsidie geven die kan "
            "worden ingetrokken, is dat niet.",
            "en": "Consideration means the government does something, usually paying or "
            "granting an exclusive right, and the other party must deliver a specific "
            "performance in return that the government can enforce. Sharing knowledge, giving "
            "a guarantee or a subsidy that can be withdrawn is not.",
        },
        example={
            "nl": "Een waterschap dat een bedrijf betaalt om een sensornetwerk op te leveren en "
            "oplevering kan eisen, heeft een bezwarende titel; een gemeente die een "
            "startersprogramma subsidieert zonder iets terug te eisen, niet.",
            "en": "A water board that pays a company to deliver a sensor network and can demand "
            "delivery has consideration; a municipality that subsidises a start-up programme "
            "without demanding anything back does not.",
        },
        relevant=_always,
    ),
    Question(
        key="authority",
        kind="choice",
        choices=AUTHORITIES,
        text={
            "nl": "Wat voor aanbestedende dienst is het?",
            "en": "What type of contracting authority is it?",
        },
        explanation={
            "nl": "Ministeries en andere centrale overheden hebben een lager drempelbedrag voor "
            "leveringen en diensten dan gemeenten, provincies, waterschappen en "
            "publiekrechtelijke instellingen. Speciale-sectorbedrijven (water, energie, "
            "vervoer, post) hebben hogere drempels.",
            "en": "Ministries and other central authorities have a lower threshold for supplies "
            "and services than municipalities, provinces, water boards and bodies governed by "
            "public law. Utilities (water, energy, transport, postal) have higher thresholds.",
        },
        example={
            "nl": "Een gemeente of een provincie is een decentrale overheid.",
            "en": "A municipality or a province is a sub-central authority.",
        },
        relevant=_may_be_client,
    ),
    Question(
        key="contract.kind",
        kind="choice",
        choices=CONTRACT_KINDS,
        text={"nl": "Wat voor opdracht is het?", "en": "What kind of contract is it?"},
        explanation={
            "nl": "Werken (bouw), leveringen, diensten, sociale en andere specifieke diensten of "
            "diensten voor onderzoek en ontwikkeling. Elk soort heeft een eigen drempelbedrag.",
            "en": "Works (construction), supplies, services, social and other specific services "
            "or R&D services. Each kind has its own threshold.",
        },
        example={
            "nl": "Laten ontwikkelen van een prototype voor slimme straatverlichting is een "
            "dienst voor onderzoek en ontwikkeling; de verlichting daarna kopen is een levering.",
            "en": "Having a prototype for smart street lighting developed is an R&D service; "
            "buying the lighting afterwards is a supply.",
        },
        relevant=_may_be_client,
    ),
    Question(
        key="contract.in_house",
        kind="bool",
        text={
            "nl": "Gaat de opdracht naar een eigen, beheerste entiteit (quasi-inbesteding)?",
            "en": "Does the contract go to an entity the authority controls (in-house)?",
        },
        explanation={
            "nl": "Dat kan alleen als de overheid de entiteit beheerst als een eigen dienst, de "
            "entiteit vrijwel al haar werk voor die overheid doet en er geen privékapitaal in "
            "zit. Een publiek-private joint venture met privékapitaal valt er nooit onder.",
            "en": "Only if the authority controls the entity like its own department, the "
            "entity does almost all its work for that authority and there is no private "
            "capital. A public-private joint venture with private capital never qualifies.",
        },
        example={
            "nl": "Een gemeentelijk ICT-bedrijf dat volledig eigendom is van drie gemeenten en "
            "alleen voor hen werkt.",
            "en": "A municipal IT company owned entirely by three municipalities and working "
            "only for them.",
        },
        relevant=_may_be_client,
    ),
    Question(
        key="contract.rd_benefits_not_exclusive",
        kind="bool",
        text={
            "nl": "Komen de resultaten van het onderzoek ook anderen toe, of betaalt de overheid "
            "niet alles?",
            "en": "Do the research results also benefit others, or does the government not pay "
            "for everything?",
        },
        explanation={
            "nl": "Onderzoek en ontwikkeling valt alleen onder de aanbestedingsrichtlijn als de "
            "resultaten uitsluitend voor de overheid zijn en zij alles betaalt. Anders is het "
            "precommercieel inkopen, waarbij wel een staatssteuntoets nodig is.",
            "en": "R&D falls under the procurement Directive only if the results are "
            "exclusively for the authority and it pays for everything. Otherwise it is "
            "pre-commercial procurement, which still needs a State aid check.",
        },
        example={
            "nl": "Een challenge waarin bedrijven met kleine betalingen per mijlpaal een "
            "oplossing ontwikkelen en de rechten op hun vinding zelf houden.",
            "en": "A challenge in which companies develop a solution with small payments per "
            "milestone and keep the rights to their invention.",
        },
        relevant=_rd_services,
    ),
    Question(
        key="contract.innovation_partnership",
        kind="bool",
        text={
            "nl": "Gaat het om een innovatiepartnerschap (ontwikkelen én daarna afnemen in één "
            "procedure)?",
            "en": "Is it an innovation partnership (development and then purchase in one "
            "procedure)?",
        },
        explanation={
            "nl": "Een innovatiepartnerschap is bedoeld voor iets wat nog niet op de markt is: "
            "één of meer partners ontwikkelen het in fasen met tussendoelen, en de overheid koopt "
            "het resultaat af als het de afgesproken prestaties en kosten haalt. De waarde is "
            "het totaal van alle fasen samen.",
            "en": "An innovation partnership is meant for something not yet on the market: one "
            "or more partners develop it in phases with intermediate targets, and the authority "
            "buys the result if it meets the agreed performance and costs. Its value is the "
            "total of all phases together.",
        },
        example={
            "nl": "Een waterschap dat een nieuw type sensor laat ontwikkelen en daarna honderd "
            "stuks wil afnemen.",
            "en": "A water board that has a new type of sensor developed and then wants to buy "
            "a hundred of them.",
        },
        relevant=_partnership_question,
    ),
    Question(
        key="contract.rd_phases_value_eur",
        kind="amount",
        text={
            "nl": "Wat is de geraamde waarde van het onderzoek en de ontwikkeling in alle fasen "
            "samen (exclusief btw)?",
            "en": "What is the estimated value of the research and development in all phases "
            "together (excluding VAT)?",
        },
        explanation={
            "nl": "Tel de hoogst verwachte waarde van alle onderzoeks- en ontwikkelfasen op, ook "
            "van fasen die misschien niet doorgaan.",
            "en": "Add up the highest expected value of every research and development phase, "
            "including phases that may not go ahead.",
        },
        example={
            "nl": "Drie fasen: een ontwerp, een prototype en een proefserie.",
            "en": "Three phases: a design, a prototype and a pilot series.",
        },
        relevant=_partnership,
    ),
    Question(
        key="contract.purchase_value_eur",
        kind="amount",
        text={
            "nl": "Wat is de geraamde waarde van de aankoop aan het eind (exclusief btw)?",
            "en": "What is the estimated value of the purchase at the end (excluding VAT)?",
        },
        explanation={
            "nl": "De leveringen, diensten of werken die de overheid na de ontwikkeling afneemt. "
            "Samen met de fasen bepaalt dit of Europees aanbesteden nodig is.",
            "en": "The supplies, services or works the authority buys after the development. "
            "Together with the phases this decides whether a European procedure is needed.",
        },
        example={
            "nl": "Honderd sensoren van het ontwikkelde type, inclusief onderhoud.",
            "en": "A hundred sensors of the developed type, including maintenance.",
        },
        relevant=_partnership,
    ),
    Question(
        key="contract.estimated_value_eur",
        kind="amount",
        text={
            "nl": "Wat is de geraamde waarde van de opdracht (exclusief btw)?",
            "en": "What is the estimated value of the contract (excluding VAT)?",
        },
        explanation={
            "nl": "Tel alle opties en verlengingen mee en splits een opdracht niet op om onder de "
            "drempel te blijven. Bij een innovatiepartnerschap telt u het onderzoek in alle fasen "
            "en de aankoop aan het eind samen.",
            "en": "Include all options and renewals and do not split a contract to stay below "
            "the threshold. For an innovation partnership, add up the research in all phases "
            "and the purchase at the end.",
        },
        example={
            "nl": "Een pilot van twee jaar met een optie op twee extra jaren telt voor vier jaar.",
            "en": "A two-year pilot with an option for two more years counts for four years.",
        },
        relevant=_single_value,
    ),
    Question(
        key="contract.options_renewals_eur",
        kind="amount",
        text={
            "nl": "Welk deel van die waarde zijn opties en verlengingen?",
            "en": "How much of that value is options and renewals?",
        },
        explanation={
            "nl": "De motivering noemt het, zodat te zien is dat ze zijn meegeteld (de "
            "aanbestedingsrichtlijn, art. 5, lid 1). Vul 0 in als er geen opties of "
            "verlengingen zijn.",
            "en": "The statement of reasons names it, so it shows they were counted (the "
            "procurement Directive, Article 5(1)). Enter 0 if there are no options or "
            "renewals.",
        },
        example={
            "nl": "Een pilot van twee jaar met een optie op twee extra jaren: de waarde van die "
            "twee extra jaren.",
            "en": "A two-year pilot with an option for two more years: the value of those two "
            "extra years.",
        },
        relevant=_single_value,
    ),
    Question(
        key="contract.cross_border_interest",
        kind="bool",
        text={
            "nl": "Heeft de opdracht een duidelijk grensoverschrijdend belang?",
            "en": "Does the contract have a certain cross-border interest?",
        },
        explanation={
            "nl": "Ook onder de Europese drempel kan een opdracht interessant zijn voor "
            "ondernemers uit andere lidstaten, bijvoorbeeld door de waarde, de technische "
            "inhoud of de ligging bij de grens. Dan gelden gelijke behandeling, transparantie "
            "en een passende mate van openbaarheid.",
            "en": "Even below the EU threshold a contract may interest operators from other "
            "Member States, for example because of its value, its technical content or a "
            "location near the border. Then equal treatment, transparency and an appropriate "
            "degree of publicity apply.",
        },
        example={
            "nl": "Een gemeente aan de Duitse grens die een specialistisch meetsysteem zoekt "
            "dat vooral Duitse bedrijven leveren.",
            "en": "A municipality on the German border looking for a specialist measuring "
            "system mostly supplied by German companies.",
        },
        relevant=_may_be_below_threshold,
    ),
    Question(
        key="procurement_policy.example",
        kind="choice",
        choices=POLICY_EXAMPLES,
        text={
            "nl": "Welke inkoopdrempels van de eigen organisatie gelden onder de Europese drempel?",
            "en": "Which procurement bands of your own organisation apply below the EU "
            "threshold?",
        },
        explanation={
            "nl": "Onder de Europese drempel noemt de wet geen bedragen: elke organisatie legt "
            "in haar inkoopbeleid vast wanneer zij één, meer ondernemers uitnodigt of nationaal "
            "aanbesteedt. Eigen drempels geeft u op in het antwoordbestand of via de API; hier "
            "kunt u ook het voorbeeld van één gemeente kiezen, dat als voorbeeld wordt vermeld "
            "en geen wet is.",
            "en": "Below the EU threshold the law sets no amounts: each organisation decides in "
            "its procurement policy when it invites one or more operators or runs a national "
            "tender. Your own bands go in the answers file or through the API; here you can also "
            "choose one municipality's bands, which are shown as an example and are not law.",
        },
        example={
            "nl": "In het voorbeeld nodigt een gemeente voor een levering van € 30.000 één "
            "ondernemer uit en voor € 100.000 meerdere.",
            "en": "In the example a municipality invites one operator for a supply of €30,000 "
            "and several for €100,000.",
        },
        relevant=_may_be_below_threshold,
    ),
    _criterion(
        "state_resources",
        "Wordt de steun met overheidsmiddelen betaald en door de overheid bepaald?",
        "Is the support paid from public resources and decided by the government?",
        "Geld, maar ook een korting, garantie of gratis ruimte kan uit staatsmiddelen komen.",
        "Money, but also a discount, guarantee or free space can come from State resources.",
        "Alleen kennis delen kost de overheid geen middelen.",
        "Merely sharing knowledge costs the government no resources.",
    ),
    _criterion(
        "undertaking",
        "Is de begunstigde een onderneming, die goederen of diensten op een markt aanbiedt?",
        "Is the beneficiary an undertaking offering goods or services on a market?",
        "De rechtsvorm doet er niet toe: een stichting kan een onderneming zijn. Het gaat om de "
        "activiteit; onafhankelijk onderzoek van een kennisinstelling is meestal niet economisch.",
        "Legal form does not matter: a foundation can be an undertaking. The activity counts; "
        "independent research by a knowledge institution is usually not economic.",
        "Een stichting die een proeftuin tegen betaling verhuurt aan bedrijven, handelt als "
        "onderneming.",
        "A foundation that rents out a test site to companies for a fee acts as an undertaking.",
    ),
    _criterion(
        "selective",
        "Worden bepaalde ondernemingen of producties begunstigd (selectiviteit)?",
        "Are particular undertakings or productions favoured (selectivity)?",
        "Een algemene maatregel die voor iedereen openstaat, is niet selectief; een gerichte "
        "bijdrage aan één partij wel.",
        "A general measure open to everyone is not selective; a targeted contribution to one "
        "party is.",
        "Een netwerk waar elke nieuwe partij op dezelfde voorwaarden kan aansluiten.",
        "A network that any new party can join on the same terms.",
    ),
    _criterion(
        "advantage",
        "Krijgt de begunstigde een voordeel dat hij op de markt niet zou krijgen?",
        "Does the beneficiary get an advantage it would not get on the market?",
        "Handelt de overheid zoals een private partij onder normale marktvoorwaarden, dan is er "
        "geen voordeel; een marktprijs via een concurrerende procedure ook niet.",
        "If the government acts as a private party under normal market conditions there is no "
        "advantage; neither is a market price set in a competitive procedure.",
        "Kantoorruimte op een campus tegen de gewone huurprijs geeft geen voordeel.",
        "Office space on a campus at the normal rent gives no advantage.",
    ),
    _criterion(
        "distorts_competition",
        "Vervalst de steun de mededinging of dreigt dat?",
        "Does the support distort or threaten to distort competition?",
        "Dat is snel het geval: het versterken van de positie van een onderneming ten opzichte "
        "van concurrenten is genoeg.",
        "That happens easily: strengthening an undertaking's position against its competitors "
        "is enough.",
        "Een subsidie aan één softwareleverancier op een markt met meer aanbieders.",
        "A subsidy to one software supplier in a market with several suppliers.",
    ),
    _criterion(
        "affects_trade",
        "Kan de steun de handel tussen lidstaten beïnvloeden?",
        "Can the support affect trade between Member States?",
        "Een mogelijk effect is genoeg. Alleen een zuiver lokale activiteit, zonder klanten of "
        "investeerders van over de grens, kan erbuiten vallen.",
        "A potential effect is enough. Only a purely local activity, without customers or "
        "investors from across the border, may fall outside.",
        "Een buurthuis dat alleen de eigen wijk bedient, heeft meestal een zuiver lokaal effect.",
        "A community centre serving only its own neighbourhood usually has a purely local effect.",
    ),
    Question(
        key="aid.beneficiaries",
        kind="partners",
        text={
            "nl": "Wie ontvangen de steun: één onderneming of een consortium?",
            "en": "Who receives the aid: one undertaking or a consortium?",
        },
        explanation={
            "nl": "Gaat de steun naar één onderneming, laat de lijst dan leeg en ga verder. Gaat "
            "hij naar meerdere partijen tegelijk, voeg dan elke begunstigde toe met zijn omvang, "
            "zijn deel van de steun en de subsidiabele kosten. De toets beoordeelt dan elke "
            "begunstigde apart en of er daadwerkelijke samenwerking is.",
            "en": "If the aid goes to one undertaking, leave the list empty and continue. If it "
            "goes to several parties at once, add each beneficiary with its size, its share of "
            "the aid and its eligible costs. The check then assesses each beneficiary on its own "
            "and whether there is effective collaboration.",
        },
        example={
            "nl": "Een provincie financiert een mkb-bedrijf, een groot bedrijf, een universiteit "
            "en een gemeentelijk havenbedrijf die samen industrieel onderzoek doen.",
            "en": "A province funds a small company, a large company, a university and a "
            "municipal port company doing industrial research together.",
        },
        relevant=_criteria_not_failed,
    ),
    Question(
        key="aid.indirect_aid_safeguard",
        kind="choice",
        choices=INDIRECT_AID_SAFEGUARDS,
        text={
            "nl": "Hoe voorkomt het consortium dat via de onderzoeksorganisatie steun naar de "
            "ondernemingen doorvloeit?",
            "en": "How does the consortium prevent aid flowing through the research "
            "organisation to the undertakings?",
        },
        explanation={
            "nl": "Een onderzoeksorganisatie geeft geen indirecte steun door als zij "
            "contractonderzoek tegen marktprijs doet, als de ondernemingen de volledige kosten "
            "dragen, of als resultaten en intellectuele-eigendomsrechten worden verdeeld naar "
            "de werkpakketten, bijdragen en belangen van de partners (Kaderregeling O&O&I, "
            "paragraaf 2.2).",
            "en": "A research organisation passes on no indirect aid if it does contract "
            "research at market price, if the undertakings bear the full costs, or if results "
            "and intellectual property rights are allocated according to the partners' work "
            "packages, contributions and interests (R&D&I Framework, section 2.2).",
        },
        example={
            "nl": "In de consortiumovereenkomst staat dat elke partner de rechten krijgt op de "
            "resultaten van zijn eigen werkpakket.",
            "en": "The consortium agreement gives each partner the rights to the results of "
            "its own work package.",
        },
        relevant=_research_organisation_in_consortium,
    ),
    Question(
        key="aid.amount_eur",
        kind="amount",
        text={"nl": "Hoeveel steun wordt verleend?", "en": "How much aid is granted?"},
        explanation={
            "nl": "Het brutobedrag van de steun aan deze onderneming voor dit project.",
            "en": "The gross amount of aid to this undertaking for this project.",
        },
        example={
            "nl": "Een bijdrage van de gemeente aan een bedrijf dat een stadslab inricht.",
            "en": "A municipality's contribution to a company that sets up a city lab.",
        },
        relevant=_single,
    ),
    Question(
        key="aid.de_minimis_received_eur",
        kind="amount",
        text={
            "nl": "Hoeveel de-minimissteun kreeg de onderneming de afgelopen drie jaar?",
            "en": "How much de minimis aid did the undertaking receive in the last three years?",
        },
        explanation={
            "nl": "Tel alle de-minimissteun in Nederland aan de hele groep van verbonden "
            "ondernemingen mee; eerdere steun verkleint de ruimte onder het plafond.",
            "en": "Count all de minimis aid in the Netherlands to the whole group of linked "
            "enterprises; earlier aid reduces the room under the ceiling.",
        },
        example={
            "nl": "Een bedrijf dat vorig jaar al een kleine innovatievoucher kreeg, moet die "
            "meetellen.",
            "en": "A company that already received a small innovation voucher last year must "
            "count it.",
        },
        relevant=_single,
    ),
    Question(
        key="aid.sgei",
        kind="bool",
        text={
            "nl": "Compenseert de steun een dienst van algemeen economisch belang (DAEB) waarmee "
            "de overheid de onderneming schriftelijk heeft belast?",
            "en": "Does the aid compensate a service of general economic interest (SGEI) the "
            "government has entrusted to the undertaking in writing?",
        },
        explanation={
            "nl": "Voor zulke diensten geldt een hoger de-minimisplafond. Dat kan alleen als er "
            "een besluit of overeenkomst is waarin de overheid de dienst aan de onderneming "
            "opdraagt; zonder zo'n stuk toetst de tool aan het algemene plafond.",
            "en": "Such services have a higher de minimis ceiling. That needs a decision or "
            "agreement in which the government entrusts the service to the undertaking; "
            "without one the tool tests against the general ceiling.",
        },
        example={
            "nl": "Een vervoerder die in opdracht van de provincie een buslijn naar een dorp "
            "onderhoudt die commercieel niet rendabel is.",
            "en": "A carrier that, entrusted by the province, runs a bus line to a village that "
            "would not pay commercially.",
        },
        relevant=_single,
    ),
    Question(
        key="aid.gber_category",
        kind="choice",
        choices=GBER_CHOICES,
        text={
            "nl": "Onder welke categorie van de AGVV valt de steun?",
            "en": "Which GBER category does the aid fall under?",
        },
        explanation={
            "nl": "De categorie bepaalt de steunintensiteit en het maximum. Kies de activiteit "
            "die de steun betaalt, niet de rechtsvorm van de ontvanger.",
            "en": "The category sets the aid intensity and the maximum. Choose the activity the "
            "aid pays for, not the legal form of the recipient.",
        },
        example={
            "nl": "Een consortium dat een prototype in een praktijkomgeving test, doet "
            "experimentele ontwikkeling.",
            "en": "A consortium testing a prototype in a real-life setting does experimental "
            "development.",
        },
        relevant=_criteria_not_failed,
    ),
    Question(
        key="aid.beneficiary.size",
        kind="choice",
        choices=SIZES,
        text={
            "nl": "Hoe groot is de begunstigde onderneming?",
            "en": "How large is the beneficiary undertaking?",
        },
        explanation={
            "nl": "Klein, middelgroot of groot volgens de Europese mkb-definitie (personeel en "
            "omzet of balanstotaal, inclusief verbonden ondernemingen). Weet u het niet, vul dan "
            "de cijfers in en de tool bepaalt de omvang.",
            "en": "Small, medium or large under the EU SME definition (staff and turnover or "
            "balance sheet, including linked enterprises). If unsure, enter the figures and the "
            "tool derives the size.",
        },
        example={
            "nl": "Een start-up met twaalf medewerkers zonder moederbedrijf is klein.",
            "en": "A start-up with twelve staff and no parent company is small.",
        },
        relevant=_single,
    ),
    Question(
        key="aid.beneficiary.staff",
        kind="count",
        text={"nl": "Hoeveel medewerkers (fte)?", "en": "How many staff (full-time units)?"},
        explanation={
            "nl": "Alleen nodig als de omvang niet bekend is.",
            "en": "Only needed when the size is not known.",
        },
        example={
            "nl": "Tel de medewerkers van verbonden ondernemingen mee.",
            "en": "Include the staff of linked enterprises.",
        },
        relevant=_needs_size,
    ),
    Question(
        key="aid.beneficiary.turnover_eur",
        kind="amount",
        text={"nl": "Wat is de jaaromzet?", "en": "What is the annual turnover?"},
        explanation={
            "nl": "Alleen nodig als de omvang niet bekend is.",
            "en": "Only needed when the size is not known.",
        },
        example={
            "nl": "De omzet uit de laatst afgesloten jaarrekening.",
            "en": "The turnover from the last approved accounts.",
        },
        relevant=_needs_size,
    ),
    Question(
        key="aid.beneficiary.balance_sheet_eur",
        kind="amount",
        text={"nl": "Wat is het balanstotaal?", "en": "What is the balance-sheet total?"},
        explanation={
            "nl": "Alleen nodig als de omvang niet bekend is; omzet of balanstotaal volstaat.",
            "en": "Only needed when the size is not known; turnover or balance sheet suffices.",
        },
        example={
            "nl": "Het balanstotaal uit de laatst afgesloten jaarrekening.",
            "en": "The balance-sheet total from the last approved accounts.",
        },
        relevant=_needs_size,
    ),
    Question(
        key="aid.beneficiary.public_control",
        kind="bool",
        text={
            "nl": "Hebben overheidsinstanties samen een kwart of meer van het kapitaal of de "
            "stemrechten van de onderneming in handen?",
            "en": "Do public bodies together control a quarter or more of the undertaking's "
            "capital or voting rights?",
        },
        explanation={
            "nl": "Dan is de onderneming geen mkb-onderneming, wat haar cijfers ook zijn "
            "(bijlage I AGVV, art. 3, lid 4).",
            "en": "Then the undertaking is not an SME, whatever its figures (Annex I GBER, "
            "Article 3(4)).",
        },
        example={
            "nl": "Een havenbedrijf waarvan de gemeente alle aandelen houdt.",
            "en": "A port company whose shares are all held by the municipality.",
        },
        relevant=_may_be_sme,
    ),
    Question(
        key="aid.beneficiary.linked_figures_included",
        kind="bool",
        text={
            "nl": "Tellen de cijfers de verbonden en partnerondernemingen mee?",
            "en": "Do the figures include the linked and partner enterprises?",
        },
        explanation={
            "nl": "Verbonden ondernemingen (meerderheidsbelang) tellen volledig mee, "
            "partnerondernemingen (een minderheidsbelang vanaf een kwart) naar rato (bijlage I "
            "AGVV, art. 3 en 6).",
            "en": "Linked enterprises (majority holding) count in full, partner enterprises (a "
            "minority holding from a quarter) pro rata (Annex I GBER, Articles 3 and 6).",
        },
        example={
            "nl": "Een werkmaatschappij telt de medewerkers en omzet van haar moeder en zusters "
            "mee.",
            "en": "A subsidiary counts the staff and turnover of its parent and sister "
            "companies.",
        },
        relevant=_may_be_sme,
    ),
    Question(
        key="aid.eligible_costs_eur",
        kind="amount",
        text={
            "nl": "Wat zijn de subsidiabele kosten?",
            "en": "What are the eligible costs?",
        },
        explanation={
            "nl": "De kosten waarover de steunintensiteit wordt berekend, zoals personeel, "
            "apparatuur en onderzoek door derden.",
            "en": "The costs the aid intensity applies to, such as staff, equipment and "
            "research by third parties.",
        },
        example={
            "nl": "Een project van een ton aan personeelskosten en apparatuur.",
            "en": "A project with one hundred thousand euros of staff and equipment costs.",
        },
        relevant=lambda d: _single(d) and get_path(d, "aid.gber_category") is not None,
    ),
    Question(
        key="aid.advisory_services",
        kind="bool",
        text={
            "nl": "Betaalt de steun innovatieadvies- en ondersteuningsdiensten?",
            "en": "Does the aid pay for innovation advisory and support services?",
        },
        explanation={
            "nl": "Voor innovatiesteun aan het mkb mag de steun voor advies en ondersteuning bij "
            "innovatie hoger zijn dan de gewone intensiteit, tot een plafond over drie jaar per "
            "onderneming.",
            "en": "In innovation aid for SMEs, aid for innovation advice and support may be "
            "higher than the ordinary intensity, up to a cap per undertaking over three years.",
        },
        example={
            "nl": "Een mkb-bedrijf dat een innovatiemakelaar inhuurt om een octrooistrategie en "
            "testfaciliteiten te vinden.",
            "en": "An SME hiring an innovation broker to find a patent strategy and test "
            "facilities.",
        },
        relevant=_sme_innovation,
    ),
    Question(
        key="aid.advisory_aid_received_eur",
        kind="amount",
        text={
            "nl": "Hoeveel steun voor innovatieadvies- en ondersteuningsdiensten kreeg de "
            "onderneming de afgelopen drie jaar?",
            "en": "How much aid for innovation advisory and support services did the "
            "undertaking receive in the last three years?",
        },
        explanation={
            "nl": "Eerdere steun voor zulke diensten telt mee voor het plafond; daarboven geldt "
            "de gewone intensiteit.",
            "en": "Earlier aid for such services counts towards the cap; above it the ordinary "
            "intensity applies.",
        },
        example={
            "nl": "Een innovatievoucher voor advies van vorig jaar.",
            "en": "An innovation voucher for advice last year.",
        },
        relevant=_advisory,
    ),
    Question(
        key="aid.effective_collaboration",
        kind="bool",
        text={
            "nl": "Is er daadwerkelijke samenwerking?",
            "en": "Is there effective collaboration?",
        },
        explanation={
            "nl": "Partijen bepalen samen de opzet, dragen bij en delen risico's en resultaten; "
            "contractonderzoek telt niet. Tussen ondernemingen: ten minste één mkb-onderneming "
            "of uitvoering in ten minste twee lidstaten, en geen onderneming draagt het "
            "grootste deel van de kosten boven de grens van de AGVV; met een "
            "onderzoeksorganisatie: die draagt een minimumaandeel en mag publiceren (AGVV art. "
            "25, lid 6, onder b). Bij proces- en organisatie-innovatie door een grote "
            "onderneming draagt het mkb een minimumaandeel van de kosten (art. 29, lid 2). De "
            "aandelen toetst de uitkomst.",
            "en": "The parties jointly define the project, contribute and share risks and "
            "results; contract research does not count. Between undertakings: at least one SME "
            "or the project carried out in at least two Member States, and no undertaking "
            "bearing more of the costs than the GBER allows; with a research organisation: it "
            "bears a minimum share and may publish (GBER Article 25(6)(b)). For process "
            "innovation by a large enterprise, SMEs bear a minimum share of the costs (Article "
            "29(2)). The outcome tests the shares.",
        },
        example={
            "nl": "Een bedrijf en een hogeschool die samen een proeftuin opzetten; de hogeschool "
            "draagt een vijfde van de kosten.",
            "en": "A company and a university of applied sciences that set up a test site "
            "together; the university bears a fifth of the costs.",
        },
        relevant=_collaboration_matters,
    ),
    Question(
        key="aid.two_member_states",
        kind="bool",
        text={
            "nl": "Wordt het project in ten minste twee lidstaten uitgevoerd?",
            "en": "Is the project carried out in at least two Member States?",
        },
        explanation={
            "nl": "Samenwerking tussen ondernemingen zonder mkb-onderneming telt alleen als het "
            "project in ten minste twee lidstaten (of een lidstaat en een EER-land) wordt "
            "uitgevoerd (AGVV art. 25, lid 6, onder b, punt i).",
            "en": "Collaboration between undertakings without an SME only counts if the project "
            "is carried out in at least two Member States (or a Member State and an EEA "
            "country) (GBER Article 25(6)(b)(i)).",
        },
        example={
            "nl": "Een Nederlands en een Duits ingenieursbureau die elk een deel van het "
            "onderzoek in eigen land doen.",
            "en": "A Dutch and a German engineering firm that each do part of the research in "
            "their own country.",
        },
        relevant=_collaboration_between_countries_matters,
    ),
    Question(
        key="aid.wide_dissemination",
        kind="bool",
        text={
            "nl": "Worden de resultaten breed verspreid?",
            "en": "Are the results widely disseminated?",
        },
        explanation={
            "nl": "Een eigen grond voor de opslag, los van samenwerking: de resultaten worden "
            "verspreid via conferenties, publicatie, open-toegangsrepositories of vrije "
            "software (AGVV art. 25, lid 6, onder b, punt ii).",
            "en": "A ground of its own for the bonus, apart from collaboration: the results are "
            "disseminated through conferences, publication, open-access repositories or free "
            "or open-source software (GBER Article 25(6)(b)(ii)).",
        },
        example={
            "nl": "De onderzoeksrapporten komen in een open repository en de software onder een "
            "open licentie.",
            "en": "The research reports go into an open repository and the software under an "
            "open licence.",
        },
        relevant=_rd_bonus_matters,
    ),
    *(
        Question(
            key=f"case.{name}",
            kind="text",
            text={"nl": nl, "en": en},
            explanation={
                "nl": "Optioneel. Dit komt bovenaan de motivering, bij de feiten van de zaak; "
                "het verandert de uitkomst niet.",
                "en": "Optional. This goes at the top of the statement of reasons, with the "
                "facts of the case; it does not change the outcome.",
            },
            example={"nl": ex_nl, "en": ex_en},
            relevant=_always,
        )
        for name, nl, en, ex_nl, ex_en in (
            (
                "subject",
                "Wat is het onderwerp van deze toets?",
                "What is the subject of this check?",
                "Proeftuin slimme dijken",
                "Smart dykes test site",
            ),
            (
                "description",
                "Beschrijf de maatregel in een paar zinnen.",
                "Describe the measure in a few sentences.",
                "De provincie betaalt mee aan een proeftuin waarin drie partijen sensoren in "
                "dijken testen.",
                "The province co-funds a test site where three parties test sensors in dykes.",
            ),
            (
                "granting_body",
                "Welk bestuursorgaan verstrekt de bijdrage, of welke aanbestedende dienst "
                "koopt in?",
                "Which public body grants the contribution, or which contracting authority "
                "buys?",
                "Gedeputeerde Staten van de provincie",
                "The provincial executive",
            ),
            (
                "beneficiaries",
                "Wie ontvangen de bijdrage, of wie is de opdrachtnemer?",
                "Who receive the contribution, or who is the contractor?",
                "Een mkb-bedrijf, een groot ingenieursbureau en een universiteit",
                "An SME, a large engineering firm and a university",
            ),
            (
                "legal_basis",
                "Op welke grondslag wordt de bijdrage verstrekt (Awb titel 4.2 of een "
                "subsidieregeling), of op welk inkoopbesluit berust de opdracht?",
                "On what legal basis is the contribution granted (Awb title 4.2 or a subsidy "
                "scheme), or which purchasing decision does the contract rest on?",
                "Subsidieregeling innovatie van de provincie",
                "The province's innovation subsidy scheme",
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
