"""Ports through which capability apps meet without importing each other.

Capability apps (canvas, legal, guidance, cases, ...) may only import the shared apps. Two needs
cross that line, and both go through this module:

* **Reading a canvas.** Guidance, the case library and the exports of other apps need the content
  of a collaboration's canvas. They ask :func:`read_canvas`, which returns the canvas as its
  published JSON document (``grenzeloos.canvas/1``, a plain dict) — the same stable contract that
  files and the API use. The canvas app registers the reader in its ``AppConfig.ready``.
* **Writing boxes of a canvas.** A capability that produces a box's text (a workshop adopting
  what its participants wrote) saves it with :func:`write_canvas_fields`: a new revision through
  the canvas's own services, with the same access check, field-by-field merge and conflict as any
  save (a conflict is the canvas's own :class:`~grenzeloos.core.errors.UserError`, nothing is
  written). The canvas app registers the writer in its ``AppConfig.ready``.
* **Showing something on the canvas page.** An app registers a :class:`CanvasPanel`; the canvas
  page renders every registered panel below the canvas, in ``order``, each with the same
  :class:`CanvasPageContext`. A panel returns the HTML it rendered from its own template with
  ``render_to_string`` (a safe string; a plain ``str`` would be escaped), or ``""`` to show nothing.

* **Examples to start from.** A new person can start from an example canvas, and every box of
  the canvas can show a short example. The case library offers both (its cases' example canvases
  and one example per box, written after the publication's cases) through
  :func:`register_example_canvases` and :data:`BOX_EXAMPLES`; the canvas app shows what
  :func:`example_canvases` and :func:`box_examples` return, and nothing when no app offers any.

* **Linking to another capability's page.** A capability's page about one collaboration (the
  canvas, the legal route check, the partners ledger) is registered as a
  :class:`CollaborationPage`; other apps link to it with :func:`collaboration_url` (templates:
  ``{% collaboration_url "legal" pk %}`` and ``{% collaboration_menu pk as pages %}`` from
  ``core``'s ``collaboration_pages`` tags), never with the other app's URL names, and a page
  whose app is not installed is simply not linked. ``scripts/check_imports.py`` holds templates
  to this: a capability's template names only its own URLs, the shared floor's and, in a
  canvas panel's template, the canvas's that hosts it.

* **Facts from the legal route check.** The advice check asks :func:`has_legal_assessment`
  whether a collaboration has a legal route check on record; the legal app registers the lookup
  in its ``AppConfig.ready``.

* **The EU SME definition.** It is legal data (dated, sourced, cited) kept once, by the legal
  app, which registers it on :data:`SME_CLASSIFIER`; the partners ledger derives an
  organisation's size class by asking :func:`classify_enterprise`, which answers ``None`` when no
  app holds the definition (the ledger then shows no derived class rather than guessing).

* **A closed process item as a case.** The processes app turns a closed item into a case of the
  acting person's own library with :func:`draft_case` (a :class:`CaseDraft`, themes from
  :func:`case_themes`); the case library registers :data:`CASE_DRAFTER` and :data:`CASE_THEMES`.

* **A gate passed by a body's decision.** The processes app lists a collaboration's adopted
  decisions with :func:`adopted_decisions` (:class:`DecisionRef`); governance registers
  :data:`DECISIONS`.

* **Who may reach a collaboration changed.** The shared floor's use cases that make, change or
  remove a membership (``collaborations.services``) or switch an account off or on
  (``accounts.services``) call :func:`members_changed` in their transaction; an app that keeps
  an answer to "who may hear this" for a while (the workshop's rooms) registers
  :data:`MEMBERS_CHANGED` and asks again.

Access is checked by the caller before any of these is used: these ports never check permissions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, Literal, Protocol, TypeVar

from django.http import HttpRequest

from grenzeloos.core.errors import NotFound

Implementation = TypeVar("Implementation")


class Port(Generic[Implementation]):
    """One named place where an app plugs in what another capability asks for.

    The app that provides it calls :meth:`register` from its ``AppConfig.ready`` (``None``
    unplugs it again, for tests); the asking side reads :attr:`implementation`, which is
    ``None`` when no installed app provides it, so each lookup function below decides what
    "nobody can say" means for its question (an empty list, ``None`` or :class:`NotFound`).
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._implementation: Implementation | None = None

    def register(self, implementation: Implementation | None) -> None:
        self._implementation = implementation

    @property
    def implementation(self) -> Implementation | None:
        return self._implementation

    def required(self) -> Implementation:
        """The implementation, or :class:`NotFound` naming the port when none is installed."""
        if self._implementation is None:
            raise NotFound(f"no {self.name} is installed")
        return self._implementation

    def __repr__(self) -> str:
        return f"Port({self.name!r})"


