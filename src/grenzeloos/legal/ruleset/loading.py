"""Loading the shipped rule files into one :class:`RuleBook`, refusing them all at once when any
is malformed."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from grenzeloos.legal.ruleset.files import (
    load_de_minimis,
    load_gber,
    load_innovation_partnership,
    load_policy_examples,
    load_procurement,
    load_references,
    load_sme,
    load_transparency,
)
from grenzeloos.legal.ruleset.model import RuleBook, RuleSetInfo, pct_to_fraction
from grenzeloos.legal.ruleset.reader import Reader, read_rule_set

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


class RulesError(ValueError):
    """The rule data is malformed; raised at load time so a bad file never reaches a user."""


FILES = (
    "procurement.yaml",
    "de_minimis.yaml",
    "sme.yaml",
    "gber.yaml",
    "references.yaml",
    "procurement_policy_examples.yaml",
    "transparency.yaml",
)


def load_rules(directory: Path | None = None) -> RuleBook:
    """Parse and validate every rule file; raise RulesError listing all problems found."""
    directory = directory or RULES_DIR
    problems: list[str] = []
    rule_sets: dict[str, RuleSetInfo] = {}
    parsed: dict[str, Any] = {}
    for name in FILES:
        reader = Reader(name)
        path = directory / name
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise RulesError(f"{name}: cannot be read: {exc}") from exc
        doc = reader.mapping(doc, "document")
        info = read_rule_set(reader, doc)
        rule_sets[info.id] = info
        loader = {
            "procurement.yaml": load_procurement,
            "de_minimis.yaml": load_de_minimis,
            "sme.yaml": load_sme,
            "gber.yaml": load_gber,
            "references.yaml": load_references,
            "procurement_policy_examples.yaml": load_policy_examples,
            "transparency.yaml": load_transparency,
        }[name]
        parsed[name] = loader(reader, doc, info.id)
        if name == "procurement.yaml":
            parsed["innovation_partnership"] = load_innovation_partnership(reader, doc, info.id)
        if name == "gber.yaml":
            raw = reader.mapping(doc.get("effective_collaboration"), "effective_collaboration")
            parsed["collaboration"] = {
                key: pct_to_fraction(
                    reader.pct(raw.get(f"{key}_pct"), f"effective_collaboration.{key}_pct") or 0
                )
                for key in (
                    "max_share_undertaking",
                    "min_share_research_organisation",
                    "min_share_sme_process_innovation",
                )
            }
        problems.extend(reader.problems)
    validity, categories, thresholds, advisory = parsed["gber.yaml"]
    all_ids = [
        *(r.meta.id for r in parsed["procurement.yaml"]),
        *(r.meta.id for r in parsed["de_minimis.yaml"]),
        *(r.meta.id for r in parsed["sme.yaml"]),
        *(m.id for m in validity),
        *(c.meta.id for c in categories),
        *(t.meta.id for t in thresholds),
        *(m.id for m in parsed["references.yaml"]),
        *(a.meta.id for a in advisory),
        *(r.meta.id for r in parsed["innovation_partnership"]),
        *(e.meta.id for e in parsed["procurement_policy_examples.yaml"]),
        *(r.meta.id for r in parsed["transparency.yaml"][0]),
        *(r.meta.id for r in parsed["transparency.yaml"][1]),
        *(m.id for m in parsed["transparency.yaml"][2]),
    ]
    duplicates = sorted({i for i in all_ids if all_ids.count(i) > 1})
    if duplicates:
        problems.append(f"duplicate rule ids: {', '.join(duplicates)}")
    if problems:
        raise RulesError("invalid legal rules:\n" + "\n".join(problems))
    return RuleBook(
        rule_sets=rule_sets,
        procurement_thresholds=tuple(parsed["procurement.yaml"]),
        de_minimis=tuple(parsed["de_minimis.yaml"]),
        sme_definitions=tuple(parsed["sme.yaml"]),
        gber_validity=tuple(validity),
        gber_categories=tuple(categories),
        notification_thresholds=tuple(thresholds),
        references={m.id: m for m in parsed["references.yaml"]},
        collaboration_limits=parsed["collaboration"],
        advisory_services=tuple(advisory),
        innovation_partnership=tuple(parsed["innovation_partnership"]),
        policy_examples={e.meta.id: e for e in parsed["procurement_policy_examples.yaml"]},
        publication=tuple(parsed["transparency.yaml"][0]),
        reporting=tuple(parsed["transparency.yaml"][1]),
        de_minimis_register=tuple(parsed["transparency.yaml"][2]),
    )


@lru_cache(maxsize=1)
def default_rules() -> RuleBook:
    """The shipped rules, loaded once per process (they are immutable)."""
    return load_rules()
