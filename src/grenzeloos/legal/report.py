"""The written motivation of a legal route check, as a document to file.

Why: the motiveringsbeginsel asks a government to explain its choices transparently. A civil
servant needs more than a verdict: the question, the facts as given, every step of the
reasoning with the rule and source it relied on, the conclusion, what is still open (and what
each answer would lead to), the dates of the rules, the warnings, and who reviewed it. This
module builds that as a :class:`grenzeloos.documents.Document` from plain JSON (the answers
and the `grenzeloos.legal-outcome/1` outcome), so the CLI, the API and the web produce the
same text; the renderers turn it into PDF, ODT, DOCX or Markdown.

Step sentences are re-rendered from their code and parameters with :func:`texts.render`, so a
stored outcome can be reported in either language. The report's own wording lives in the
``_T`` table below (Dutch and English), like the engine's texts, so a Dutch motivation never
depends on compiled translation catalogues.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grenzeloos.documents import (
    Block,
    BulletList,
    Document,
    Heading,
    KeyValue,
    Paragraph,
    Table,
)
from grenzeloos.legal.answers import GBER_CONDITIONS, get_path
from grenzeloos.legal.questions import QUESTIONS, Question
from grenzeloos.legal.ruleset import default_rules
from grenzeloos.legal.texts import (
    LANGUAGES,
    format_date,
    format_eur,
    format_pct,
    label,
    policy_name,
    render,
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


@dataclass(frozen=True)
class RecordInfo:
    """What is known about an assessment on record; everything optional for a loose check."""

    title: str = ""
    collaboration: str = ""
    reference: str = ""
    status: str = ""  # draft | signed_off | superseded
    author: str = ""
    created: str = ""
    signed_off_by: str = ""
    signed_off_at: str = ""
    remark: str = ""
    supersedes: str = ""


#: The order in which a motivation is offered for download: PDF first, the file to sign.
DOWNLOAD_ORDER: tuple[str, ...] = ("pdf", "odt", "docx", "md")


def file_name(subject: str, on_date: Any, language: str) -> str:
    """A download's name after the assessment: kind, subject and reference date, no suffix.

    e.g. ``motivering-slimme-dijken-<date>`` or ``statement-of-reasons-smart-dykes-<date>``.
    """
    kind = {"nl": "motivering", "en": "statement-of-reasons"}[language]
    ascii_text = unicodedata.normalize("NFKD", subject or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    parts = [kind, slug, str(on_date or "")]
    return "-".join(p for p in parts if p)


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


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


_CASE_FIELDS = ("subject", "description", "granting_body", "beneficiaries", "legal_basis")


def case_subject(answers: Mapping[str, Any]) -> str:
    """The subject of the case as entered (for titles and file names); "" if none."""
    case = answers.get("case") if isinstance(answers, Mapping) else None
    return str((case or {}).get("subject") or "") if isinstance(case, Mapping) else ""


def _case(answers: Mapping[str, Any], outcome: Mapping[str, Any], language: str) -> list[Block]:
    """The facts of the case, first in the document: what, who, on which basis, how much."""
    case = _mapping(answers.get("case"))
    pairs = [
        (t(f"k_{name}", language), str(case.get(name))) for name in _CASE_FIELDS if case.get(name)
    ]
    amounts = []
    for key, label_key in (
        ("aid.amount_eur", "amount_aid"),
        ("aid.eligible_costs_eur", "amount_costs"),
        ("contract.estimated_value_eur", "amount_contract"),
    ):
        value = get_path(answers, key)
        if value is not None:
            amounts.append(t(label_key, language, v=format_eur(value, language)))
    blocks: list[Block] = [Heading(t("case", language))]
    if not pairs:
        blocks.append(Paragraph(t("case_none", language), style="warning"))
    if amounts:
        pairs.append((t("k_amounts", language), "; ".join(amounts)))
    pairs.append((t("k_dates", language), format_date(outcome.get("on_date"), language)))
    blocks.append(KeyValue(tuple(pairs)))
    return blocks


def _facts(answers: Mapping[str, Any], language: str) -> list[tuple[str, str, str]]:
    """Every question that was answered or is relevant, in wizard order, with the reason."""
    reasons = _mapping(answers.get("reasons"))
    rows = []
    for question in QUESTIONS:
        if question.key.startswith("case.") or question.kind == "partners":
            continue  # the facts of the case, and the beneficiaries' own table
        value = get_path(answers, question.key)
        if value is None and not question.relevant(answers):
            continue
        rows.append(
            (
                question.text[language],
                format_answer(question.key, value, language),
                str(reasons.get(question.key) or ""),
            )
        )
    return rows


def _checklist(
    answers: Mapping[str, Any], outcome: Mapping[str, Any], language: str
) -> list[Block]:
    """The GBER's general conditions as the user confirmed them, for a GBER route only."""
    if outcome.get("state_aid", {}).get("route") != "gber":
        return []
    given = _mapping(answers.get("gber_conditions"))
    rows = []
    for name in GBER_CONDITIONS:
        value = given.get(name)
        state = "cond_open" if value is None else "cond_confirmed" if value else "cond_not_met"
        rows.append((t(f"cond_{name}", language), t(state, language)))
    return [
        Heading(t("checklist", language)),
        Paragraph(t("checklist_intro", language)),
        Table((t("question", language), t("answer", language)), tuple(rows)),
    ]


