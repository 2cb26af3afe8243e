"""Schemathesis against the committed OpenAPI document: every operation, then create → read →
update along the document's links. Zero server errors, no request near a hang, and nothing
written by a refused request.

``GRENZELOOS_FUZZ_EXAMPLES`` sets the examples per operation (``make fuzz`` raises it).
"""

from __future__ import annotations

import base64
import os
import time
from pathlib import Path

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings

from grenzeloos.audit.models import AuditEvent
from grenzeloos.canvas.models import Revision
from grenzeloos.collaborations.models import Collaboration, Membership
from grenzeloos.legal.models import LegalAssessment
from tests.fuzz.figures import FIGURES

OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
EXAMPLES = int(os.environ.get("GRENZELOOS_FUZZ_EXAMPLES", "5"))
STEPS = int(os.environ.get("GRENZELOOS_FUZZ_STEPS", "6"))
HANG = 15.0  # seconds: a hang, not a slow PDF on a loaded two-core test machine

schema = schemathesis.openapi.from_path(OPENAPI)
APP = WSGIHandler()
FUZZ_SETTINGS = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)


def _stored() -> tuple[int, ...]:
    """What the store holds, to prove a refused request wrote nothing."""
    return (
        Collaboration.objects.count(),
        Membership.objects.count(),
        Revision.objects.count(),
        LegalAssessment.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Like Django's test client: the request cycle must not close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_world(db, people):
    """The owner's credentials and the ids the path parameters should point at."""
    from grenzeloos.legal import services as legal_services

    owner = people["owner"]
    owner.set_password("fuzz-pass-1234")
    owner.save()
    assessment = legal_services.create_assessment(
        actor=owner, collaboration=people["collaboration"], title="fuzz"
    )
    token = base64.b64encode(f"{owner.username}:fuzz-pass-1234".encode()).decode()
    return {
        "headers": {"Authorization": f"Basic {token}"},
        "collaboration": people["collaboration"].pk,
        "assessment": assessment.pk,
    }


def _send(case, world):
    """Send a case as the owner, aimed at objects that exist, and check the contract."""
    if "id" in (case.path_parameters or {}):
        kind = "assessment" if case.path.startswith("/api/v1/assessments") else "collaboration"
        case.path_parameters["id"] = world[kind]
    before = _stored()
    started = time.perf_counter()
    response = case.call(app=APP, headers=world["headers"])
    elapsed = time.perf_counter() - started
    FIGURES.record(f"{case.method} {case.path}", response.status_code, elapsed)
    request = f"{case.method} {case.formatted_path}"
    assert (
        response.status_code < 500
    ), f"{request}: {response.status_code}\n{case.as_curl_command()}"
    assert elapsed < HANG, f"{request}: {elapsed:.2f} s"
    if response.status_code >= 400:
        headers = {key.lower(): value for key, value in response.headers.items()}
        content_type = headers.get("content-type", [""])[0]
        assert content_type.startswith("application/problem+json"), (request, headers)
        assert _stored() == before, f"{request} was refused ({response.status_code}) but wrote"
    return response


@schema.parametrize()
@FUZZ_SETTINGS
def test_every_operation(case, fuzz_world):
    _send(case, fuzz_world)


APIWorkflow = schema.as_state_machine()


@pytest.mark.django_db(transaction=True)
def test_create_read_update_along_the_links(make_user):
    owner = make_user("stateful")
    owner.set_password("fuzz-pass-1234")
    owner.save()
    token = base64.b64encode(b"stateful:fuzz-pass-1234").decode()
    world = {"headers": {"Authorization": f"Basic {token}"}}

    class Workflow(APIWorkflow):  # type: ignore[misc,valid-type]
        def call(self, case, **kwargs):
            before = _stored()
            started = time.perf_counter()
            response = case.call(app=APP, headers=world["headers"])
            elapsed = time.perf_counter() - started
            FIGURES.record(f"{case.method} {case.path}", response.status_code, elapsed)
            request = f"{case.method} {case.formatted_path}"
            assert response.status_code < 500, f"{request}\n{case.as_curl_command()}"
            assert elapsed < HANG, f"{request}: {elapsed:.2f} s"
            if response.status_code >= 400:
                assert _stored() == before, f"{request} was refused but wrote"
            return response

        def validate_response(self, response, case, **kwargs):
            return None

    Workflow.TestCase.settings = hypothesis_settings(
        FUZZ_SETTINGS, max_examples=max(EXAMPLES // 2, 3), stateful_step_count=STEPS
    )
    Workflow.TestCase().runTest()
