"""The report's own wording in Dutch and English (the _T table, the tips, the labels of routes and
exemptions) and the small helpers that pick from it, so a Dutch motivation never depends on
compiled translation catalogues.
"""

from __future__ import annotations

from typing import Any

from grenzeloos.legal.questions import QUESTIONS, Question
from grenzeloos.legal.texts import (
    format_eur,
    label,
)

_T: dict[str, dict[str, str]] = {
    "title": {
        "nl": "Motivering: aanbestedingsrecht of staatssteunrecht",
        "en": "Statement of reasons: procurement law or State aid law",
    },
    "footer": {
        "nl": "Grenzeloos – beslisondersteuning, geen juridisch advies",
        "en": "Grenzeloos – decision support, not legal advice",
    },
    "record": {"nl": "Gegevens van dit stuk", "en": "About this document"},
    "k_title": {"nl": "Titel", "en": "Title"},
    "k_collaboration": {"nl": "Samenwerking", "en": "Collaboration"},
    "k_reference": {"nl": "Kenmerk", "en": "Reference"},
    "k_status": {"nl": "Status", "en": "Status"},
    "k_author": {"nl": "Opgesteld door", "en": "Prepared by"},
    "k_created": {"nl": "Opgesteld op", "en": "Prepared on"},
    "k_on_date": {"nl": "Peildatum", "en": "Reference date"},
    "k_supersedes": {"nl": "Vervangt", "en": "Supersedes"},
    "status_draft": {"nl": "concept", "en": "draft"},
    "status_signed_off": {"nl": "afgetekend", "en": "signed off"},
    "status_superseded": {"nl": "vervangen", "en": "superseded"},
    "status_none": {
        "nl": "niet vastgelegd (losse toets)",
        "en": "not on record (stand-alone check)",
    },
    "question": {"nl": "Vraag", "en": "Question"},
    "question_text": {
        "nl": "Welk rechtsgebied is van toepassing op de bijdrage van de overheid in deze "
        "samenwerking, het aanbestedingsrecht of het staatssteunrecht, en welke route volgt "
        "daaruit? De overheid moet deze keuze op grond van het motiveringsbeginsel "
        "controleerbaar onderbouwen.",
        "en": "Which body of law applies to the government's contribution in this "
        "collaboration, procurement law or State aid law, and which route follows from it? "
        "Under the duty to state reasons (motiveringsbeginsel) the government must support "
        "this choice in a way others can check.",
    },
    "question_basis": {
        "nl": "Deze motivering is opgesteld met de beslishulp van Grenzeloos op basis van de "
        "feiten hieronder en de regels zoals die golden op de peildatum {date}.",
        "en": "This statement of reasons was prepared with the Grenzeloos decision aid from the "
        "facts below and the rules in force on the reference date {date}.",
    },
    "facts": {"nl": "Feiten", "en": "Facts"},
    "facts_intro": {
        "nl": "De volgende antwoorden zijn gegeven. 'Onbekend' betekent dat de vraag open is "
        "gelaten; de tool vult niets zelf in.",
        "en": "The following answers were given. 'Unknown' means the question was left open; "
        "the tool fills in nothing by itself.",
    },
    "unknown": {"nl": "onbekend", "en": "unknown"},
    "answer": {"nl": "Antwoord", "en": "Answer"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    "reasoning": {"nl": "Redenering", "en": "Reasoning"},
    "reasoning_intro": {
        "nl": "Stap voor stap, met bij elke stap de regel en de bron waarop hij berust.",
        "en": "Step by step, each step with the rule and the source it rests on.",
    },
    "phase_regime": {
        "nl": "Rol van de overheid en bezwarende titel",
        "en": "The government's role and consideration",
    },
    "phase_procurement": {"nl": "Aanbestedingsrecht", "en": "Procurement law"},
    "phase_state_aid": {"nl": "Staatssteunrecht", "en": "State aid law"},
    "step": {"nl": "Stap {n}", "en": "Step {n}"},
    "rule_source": {"nl": "Grondslag: {citation}.", "en": "Legal basis: {citation}."},
    "no_rule": {
        "nl": "Volgt uit de voorgaande stappen.",
        "en": "Follows from the previous steps.",
    },
    "conclusion": {"nl": "Conclusie", "en": "Conclusion"},
    "c_procurement": {
        "nl": "Het aanbestedingsrecht is van toepassing: de overheid treedt op als "
        "opdrachtgever en er is een bezwarende titel.",
        "en": "Procurement law applies: the government acts as a client and there is "
        "consideration both ways.",
    },
    "c_state_aid": {
        "nl": "Het aanbestedingsrecht is niet van toepassing; de bijdrage van de overheid is "
        "getoetst aan het staatssteunrecht.",
        "en": "Procurement law does not apply; the government's contribution was tested "
        "against State aid law.",
    },
    "c_undetermined": {
        "nl": "Welk rechtsgebied van toepassing is, kan met de gegeven antwoorden nog niet "
        "worden bepaald. Zie de open punten.",
        "en": "Which body of law applies cannot be determined from the answers given. See "
        "the open points.",
    },
    "c_exempt": {
        "nl": "Er geldt een uitzondering ({exemption}); een Europese procedure is niet nodig.",
        "en": "An exemption applies ({exemption}); no European procedure is needed.",
    },
    "c_eu": {
        "nl": "Een Europese aanbestedingsprocedure is nodig (drempel {threshold}).",
        "en": "A European tender procedure is required (threshold {threshold}).",
    },
    "c_national": {
        "nl": "Een Europese procedure is niet nodig (drempel {threshold}); de nationale regels "
        "en het eigen inkoopbeleid gelden.",
        "en": "No European procedure is needed (threshold {threshold}); national rules and "
        "the authority's own procurement policy apply.",
    },
    "c_policy_band": {
        "nl": "Volgens het {policy} hoort bij deze waarde: {procedure}. Dat is beleid, geen wet.",
        "en": "Under the {policy} this value calls for: {procedure}. That is policy, not law.",
    },
    "c_eu_open": {
        "nl": "Of een Europese procedure nodig is, staat nog open.",
        "en": "Whether a European procedure is needed is still open.",
    },
    "c_no_aid": {
        "nl": "Er is geen staatssteun, want niet voldaan is aan: {criteria}.",
        "en": "There is no State aid, because this condition is not met: {criteria}.",
    },
    "c_aid": {
        "nl": "De maatregel is staatssteun. Route: {route}.",
        "en": "The measure is State aid. Route: {route}.",
    },
    "c_aid_open": {
        "nl": "Of de maatregel staatssteun is, staat nog open. Route: {route}.",
        "en": "Whether the measure is State aid is still open. Route: {route}.",
    },
    "c_limits": {
        "nl": "Maximale steunintensiteit {intensity}; maximale steun {max_aid}; "
        "aanmeldingsdrempel {threshold}.",
        "en": "Maximum aid intensity {intensity}; maximum aid {max_aid}; notification "
        "threshold {threshold}.",
    },
    "c_pcp_state_aid": {
        "nl": "Een staatssteuntoets is verplicht: precommercieel inkopen valt buiten de "
        "aanbestedingsrichtlijn, maar de overheid moet aantonen dat zij tegen marktprijs "
        "inkoopt (open, concurrerende en transparante procedure), anders is er voordeel "
        "voor de deelnemers.",
        "en": "A State aid check is mandatory: pre-commercial procurement is outside the "
        "procurement Directive, but the government must show that it buys at market price "
        "(an open, competitive and transparent procedure), or the participants receive an "
        "advantage.",
    },
    "c_not_open_to_size": {
        "nl": "{category} ({article}) staat niet open voor een {size}; onder dit artikel is "
        "geen vrijstelling mogelijk.",
        "en": "{category} ({article}) is not open to a {size}; no exemption is possible under "
        "this article.",
    },
    "c_both": {
        "nl": "De overheid financiert, maar haar betaling levert een afdwingbare prestatie op. "
        "Dit kan in wezen een overheidsopdracht zijn; beide rechtsgebieden zijn hieronder "
        "getoetst.",
        "en": "The government funds, but its payment buys an enforceable performance. In "
        "substance this may be a public contract; both bodies of law are assessed below.",
    },
    "open_none_undetermined": {
        "nl": "Geen antwoord op een open vraag kan de route nog bepalen: de regels voor deze "
        "datum zijn niet bekend of niet volledig. Zie de waarschuwingen.",
        "en": "No answer to an open question can settle the route: the rules for this date "
        "are not known or not complete. See the warnings.",
    },
    "case": {"nl": "Feiten van de zaak", "en": "Facts of the case"},
    "case_none": {
        "nl": "De feiten van de zaak zijn niet ingevuld; vul ze aan voordat dit stuk wordt "
        "vastgesteld.",
        "en": "The facts of the case were not entered; complete them before this document is "
        "adopted.",
    },
    "k_subject": {"nl": "Onderwerp", "en": "Subject"},
    "k_description": {"nl": "Omschrijving van de maatregel", "en": "Description of the measure"},
    "k_granting_body": {"nl": "Verstrekkend bestuursorgaan", "en": "Granting body"},
    "k_beneficiaries": {"nl": "Begunstigden", "en": "Beneficiaries"},
    # The same facts in the words of a purchase (procurement law)
    "k_purchase_description": {
        "nl": "Omschrijving van de opdracht",
        "en": "Description of the contract",
    },
    "k_purchase_granting_body": {"nl": "Aanbestedende dienst", "en": "Contracting authority"},
    "k_purchase_beneficiaries": {"nl": "Opdrachtnemer", "en": "Contractor"},
    "k_purchase_legal_basis": {
        "nl": "Grondslag van de opdracht (inkoopbesluit)",
        "en": "Basis of the contract (purchasing decision)",
    },
    "k_legal_basis": {
        "nl": "Juridische grondslag (Awb titel 4.2 of subsidieregeling)",
        "en": "Legal basis (Awb title 4.2 or the subsidy scheme)",
    },
    "k_amounts": {"nl": "Bedragen", "en": "Amounts"},
    "k_dates": {"nl": "Peildatum", "en": "Reference date"},
    "amount_aid": {"nl": "steun {v}", "en": "aid {v}"},
    "amount_costs": {"nl": "subsidiabele kosten {v}", "en": "eligible costs {v}"},
    "amount_contract": {"nl": "geraamde opdrachtwaarde {v}", "en": "estimated contract value {v}"},
    "reason": {"nl": "Toelichting", "en": "Reason given"},
    "checklist": {
        "nl": "Algemene voorwaarden van de AGVV",
        "en": "General conditions of the GBER",
    },
    "checklist_intro": {
        "nl": "Vrijstelling onder de AGVV geldt alleen als ook deze voorwaarden zijn vervuld "
        "(art. 1, lid 4, art. 6, 8, 9 en 11 AGVV).",
        "en": "An exemption under the GBER holds only if these conditions are met as well "
        "(GBER Articles 1(4), 6, 8, 9 and 11).",
    },
    "cond_confirmed": {"nl": "bevestigd", "en": "confirmed"},
    "cond_not_met": {"nl": "niet vervuld", "en": "not met"},
    "cond_open": {"nl": "nog open", "en": "still open"},
    "cond_incentive_effect": {
        "nl": "Stimulerend effect: de aanvraag is ingediend vóór de start van de werkzaamheden "
        "(art. 6).",
        "en": "Incentive effect: the application was made before the work started (Art. 6).",
    },
    "cond_not_in_difficulty": {
        "nl": "De begunstigde is geen onderneming in moeilijkheden (art. 1, lid 4).",
        "en": "The beneficiary is not an undertaking in difficulty (Art. 1(4)).",
    },
    "cond_no_recovery_order": {
        "nl": "Er staat geen bevel tot terugvordering van eerdere steun open (art. 1, lid 4).",
        "en": "No recovery order for earlier aid is outstanding (Art. 1(4)).",
    },
    "cond_cumulation": {
        "nl": "De cumulatieregels zijn nagegaan (art. 8).",
        "en": "The cumulation rules were checked (Art. 8).",
    },
    "cond_publication": {
        "nl": "Individuele steun boven € 100.000 wordt gepubliceerd (art. 9; bedrag niet "
        "bevestigd in de primaire bron).",
        "en": "Individual aid above €100,000 is published (Art. 9; amount not confirmed in the "
        "primary source).",
    },
    "cond_reporting": {
        "nl": "De samenvatting wordt binnen 20 werkdagen aan de Europese Commissie gezonden "
        "(art. 11).",
        "en": "The summary information is sent to the European Commission within 20 working "
        "days (Art. 11).",
    },
    "steps_next": {"nl": "Vervolgstappen bij deze uitkomst", "en": "Next steps for this outcome"},
    "next_open": {
        "nl": "Beantwoord de open vragen hierboven; zij kunnen de uitkomst nog veranderen.",
        "en": "Answer the open questions above; they can still change the outcome.",
    },
    "next_eu": {
        "nl": "Bereid een Europese aanbesteding voor en kondig haar aan via TenderNed.",
        "en": "Prepare a European tender and publish the notice via TenderNed.",
    },
    "next_national": {
        "nl": "Kies de procedure op objectieve gronden volgens het eigen inkoopbeleid en leg de "
        "motivering van die keuze vast ({basis}).",
        "en": "Choose the procedure on objective grounds under the organisation's own "
        "procurement policy and record the reasons for that choice ({basis}).",
    },
    "next_cross_border": {
        "nl": "Maak de opdracht passend openbaar, zodat ondernemers uit andere lidstaten kunnen "
        "meedingen ({basis}).",
        "en": "Give the contract an appropriate degree of publicity so that operators from "
        "other Member States can compete ({basis}).",
    },
    "next_de_minimis": {
        "nl": "Vraag de begunstigde schriftelijk naar de de-minimissteun van de afgelopen drie "
        "jaar en leg de steun vast in het de-minimisregister.",
        "en": "Ask the beneficiary in writing for the de minimis aid of the last three years and "
        "record the aid in the de minimis register.",
    },
    "next_gber": {
        "nl": "Bevestig de algemene voorwaarden van de AGVV hierboven, publiceer de steun en "
        "zend de samenvatting tijdig aan de Europese Commissie.",
        "en": "Confirm the GBER's general conditions above, publish the aid and send the "
        "summary information to the European Commission in time.",
    },
    "next_notify": {
        "nl": "Meld de steun vooraf aan bij de Europese Commissie en verleen haar pas na "
        "goedkeuring; betrek de staatssteuncoördinator.",
        "en": "Notify the aid to the European Commission in advance and grant it only after "
        "approval; involve the State aid coordinator.",
    },
    "next_no_aid": {
        "nl": "Leg vast waarom niet aan het genoemde criterium is voldaan; de regels voor "
        "subsidies (Awb titel 4.2) blijven gelden.",
        "en": "Record why the criterion named is not met; the subsidy rules (Awb title 4.2) "
        "still apply.",
    },
    "next_review": {
        "nl": "Laat dit stuk beoordelen en aftekenen door een tweede persoon, bij voorkeur een "
        "jurist.",
        "en": "Have this document reviewed and signed off by a second person, preferably a "
        "lawyer.",
    },
    "partners": {"nl": "Toets per begunstigde", "en": "Assessment per beneficiary"},
    "h_partner": {"nl": "Begunstigde", "en": "Beneficiary"},
    "h_size": {"nl": "Omvang", "en": "Size"},
    "h_share": {"nl": "Aandeel kosten", "en": "Share of costs"},
    "h_aid": {"nl": "Steun", "en": "Aid"},
    "h_costs": {"nl": "Subsidiabele kosten", "en": "Eligible costs"},
    "h_max_aid": {"nl": "Maximale steun", "en": "Maximum aid"},
    "h_route": {"nl": "Route", "en": "Route"},
    "research_organisation": {"nl": "onderzoeksorganisatie", "en": "research organisation"},
    "open": {"nl": "Open punten", "en": "Open points"},
    "open_none": {
        "nl": "Er zijn geen open vragen die de uitkomst nog kunnen veranderen.",
        "en": "There are no open questions that could still change the outcome.",
    },
    "open_intro": {
        "nl": "Deze vragen zijn niet beantwoord. Per mogelijk antwoord staat erbij waartoe het "
        "zou leiden.",
        "en": "These questions were not answered. For each possible answer it says where it "
        "would lead.",
    },
    "if_answer": {
        "nl": "Als het antwoord '{value}' is: {result}",
        "en": "If the answer is '{value}': {result}",
    },
    "result_regime": {"nl": "rechtsgebied {regime}", "en": "body of law {regime}"},
    "result_route": {"nl": "route {route}", "en": "route {route}"},
    "result_eu": {"nl": "Europese procedure: {eu}", "en": "European procedure: {eu}"},
    "rules": {"nl": "Toegepaste regels en peildatum", "en": "Rules applied and reference date"},
    "rules_intro": {
        "nl": "De regels zijn vastgelegd als gedateerde gegevens. Op de peildatum {date} zijn "
        "deze regels toegepast:",
        "en": "The rules are kept as dated data. On the reference date {date} these rules "
        "were applied:",
    },
    "h_rule_set": {"nl": "Regelset", "en": "Rule set"},
    "h_rule": {"nl": "Kenmerk", "en": "Rule id"},
    "h_citation": {"nl": "Grondslag", "en": "Legal basis"},
    "h_valid": {"nl": "Geldig", "en": "Valid"},
    "h_confidence": {"nl": "Zekerheid", "en": "Confidence"},
    "h_source": {"nl": "Bron", "en": "Source"},
    "valid_open": {"nl": "open", "en": "open"},
    "unconfirmed": {"nl": "niet bevestigd", "en": "unconfirmed"},
    "warnings": {"nl": "Waarschuwingen", "en": "Warnings"},
    "warnings_none": {"nl": "Geen waarschuwingen.", "en": "No warnings."},
    "next": {"nl": "Aandachtspunten uit de publicatie", "en": "Points from the publication"},
    "next_intro": {
        "nl": "Vier aandachtspunten uit de publicatie Innoveren over grenzen heen, in eigen "
        "woorden:",
        "en": "Four points of attention from the publication Innoveren over grenzen heen, in "
        "our own words:",
    },
    "sign_off": {"nl": "Aftekening", "en": "Sign-off"},
    "signed_by": {"nl": "Afgetekend door", "en": "Signed off by"},
    "signed_on": {"nl": "Afgetekend op", "en": "Signed off on"},
    "remark": {"nl": "Opmerking van de beoordelaar", "en": "Reviewer's remark"},
    "not_signed": {
        "nl": "Deze motivering is nog niet afgetekend. Laat haar beoordelen door een tweede "
        "persoon, bij voorkeur een jurist, die niet de opsteller is.",
        "en": "This statement of reasons has not been signed off yet. Have it reviewed by a "
        "second person, preferably a lawyer, who is not its author.",
    },
    "disclaimer_heading": {"nl": "Voorbehoud", "en": "Disclaimer"},
}


#: The four tips that close the chapter on procurement and State aid law, in our own words.
TIPS: tuple[dict[str, tuple[str, str]], ...] = (
    {
        "nl": (
            "Bepaal welke rol u van de overheid verwacht",
            "Wil de overheid een product of dienst geleverd krijgen dat zij contractueel kan "
            "afdwingen? Dan is zij opdrachtgever en geldt het aanbestedingsrecht. Zo niet, "
            "dan is zij financier, facilitator of partner en is het staatssteunrecht het "
            "toetsingskader.",
        ),
        "en": (
            "Decide which role you expect from the government",
            "Does the government want a product or service delivered that it can enforce "
            "under a contract? Then it is a client and procurement law applies. If not, it "
            "is a funder, facilitator or partner and State aid law is the test.",
        ),
    },
    {
        "nl": (
            "Toets de voorwaarden voor staatssteun",
            "Is aan één van de cumulatieve voorwaarden niet voldaan, bijvoorbeeld omdat de "
            "overheid handelt zoals een marktpartij, dan is er geen staatssteun. De "
            "mededelingen van de Europese Commissie lichten elke voorwaarde toe.",
        ),
        "en": (
            "Check the conditions for State aid",
            "If one of the cumulative conditions is not met, for instance because the "
            "government acts like a market party, there is no State aid. The European "
            "Commission's notices explain each condition.",
        ),
    },
    {
        "nl": (
            "Gebruik de AGVV als de mededelingen geen uitweg bieden",
            "Is het toch staatssteun, volg dan de voorwaarden van de Algemene "
            "Groepsvrijstellingsverordening. Steun die daaraan voldoet, hoeft niet vooraf bij "
            "de Europese Commissie te worden aangemeld en kan direct van start.",
        ),
        "en": (
            "Use the GBER when the notices offer no way out",
            "If it is State aid after all, follow the conditions of the General Block "
            "Exemption Regulation. Aid that meets them need not be notified to the European "
            "Commission in advance and can start straight away.",
        ),
    },
    {
        "nl": (
            "Betrek vroeg een jurist",
            "Een motivering die pas laat wordt opgesteld, kan ertoe leiden dat een maatregel "
            "als verboden staatssteun wordt gezien, terwijl hij onder de AGVV vrijgesteld had "
            "kunnen worden. De jurist schetst de kaders, de beleidsmedewerker motiveert de "
            "inhoud.",
        ),
        "en": (
            "Involve a lawyer early",
            "A motivation drawn up late may lead to a measure being seen as unlawful State "
            "aid, while it could have been exempted under the GBER. The lawyer sets out the "
            "framework, the policy officer explains the substance.",
        ),
    },
)


_ROUTE_LABELS = {
    "no_aid": "no_aid",
    "de_minimis": "de_minimis_route",
    "gber": "gber_route",
    "notify": "notify",
    "undetermined": "undetermined",
}


_EXEMPTION_LABELS = {
    "in_house": {"nl": "quasi-inbesteding", "en": "in-house award"},
    "rd_services": {
        "nl": "onderzoek en ontwikkeling (precommercieel inkopen)",
        "en": "research and development (pre-commercial procurement)",
    },
}


_PROCUREMENT_CODES = (
    "procurement_",
    "exemption_",
    "in_house_",
    "rd_exemption_",
    "threshold_",
    "value_",
    "eu_procedure_",
    "below_",
    "innovation_partnership_",
)


_REGIME_CODES = ("role_", "consideration_", "regime_")


_QUESTIONS: dict[str, Question] = {q.key: q for q in QUESTIONS}


def t(key: str, language: str, **params: Any) -> str:
    """A report text in the language, with parameters filled in."""
    text = _T[key][language]
    return text.format(**params) if params else text


def tips(language: str) -> list[tuple[str, str]]:
    """The publication's four tips as (title, text), for the report and the web outcome page."""
    return [tip[language] for tip in TIPS]


def route_label(route: str | None, language: str) -> str:
    return label(_ROUTE_LABELS.get(route or "undetermined", route), language)


def format_answer(key: str, value: Any, language: str) -> str:
    """An answer as a person reads it: labels for choices, euros for amounts, yes/no."""
    if value is None:
        return t("unknown", language)
    question = _QUESTIONS.get(key)
    kind = question.kind if question else ""
    if isinstance(value, bool) or kind == "bool":
        return t("yes" if value else "no", language)
    if kind == "amount" or key.endswith("_eur"):
        return format_eur(value, language)
    if kind == "choice" or isinstance(value, str):
        return label(str(value), language)
    return str(value)


def question_text(key: str, language: str) -> str:
    question = _QUESTIONS.get(key)
    return question.text[language] if question else key