@dataclass(frozen=True)
class CanvasSnapshot:
    """One revision of a collaboration's canvas as its published JSON document."""

    collaboration_id: int
    revision: int
    document: Mapping[str, Any]


CanvasReader = Callable[[int, int | None], CanvasSnapshot]

#: Registered by the canvas app: ``reader(collaboration_id, revision_or_None)``.
CANVAS_READER: Port[CanvasReader] = Port("canvas reader")


def read_canvas(collaboration_id: int, revision: int | None = None) -> CanvasSnapshot:
    """The canvas of a collaboration (its head when ``revision`` is None).

    Raises :class:`~grenzeloos.core.errors.NotFound` when there is no such collaboration or
    revision, or when no canvas app is installed.
    """
    return CANVAS_READER.required()(collaboration_id, revision)


class CanvasWriter(Protocol):
    def __call__(
        self,
        *,
        actor: Any,
        collaboration_id: int,
        changes: Mapping[str, Any],
        base_revision: int,
        message: str,
    ) -> int: ...


#: Registered by the canvas app.
CANVAS_WRITER: Port[CanvasWriter] = Port("canvas")


def write_canvas_fields(
    *,
    actor: Any,
    collaboration_id: int,
    changes: Mapping[str, Any],
    base_revision: int,
    message: str,
) -> int:
    """Save ``changes`` (canvas fields) on top of ``base_revision`` as the actor; the number of
    the revision that holds them. What others saved since ``base_revision`` is merged in; the
    same field changed on both sides raises the canvas's conflict error and writes nothing."""
    return CANVAS_WRITER.required()(
        actor=actor,
        collaboration_id=collaboration_id,
        changes=changes,
        base_revision=base_revision,
        message=message,
    )


@dataclass(frozen=True)
class CanvasPageContext:
    """What a panel on the canvas page gets to see: the request, the snapshot shown and the
    viewer's role in the collaboration (``"owner"``, ``"editor"``, ``"viewer"``, ...)."""

    request: HttpRequest
    snapshot: CanvasSnapshot
    role: str
    editable: bool


#: What a panel's HTML depends on besides the canvas revision shown, the viewer and the
#: language, as a short text (request, collaboration id → e.g. "legal:1"); see
#: :attr:`CanvasPanel.depends_on`.
PanelDependencies = Callable[[HttpRequest, int], str]


@dataclass(frozen=True)
class CanvasPanel:
    """A section another app adds to the canvas page.

    ``depends_on`` lets the canvas page keep its whole rendered page: it returns a text that
    changes whenever something outside the canvas revision, the viewer's account and role and
    the language changes what the panel shows (a legal check started, a case edited). A panel
    without it makes the page render anew on every visit, which is always correct.
    """

    key: str
    order: int
    render: Callable[[CanvasPageContext], str]
    depends_on: PanelDependencies | None = None


_panels: dict[str, CanvasPanel] = {}


def register_canvas_panel(panel: CanvasPanel) -> None:
    """Register (or replace, by ``key``) a panel; call it from the app's ``AppConfig.ready``."""
    _panels[panel.key] = panel


def document_digest(document: Mapping[str, Any]) -> str:
    """A fingerprint of a canvas document, for panels that cache what they render from it:
    the same content gives the same digest, any change a different one."""
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def canvas_panels() -> list[CanvasPanel]:
    return sorted(_panels.values(), key=lambda panel: (panel.order, panel.key))


def canvas_panel_dependencies(request: HttpRequest, collaboration_id: int) -> str | None:
    """What every panel of the canvas page depends on besides the revision, viewer and
    language, or ``None`` when a panel cannot say (then the page is not kept)."""
    parts = []
    for panel in canvas_panels():
        if panel.depends_on is None:
            return None
        parts.append(f"{panel.key}={panel.depends_on(request, collaboration_id)}")
    return ";".join(parts)