def _partners(outcome: Mapping[str, Any], language: str) -> list[Block]:
    """A consortium's table: one row per beneficiary with its share, limits and route."""
    table = partner_table(outcome, language)
    if table is None:
        return []
    return [Heading(t("partners", language)), table]


def partner_table(outcome: Mapping[str, Any], language: str) -> Table | None:
    """The table per beneficiary of a consortium (None for one beneficiary)."""
    partners = outcome.get("beneficiaries") or []
    if not partners:
        return None
    rows = []
    for p in partners:
        size = (
            t("research_organisation", language)
            if p["research_organisation"]
            else label(p.get("size"), language)
        )
        share = p.get("cost_share")
        rows.append(
            (
                str(p["name"]),
                size,
                format_pct(round(share * 100, 1), language) if share is not None else "?",
                format_eur(p.get("aid_eur"), language),
                format_eur(p.get("eligible_costs_eur"), language),
                format_eur(p.get("max_aid_eur"), language),
                route_label(p.get("route"), language),
            )
        )
    header = tuple(
        t(k, language)
        for k in ("h_partner", "h_size", "h_share", "h_aid", "h_costs", "h_max_aid", "h_route")
    )
    return Table(header, tuple(rows))


def next_steps(outcome: Mapping[str, Any], language: str) -> list[str]:
    """What to do now, following from this outcome (never for a question already answered)."""
    steps = []
    if outcome.get("open_questions"):
        steps.append(t("next_open", language))
    p = outcome.get("procurement", {})
    if outcome.get("regime") != "state_aid" and not p.get("exemption"):
        if p.get("eu_procedure") is True:
            steps.append(t("next_eu", language))
        elif p.get("eu_procedure") is False and outcome.get("regime") == "procurement":
            basis = default_rules().reference("ref-below-threshold").citation[language]
            steps.append(t("next_national", language, basis=basis))
            if _cross_border(outcome):
                basis = default_rules().reference("ref-cross-border").citation[language]
                steps.append(t("next_cross_border", language, basis=basis))
    route = outcome.get("state_aid", {}).get("route")
    if route in ("de_minimis", "gber", "notify", "no_aid"):
        steps.append(t(f"next_{route}", language))
    steps.append(t("next_review", language))
    return steps


def _cross_border(outcome: Mapping[str, Any]) -> bool:
    """Whether the outcome's path found a certain cross-border interest below the threshold."""
    return any(s.get("code") == "below_cross_border" for s in outcome.get("steps", []))


