"""The report's own wording (the _T table, the tips, the labels of routes and exemptions) as
gettext messages, and the small helpers that read them in the language of the report (which
need not be the language of the request).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from grenzeloos.legal.questions import QUESTIONS, Question
from grenzeloos.legal.texts import (
    format_date,
    format_eur,
    label,
)
from grenzeloos.legal.translated import Translated, translated

_T: dict[str, Translated] = translated(
    {
        "title": _("Statement of reasons: procurement law or State aid law"),
        "footer": _("Grenzeloos – decision support, not legal advice"),
        "record": _("About this document"),
        "k_title": _("Title"),
        "k_collaboration": _("Collaboration"),
        "k_reference": _("Reference"),
        "k_status": _("Status"),
        "k_author": _("Prepared by"),
        "k_created": _("Prepared on"),
        "k_on_date": _("Reference date"),
        "k_supersedes": _("Supersedes"),
        "status_draft": _("draft"),
        "status_signed_off": _("signed off"),
        "status_superseded": _("superseded"),
        "status_none": _("not on record (stand-alone check)"),
        "question": _("Question"),
        "question_text": _(
            "Which body of law applies to the government's contribution in this "
            "collaboration, procurement law or State aid law, and which route follows from "
            "it? Under the duty to state reasons (motiveringsbeginsel) the government must "
            "support this choice in a way others can check."
        ),
        "question_basis": _(
            "This statement of reasons was prepared with the Grenzeloos decision aid from "
            "the facts below and the rules in force on the reference date {date}."
        ),
        "facts": _("Facts"),
        "facts_intro": _(
            "The following answers were given. 'Unknown' means the question was left open; "
            "this check fills in nothing by itself."
        ),
        "unknown": _("unknown"),
        "reason_given": _("Explanation given with the answer: {reason}"),
        "answer": _("Answer"),
        "yes": _("yes"),
        "no": _("no"),
        "reasoning": _("Reasoning"),
        "reasoning_intro": _("Step by step, each step with the rule and the source it rests on."),
        "phase_regime": _("The government's role and consideration"),
        "phase_procurement": _("Procurement law"),
        "phase_state_aid": pgettext_lazy("heading", "State aid law"),
        "step": _("Step {n}"),
        "rule_source": _("Legal basis: {citation}."),
        "no_rule": _("Follows from the previous steps."),
        "conclusion": _("Conclusion"),
        "c_procurement": _(
            "Procurement law applies: the government acts as a client and there is "
            "consideration both ways."
        ),
        "c_state_aid": _(
            "Procurement law does not apply; the government's contribution was tested "
            "against State aid law."
        ),
        "c_undetermined": _(
            "Which body of law applies cannot be determined from the answers given. See "
            "the open points."
        ),
        "c_exempt": _("An exemption applies ({exemption}); no European procedure is needed."),
        "c_eu": _("A European tender procedure is required (threshold {threshold})."),
        "c_national": _(
            "No European procedure is needed (threshold {threshold}); national rules and "
            "the authority's own procurement policy apply."
        ),
        "c_policy_band": _(
            "Under the {policy} this value calls for: {procedure}. That is policy, not law."
        ),
        "c_eu_open": _("Whether a European procedure is needed is still open."),
        "c_no_aid": _("There is no State aid, because this condition is not met: {criteria}."),
        "c_aid": _("The measure is State aid. Route: {route}."),
        "c_aid_provided": _(
            "The measure is State aid. Route: {route}, provided the general conditions still "
            "open are met as well: {conditions}."
        ),
        "c_no_notification_any_case": _(
            "Whatever the answers to the open questions, no notification to the European "
            "Commission is needed in any case."
        ),
        "short_scope": _("scope (Art. 1)"),
        "short_not_in_difficulty": _("no undertaking in difficulty (Art. 1(4)(c))"),
        "short_no_recovery_order": _("no outstanding recovery order (Art. 1(4)(a))"),
        "short_transparency": _("transparency (Art. 5)"),
        "short_incentive_effect": _("incentive effect (Art. 6)"),
        "short_cumulation": _("cumulation (Art. 8)"),
        "short_publication": _("publication (Art. 9)"),
        "short_reporting": _("reporting (Art. 11)"),
        "short_records": _("records (Art. 12)"),
        "c_aid_open": _("Whether the measure is State aid is still open. Route: {route}."),
        "c_limits": _(
            "Maximum aid intensity {intensity}; maximum aid {max_aid}; notification "
            "threshold {threshold}."
        ),
        "c_pcp_state_aid": _(
            "A State aid check is mandatory: pre-commercial procurement is outside the "
            "procurement Directive, but the government must show that it buys at market "
            "price (an open, competitive and transparent procedure), or the participants "
            "receive an advantage."
        ),
        "c_not_open_to_size": _(
            "{category} ({article}) is not open to a {size}; no exemption is possible "
            "under this article."
        ),
        "c_both": _(
            "The government funds, but its payment buys an enforceable performance. In "
            "substance this may be a public contract; both bodies of law are assessed "
            "below."
        ),
        "open_none_undetermined": _(
            "No answer to an open question can settle the route: the rules for this date "
            "are not known or not complete. See the warnings."
        ),
        "case": _("Facts of the case"),
        "case_none": _(
            "The facts of the case were not entered; complete them before this document is "
            "adopted."
        ),
        "k_subject": _("Subject"),
        "k_description": _("Description of the measure"),
        "k_granting_body": _("Granting body"),
        "k_beneficiaries": _("Beneficiaries"),
        # The same facts in the words of a purchase (procurement law)
        "k_purchase_description": _("Description of the contract"),
        "k_purchase_granting_body": _("Contracting authority"),
        "k_purchase_beneficiaries": _("Contractor"),
        "k_purchase_legal_basis": _("Basis of the contract (purchasing decision)"),
        "k_legal_basis": _("Legal basis (Awb title 4.2 or the subsidy scheme)"),
        "k_duration": _("Term, options and renewals"),
        "proc_partnership": _("the innovation partnership"),
        "why_partnership": _(
            "the authority has an innovative solution developed and then buys it in one "
            "procedure, with phases it can end after each milestone (Directive 2014/24/EU, "
            "Article 31)"
        ),
        "proc_eu": _("a European procedure, published through TenderNed"),
        "why_eu": _("the estimated value of {value} reaches the EU threshold of {threshold}"),
        "why_band": _(
            "the estimated value of {value} is below the EU threshold of {threshold} and falls in "
            "this band of the {policy}"
        ),
        "note_procedure": _("Procedure chosen: {procedure}, because {why}."),
        "note_duration": _("Term: {duration}."),
        "note_duration_open": _(
            "The term of the contract has not been given yet; state it in the award decision."
        ),
        "note_options": _(
            "The estimated value of {value} includes {options} of options and renewals (Directive "
            "2014/24/EU, Article 5(1))."
        ),
        "note_options_partnership": _(
            "The value counts every phase of the partnership and the purchase at the end "
            "(Directive 2014/24/EU, Article 5(1))."
        ),
        "note_options_open": _(
            "Which part of the value is options and renewals has not been given yet; they count "
            "in the value (Directive 2014/24/EU, Article 5(1))."
        ),
        "note_not_split": _(
            "The contract was not split to bring it below a threshold (Directive 2014/24/EU, "
            "Article 5(3); Aanbestedingswet 2012, Article 2.15)."
        ),
        "k_amounts": _("Amounts"),
        "k_dates": _("Reference date"),
        "amount_aid": _("aid {v}"),
        "amount_costs": _("eligible costs {v}"),
        "amount_contract": _("estimated contract value {v}"),
        "reason": _("Reason given"),
        "checklist": _("General conditions of the GBER"),
        "checklist_intro": _(
            "An exemption under the GBER holds only if these conditions are met as well: scope "
            "(Art. 1), transparency (Art. 5), incentive effect (Art. 6), cumulation (Art. 8), "
            "publication (Art. 9), reporting (Art. 11) and records (Art. 12)."
        ),
        "cond_condition": _("Condition"),
        "cond_state": _("State and reason"),
        "cond_met": _("met, because {why}"),
        "cond_not_met": _("not met, because {why}"),
        "cond_open": _("still open: not yet confirmed"),
        "cond_scope": _(
            "Scope: the aid falls within a category of the GBER and outside the excluded sectors "
            "and aid (Art. 1(1) to (3))."
        ),
        "cond_not_in_difficulty": _(
            "The beneficiary is not an undertaking in difficulty (Art. 1(4)(c))."
        ),
        "cond_no_recovery_order": _(
            "No recovery order for earlier aid is outstanding (Art. 1(4)(a))."
        ),
        "cond_transparency": _(
            "Transparent aid: its gross grant equivalent can be calculated precisely in advance, "
            "as for a grant (Art. 5)."
        ),
        "cond_incentive_effect": _(
            "Incentive effect: the written application was made before work on the project "
            "started (Art. 6(2))."
        ),
        "cond_cumulation": _(
            "Cumulation with other aid for the same eligible costs, de minimis aid included, "
            "stays within the maximum intensity (Art. 8)."
        ),
        "cond_publication": _(
            "Each individual award above € 100,000 is published in the transparency register "
            "within six months of the grant (Art. 9(1)(c) and (4))."
        ),
        "cond_reporting": _(
            "Reporting: the summary information on the scheme was sent to the Commission (Art. "
            "11(a)) and the aid is included in the annual report (Art. 11(b))."
        ),
        "cond_records": _(
            "Records: detailed records of the aid are kept for ten years from the last award "
            "under the scheme (Art. 12)."
        ),
        "cond_scheme_number": _("Number of the scheme the aid is granted under (SA number)"),
        "cond_scheme_number_open": _("not given yet"),
        "why_incentive_dates": _(
            "the application of {applied} came before the start of work on {started}"
        ),
        "why_incentive_late": _(
            "the work started on {started}, before the application of {applied}"
        ),
        "why_cumulation": _(
            "it was checked, with the {received} de minimis aid received earlier counted in"
        ),
        "why_cumulation_not": _(
            "together with the {received} de minimis aid received earlier the maximum intensity "
            "is exceeded"
        ),
        "why_publication_above": _(
            "the award of {amount} is above {threshold} and its publication is arranged"
        ),
        "why_publication_below": _("the award of {amount} is not above {threshold}"),
        "why_confirmed": _("the granting body confirmed it for this aid"),
        "why_declared_not_met": _("the granting body stated so for this aid"),
        "steps_next": _("Next steps for this outcome"),
        "next_open": _("Answer the open questions above; they can still change the outcome."),
        "next_eu": _("Prepare a European tender and publish the notice via TenderNed."),
        "next_national": _(
            "Choose the procedure on objective grounds under the organisation's own "
            "procurement policy and record the reasons for that choice ({basis})."
        ),
        "next_cross_border": _(
            "Give the contract an appropriate degree of publicity so that operators from "
            "other Member States can compete ({basis})."
        ),
        "next_de_minimis": _(
            "Ask the beneficiary in writing for the de minimis aid of the last three years "
            "and record the aid in the de minimis register."
        ),
        "next_gber": _(
            "Confirm the GBER's general conditions above, publish the aid and send the "
            "summary information to the European Commission in time."
        ),
        "next_notify": _(
            "Notify the aid to the European Commission in advance and grant it only after "
            "approval; involve the State aid coordinator."
        ),
        "next_no_aid": _(
            "Record why the criterion named is not met; the subsidy rules (Awb title 4.2) "
            "still apply."
        ),
        "next_review": _(
            "Have this document reviewed and signed off by a second person, preferably a lawyer."
        ),
        "partners": _("Assessment per beneficiary"),
        "h_partner": _("Beneficiary"),
        "h_size": _("Size"),
        "h_share": _("Share of costs"),
        "h_aid": _("Aid"),
        "h_costs": _("Eligible costs"),
        "h_max_aid": _("Maximum aid"),
        "h_route": _("Route"),
        "research_organisation": _("research organisation"),
        "open": _("Open points"),
        "open_none": _("There are no open questions that could still change the outcome."),
        "open_intro": _(
            "These questions were not answered. For each possible answer it says where it "
            "would lead."
        ),
        "if_answer_unknown": _(
            "What each answer would lead to was not worked out; answer the question to know."
        ),
        "if_answer": _("If the answer is '{value}': {result}"),
        "result_regime": _("body of law {regime}"),
        "result_route": _("route {route}"),
        "result_eu": _("European procedure: {eu}"),
        "rules": _("Rules applied and reference date"),
        "rules_intro": _(
            "The rules are kept as dated data. On the reference date {date} these rules "
            "were applied:"
        ),
        "h_rule_set": _("Rule set"),
        "h_rule": _("Rule id"),
        "h_citation": _("Legal basis"),
        "h_valid": _("Valid"),
        "h_confidence": _("Confidence"),
        "confidence_high": _("checked in the primary source"),
        "confidence_medium": _("checked, with a point of interpretation"),
        "confidence_low": _("not yet checked in the primary source"),
        "confidence_unconfirmed": _("not confirmed in the primary source"),
        "h_source": _("Source"),
        "valid_open": _("open"),
        "valid_from": _("from {date}"),
        "valid_until": _("until {date}"),
        "valid_always": _("not limited in time"),
        "unconfirmed": _("unconfirmed"),
        "warnings": _("Warnings"),
        "warnings_none": _("No warnings."),
        "next": _("Points from the publication"),
        "next_intro": _(
            "Four points of attention from the publication Innoveren over grenzen heen, in "
            "our own words:"
        ),
        "sign_off": _("Sign-off"),
        "signed_by": _("Signed off by"),
        "signed_on": _("Signed off on"),
        "remark": _("Reviewer's remark"),
        "not_signed": _(
            "This statement of reasons has not been signed off yet. Have it reviewed by a "
            "second person, preferably a lawyer, who is not its author."
        ),
        "disclaimer_heading": _("Disclaimer"),
    }
)


#: The four tips that close the chapter on procurement and State aid law, in our own words.
TIPS: tuple[tuple[Translated, Translated], ...] = (
    (
        Translated(_("Decide which role you expect from the government")),
        Translated(
            _(
                "Does the government want a product or service delivered that it can enforce "
                "under a contract? Then it is a client and procurement law applies. If not, it "
                "is a funder, facilitator or partner and State aid law is the test."
            )
        ),
    ),
    (
        Translated(_("Check the conditions for State aid")),
        Translated(
            _(
                "If one of the cumulative conditions is not met, for instance because the "
                "government acts like a market party, there is no State aid. The European "
                "Commission's notices explain each condition."
            )
        ),
    ),
    (
        Translated(_("Use the GBER when the notices offer no way out")),
        Translated(
            _(
                "If it is State aid after all, follow the conditions of the General Block "
                "Exemption Regulation. Aid that meets them need not be notified to the "
                "European Commission in advance and can start straight away."
            )
        ),
    ),
    (
        Translated(_("Involve a lawyer early")),
        Translated(
            _(
                "A motivation drawn up late may lead to a measure being seen as unlawful State "
                "aid, while it could have been exempted under the GBER. The lawyer sets out "
                "the framework, the policy officer explains the substance."
            )
        ),
    ),
)


_ROUTE_LABELS = {
    "no_aid": "no_aid",
    "de_minimis": "de_minimis_route",
    "gber": "gber_route",
    "notify": "notify",
    "undetermined": "undetermined",
}


_EXEMPTION_LABELS = translated(
    {
        "in_house": _("in-house award"),
        "rd_services": _("research and development (pre-commercial procurement)"),
    }
)


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
    "contract_value_",
)


_REGIME_CODES = ("role_", "consideration_", "regime_")


_QUESTIONS: dict[str, Question] = {q.key: q for q in QUESTIONS}


def t(key: str, language: str, **params: Any) -> str:
    """A report text in the language, with parameters filled in."""
    text = _T[key][language]
    return text.format(**params) if params else text


def tips(language: str) -> list[tuple[str, str]]:
    """The publication's four tips as (title, text), for the report and the web outcome page."""
    return [(title[language], text[language]) for title, text in TIPS]


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
    if kind == "date":
        return format_date(value, language)
    if kind == "amount" or key.endswith("_eur"):
        return format_eur(value, language)
    if kind == "choice" or isinstance(value, str):
        return label(str(value), language)
    return str(value)


def question_text(key: str, language: str) -> str:
    question = _QUESTIONS.get(key)
    return question.text[language] if question else key
