"""What the CLI prints for a listing: JSON that reads back to the same rows, or one line each."""

from __future__ import annotations

import json

from grenzeloos.core import jsonio

ROWS = [
    {"id": 1, "name": "Bewonerscoöperatie", "role": "owner"},
    {"id": 2, "name": "Gemeente Delft", "role": "viewer"},
]


def test_rows_as_json_read_back_unescaped(capsys):
    jsonio.print_rows(ROWS, as_json=True, line=lambda row: "never used")
    out = capsys.readouterr().out
    assert json.loads(out) == ROWS
    assert "Bewonerscoöperatie" in out  # written as it is, not as \u00f6


def test_rows_as_lines_one_per_row(capsys):
    jsonio.print_rows(ROWS, as_json=False, line=lambda row: f"{row['id']}\t{row['name']}")
    assert capsys.readouterr().out.splitlines() == ["1\tBewonerscoöperatie", "2\tGemeente Delft"]


def test_no_rows(capsys):
    jsonio.print_rows([], as_json=True, line=str)
    assert json.loads(capsys.readouterr().out) == []
    jsonio.print_rows([], as_json=False, line=str)
    assert capsys.readouterr().out == ""