def _phase(code: str) -> str:
    if code.startswith(_REGIME_CODES):
        return "phase_regime"
    if code.startswith(_PROCUREMENT_CODES):
        return "phase_procurement"
    return "phase_state_aid"


def step_text(step: Mapping[str, Any], language: str) -> str:
    """The step's sentence in the language, from its code and parameters."""
    try:
        text = render(step["code"], step.get("params") or {}, language)
    except (KeyError, ValueError):
        text = str(step.get("text", step.get("code", "")))
    return text[:1].upper() + text[1:]


def rule_citation(rule: Mapping[str, Any], language: str) -> str:
    """How a lawyer cites the rule: from the outcome, or from the rule book for outcomes
    stored before citations were recorded."""
    citation = (rule.get("citation") or {}).get(language)
    if citation:
        return str(citation)
    meta = default_rules().meta_by_id(str(rule.get("rule_id") or rule.get("id") or ""))
    return meta.citation.get(language, "") if meta is not None else ""


def step_citation(step: Mapping[str, Any], language: str) -> str:
    """The instrument and article a step rests on ("" when it follows from earlier steps)."""
    if not step.get("rule_id"):
        return ""
    return rule_citation(step, language)


def _reasoning(outcome: Mapping[str, Any], language: str) -> list[Block]:
    blocks: list[Block] = [Paragraph(t("reasoning_intro", language))]
    phase = None
    for number, step in enumerate(outcome.get("steps", []), start=1):
        current = _phase(step["code"])
        if current != phase:
            phase = current
            blocks.append(Heading(t(current, language), level=2))
        citation = step_citation(step, language)
        basis = (
            t("rule_source", language, citation=citation) if citation else t("no_rule", language)
        )
        blocks.append(
            Paragraph(f"{t('step', language, n=number)}. {step_text(step, language)}\n{basis}")
        )
    return blocks


def conclusion_sentences(outcome: Mapping[str, Any], language: str) -> list[str]:
    """The conclusion in a few sentences, for the report and the web outcome page."""
    regime = outcome.get("regime")
    sentences: list[str] = []
    both = any(w.get("code") == "funder_with_consideration" for w in outcome.get("warnings", []))
    if regime == "procurement" or (
        regime == "undetermined" and outcome["procurement"].get("applies") is not False
    ):
        if regime == "procurement":
            sentences.append(t("c_procurement", language))
        elif both:
            sentences.append(t("c_both", language))
        else:
            sentences.append(t("c_undetermined", language))
        p = outcome["procurement"]
        threshold = format_eur(p.get("eu_threshold_eur"), language)
        if p.get("exemption"):
            exemption = _EXEMPTION_LABELS.get(p["exemption"], {}).get(language, p["exemption"])
            sentences.append(t("c_exempt", language, exemption=exemption))
            if p["exemption"] == "rd_services":
                sentences.append(t("c_pcp_state_aid", language))
        elif p.get("eu_procedure") is True:
            sentences.append(t("c_eu", language, threshold=threshold))
        elif p.get("eu_procedure") is False and regime == "procurement":
            sentences.append(t("c_national", language, threshold=threshold))
            band = p.get("policy_band")
            if band:
                sentences.append(
                    t(
                        "c_policy_band",
                        language,
                        policy=policy_name(band.get("policy"), language),
                        procedure=label(band.get("procedure"), language),
                    )
                )
        elif regime == "procurement":
            sentences.append(t("c_eu_open", language))
    if regime == "state_aid":
        sentences.append(t("c_state_aid", language))
    sa = outcome["state_aid"]
    if regime == "state_aid" or sa.get("is_aid") is not None or sa.get("route") != "undetermined":
        route = route_label(sa.get("route"), language)
        if sa.get("is_aid") is False:
            criteria = "; ".join(label(c, language) for c in sa.get("criteria_not_met", []))
            sentences.append(t("c_no_aid", language, criteria=criteria))
        elif sa.get("is_aid") is True:
            sentences.append(t("c_aid", language, route=route))
        else:
            sentences.append(t("c_aid_open", language, route=route))
        closed = next(
            (s for s in outcome.get("steps", []) if s.get("code") == "gber_not_available_for_size"),
            None,
        )
        if closed is not None:
            params = closed.get("params") or {}
            sentences.append(
                t(
                    "c_not_open_to_size",
                    language,
                    category=label(params.get("category"), language),
                    article=params.get("article", ""),
                    size=label(params.get("size"), language),
                )
            )
        elif sa.get("max_intensity") is not None:
            intensity = sa.get("max_intensity")
            sentences.append(
                t(
                    "c_limits",
                    language,
                    intensity=format_pct(intensity * 100, language)
                    if intensity is not None
                    else "?",
                    max_aid=format_eur(sa.get("max_aid_eur"), language),
                    threshold=format_eur(sa.get("notification_threshold_eur"), language),
                )
            )
    if not sentences:
        sentences.append(t("c_undetermined", language))
    return sentences


