"""One vocabulary of the publication: no capability keeps its own copy of it.

The sectors, partner roles, interests, contribution kinds, conditions for success, places where
the money sits, organisational forms, canvas zones and canvas boxes live in
``grenzeloos.publication``. A capability that lists three or more keys of one of them in a
literal tuple, list, set, dict or enum class is defining a copy that can drift (the five
conditions once had two sets of keys); it must use the vocabulary instead.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation

from grenzeloos import publication
from grenzeloos.publication import vocabulary

SRC = Path(__file__).resolve().parent.parent / "src" / "grenzeloos"
#: The shared floor and the vocabulary itself: they may spell keys out.
NOT_CAPABILITIES = frozenset(
    {"core", "audit", "accounts", "documents", "collaborations", "live", "publication"}
)
#: How many keys of one vocabulary make a literal a copy of it.
THRESHOLD = 3

VOCABULARY_KEYS: dict[str, frozenset[str]] = {
    name: frozenset(publication.keys(enum)) for name, enum in publication.VOCABULARIES.items()
}
BOX_KEYS = frozenset(box.key for box in publication.CANVAS_BOXES)
ZONE_KEYS = frozenset(publication.keys(publication.Zone))
with translation.override(None):
    BOX_LABELS = frozenset(str(box.label) for box in publication.CANVAS_BOXES)


def capability_modules(root: Path = SRC) -> list[Path]:
    """Every Python module of every capability app (a folder with ``apps.py``), migrations aside."""
    modules = []
    for apps_file in sorted(root.glob("*/apps.py")):
        app = apps_file.parent
        if app.name in NOT_CAPABILITIES:
            continue
        modules += [path for path in sorted(app.rglob("*.py")) if "migrations" not in path.parts]
    return modules


def _strings(nodes: list[ast.expr | None]) -> set[str]:
    found = set()
    for node in nodes:
        # An enum member ``NAME = "key", _("label")`` or a choices pair ``("key", _("label"))``.
        if isinstance(node, ast.Tuple) and node.elts:
            node = node.elts[0]
        # A record ``Condition("key", _("title"), ...)``.
        if isinstance(node, ast.Call) and node.args:
            node = node.args[0]
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.add(node.value)
    return found


def _members(node: ast.AST) -> set[str] | None:
    """The string members of a literal collection or enum class; ``None`` for anything else."""
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return _strings(list(node.elts))
    if isinstance(node, ast.Dict):
        return _strings(list(node.keys))
    if isinstance(node, ast.ClassDef):
        return _strings(
            [
                statement.value
                for statement in node.body
                if isinstance(statement, ast.Assign | ast.AnnAssign)
            ]
        )
    return None


def copies(path: Path) -> Iterator[str]:
    """``file:line: vocabulary`` for every literal in ``path`` that repeats a vocabulary."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(SRC.parent) if path.is_relative_to(SRC.parent) else path
    for node in ast.walk(tree):
        members = _members(node)
        if not members:
            continue
        for name, keys in VOCABULARY_KEYS.items():
            shared = members & keys
            if len(shared) >= THRESHOLD:
                line = getattr(node, "lineno", 0)
                yield f"{where}:{line}: {name} {sorted(shared)}"
        if len(members & BOX_KEYS) >= THRESHOLD and _repeats_the_legend(node):
            line = getattr(node, "lineno", 0)
            yield f"{where}:{line}: canvas_boxes {sorted(members & BOX_KEYS)}"


def _repeats_the_legend(node: ast.AST) -> bool:
    """Canvas box keys are the canvas document's field names and key many texts of their own;
    a literal repeats the vocabulary when it pairs them with their zones or their labels."""
    strings = [n.value for n in ast.walk(node) if isinstance(n, ast.Constant)]
    labels = [
        call.args[0].value
        for call in ast.walk(node)
        if isinstance(call, ast.Call)
        and call.args
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.func, ast.Name)
        and call.func.id in ("_", "gettext", "gettext_lazy")
    ]
    return bool(ZONE_KEYS & set(strings)) or len(BOX_LABELS & set(labels)) >= THRESHOLD


def test_no_capability_defines_its_own_copy_of_a_vocabulary() -> None:
    found = [copy for path in capability_modules() for copy in copies(path)]
    assert found == [], "use grenzeloos.publication instead of:\n" + "\n".join(found)


def test_the_scan_covers_every_capability() -> None:
    apps = {path.relative_to(SRC).parts[0] for path in capability_modules()}
    assert {"canvas", "cases", "guidance", "ledger", "legal"} <= apps


@pytest.mark.parametrize(
    ("source", "vocabulary_name"),
    [
        ('SECTORS = ("government", "business", "citizens")\n', "sectors"),
        ('LABELS = {"spread": 1, "partner": 2, "intermediary": 3}\n', "money_locations"),
        (
            "class C(TextChoices):\n"
            '    A = "common_ground", "x"\n    B = "independence", "y"\n'
            '    C = "right_partners", "z"\n',
            "conditions",
        ),
        ('CHOICES = [("founding", "F"), ("sponsoring", "S"), ("stakeholder", "O")]\n', "roles"),
    ],
)
def test_a_planted_copy_is_found(tmp_path: Path, source: str, vocabulary_name: str) -> None:
    app = tmp_path / "grenzeloos" / "planted"
    app.mkdir(parents=True)
    (app / "apps.py").write_text("")
    (app / "things.py").write_text(source)
    found = [copy for path in capability_modules(tmp_path / "grenzeloos") for copy in copies(path)]
    assert len(found) == 1
    assert f": {vocabulary_name} " in found[0]


def test_two_keys_and_box_keys_with_texts_of_their_own_are_no_copy(tmp_path: Path) -> None:
    (tmp_path / "x.py").write_text(
        'PAIR = ("government", "business")\n'
        'QUESTIONS = {"dream": _("Why?"), "pitch": _("Who?"), "financing": _("How?")}\n'
    )
    assert list(copies(tmp_path / "x.py")) == []


def test_box_keys_with_their_zones_are_a_copy(tmp_path: Path) -> None:
    (tmp_path / "x.py").write_text(
        'ZONES = {"dream": "challenge", "pitch": "collaboration", "financing": "preconditions"}\n'
    )
    assert [copy.split(": ", 1)[1].split(" ")[0] for copy in copies(tmp_path / "x.py")] == [
        "canvas_boxes"
    ]


def test_every_key_has_one_label_translated_to_dutch() -> None:
    from django.utils.translation import trans_real

    dutch = trans_real.translation("nl")
    for enum in publication.VOCABULARIES.values():
        with translation.override(None):
            msgids = [str(member.label) for member in enum]
        assert len(set(msgids)) == len(msgids), enum.__name__
        for msgid in msgids:
            assert dutch._catalog.get(msgid), (enum.__name__, msgid)
    for box in publication.CANVAS_BOXES:
        with translation.override(None):
            assert dutch._catalog.get(str(box.label)), box.key


def test_former_keys_read_as_their_successors() -> None:
    assert publication.current_key(publication.MoneyLocation, "distributed") == "spread"
    assert publication.current_key(publication.MoneyLocation, "partner_not_government") == (
        "partner"
    )
    assert publication.current_key(publication.MoneyLocation, "spread") == "spread"
    assert publication.current_key(publication.MoneyLocation, None) is None
    for enum, former in vocabulary.FORMER_KEYS.items():
        assert set(former.values()) <= set(publication.keys(enum))
        assert not set(former) & set(publication.keys(enum))