def render_canvas_panels(context: CanvasPageContext) -> list[str]:
    """The HTML of every registered panel for this page, empty ones left out."""
    rendered = (panel.render(context) for panel in canvas_panels())
    return [html for html in rendered if html]


AssessmentLookup = Callable[[int], bool]

#: Registered by the legal app: ``lookup(collaboration_id)`` says whether a (draft or
#: signed-off) legal route check is on record for that collaboration.
ASSESSMENT_LOOKUP: Port[AssessmentLookup] = Port("legal route check")


def has_legal_assessment(collaboration_id: int) -> bool | None:
    """Whether the collaboration has a legal route check on record; ``None`` when no legal app
    is installed to say so."""
    lookup = ASSESSMENT_LOOKUP.implementation
    return None if lookup is None else lookup(collaboration_id)


@dataclass(frozen=True)
class ExampleCanvas:
    """A canvas anybody may read and copy to start their own: ``key`` is stable (used in
    addresses), ``title``, ``summary`` and ``source`` are in the active language, ``document`` is
    a ``grenzeloos.canvas/1`` document."""

    key: str
    title: str
    summary: str
    source: str
    document: Mapping[str, Any]


ExampleCatalogue = Callable[[], Sequence[ExampleCanvas]]

_example_catalogues: dict[str, ExampleCatalogue] = {}


def register_example_canvases(key: str, catalogue: ExampleCatalogue) -> None:
    """Register (or replace, by ``key``) a source of example canvases; call it from the app's
    ``AppConfig.ready``. ``catalogue()`` is asked each time, in the request's language."""
    _example_catalogues[key] = catalogue


def example_canvases() -> list[ExampleCanvas]:
    """Every example canvas on offer, source by source in the order of their keys."""
    return [
        example for key in sorted(_example_catalogues) for example in _example_catalogues[key]()
    ]


def example_canvas(key: str) -> ExampleCanvas:
    """One example canvas by its key; :class:`~grenzeloos.core.errors.NotFound` if none."""
    for example in example_canvases():
        if example.key == key:
            return example
    raise NotFound(f"no example canvas {key!r}")


@dataclass(frozen=True)
class BoxExample:
    """A short example for one box of the canvas (active language) and where it comes from."""

    field: str
    text: str
    source: str


BoxExampleProvider = Callable[[], Mapping[str, BoxExample]]

#: Registered by the app that offers them: ``provider()`` maps box names to examples.
BOX_EXAMPLES: Port[BoxExampleProvider] = Port("box examples")


def box_examples() -> Mapping[str, BoxExample]:
    """The example of each box in the active language (empty when no app offers any)."""
    provider = BOX_EXAMPLES.implementation
    return {} if provider is None else provider()


@dataclass(frozen=True)
class EnterpriseSize:
    """An enterprise's size under the EU SME definition valid on the date asked.

    ``size_class`` is ``"small"``, ``"medium"`` or ``"large"``; ``band`` is also ``"micro"`` for
    the smallest small enterprises. ``definition_id`` identifies the dated rule used (stored
    with a derived class), ``definition_title`` names it in the active language and ``source``
    says where its figures come from.
    """

    size_class: Literal["small", "medium", "large"]
    band: Literal["micro", "small", "medium", "large"]
    definition_id: str
    definition_title: str
    source: str


class SmeClassifier(Protocol):
    """``classifier(staff=, turnover=, balance_sheet=, on=)``: staff in annual work units,
    annual turnover and balance-sheet total in euros (figures of linked enterprises added up).
    Raises ``ValueError`` for a negative or non-finite figure and ``LookupError`` (naming the
    date) when no definition is valid on ``on``."""

    def __call__(
        self, *, staff: Decimal, turnover: Decimal, balance_sheet: Decimal, on: dt.date
    ) -> EnterpriseSize: ...


#: Registered by the app that holds the SME definition (the legal app).
SME_CLASSIFIER: Port[SmeClassifier] = Port("SME definition")


def classify_enterprise(
    *, staff: Decimal, turnover: Decimal, balance_sheet: Decimal, on: dt.date
) -> EnterpriseSize | None:
    """The size under the SME definition valid on ``on``; ``None`` when no app holding the
    definition is installed, so nobody can say (never a guess). Errors as
    :class:`SmeClassifier`."""
    classifier = SME_CLASSIFIER.implementation
    if classifier is None:
        return None
    return classifier(staff=staff, turnover=turnover, balance_sheet=balance_sheet, on=on)


