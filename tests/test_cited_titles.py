"""Every title the product cites from the publication occurs in it: the publication's own title,
the sections the lessons and the five conditions name, the quoted words of the vocabulary, and
each case's story title (inside that case's story), so a reader can look each one up."""

from __future__ import annotations

import re

import pytest

from grenzeloos import publication
from grenzeloos.cases.library import library_cases
from grenzeloos.guidance import lessons
from tests.publication_text import publication_text, words

SEPARATOR = " › "


def _without_note(title: str) -> str:
    """ "Innoveren over grenzen heen (Digicampus)" cites the title "Innoveren over grenzen heen"."""
    return re.sub(r"\s*\([^)]*\)$", "", title)


def cited_titles() -> dict[str, str]:
    """Every cited title, keyed by where the product cites it."""
    titles = {"guidance.lessons.PUBLICATION": _without_note(lessons.PUBLICATION)}
    for lesson in lessons.LESSONS.values():
        for part in lesson.section.split(SEPARATOR):
            titles[f"lesson {lesson.key}: section {part}"] = part
    for condition in lessons.CONDITIONS:
        titles[f"condition {condition.key}: section"] = condition.section
    for term, words_of_the_text in publication.SOURCE.items():
        titles[f"publication.SOURCE[{term}]"] = words_of_the_text
    for case, story in lessons.CASES.items():
        titles[f"guidance.lessons.CASES[{case}]"] = story
    for case in library_cases():
        titles[f"case {case['slug']}: source.publication"] = _without_note(
            case["source"]["publication"]
        )
    return titles


def _readings(text: str) -> list[str]:
    joined = re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", text)
    return [f" {' '.join(words(reading))} " for reading in (text, joined)]


def occurs(title: str, text: str) -> bool:
    needle = f" {' '.join(words(title))} "
    return needle.strip() != "" and any(needle in reading for reading in _readings(text))


def unknown_titles(titles: dict[str, str], text: str) -> dict[str, str]:
    return {where: title for where, title in titles.items() if not occurs(title, text)}


def test_every_cited_title_occurs_in_the_publication() -> None:
    unknown = unknown_titles(cited_titles(), publication_text())
    assert unknown == {}, "not in the publication:\n" + "\n".join(
        f"{where}: {title!r}" for where, title in unknown.items()
    )


def test_each_story_title_stands_in_that_cases_story() -> None:
    lines = publication_text().split("\n")
    by_words = {frozenset(words(_without_note(c["name"]))): c for c in library_cases()}
    assert len(lessons.CASES) == len(by_words) == 12
    for name, story in lessons.CASES.items():
        [case] = [c for key, c in by_words.items() if set(words(_without_note(name))) <= key]
        first, last = case["source"]["lines"]
        assert occurs(story, "\n".join(lines[first - 1 : last])), (name, story)


@pytest.mark.parametrize(
    "title",
    [
        "Samenwerken zonder grenzen in tien stappen",  # made up
        "Bouwen aan vertrouwen en wantrouwen",  # a real title with words added
        "",
    ],
)
def test_an_unknown_title_is_found(title: str) -> None:
    assert unknown_titles({"planted": title}, publication_text()) == {"planted": title}
