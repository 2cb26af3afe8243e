"""Where a Dutch sentence ends: never at an abbreviation, an initial or a decimal."""

from __future__ import annotations

import pytest

from grenzeloos.core.sentences import sentences, split


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wij zijn met ca. 5 partners. Dat is veel!",
            ["Wij zijn met ca. 5 partners.", "Dat is veel!"],
        ),
        (
            "Dit geldt o.a. voor de gemeente. M.b.t. de kosten is er een afspraak.",
            ["Dit geldt o.a. voor de gemeente.", "M.b.t. de kosten is er een afspraak."],
        ),
        (
            "Bijv. Utrecht doet mee. Het kost 3.5 miljoen.",
            ["Bijv. Utrecht doet mee.", "Het kost 3.5 miljoen."],
        ),
        (
            "Prof. Jansen en J. de Vries leiden het. Klaar?",
            ["Prof. Jansen en J. de Vries leiden het.", "Klaar?"],
        ),
        ("Zo gaat stap 1. Daarna stap 2.", ["Zo gaat stap 1.", "Daarna stap 2."]),
        ("Regel een\nRegel twee", ["Regel een", "Regel twee"]),
        ("Eén alinea.\n\nTweede alinea.", ["Eén alinea.", "Tweede alinea."]),
    ],
)
def test_sentences_end_where_a_reader_sees_an_end(text, expected):
    assert sentences(text) == expected


def test_sentences_with_their_white_space_give_the_text_back():
    text = "Eerste zin.  Tweede zin, m.b.t. iets.\n\nNieuwe alinea. Laatste "
    assert "".join(s.text + s.space for s in split(text)) == text
