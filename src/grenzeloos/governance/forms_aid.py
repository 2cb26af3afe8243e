"""Organisational form aid: the forms the publication's cases chose, what each means for where
the money sits, liability, ownership and how government bodies can take part, and what the cases
learned, with the cases that chose it.

The forms are keyed by :class:`grenzeloos.publication.LegalForm` (the one vocabulary); the
cases come from the case library and the form a collaboration named from its canvas's agreements
checklist, both through :mod:`grenzeloos.core.extensions`. ``FORMS_VERSION`` changes whenever a
text here changes meaning, so an export or API client can tell which edition it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from grenzeloos.collaborations.access import collaboration_for
from grenzeloos.core.errors import NotFound
from grenzeloos.core.extensions import (
    CaseReference,
    cases_by_legal_form,
    legal_form_named,
    read_canvas,
)
from grenzeloos.governance.access import VIEW
from grenzeloos.publication import LegalForm, labels

FORMS_VERSION = 1


@dataclass(frozen=True)
class FormAid:
    """One organisational form and what it means, in the active language once rendered."""

    key: str
    money: Promise
    liability: Promise
    ownership: Promise
    government: Promise
    learned: Promise


FORMS: tuple[FormAid, ...] = (
    FormAid(
        key=LegalForm.FOUNDATION,
        money=_(
            "The money sits in the foundation itself, apart from the partners' own accounts; "
            "its board decides how it is spent within the purpose in its statutes."
        ),
        liability=_(
            "The foundation is liable as a legal entity; board members are not personally "
            "liable unless they manage it improperly."
        ),
        ownership=_(
            "A foundation has no members or shareholders: what it builds belongs to the "
            "foundation and stays bound to its purpose."
        ),
        government=_(
            "Public bodies can found it together with private partners and sign a "
            "collaboration agreement with it; civil servants may sit on a private "
            "foundation's board, on personal title and within their employer's rules."
        ),
        learned=_(
            "When public partners could not join a private company, a foundation gave the "
            "collaboration its own status, with a supervisory board named by the founders "
            "and a steering group of the partners' directors as the highest body."
        ),
    ),
    FormAid(
        key=LegalForm.PRIVATE_COMPANY,
        money=_(
            "The money sits in the company; it can take investment and earn revenue, and the "
            "shareholders decide about profit."
        ),
        liability=_(
            "The company is liable; shareholders risk at most what they put in, directors "
            "answer for improper management."
        ),
        ownership=_(
            "Shareholders own the company and, through it, what it makes; partners who only "
            "sign a contract own nothing of it."
        ),
        government=_(
            "Government bodies cannot simply take shares in a private company, which can cost "
            "years; they mostly take part as client or as partner under contract."
        ),
        learned=_(
            "A company aimed at impact put the public interest first without harming the "
            "business, and bound its partners through a partnership contract."
        ),
    ),
    FormAid(
        key=LegalForm.PROJECT_IN_PARTNER,
        money=_(
            "The money sits with the partner that hosts the project, in its own accounts, "
            "earmarked for the project."
        ),
        liability=_(
            "The host partner is liable towards third parties; the others answer only for what "
            "they agreed with the host."
        ),
        ownership=_(
            "What the project makes belongs to the host unless the partners agree otherwise in "
            "writing."
        ),
        government=_(
            "A government body can fund the project through the host or be that host; its own "
            "rules for spending then apply to all of it."
        ),
        learned=_(
            "A project with a fixed term inside one partner started quickly without a new "
            "entity; the choice of form was made again when the term ended."
        ),
    ),
    FormAid(
        key=LegalForm.ACCESSION_AGREEMENT,
        money=_(
            "There is no shared entity: money sits with a partner or an intermediary that "
            "manages it on behalf of all, under the agreement."
        ),
        liability=_(
            "Each participant stays liable for its own part; the agreement limits what "
            "participants can claim from each other."
        ),
        ownership=_(
            "Each participant keeps what it brings; the house rules say how shared results may "
            "be used."
        ),
        government=_(
            "Ministries and other public bodies can join by signing the same agreement, as "
            "equals beside companies and knowledge institutions."
        ),
        learned=_(
            "A light form without a corporate structure let many join fast; the coalition "
            "regularly asks whether it still fits as it grows."
        ),
    ),
    FormAid(
        key=LegalForm.COOPERATION_AGREEMENTS,
        money=_(
            "Each partner keeps and spends its own money; shared costs are settled under the "
            "agreements or the covenant."
        ),
        liability=_(
            "No entity carries the risk: every partner is liable for its own acts, so the "
            "agreements should say who answers for what."
        ),
        ownership=_(
            "Ownership of results follows the agreements; without them it stays with whoever "
            "made the result."
        ),
        government=_(
            "A government body can sign a covenant or collaboration agreement like any other "
            "partner, without setting up or joining an entity."
        ),
        learned=_(
            "Participants signed collaboration agreements and a code of conduct, with one "
            "organisation recording the contracts. One director warned against starting with "
            "long talks about covenants: that begins from distrust."
        ),
    ),
    FormAid(
        key=LegalForm.GOVERNMENT_PROGRAMME,
        money=_(
            "The money sits in the budget of the government body that runs the programme, "
            "under its public spending rules."
        ),
        liability=_(
            "The government body is liable for the programme; partners answer for what they "
            "deliver under their contract."
        ),
        ownership=_(
            "What is bought or made in the programme belongs to the government body unless the "
            "contract leaves it with the maker."
        ),
        government=_(
            "The government body leads; other public bodies can join as co-financier or as "
            "the party that brings a challenge."
        ),
        learned=_(
            "Programmes run by a municipality or ministry reached companies and start-ups "
            "through challenges, with the public body as problem owner."
        ),
    ),
)


@dataclass(frozen=True)
class FormRow:
    """A form as shown to one person for one collaboration."""

    key: str
    label: str
    aid: FormAid
    cases: list[CaseReference]
    chosen: bool


@dataclass(frozen=True)
class FormsAid:
    version: int
    answer: str
    chosen: str | None
    forms: list[FormRow]


def checklist_answer(collaboration_id: int) -> str:
    """What the canvas's agreements checklist says about the legal form ("" if nothing)."""
    try:
        document = read_canvas(collaboration_id).document
    except NotFound:
        return ""
    checklist = document.get("agreements_checklist") or {}
    answer = checklist.get("legal_form") if isinstance(checklist, dict) else None
    return answer.strip() if isinstance(answer, str) else ""