@dataclass(frozen=True)
class CollaborationPage:
    """A capability's page about one collaboration that other apps may link to.

    ``url(collaboration_id)`` gives its address; ``in_menu`` pages are listed in the canvas
    header (in ``order``) with their ``label``.
    """

    key: str
    label: Any
    url: Callable[[int], str]
    order: int = 100
    in_menu: bool = False


_collaboration_pages: dict[str, CollaborationPage] = {}


def register_collaboration_page(page: CollaborationPage) -> None:
    """Register (or replace, by ``key``) a page; call it from the app's ``AppConfig.ready``."""
    _collaboration_pages[page.key] = page


def collaboration_url(key: str, collaboration_id: int) -> str | None:
    """The address of a registered page about the collaboration; ``None`` when no app offers it."""
    page = _collaboration_pages.get(key)
    return page.url(collaboration_id) if page else None


def collaboration_menu(collaboration_id: int) -> list[tuple[str, str]]:
    """``(label, url)`` of every page registered for the menu, in order."""
    pages = sorted(_collaboration_pages.values(), key=lambda page: (page.order, page.key))
    return [(str(page.label), page.url(collaboration_id)) for page in pages if page.in_menu]


@dataclass(frozen=True)
class LessonRef:
    """A lesson of the publication as another capability cites it: its key, the section it
    comes from, the case (if any) and its text, in the active language."""

    key: str
    section: str
    case: str | None
    text: str


LessonLookup = Callable[[str], LessonRef | None]

#: Registered by the app that holds the lessons (guidance).
LESSONS: Port[LessonLookup] = Port("lessons")


def lesson(key: str) -> LessonRef | None:
    """The lesson ``key``; ``None`` when no app holding the lessons is installed or it has none
    of that key."""
    lookup = LESSONS.implementation
    return None if lookup is None else lookup(key)


@dataclass(frozen=True)
class Adoption:
    """A canvas revision adopted ("vastgesteld") by a decision of a body: which revision, the
    body's name, the day and the decision's number."""

    collaboration_id: int
    revision: int
    body: str
    on: dt.date
    decision_id: int


AdoptionLookup = Callable[[int], Sequence[Adoption]]

#: Registered by the app that keeps decisions (governance).
ADOPTIONS: Port[AdoptionLookup] = Port("decisions")


def canvas_adoptions(collaboration_id: int) -> list[Adoption]:
    """The adopted revisions of a collaboration's canvas, oldest adoption first (empty when no
    app keeps decisions)."""
    lookup = ADOPTIONS.implementation
    return [] if lookup is None else list(lookup(collaboration_id))


def latest_adoption(collaboration_id: int) -> Adoption | None:
    """The adoption of the highest revision number, or ``None``."""
    adoptions = canvas_adoptions(collaboration_id)
    return max(adoptions, key=lambda adoption: adoption.revision) if adoptions else None


#: ``starter(actor=, document=, owners=, message=)``: a new collaboration whose first canvas
#: revision is ``document`` (``grenzeloos.canvas/1``), owned by every account in ``owners``;
#: returns its id. Registered by the canvas app; the caller's transaction holds it all.
class CanvasStarter(Protocol):
    def __call__(
        self, *, actor: Any, document: Mapping[str, Any], owners: Sequence[Any], message: str
    ) -> int: ...


#: Registered by the canvas app.
CANVAS_STARTER: Port[CanvasStarter] = Port("canvas app")


def start_with_canvas(
    *, actor: Any, document: Mapping[str, Any], owners: Sequence[Any], message: str = ""
) -> int:
    """Start a collaboration from a canvas document through the canvas app (the meeting place
    does so when organisations that share a problem start together). ``NotFound`` when no
    canvas app is installed."""
    return CANVAS_STARTER.required()(actor=actor, document=document, owners=owners, message=message)


@dataclass(frozen=True)
class CaseReference:
    """A case of the library, as another capability may show it: its name, where to read it
    and why it is shown (one sentence, in the current language)."""

    slug: str
    name: str
    url: str
    why: str


