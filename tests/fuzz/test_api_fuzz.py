"""Schemathesis against the committed OpenAPI document: every operation, then create → read →
update along the document's links, signed in as the owner of a collaboration (so the paths point
at objects the account may use). Zero server errors, no request near a hang, nothing written by
a refused request, and every answer as the document says: a documented status code, a
documented content type and a body that fits the documented schema (schemathesis's
conformance checks).

``GRENZELOOS_FUZZ_EXAMPLES`` sets the examples per operation (``make fuzz`` raises it), and
``GRENZELOOS_FUZZ_COVERAGE=1`` (``make fuzz``) adds schemathesis's coverage phase: boundary and
wrong-type values for every parameter and body field, a few thousand requests more. Without it
(``make test``) the run stays bounded: the documents' examples and a few generated cases each.
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
from schemathesis import checks

from grenzeloos.audit.models import AuditEvent
from grenzeloos.canvas.models import Revision
from grenzeloos.collaborations.models import Collaboration, Membership
from grenzeloos.legal.models import LegalAssessment
from tests.fuzz.figures import FIGURES

OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
EXAMPLES = int(os.environ.get("GRENZELOOS_FUZZ_EXAMPLES", "5"))
STEPS = int(os.environ.get("GRENZELOOS_FUZZ_STEPS", "6"))
HANG = 15.0  # seconds: a hang, not a slow PDF on a loaded two-core test machine
#: What every answer must satisfy besides the checks of this module.
CONFORMANCE = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]

schema = schemathesis.openapi.from_path(OPENAPI)
if os.environ.get("GRENZELOOS_FUZZ_COVERAGE") != "1":
    schema.config.phases.update(phases=["examples", "fuzzing", "stateful"])
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
    """The owner's credentials and the objects the path parameters should point at."""
    from grenzeloos.accounts import services as account_services
    from grenzeloos.legal import services as legal_services
    from tests.ledger.factories import (
        CommitmentFactory,
        ContactPersonFactory,
        ContributionFactory,
        OrganisationFactory,
        PartnerFactory,
    )

    owner = people["owner"]
    owner.set_password("fuzz-pass-1234")
    owner.save()
    collaboration = people["collaboration"]
    assessment = legal_services.create_assessment(
        actor=owner, collaboration=collaboration, title="fuzz"
    )
    organisation = OrganisationFactory(created_by=owner)
    partner = PartnerFactory(collaboration=collaboration, organisation=organisation)
    token, _secret = account_services.create_token(actor=owner, name="fuzz")
    credentials = base64.b64encode(f"{owner.username}:fuzz-pass-1234".encode()).decode()
    return {
        "headers": {"Authorization": f"Basic {credentials}"},
        # Paths as the document has them: relative to its server, /api/v1.
        "/collaborations": collaboration.pk,
        "/assessments": assessment.pk,
        "/organisations": organisation.pk,
        "/contacts": ContactPersonFactory(organisation=organisation).pk,
        "/account/tokens": token.pk,
        "commitments": CommitmentFactory(partner=partner).pk,
        "contributions": ContributionFactory(partner=partner).pk,
        "username": people["viewer"].username,
    }


def _aim(case, world) -> None:
    """Point the path parameters at objects that exist (the generated ones stay elsewhere)."""
    parameters = case.path_parameters or {}
    if "id" in parameters:
        prefix = next((p for p in world if p.startswith("/") and case.path.startswith(p)), None)
        if prefix is not None:
            parameters["id"] = world[prefix]
    if "item" in parameters:
        parameters["item"] = world[
            "commitments" if "/commitments/" in case.path else "contributions"
        ]
    if "username" in parameters:
        parameters["username"] = world["username"]
    if "number" in parameters:
        parameters["number"] = 1


def _send(case, world):
    """Send a case as the owner, aimed at objects that exist, and check the contract."""
    _aim(case, world)
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
    case.validate_response(response, checks=CONFORMANCE)
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
            case.validate_response(response, checks=CONFORMANCE)

    Workflow.TestCase.settings = hypothesis_settings(
        FUZZ_SETTINGS, max_examples=max(EXAMPLES // 2, 3), stateful_step_count=STEPS
    )
    Workflow.TestCase().runTest()
