"""In pages "€" stays on the line of its amount; the money format itself is unchanged."""

from __future__ import annotations

from django.template import Context, Template

from grenzeloos.core.amounts import format_money


def _render(value: str) -> str:
    return Template("{% load amounts %}{{ value|keep_amounts }}").render(Context({"value": value}))


def test_the_sign_and_its_amount_are_joined_by_a_no_break_space():
    text = format_money("1250000.5", "nl")
    assert text == "€ 1.250.000,50"  # the shared format keeps its plain space
    assert _render(f"Toegezegd {text}, gerealiseerd € -12") == (
        "Toegezegd €\N{NO-BREAK SPACE}1.250.000,50, gerealiseerd €\N{NO-BREAK SPACE}-12"
    )


def test_other_text_is_escaped_and_left_alone():
    assert _render("<b>€ en</b> € x") == "&lt;b&gt;€ en&lt;/b&gt; € x"
