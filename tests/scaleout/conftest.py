"""The scale-out checks run against scripts/scale-out.sh's PostgreSQL, Redis, two app processes
and nginx (``make test`` under CI: ``scripts/scale-out.sh .venv/bin/pytest -m scaleout
tests/scaleout``); without it they are skipped, saying so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("GRENZELOOS_SCALEOUT_URL"):
        return
    skip = pytest.mark.skip(reason="needs the scaled-out servers: run through scripts/scale-out.sh")
    for item in items:
        if "scaleout" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def scaled_out() -> dict[str, object]:
    """Where the script's servers are, and the environment of its app processes."""
    lines = Path(os.environ["GRENZELOOS_SCALEOUT_ENV"]).read_text(encoding="utf-8").splitlines()
    env = {**os.environ, **dict(line.split("=", 1) for line in lines if "=" in line)}
    for name in list(env):
        if name.startswith("GRENZELOOS_SCALEOUT_"):
            del env[name]
    return {
        "proxy": os.environ["GRENZELOOS_SCALEOUT_URL"],
        "https": os.environ["GRENZELOOS_SCALEOUT_HTTPS_URL"],
        "apps": os.environ["GRENZELOOS_SCALEOUT_APPS"].split(),
        "env": env,
    }