#: ``finder(user=, sector=, seat=, limit=)``: cases the user may read in which a partner of
#: ``sector`` (a :class:`~grenzeloos.publication.Sector` key) or one in the place ``seat`` (a
#: :class:`~grenzeloos.publication.Seat` key) made the difference.
class CaseFinder(Protocol):
    def __call__(self, *, user: Any, sector: str, seat: str, limit: int) -> list[CaseReference]: ...


#: Registered by the case library.
CASE_FINDER: Port[CaseFinder] = Port("case library")


def cases_for_seat(
    *, user: Any, sector: str = "", seat: str = "", limit: int = 3
) -> list[CaseReference]:
    """Cases where a partner of ``sector`` or in the place ``seat`` mattered; ``[]`` when no case
    library is installed."""
    finder = CASE_FINDER.implementation
    if finder is None:
        return []
    return finder(user=user, sector=sector, seat=seat, limit=limit)


#: ``totals(collaboration_ids)`` → ``{collaboration_id: {"hours"|"fte"|"EUR": total}}``.
CommitmentTotals = Callable[[Sequence[int]], Mapping[int, Mapping[str, Decimal]]]

#: Registered by the partners ledger: what the partners of each collaboration committed,
#: added up per unit over all periods.
COMMITMENT_TOTALS: Port[CommitmentTotals] = Port("partners ledger")


def committed_totals(collaboration_ids: Sequence[int]) -> dict[int, dict[str, Decimal]] | None:
    """The committed hours, fte and euros of each collaboration asked (one missing when
    nothing was committed in it); ``None`` when no ledger is installed to say so."""
    totals = COMMITMENT_TOTALS.implementation
    if totals is None:
        return None
    found = totals(collaboration_ids)
    return {pk: dict(totals) for pk, totals in found.items()}


@dataclass(frozen=True)
class LegalCheckSummary:
    """A legal route check on record, as another capability may show it: ``regime`` is the
    outcome's regime (``None`` before the check is determined), ``procurement_applies`` and
    ``eu_procedure`` its procurement findings, ``url`` the check's page with its motivation."""

    id: int
    collaboration_id: int
    title: str
    status: str
    regime: str | None
    procurement_applies: bool | None
    eu_procedure: bool | None
    url: str


LegalChecks = Callable[[int], Sequence[LegalCheckSummary]]

#: Registered by the legal app: ``reader(collaboration_id)`` lists the collaboration's
#: current (draft or signed-off) legal route checks, newest first.
LEGAL_CHECKS: Port[LegalChecks] = Port("legal route check")


def legal_checks(collaboration_id: int) -> list[LegalCheckSummary] | None:
    """The collaboration's legal route checks; ``None`` when no legal app is installed."""
    reader = LEGAL_CHECKS.implementation
    return None if reader is None else list(reader(collaboration_id))


#: ``finder(user=)``: the cases ``user`` may read, by the legal form each chose (a
#: :class:`~grenzeloos.publication.LegalForm` key), in the library's order.
class FormCaseFinder(Protocol):
    def __call__(self, *, user: Any) -> Mapping[str, Sequence[CaseReference]]: ...


#: Both registered by the case library: the cases by legal form, and the reader that tells
#: which one legal form a checklist answer names (``None`` for none, several or undecided).
FORM_CASES: Port[FormCaseFinder] = Port("case library")
LEGAL_FORM_READER: Port[Callable[[str], str | None]] = Port("case library")


def cases_by_legal_form(*, user: Any) -> dict[str, list[CaseReference]]:
    """The cases ``user`` may read by legal form; ``{}`` when no case library is installed."""
    finder = FORM_CASES.implementation
    if finder is None:
        return {}
    return {key: list(cases) for key, cases in finder(user=user).items()}


def legal_form_named(answer: str) -> str | None:
    """The legal form the checklist's answer names, or ``None`` (also without a case library)."""
    reader = LEGAL_FORM_READER.implementation
    if reader is None or not answer:
        return None
    return reader(answer)


@dataclass(frozen=True)
class CaseDraft:
    """What a closed process item brings to the team's own case library, in one language
    (``language``: ``"nl"`` or ``"en"``): its name, the library theme chosen for it (a key of
    :func:`case_themes`), one paragraph about it, the steps it went through (each stage passed
    with its reason, oldest first), its lessons and the condition for success (a
    :class:`~grenzeloos.publication.Condition` key) the lessons speak to."""

    name: str
    theme: str
    language: str
    domain: str
    summary: str
    steps: Sequence[str]
    lessons: str
    condition: str


