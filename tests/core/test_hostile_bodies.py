"""Bodies that used to crash: JSON nested 100,000 levels deep, oversized API bodies; and what
the health check and the secret-key file give away."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from grenzeloos.cli import main
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core import jsonio
from grenzeloos.core import views as core_views
from grenzeloos.core.errors import InvalidInput

DEEP = "[" * 100_000 + "]" * 100_000
DEEP_OBJECT = '{"a":' * 100_000 + "1" + "}" * 100_000
PROBLEM = "application/problem+json"


def _api_client(client, user):
    client.force_login(user)
    return client


def test_loads_refuses_deep_nesting_with_one_sentence():
    for text in (DEEP, DEEP_OBJECT, "[" * 65 + "]" * 65):
        with pytest.raises(jsonio.JSONInputError, match="nested more than 64 levels"):
            jsonio.loads(text)
    assert jsonio.loads("[" * 64 + "]" * 64) is not None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1e-400", "1e-400 is too close to zero to be read"),
        ("-2.5E-999", "-2.5E-999 is too close to zero to be read"),
        ("1e400", "1e400 is too large a number"),
        ("-1e400", "-1e400 is too large a number"),
        ("9" * 50, "is too large a number"),
    ],
)
def test_loads_refuses_numbers_it_cannot_read_as_written_naming_the_field(text, message):
    """Python reads 1e-400 as 0 and 1e400 as infinity: both are refused, the field named."""
    with pytest.raises(InvalidInput) as raised:
        jsonio.loads(f'{{"partners": [{{"amount": {text}}}]}}')
    [(path, reason)] = raised.value.problems
    assert path == "partners[0].amount"
    assert message in reason


def test_loads_keeps_zero_and_small_numbers_as_written():
    assert jsonio.loads("[0, 0.0, -0.0, 0e5, 0.000e-999, 1.5e-3, 1e-300]") == [
        0,
        0.0,
        -0.0,
        0.0,
        0.0,
        0.0015,
        1e-300,
    ]


def test_loads_names_line_and_column_of_a_syntax_error():
    with pytest.raises(jsonio.JSONInputError, match="line 2, column 1"):
        jsonio.loads('{"a": 1,\n}')
    with pytest.raises(jsonio.JSONInputError, match="UTF-8"):
        jsonio.loads(b"\xff\xfe{")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=3),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=2), children, max_size=3),
    max_leaves=20,
)


def _recursive_depth(value):
    if isinstance(value, dict):
        return 1 + max((_recursive_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_recursive_depth(v) for v in value), default=0)
    return 0


@given(json_values)
def test_depth_without_recursion_agrees_with_the_recursive_definition(value):
    assert jsonio.depth(value) == _recursive_depth(value)
    limit = max(_recursive_depth(value) - 1, 0)
    assert jsonio.depth(value, limit=limit) == min(_recursive_depth(value), limit + 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/api/v1/collaborations"),
        ("put", "/api/v1/collaborations/{pk}/canvas"),
        ("post", "/api/v1/legal/assess"),
        ("post", "/api/v1/legal/report?format=md"),
        ("post", "/api/v1/collaborations/{pk}/assessments"),
    ],
)
@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT])
def test_api_answers_400_problem_for_deep_json(client, people, method, url, body):
    api = _api_client(client, people["owner"])
    path = url.format(pk=people["collaboration"].pk)
    response = getattr(api, method)(
        path, data=body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert "nested more than 64 levels" in response.json()["detail"]


@pytest.mark.django_db
def test_web_import_of_deep_json_is_a_clear_error(client, people):
    client.force_login(people["owner"])
    before = Collaboration.objects.count()
    response = client.post(
        reverse("canvas:import"), {"file": SimpleUploadedFile("deep.json", DEEP.encode())}
    )
    assert response.status_code == 422
    assert "64" in response.content.decode()
    assert Collaboration.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("command", [["canvas", "import"], ["legal", "assess"]])
def test_cli_exits_1_with_one_line_for_deep_json(capsys, tmp_path, command):
    path = tmp_path / "deep.json"
    path.write_text(DEEP_OBJECT)
    code = main([*command, str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.count("\n") == 1 and "nested more than 64 levels" in err and str(path) in err
    assert "Traceback" not in err and "RecursionError" not in err


@pytest.mark.django_db
def test_oversized_api_body_is_problem_json(client, people, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    api = _api_client(client, people["owner"])
    body = '{"schema": "grenzeloos.canvas/1", "subject": "' + "x" * 2000 + '"}'
    response = api.post("/api/v1/collaborations", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM
    assert "1000 bytes" in response.json()["detail"]


@pytest.mark.django_db
def test_healthz_hides_database_errors_from_anonymous_callers(client, monkeypatch, people):
    def broken() -> None:
        raise RuntimeError("could not connect to server at db.internal as user secret")

    monkeypatch.setattr(core_views, "ping_database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
    assert "db.internal" not in response.content.decode()
    people["owner"].is_staff = True
    people["owner"].save()
    client.force_login(people["owner"])
    assert "db.internal" in client.get("/healthz").json()["database"]


def test_generated_secret_key_file_is_owner_only_from_the_start(tmp_path):
    """A fresh data dir: the key file is created with mode 0600 under a permissive umask."""
    code = (
        "import os; os.umask(0o000); import django; django.setup(); "
        "from django.conf import settings; print(len(settings.SECRET_KEY))"
    )
    env = {
        **os.environ,
        "GRENZELOOS_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "grenzeloos.settings",
    }
    env.pop("GRENZELOOS_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert int(result.stdout) >= 50
    mode = stat.S_IMODE(Path(tmp_path, "secret_key").stat().st_mode)
    assert mode == 0o600
    source = Path(__file__).resolve().parents[2] / "src" / "grenzeloos" / "settings.py"
    assert "os.O_EXCL" in source.read_text() and "0o600" in source.read_text()