def open_points(outcome: Mapping[str, Any], language: str) -> list[tuple[str, list[str]]]:
    """Each open question with what each possible answer would lead to."""
    points = []
    for item in outcome.get("open_questions", []):
        lines = []
        for answer in item["answers"]:
            parts = [
                t("result_regime", language, regime=label(answer["regime"], language)),
                t("result_route", language, route=route_label(answer["route"], language)),
            ]
            if answer.get("eu_procedure") is not None and answer["regime"] != "state_aid":
                parts.append(
                    t(
                        "result_eu",
                        language,
                        eu=t("yes" if answer["eu_procedure"] else "no", language),
                    )
                )
            value = format_answer(item["key"], answer["value"], language)
            lines.append(t("if_answer", language, value=value, result=", ".join(parts)))
        points.append((question_text(item["key"], language), lines))
    return points


#: Warnings that say the check does not cover some ground (instead of guessing there).
NOT_COVERED: tuple[str, ...] = ("not_covered", "rules_unknown_for_date")


def not_covered_texts(outcome: Mapping[str, Any] | None, language: str) -> list[str]:
    """The ground this outcome leads to that the check does not cover, as sentences."""
    if not outcome:
        return []
    return warning_texts(
        {"warnings": [w for w in outcome.get("warnings", []) if w.get("code") in NOT_COVERED]},
        language,
    )


def warning_texts(
    outcome: Mapping[str, Any], language: str, *, leave_out: tuple[str, ...] = ()
) -> list[str]:
    texts = []
    for warning in outcome.get("warnings", []):
        if warning.get("code") in leave_out:
            continue
        try:
            texts.append(render(warning["code"], warning.get("params") or {}, language))
        except (KeyError, ValueError):
            texts.append(str(warning.get("message", warning.get("code"))))
    return texts


def _rules_table(outcome: Mapping[str, Any], language: str) -> Table:
    rows = []
    for rule_set in outcome.get("rule_sets", []):
        for rule in rule_set["rules"]:
            start = rule["valid_from"]
            end = rule["valid_to"]
            valid = (
                f"{format_date(start, language) if start else t('valid_open', language)} – "
                f"{format_date(end, language) if end else t('valid_open', language)}"
            )
            confidence = rule.get("confidence") or ""
            if rule.get("unconfirmed"):
                confidence = f"{confidence} ({t('unconfirmed', language)})".strip()
            title = rule_set.get("title_nl") if language == "nl" else rule_set.get("title")
            rows.append(
                (
                    title or rule_set["title"],
                    rule["id"],
                    rule_citation(rule, language),
                    valid,
                    confidence,
                )
            )
    header = tuple(
        t(k, language) for k in ("h_rule_set", "h_rule", "h_citation", "h_valid", "h_confidence")
    )
    return Table(header, tuple(rows))