#: ``drafter(actor=, draft=)``: a new case in ``actor``'s own library (private to them, as
#: every team's own case starts; they may publish it later), made from ``draft``; returns
#: where to read it. Raises :class:`~grenzeloos.core.errors.UserError` naming the field when
#: the library refuses the draft.
class CaseDrafter(Protocol):
    def __call__(self, *, actor: Any, draft: CaseDraft) -> CaseReference: ...


#: Both registered by the case library: the drafter and its themes (key → label, in the
#: active language, in the library's order).
CASE_DRAFTER: Port[CaseDrafter] = Port("case library")
CASE_THEMES: Port[Callable[[], Mapping[str, str]]] = Port("case library")


def case_themes() -> dict[str, str]:
    """The themes a drafted case may have; ``{}`` when no case library is installed (then
    nothing can be turned into a case)."""
    themes = CASE_THEMES.implementation
    return {} if themes is None else dict(themes())


def draft_case(*, actor: Any, draft: CaseDraft) -> CaseReference:
    """Turn ``draft`` into a case in the actor's own library; :class:`NotFound` when no case
    library is installed."""
    return CASE_DRAFTER.required()(actor=actor, draft=draft)


@dataclass(frozen=True)
class DecisionRef:
    """A closed decision of a body that was adopted: its number, the body's name, the day it
    was closed, its title and where to read it."""

    id: int
    collaboration_id: int
    body: str
    on: dt.date
    title: str
    url: str


#: ``reader(collaboration_id)``: the collaboration's adopted decisions, newest first.
AdoptedDecisions = Callable[[int], Sequence[DecisionRef]]

#: Registered by the app that keeps decisions (governance).
DECISIONS: Port[AdoptedDecisions] = Port("decisions")


def adopted_decisions(collaboration_id: int) -> list[DecisionRef] | None:
    """The adopted decisions of the collaboration's bodies, newest first; ``None`` when no app
    keeps decisions (then a gate is passed by a written reason only)."""
    reader = DECISIONS.implementation
    return None if reader is None else list(reader(collaboration_id))


@dataclass(frozen=True)
class BoxComment:
    """An open comment or question on one box of a collaboration's canvas: its text, who wrote
    it, whether it asks something, how many replies it has and where to read the thread."""

    text: str
    author: str
    question: bool
    replies: int
    url: str


#: ``reader(collaboration_id, box)``: the open comments on that box, oldest first.
BoxComments = Callable[[int, str], Sequence[BoxComment]]

#: Registered by the app that keeps comments on the canvas (governance).
BOX_COMMENTS: Port[BoxComments] = Port("comments")


def open_box_comments(collaboration_id: int, box: str) -> list[BoxComment]:
    """The open comments and questions on a box of the collaboration's canvas, for a page
    whose visitor may read the canvas (the caller checked); none when no app keeps comments."""
    reader = BOX_COMMENTS.implementation
    return [] if reader is None else list(reader(collaboration_id, box))


class MembersChangedListener(Protocol):
    def __call__(
        self, *, collaboration_ids: Collection[int], user_ids: Collection[int]
    ) -> None: ...


#: Registered by the app that keeps who may hear something open (the workshop's rooms):
#: ``listener(collaboration_ids=, user_ids=)``, called in the changing transaction; it tells
#: its pages after the commit (:func:`grenzeloos.live.services.publish_to`).
MEMBERS_CHANGED: Port[MembersChangedListener] = Port("members changed")


def members_changed(*, collaboration_ids: Iterable[int] = (), user_ids: Iterable[int] = ()) -> None:
    """Say that who may reach some collaborations may have changed: a membership of
    ``collaboration_ids`` was made, changed or removed, or the accounts ``user_ids`` were
    switched off or on. Call it in the transaction of the change; nothing happens when no app
    listens, or when both are empty."""
    listener = MEMBERS_CHANGED.implementation
    collaborations = frozenset(int(pk) for pk in collaboration_ids)
    users = frozenset(int(pk) for pk in user_ids)
    if listener is None or not (collaborations or users):
        return
    listener(collaboration_ids=collaborations, user_ids=users)