def forms_aid(*, actor: Any, collaboration_id: int) -> FormsAid:
    """The forms for ``actor`` in ``collaboration_id`` (who must be allowed to see its
    governance): the form the checklist names first, then the others in vocabulary order."""
    collaboration_for(actor, collaboration_id, VIEW)
    answer = checklist_answer(collaboration_id)
    chosen = legal_form_named(answer)
    cases = cases_by_legal_form(user=actor)
    names = labels(LegalForm)
    rows = [
        FormRow(
            key=str(form.key),
            label=str(names[form.key]),
            aid=form,
            cases=cases.get(str(form.key), []),
            chosen=str(form.key) == chosen,
        )
        for form in FORMS
    ]
    rows.sort(key=lambda row: not row.chosen)
    return FormsAid(version=FORMS_VERSION, answer=answer, chosen=chosen, forms=rows)


def as_data(aid: FormsAid) -> dict[str, Any]:
    """The aid as plain data in the active language (API and CLI)."""
    return {
        "version": aid.version,
        "checklist_answer": aid.answer,
        "chosen": aid.chosen,
        "forms": [
            {
                "key": row.key,
                "label": row.label,
                "chosen": row.chosen,
                "money": str(row.aid.money),
                "liability": str(row.aid.liability),
                "ownership": str(row.aid.ownership),
                "government": str(row.aid.government),
                "learned": str(row.aid.learned),
                "cases": [{"slug": c.slug, "name": c.name, "url": c.url} for c in row.cases],
            }
            for row in aid.forms
        ],
    }
