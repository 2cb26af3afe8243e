"""The poster planner: text is measured, shrunk, split and continued, never lost.

These run without Django: they check the plan that every poster format
is drawn from.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grenzeloos.documents import (
    BulletList,
    Card,
    CardGroup,
    Panel,
    Paragraph,
    Poster,
    Zone,
    _fonts,
    poster_document,
)
from grenzeloos.documents import poster as P
from grenzeloos.documents.model import Heading, Table

ZONES = (Zone("a", "Zone A", "#ffeeee", "#aa0000"), Zone("b", "Zone B", "#eeeeff", "#0000aa"))
words = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S")), min_size=1, max_size=30
)
texts = st.lists(words, min_size=0, max_size=400).map(" ".join)


def poster(*panels: Panel) -> Poster:
    keys = [panel.key for panel in panels]
    return Poster(
        title="Proef",
        language="nl",
        kicker="Canvas",
        facts=(("Datum", "1 januari 2026"),),
        panels=panels,
        zones=ZONES,
        grid=(tuple(keys),),
        columns=tuple(1.0 for _ in keys),
        rows=(1.0,),
    )


def shown_and_continued_text(box: P.Box) -> str:
    shown = [line for atom in box.atoms if atom.kind == "line" for line in atom.lines]
    rest = [b.text for b in box.rest if isinstance(b, Paragraph)]
    return " ".join(shown + rest)


def test_wrap_keeps_every_word_and_respects_the_width():
    text = "Samenwerken over grenzen heen vraagt vertrouwen, geduld en een gedeelde droom. " * 20
    lines = P.wrap(text, 60, 9)
    assert [w for line in lines for w in line] == text.split()
    font = _fonts.metrics()
    for line in lines:
        assert font.width(" ".join(line), 9) <= 60


def test_an_amount_stays_with_its_currency_sign():
    """Lines break at spaces, never at the no-break space between "€" and the amount."""
    text = "De gemeente draagt €\u00a01.250.000 bij en de provincie €\u00a0750.000. " * 6
    for width in range(20, 80, 3):
        for line in P.wrap(text, width, 9):
            assert "€" not in line[-1:] or line[-1].startswith("€\u00a0")
            for word in line:
                assert word != "€"


def test_an_over_long_word_is_broken_not_lost():
    word = "x" * 500
    lines = P.wrap(word, 30, 9)
    assert len(lines) > 1 and "".join(w for line in lines for w in line) == word


def test_short_text_keeps_the_largest_size():
    plan = P.plan(poster(Panel("one", "Een", "a", (Paragraph("Kort."),))))
    assert plan.boxes[0].size == P.MAX_PT and not plan.boxes[0].rest and not plan.pages


def test_long_text_shrinks_to_the_minimum_then_continues():
    text = "woord " * 6000
    plan = P.plan(poster(Panel("one", "Een", "a", (Paragraph(text),))))
    box = plan.boxes[0]
    assert box.size == P.MIN_PT and box.rest and box.page == 2
    assert plan.pages, "there is a follow-up page"
    assert shown_and_continued_text(box).split() == text.split()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.lists(words, max_size=40))
def test_no_word_and_no_item_is_ever_lost(text, items):
    items = list(dict.fromkeys(items))
    panel = Panel("one", "Een", "a", (Paragraph(text), BulletList(tuple(items))))
    other = Panel("two", "Twee", "b", (Paragraph(text),))
    plan = P.plan(poster(panel, other))
    for box in plan.boxes:
        assert shown_and_continued_text(box).split() == text.split()
    box = plan.boxes[0]
    shown_items = [a.text for a in box.atoms if a.kind == "item"]
    rest_items = [i for b in box.rest if isinstance(b, BulletList) for i in b.items]
    assert shown_items + rest_items == items
    # Everything continued is placed on a follow-up page.
    placed = {id(f.box) for page in plan.pages for column in page for f in column}
    assert all(id(b) in placed for b in plan.boxes if b.rest)


def test_cards_that_do_not_fit_continue_in_their_group():
    cards = tuple(Card(f"Partner {n}", (("Sector", "Overheid"),)) for n in range(80))
    group = CardGroup("Founding partners", cards, ("Naam", "Sector"))
    plan = P.plan(poster(Panel("p", "Partners", "a", (group,))))
    box = plan.boxes[0]
    shown = [a.card.title for column in box.columns for a in column if a.card]
    rest = [c.title for b in box.rest if isinstance(b, CardGroup) for c in b.cards]
    assert shown and rest and shown + rest == [c.title for c in cards]
    assert all(b.title == "Founding partners" for b in box.rest)


def test_poster_document_has_headings_and_tables():
    group = CardGroup("Groep", (Card("Naam 1", (("Sector", "Overheid"),)),), ("Naam", "Sector"))
    document = poster_document(
        poster(Panel("one", "Een", "a", (Paragraph("Tekst"),)), Panel("p", "P", "b", (group,)))
    )
    headings = [b.text for b in document.blocks if isinstance(b, Heading)]
    assert headings == ["Een", "P", "Groep"]
    table = next(b for b in document.blocks if isinstance(b, Table))
    assert table.header == ("Naam", "Sector") and table.rows == (("Naam 1", "Overheid"),)


def test_poster_rejects_a_grid_that_does_not_match_its_panels():
    with pytest.raises(ValueError, match="grid"):
        Poster("T", "nl", "K", (), (Panel("one", "Een", "a", ()),), ZONES, (("two",),), (1,), (1,))
    with pytest.raises(ValueError, match="zone"):
        Poster("T", "nl", "K", (), (Panel("one", "Een", "x", ()),), ZONES, (("one",),), (1,), (1,))


def test_zone_colours_must_be_hex():
    bad = poster(Panel("one", "Een", "a", ()))
    object.__setattr__(bad, "zones", (Zone("a", "A", "red;} body {display:none", "#000000"),))
    for fmt in P.POSTER_FORMATS:
        with pytest.raises(ValueError, match="colour"):
            P.render_poster(bad, fmt)
