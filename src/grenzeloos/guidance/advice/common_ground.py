"""Rules of the second condition, common ground: a shared dream, the value for society, what
the partners do together, action lines that start small and plan to scale, in-kind first."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils.translation import gettext as _

from grenzeloos.guidance.advice.model import Severity
from grenzeloos.guidance.advice.reading import IN_KIND, SCALING_TERMS, SOON_WORDS, _Canvas
from grenzeloos.guidance.advice.registry import _rule


@_rule("common_ground", "shared_dream")
def _dream_missing(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.text("dream"):
        yield (
            "dream_missing",
            "warning",
            ["dream"],
            _(
                "The dream is empty. Agree on a shared picture of the future that all partners "
                "work towards: it is the common ground everything else rests on."
            ),
        )


@_rule("common_ground", "value_case")
def _societal_value_missing(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.text("societal_value"):
        yield (
            "societal_value_missing",
            "warning",
            ["societal_value"],
            _(
                "The societal value is empty. Say what the collaboration adds for society; even "
                "a rough value case shows why working together pays off."
            ),
        )


@_rule("common_ground", "what_together")
def _proposition_missing(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.text("proposition"):
        yield (
            "proposition_missing",
            "advice",
            ["proposition"],
            _(
                "The proposition is empty. Say what you will do together: new products or "
                "services, exchanging knowledge, or putting obstacles on the agenda."
            ),
        )


@_rule("common_ground", "start_small")
def _action_lines(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    lines = canvas.action_lines
    if not lines:
        yield (
            "no_action_lines",
            "warning",
            ["action_lines"],
            _(
                "There are no action lines yet. Think big but start small: name the first steps "
                "that soon show a result you reach together."
            ),
        )
    elif not any(SOON_WORDS.search(line) for line in lines):
        yield (
            "no_quick_result",
            "advice",
            ["action_lines"],
            _(
                "None of the action lines says what becomes visible soon. Add at least one small "
                "step with a result in the short term (a session, a prototype, a first pilot, a "
                "date) to keep the energy going."
            ),
        )


@_rule("common_ground", "plan_scaling")
def _no_scaling(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.vocabulary.mentions(SCALING_TERMS):
        yield (
            "no_scaling",
            "advice",
            ["action_lines", "proposition"],
            _(
                "Nothing is said about what follows a success. Think early about scaling up and "
                "adoption (in level, region, target groups, activities) and take the partners "
                "along in time."
            ),
        )


@_rule("common_ground", "in_kind_first")
def _no_in_kind(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    kinds = [item.get("kind") for p in canvas.partners for item in p.get("contributions") or []]
    if kinds and not any(kind in IN_KIND for kind in kinds):
        yield (
            "no_in_kind",
            "info",
            ["partners"],
            _(
                "All contributions are money. Contributions in kind and closed purses keep the "
                "partners' relationship more balanced, certainly at the start."
            ),
        )
