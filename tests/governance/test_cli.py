"""``grenzeloos governance bodies|body|seat|decide|vote|close|record``: a steering group adopts
a canvas revision from the command line; errors are one line and exit 1."""

from __future__ import annotations

import json

import pytest

from grenzeloos.cli import main


def run(capsys, *args):
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.django_db
def test_a_body_decides_from_the_command_line(capsys, people):
    cid = people["collaboration"].pk
    code, out, err = run(
        capsys,
        "governance",
        "body",
        "Stuurgroep",
        "--collaboration",
        cid,
        "--kind",
        "steering_group",
    )
    assert (code, err) == (0, "")
    body = int(out)
    for name in ("olga", "eddy"):
        assert run(capsys, "governance", "seat", body, name.title(), "--user", name)[0] == 0
    code, out, _ = run(
        capsys, "governance", "decide", body, "Canvas vaststellen", "--adopt-revision", 1
    )
    decision = int(out)
    assert run(capsys, "governance", "vote", decision, "for", "--as", "eddy")[1] == "eddy: for\n"
    code, out, err = run(capsys, "governance", "vote", decision, "for", "--as", "sam")
    assert code == 1 and out == "" and err.startswith("grenzeloos: error:") and err[-1] == "\n"
    code, out, _ = run(capsys, "governance", "close", decision, "--reasoning", "Akkoord.")
    assert (code, out) == (0, "adopted: for 1, against 0, abstained 0 (1 of 1 needed)\n")
    code, out, _ = run(capsys, "governance", "bodies", "--collaboration", cid, "--json")
    assert [seat["user"] for seat in json.loads(out)[0]["seats"]] == ["eddy", "olga"]
    code, out, _ = run(
        capsys, "governance", "record", "--collaboration", cid, "--kind", "decisions", "--csv"
    )
    lines = out.splitlines()
    assert lines[0] == "time,person,action,target,data"
    assert lines[1].split(",")[2] == "governance.decided"
    code, _out, err = run(capsys, "governance", "body", "X", "--collaboration", cid, "--kind", "x")
    assert code == 1 and "kind" in err