def _record_block(record: RecordInfo | None, outcome: Mapping[str, Any], language: str) -> Block:
    info = record or RecordInfo()
    status = t(f"status_{info.status}", language) if info.status else t("status_none", language)
    pairs = [
        (t("k_title", language), info.title),
        (t("k_collaboration", language), info.collaboration),
        (t("k_reference", language), info.reference),
        (t("k_status", language), status),
        (t("k_author", language), info.author),
        (t("k_created", language), info.created),
        (t("k_on_date", language), format_date(outcome.get("on_date"), language)),
        (t("k_supersedes", language), info.supersedes),
    ]
    return KeyValue(tuple((k, v) for k, v in pairs if v))


def _sign_off(record: RecordInfo | None, language: str) -> list[Block]:
    blocks: list[Block] = [Heading(t("sign_off", language))]
    if record is None or not record.signed_off_by:
        blocks.append(Paragraph(t("not_signed", language), style="warning"))
        return blocks
    pairs = [
        (t("signed_by", language), record.signed_off_by),
        (t("signed_on", language), record.signed_off_at),
    ]
    if record.remark:
        pairs.append((t("remark", language), record.remark))
    blocks.append(KeyValue(tuple(pairs)))
    return blocks


def build_report(
    answers: Mapping[str, Any],
    outcome: Mapping[str, Any],
    *,
    language: str = "nl",
    record: RecordInfo | None = None,
) -> Document:
    """The motivation as a document; `record` adds what is on file (author, sign-off)."""
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r} is not one of {', '.join(LANGUAGES)}")
    on_date = format_date(outcome.get("on_date"), language)
    disclaimer = render("disclaimer", {}, language)
    blocks: list[Block] = [
        Paragraph(disclaimer, style="note"),
        *_case(answers, outcome, language),
        Heading(t("record", language)),
        _record_block(record, outcome, language),
        Heading(t("question", language)),
        Paragraph(t("question_text", language)),
        Paragraph(t("question_basis", language, date=on_date)),
        Heading(t("facts", language)),
        Paragraph(t("facts_intro", language)),
        Table(
            (t("question", language), t("answer", language), t("reason", language)),
            tuple(_facts(answers, language)),
        ),
        Heading(t("reasoning", language)),
        *_reasoning(outcome, language),
        Heading(t("conclusion", language)),
        *(Paragraph(sentence) for sentence in conclusion_sentences(outcome, language)),
        *_partners(outcome, language),
        Heading(t("open", language)),
    ]
    points = open_points(outcome, language)
    if points:
        blocks.append(Paragraph(t("open_intro", language)))
        for question, lines in points:
            blocks += [Heading(question, level=2), BulletList(tuple(lines))]
    elif outcome.get("state_aid", {}).get("route") == "undetermined" and (
        outcome.get("regime") == "state_aid" or outcome["state_aid"].get("is_aid") is not None
    ):
        blocks.append(Paragraph(t("open_none_undetermined", language)))
    else:
        blocks.append(Paragraph(t("open_none", language)))
    blocks += [
        Heading(t("rules", language)),
        Paragraph(t("rules_intro", language, date=on_date)),
        _rules_table(outcome, language),
        Heading(t("warnings", language)),
    ]
    warnings = warning_texts(outcome, language)
    blocks += [Paragraph(w, style="warning") for w in warnings] or [
        Paragraph(t("warnings_none", language))
    ]
    blocks += _checklist(answers, outcome, language)
    blocks += [
        Heading(t("steps_next", language)),
        BulletList(tuple(next_steps(outcome, language)), ordered=True),
        Heading(t("next", language)),
        Paragraph(t("next_intro", language)),
        BulletList(tuple(f"{title}. {text}" for title, text in tips(language)), ordered=True),
        *_sign_off(record, language),
        Heading(t("disclaimer_heading", language)),
        Paragraph(disclaimer, style="warning"),
    ]
    subtitle = record.collaboration if record and record.collaboration else ""
    return Document(
        title=t("title", language),
        language=language,
        blocks=tuple(blocks),
        subtitle=subtitle,
        author=record.author if record else "",
        footer=t("footer", language),
    )
