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
        "k_amounts": _("Amounts"),
        "k_dates": _("Reference date"),
        "amount_aid": _("aid {v}"),
        "amount_costs": _("eligible costs {v}"),
        "amount_contract": _("estimated contract value {v}"),
        "reason": _("Reason given"),
        "checklist": _("General conditions of the GBER"),
        "checklist_intro": _(
            "An exemption under the GBER holds only if these conditions are met as well "
            "(GBER Articles 1(4), 6, 8, 9 and 11)."
        ),
        "cond_confirmed": _("confirmed"),
        "cond_not_met": _("not met"),
        "cond_open": _("still open"),
        "cond_incentive_effect": _(
            "Incentive effect: the application was made before the work started (Art. 6)."
        ),
        "cond_not_in_difficulty": _(
            "The beneficiary is not an undertaking in difficulty (Art. 1(4))."
        ),
        "cond_no_recovery_order": _(
            "No recovery order for earlier aid is outstanding (Art. 1(4))."
        ),
        "cond_cumulation": _("The cumulation rules were checked (Art. 8)."),
        "cond_publication": _(
            "Individual aid above €100,000 is published (Art. 9; amount not confirmed in "
            "the primary source)."
        ),
        "cond_reporting": _(
            "The summary information is sent to the European Commission within 20 working "
            "days (Art. 11)."
        ),
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
