"""Every route × every kind of visitor has a declared answer, generated from the URL patterns.

A new route without an entry in ``EXPECTED`` fails ``test_every_route_has_a_declared_expectation``
so nobody adds a page or endpoint without deciding who may use it. Visitors: the owner, an
editor and a viewer of the collaboration, a member of *another* collaboration, staff (as
``user add --staff`` makes them: no superuser) without membership, and anonymous. Staff
without membership get 404 like strangers.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from grenzeloos.canvas import services as canvas_services
from grenzeloos.cases import services as case_services
from grenzeloos.collaborations import services as collaboration_services
from grenzeloos.collaborations.models import Membership, Role
from grenzeloos.governance import services as governance_services
from grenzeloos.legal import services as legal_services
from grenzeloos.processes import challenges as challenge_services
from grenzeloos.processes import services as process_services
from grenzeloos.workshop import services as workshop_services
from tests.accounts.factories import UserFactory
from tests.canvas.factories import CanvasFactory, load_fixture
from tests.legal.conftest import example_answers

ROLES = ("owner", "editor", "reviewer", "commenter", "viewer", "other", "staff", "anonymous")
#: A reviewer and a commenter read what a viewer reads and edit nothing a viewer cannot: a row
#: that names neither answers them as it answers the viewer (see ``_as_viewer``); a row names
#: them where they differ, such as a reviewer signing off a legal assessment.
READERS_BEYOND_VIEWER = ("reviewer", "commenter")
#: Routes that are no page or endpoint of this product (Django's own admin is tested apart).
IGNORED_NAMESPACES = {"admin"}

# Shorthands: the same answer for the roles of a collaboration page.
WEB_READ = {
    "owner": 200,
    "editor": 200,
    "viewer": 200,
    "other": 404,
    "staff": 404,
    "anonymous": 302,
}
WEB_EDIT_GET = {**WEB_READ, "viewer": 403}
# Anonymous API callers are asked to authenticate (401).
API_READ = {
    "owner": 200,
    "editor": 200,
    "viewer": 200,
    "other": 404,
    "staff": 404,
    "anonymous": 401,
}
PUBLIC = dict.fromkeys(ROLES, 200)
LEDGER_POST_ONLY = {**dict.fromkeys(ROLES, 405), "anonymous": 302}
LEDGER_WRITE_GET = {**WEB_READ, "owner": 405, "editor": 405, "viewer": 403}
API_POST_ONLY = {**dict.fromkeys(ROLES, 405), "anonymous": 401}
SIGNED_IN = {**PUBLIC, "anonymous": 302}
API_SIGNED_IN = {**PUBLIC, "anonymous": 401}

# The meeting place's statement in the world: seen by its organisation's person (the owner)
# and by the invited organisation's person (the editor) only.
MEET_WEB = {**dict.fromkeys(ROLES, 404), "owner": 200, "editor": 200, "anonymous": 302}
MEET_API = {**MEET_WEB, "anonymous": 401}
WEB_POST_ONLY = {**dict.fromkeys(ROLES, 405), "anonymous": 302}


def _only(statuses: dict[str, int]) -> dict[str, int]:
    """The statuses of the visitors this matrix has (a role named for a visitor it lacks is
    left out)."""
    return {role: status for role, status in statuses.items() if role in ROLES}


# Governance: GET on a route that only posts, by the action its view checks first.
GOV_POST_ONLY = _only(
    {**WEB_READ, "owner": 405, "editor": 405, "viewer": 405, "commenter": 405, "reviewer": 405}
)
GOV_MANAGE_GET = _only(
    {**WEB_READ, "owner": 405, "editor": 403, "viewer": 403, "commenter": 403, "reviewer": 403}
)
GOV_COMMENT_GET = _only(
    {**WEB_READ, "owner": 405, "editor": 405, "viewer": 403, "commenter": 405, "reviewer": 405}
)
#: Only the owner and the members with a seat (the editor): the others are members without.
GOV_SEATED = _only({**WEB_READ, "viewer": 403, "commenter": 403, "reviewer": 403})

#: A challenge's submission file: read by the owner and the sender (the viewer) only.
CHALLENGE_FILE = {
    **WEB_READ,
    "editor": 404,
    "reviewer": 404,
    "commenter": 404,
}
CHALLENGE_FILE_API = {**CHALLENGE_FILE, "anonymous": 401}

#: route name → list of (method, data, {role: status}).
EXPECTED: dict[str, list[tuple[str, Any, dict[str, int]]]] = {
    "healthz": [("get", None, PUBLIC)],
    "set_language": [("post", {"language": "en"}, dict.fromkeys(ROLES, 302))],
    "openapi": [("get", None, PUBLIC)],
    # Metrics are off unless a token or an address list is set: not found for everybody.
    "metrics": [("get", None, dict.fromkeys(ROLES, 404))],
    "accounts:login": [("get", None, PUBLIC)],
    # Signing in through an OpenID provider: not there unless one is configured.
    "oidc_authentication_init": [("get", None, dict.fromkeys(ROLES, 404))],
    "oidc_authentication_callback": [("get", None, dict.fromkeys(ROLES, 404))],
    "accounts:logout": [("post", None, dict.fromkeys(ROLES, 302))],
    # Personal API tokens: everyone signed in manages their own; nobody reaches another's (404).
    "accounts:tokens": [("get", None, SIGNED_IN)],
    "accounts:token_revoke": [("post", None, {**dict.fromkeys(ROLES, 404), "anonymous": 302})],
    "api-accounts:tokens": [("get", None, API_SIGNED_IN)],
    # A person's own profile: everyone signed in reads and changes only their own.
    "accounts:profile": [("get", None, SIGNED_IN)],
    "api-accounts:me": [("get", None, API_SIGNED_IN)],
    # A person's own notices and choice of e-mails: everyone signed in, their own only.
    "accounts:notices": [("get", None, SIGNED_IN), ("post", {}, {**dict.fromkeys(ROLES, 302)})],
    "accounts:notice_preference": [
        ("get", None, {**dict.fromkeys(ROLES, 405), "anonymous": 302}),
        ("post", {"notices-language": "en"}, dict.fromkeys(ROLES, 302)),
    ],
    "api-accounts:notices": [("get", None, API_SIGNED_IN)],
    "api-accounts:notices-read": [
        ("get", None, {**dict.fromkeys(ROLES, 405), "anonymous": 401}),
        ("post", {}, API_SIGNED_IN),
    ],
    "api-accounts:notices-preference": [("get", None, API_SIGNED_IN)],
    "api-accounts:me-email": [("get", None, {**dict.fromkeys(ROLES, 405), "anonymous": 401})],
    "api-accounts:me-email-confirm": [
        ("post", {"token": "no-such-link"}, {**dict.fromkeys(ROLES, 400), "anonymous": 401})
    ],
    # The link to confirm a new address: a page with a button (opening it changes nothing);
    # confirming with a link that is no one's is refused.
    "accounts:email_confirm": [
        ("get", None, SIGNED_IN),
        ("post", None, {**dict.fromkeys(ROLES, 400), "anonymous": 302}),
    ],
    # Choosing a new password through a reset link: no valid link here, so the page says so.
    "accounts:password_reset_confirm": [
        ("get", None, PUBLIC),
        ("post", {"new_password1": "x", "new_password2": "x"}, PUBLIC),
    ],
    "accounts:password_reset_complete": [("get", None, PUBLIC)],
    "api-accounts:token": [("delete", None, {**dict.fromkeys(ROLES, 404), "anonymous": 401})],
    # Canvas pages
    "canvas:list": [("get", None, SIGNED_IN)],
    # A visit to a form's target (reload, Back, a bookmark) goes to the form.
    "canvas:create": [("get", None, dict.fromkeys(ROLES, 302))],
    "canvas:import": [("get", None, dict.fromkeys(ROLES, 302))],
    # Example canvases: every signed-in person reads them and may copy one into their own.
    "canvas:examples": [("get", None, SIGNED_IN)],
    "canvas:example": [("get", None, SIGNED_IN)],
    "canvas:example_copy": [
        ("get", None, dict.fromkeys(ROLES, 302)),
        ("post", None, dict.fromkeys(ROLES, 302)),
    ],
    "canvas:detail": [("get", None, WEB_READ)],
    "canvas:box": [("get", None, {**WEB_READ, "owner": 302, "editor": 302, "viewer": 302})],
    "canvas:field": [
        ("get", None, WEB_EDIT_GET),
        (
            "post",
            {"value": "Nieuwe droom", "base_revision": 1},
            {**WEB_EDIT_GET, "owner": 302, "editor": 302},
        ),
    ],
    "canvas:partner_add": [("get", None, WEB_EDIT_GET)],
    "canvas:partner_edit": [("get", None, WEB_EDIT_GET)],
    "canvas:partner_remove": [
        ("get", None, {**WEB_READ, "owner": 302, "editor": 302, "viewer": 302})
    ],
    "canvas:history": [("get", None, WEB_READ)],
    "canvas:diff": [("get", None, WEB_READ)],
    "canvas:revision": [("get", None, WEB_READ)],
    "canvas:restore": [
        # A visit asks first (200); who may not restore is taken to the revision (302).
        ("get", None, {**WEB_READ, "owner": 200, "editor": 200, "viewer": 302}),
        # Without confirm=1 the page asks first (200); with it the revision is restored.
        ("post", None, {**WEB_READ, "owner": 200, "editor": 200, "viewer": 403}),
        ("post", {"confirm": "1"}, {**WEB_READ, "owner": 302, "editor": 302, "viewer": 403}),
    ],
    "canvas:export": [("get", None, WEB_READ)],
    "canvas:export_choice": [("get", None, WEB_READ)],
    "canvas:revision_export": [("get", None, WEB_READ)],
    # Members
    "collaborations:members": [
        ("get", None, WEB_READ),
        (
            "post",
            {"action": "add", "username": "nina", "role": "viewer"},
            {**WEB_READ, "owner": 302, "editor": 403, "viewer": 403},
        ),
        (
            "post",
            {"action": "invite", "email": "nieuw@example.org", "role": "viewer"},
            {**WEB_READ, "owner": 302, "editor": 403, "viewer": 403},
        ),
    ],
    # Account suggestions and invitations: owners only (names and addresses of people).
    "collaborations:member_search": [
        ("get", None, {**WEB_READ, "editor": 403, "viewer": 403}),
    ],
    # An invitation link opens for anyone; an unknown token is a clear page (404) for everyone.
    "collaborations:invitation": [
        ("get", None, dict.fromkeys(ROLES, 404)),
        ("post", {"username": "x"}, dict.fromkeys(ROLES, 404)),
    ],
    "collaborations:details": [
        ("get", None, WEB_READ),
        (
            "post",
            {"description": "Samen de wijk", "status": "active"},
            {**WEB_READ, "owner": 302, "editor": 302, "viewer": 403},
        ),
    ],
    "api-collaborations:members": [("get", None, API_READ)],
    "api-collaborations:invitations": [
        ("get", None, {**API_READ, "editor": 403, "viewer": 403}),
        (
            "post",
            {"email": "nieuw@example.org", "role": "viewer"},
            {**API_READ, "owner": 201, "editor": 403, "viewer": 403},
        ),
    ],
    "api-collaborations:invitation": [
        ("delete", None, {**API_READ, "owner": 204, "editor": 403, "viewer": 403}),
    ],
    "api-collaborations:member": [
        ("put", {"role": "viewer"}, {**API_READ, "editor": 403, "viewer": 403}),
        ("delete", None, {**API_READ, "owner": 204, "editor": 403, "viewer": 403}),
    ],
    # Canvas API
    "api-canvas:collaborations": [("get", None, API_SIGNED_IN)],
    "api-canvas:collaboration": [
        ("get", None, API_READ),
        ("patch", {"status": "active"}, {**API_READ, "viewer": 403}),
    ],
    "api-canvas:canvas": [
        ("get", None, API_READ),
        # A PUT without If-Match is refused with 428 (precondition required) for those who may.
        ("put", "canvas", {**API_READ, "owner": 428, "editor": 428, "viewer": 403}),
    ],
    "api-canvas:revisions": [("get", None, API_READ)],
    "api-canvas:restore": [
        ("post", None, {**API_READ, "owner": 201, "editor": 201, "viewer": 403})
    ],
    "api-canvas:diff": [("get", None, API_READ)],
    "api-canvas:export": [("get", None, API_READ)],
    "api-canvas:canvas-schema": [("get", None, API_SIGNED_IN)],
    "api-canvas:examples": [("get", None, API_SIGNED_IN)],
    "api-canvas:example": [("get", None, API_SIGNED_IN)],
    "api-canvas:example-copy": [("post", None, {**dict.fromkeys(ROLES, 201), "anonymous": 401})],
    # Guidance API
    "api-guidance:advice": [("get", None, API_READ)],
    "api-guidance:pitch": [("get", None, API_READ)],
    "api-guidance:check-schema": [("get", None, API_SIGNED_IN)],
    # Case library: not tied to a collaboration; every signed-in person reads the library.
    "cases:list": [("get", None, SIGNED_IN)],
    "cases:compare": [("get", None, dict.fromkeys(ROLES, 302))],  # nothing chosen: to the list
    "cases:new": [("get", None, SIGNED_IN)],
    "cases:detail": [("get", None, SIGNED_IN)],
    "cases:example": [("get", None, SIGNED_IN)],
    "cases:publish": [
        ("post", {"published": "1"}, {**dict.fromkeys(ROLES, 403), "anonymous": 302}),
    ],
    "cases:similar": [("get", None, WEB_READ)],
    "api-cases:cases": [("get", None, API_SIGNED_IN)],
    "api-cases:case": [("get", None, API_SIGNED_IN)],
    "api-cases:case-schema": [("get", None, API_SIGNED_IN)],
    "api-cases:visibility": [
        ("post", {"published": True}, {**dict.fromkeys(ROLES, 403), "anonymous": 401}),
    ],
    "api-cases:similar-cases": [("get", None, API_READ)],
    # Partners ledger. Organisations and contacts are shared by all signed-in people; GET on a
    # form's POST target answers 405 to those who may write and 403/404 to others.
    "organisations:organisations": [("get", None, SIGNED_IN)],
    "organisations:organisation": [("get", None, {**dict.fromkeys(ROLES, 404), "anonymous": 302})],
    "organisations:contact_add": [("get", None, LEDGER_POST_ONLY)],
    "organisations:contact_export": [("get", None, LEDGER_POST_ONLY)],
    "organisations:contact_erase": [("get", None, LEDGER_POST_ONLY)],
    "ledger:link_refuse": [("get", None, LEDGER_POST_ONLY)],
    "ledger:ledger": [("get", None, WEB_READ)],
    "ledger:settings": [("get", None, LEDGER_WRITE_GET)],
    "ledger:partner": [("get", None, LEDGER_WRITE_GET)],
    "ledger:commitment_add": [("get", None, LEDGER_WRITE_GET)],
    "ledger:commitment_delete": [("get", None, LEDGER_WRITE_GET)],
    "ledger:take_over": [("get", None, LEDGER_WRITE_GET)],
    "ledger:contributions_add": [("get", None, LEDGER_WRITE_GET)],
    "ledger:import": [("get", None, LEDGER_WRITE_GET)],
    "ledger:contribution_delete": [("get", None, LEDGER_WRITE_GET)],
    "ledger:export": [("get", None, WEB_READ)],
    "ledger:report": [("get", None, WEB_READ)],
    "ledger:report_download": [("get", None, WEB_READ)],
    "api-organisations:organisations": [("get", None, API_SIGNED_IN)],
    "api-organisations:organisation": [
        ("get", None, {**dict.fromkeys(ROLES, 404), "anonymous": 401})
    ],
    "api-ledger:ledger": [("get", None, API_READ)],
    "api-ledger:commitments": [("get", None, API_READ)],
    "api-ledger:contributions": [("get", None, API_READ)],
    "api-ledger:report-file": [("get", None, API_READ)],
    "api-ledger:contributions-export": [("get", None, API_READ)],
    "api-ledger:report": [("get", None, API_READ)],
    "api-organisations:contacts": [("get", None, API_POST_ONLY)],
    "api-organisations:contact-export": [("get", None, API_POST_ONLY)],
    "api-organisations:contact-erase": [("get", None, API_POST_ONLY)],
    # Organisations, contact persons and links by role: tests/ledger/test_permissions.py.
    "api-ledger:links": [("get", None, {**dict.fromkeys(ROLES, 404), "anonymous": 401})],
    "api-ledger:link-refuse": [("get", None, API_POST_ONLY)],
    "api-ledger:partners": [("get", None, API_POST_ONLY)],
    "api-ledger:commitments-take-over": [("get", None, API_POST_ONLY)],
    "api-ledger:commitment": [("get", None, API_POST_ONLY)],
    "api-ledger:contributions-import": [("get", None, API_POST_ONLY)],
    "api-ledger:contribution": [("get", None, API_POST_ONLY)],
    # Legal: stand-alone check (no collaboration involved)
    "legal:check_start": [("get", None, SIGNED_IN)],
    "legal:check_reset": [("post", None, {**dict.fromkeys(ROLES, 302)})],
    "legal:check_question": [("get", None, SIGNED_IN)],
    "legal:check_summary": [("get", None, SIGNED_IN)],
    "legal:check_beneficiary_add": [("get", None, SIGNED_IN)],
    # Nobody has a beneficiary 1 in a fresh session: 404 once signed in.
    "legal:check_beneficiary": [("get", None, {**dict.fromkeys(ROLES, 404), "anonymous": 302})],
    "legal:check_beneficiary_remove": [
        ("post", None, {**dict.fromkeys(ROLES, 404), "anonymous": 302})
    ],
    "legal:check_outcome": [("get", None, SIGNED_IN)],
    "legal:check_policy": [("get", None, SIGNED_IN)],
    "legal:check_report": [("get", None, {**dict.fromkeys(ROLES, 404), "anonymous": 302})],
    "api-legal:assess": [("post", "answers", API_SIGNED_IN)],
    "api-legal:report": [("post", "answers", API_SIGNED_IN)],
    "api-legal:answers-schema": [("get", None, API_SIGNED_IN)],
    "api-legal:outcome-schema": [("get", None, API_SIGNED_IN)],
    # Legal: assessments on a collaboration
    "legal:collaboration": [("get", None, WEB_READ)],
    "legal:new": [("get", None, WEB_EDIT_GET)],
    "legal:detail": [("get", None, WEB_READ)],
    "legal:start": [("get", None, {**WEB_READ, "owner": 302, "editor": 302, "viewer": 302})],
    "legal:question": [("get", None, {**WEB_READ, "viewer": 302})],
    "legal:summary": [("get", None, WEB_READ)],
    # A viewer is sent back to the assessment; the example answers list no beneficiary 1.
    "legal:beneficiary_add": [("get", None, {**WEB_READ, "viewer": 302})],
    "legal:beneficiary": [("get", None, {**WEB_READ, "owner": 404, "editor": 404, "viewer": 302})],
    "legal:beneficiary_remove": [
        ("post", None, {**WEB_READ, "owner": 404, "editor": 404, "viewer": 403})
    ],
    # The owner started the assessment, so only the editor may sign it off (four eyes).
    "legal:sign_off": [
        ("post", None, {**WEB_READ, "owner": 302, "editor": 302, "reviewer": 302, "viewer": 403})
    ],
    "legal:reopen": [("post", None, {**WEB_READ, "owner": 302, "editor": 302, "viewer": 403})],
    "legal:report": [("get", None, WEB_READ)],
    "legal:partners": [("post", None, {**WEB_READ, "owner": 302, "editor": 302, "viewer": 403})],
    "api-legal:partners-from-canvas": [("get", None, API_POST_ONLY)],
    "api-legal:assessments": [("get", None, API_READ)],
    "api-legal:assessment": [("get", None, API_READ)],
    "api-legal:assessment-answers": [("put", "answers", {**API_READ, "viewer": 403})],
    # The editor may sign off, but a sign-off without the answers' version it approves is
    # refused (409); the version is tested in tests/legal/test_sign_off_version.py.
    "api-legal:sign-off": [
        (
            "post",
            {"remark": ""},
            {**API_READ, "owner": 403, "editor": 409, "reviewer": 409, "viewer": 403},
        )
    ],
    "api-legal:reopen": [("post", None, {**API_READ, "owner": 409, "editor": 409, "viewer": 403})],
    "api-legal:assessment-report": [("get", None, API_READ)],
    # Sending back is for those who may sign off; the owner wrote it (four eyes), and the
    # editor's empty comment is refused on the page.
    "legal:send_back": [
        ("post", None, {**WEB_READ, "owner": 302, "editor": 302, "reviewer": 302, "viewer": 403})
    ],
    "api-legal:send-back": [
        (
            "post",
            {"comment": "x"},
            {**API_READ, "owner": 403, "editor": 200, "reviewer": 200, "viewer": 403},
        )
    ],
    # A reason: the owner (an author already) saves it; whoever could still sign off is
    # warned first (409) that it makes them an author.
    "legal:reason": [("get", None, {**WEB_READ, "reviewer": 200, "viewer": 403})],
    # The organisation's own bands: editors fill them in, others are sent to the assessment.
    "legal:policy": [("get", None, {**WEB_READ, "viewer": 302})],
    "api-legal:reason": [
        (
            "post",
            {"key": "on_date", "reason": "x"},
            {**API_READ, "owner": 200, "editor": 409, "reviewer": 409, "viewer": 403},
        )
    ],
    # Workshops (issue 22): members take part, owners and editors facilitate; a guest's own
    # answers are in tests/workshop/test_guest_matrix.py (a guest reads what anonymous reads).
    "workshop:list": [("get", None, WEB_READ)],
    "workshop:join": [("get", None, PUBLIC)],
    "workshop:join_code": [("get", None, PUBLIC)],
    "workshop:room": [("get", None, WEB_READ)],
    "workshop:projector": [("get", None, WEB_EDIT_GET)],
    "workshop:qr": [("get", None, {**WEB_READ, "anonymous": 404})],
    "workshop:summary": [("get", None, WEB_READ)],
    "workshop:run": [("post", None, {**WEB_EDIT_GET, "owner": 302, "editor": 302})],
    "workshop:cluster_add": [("post", None, {**WEB_EDIT_GET, "owner": 302, "editor": 302})],
    "workshop:note_cluster": [("post", None, {**WEB_EDIT_GET, "owner": 302, "editor": 302})],
    "workshop:adopt": [("post", None, {**WEB_EDIT_GET, "owner": 302, "editor": 302})],
    "workshop:note_add": [
        ("post", None, {**WEB_READ, "owner": 302, "editor": 302, "viewer": 302, "anonymous": 404})
    ],
    "workshop:dot": [
        ("post", None, {**WEB_READ, "owner": 302, "editor": 302, "viewer": 302, "anonymous": 404})
    ],
    "api-workshop:workshops": [("get", None, API_READ)],
    "api-workshop:workshop": [("get", None, API_READ)],
    "api-workshop:event": [("get", None, API_READ)],
    "api-workshop:run": [("post", {"action": "close"}, {**API_READ, "viewer": 403})],
    "api-workshop:notes": [
        (
            "post",
            {"key": "k", "text": "x"},
            {**API_READ, "owner": 201, "editor": 201, "viewer": 201},
        )
    ],
    "api-workshop:dots": [("post", None, {**API_READ, "owner": 201, "editor": 201, "viewer": 201})],
    "api-workshop:adopt": [("post", {}, {**API_READ, "owner": 400, "editor": 400, "viewer": 403})],
    # Governance. The world has a steering group with seats for the owner and the editor, an
    # open decision and a comment. Owners manage; members with a seat vote; commenters and up
    # comment; the record is for owners and the members of a body (the editor has a seat).
    "governance:governance": [("get", None, WEB_READ)],
    "governance:body_add": [("get", None, GOV_MANAGE_GET)],
    "governance:seat_add": [("get", None, GOV_MANAGE_GET)],
    "governance:propose": [("get", None, GOV_MANAGE_GET)],
    "governance:decision": [("get", None, WEB_READ)],
    "governance:decisions_export": [("get", None, WEB_READ)],
    "governance:vote": [
        ("get", None, GOV_POST_ONLY),
        ("post", {"choice": "for"}, _only({**GOV_SEATED, "owner": 302, "editor": 302})),
    ],
    "governance:close": [("get", None, GOV_MANAGE_GET)],
    "governance:comments": [
        ("get", None, WEB_READ),
        (
            "post",
            {"box": "dream", "text": "Wie schrijft dit?"},
            _only(
                {
                    **WEB_READ,
                    "owner": 302,
                    "editor": 302,
                    "viewer": 403,
                    "commenter": 302,
                    "reviewer": 302,
                }
            ),
        ),
    ],
    "governance:resolve": [("get", None, GOV_COMMENT_GET)],
    "governance:record": [("get", None, GOV_SEATED)],
    # Every member answers the pulse (an empty answer is refused: 400).
    "governance:pulse": [
        ("get", None, WEB_READ),
        (
            "post",
            {},
            _only(
                {
                    **WEB_READ,
                    "owner": 400,
                    "editor": 400,
                    "viewer": 400,
                    "commenter": 400,
                    "reviewer": 400,
                }
            ),
        ),
    ],
    "api-governance:pulse": [
        ("get", None, API_READ),
        ("post", {}, _only({**API_READ, "owner": 400, "editor": 400, "viewer": 400})),
    ],
    "governance:pulse_export": [("get", None, WEB_READ)],
    "api-governance:decisions-file": [("get", None, API_READ)],
    "api-governance:pulse-file": [("get", None, API_READ)],
    # The organisational form aid reads like the governance page.
    "governance:forms": [("get", None, WEB_READ)],
    "api-governance:forms": [("get", None, API_READ)],
    "api-governance:bodies": [("get", None, API_READ)],
    "api-governance:seats": [("get", None, API_POST_ONLY)],
    "api-governance:checks": [("get", None, API_READ)],
    "api-governance:decisions": [("get", None, API_READ)],
    "api-governance:decision": [("get", None, API_READ)],
    "api-governance:vote": [("get", None, API_POST_ONLY)],
    "api-governance:close": [("get", None, API_POST_ONLY)],
    "api-governance:comments": [("get", None, API_READ)],
    "api-governance:resolve": [("get", None, API_POST_ONLY)],
    "api-governance:record": [
        ("get", None, _only({**API_READ, "viewer": 403, "commenter": 403, "reviewer": 403}))
    ],
    # The meeting place: the world's statement is shared only with the editor's organisation
    # (the owner's organisation published it), so everyone else gets 404, members of the
    # collaboration included; the missing seats are a page of the collaboration.
    "meetingplace:statements": [("get", None, SIGNED_IN)],
    "meetingplace:statement": [("get", None, MEET_WEB)],
    "meetingplace:answer": [
        ("get", None, WEB_POST_ONLY),
        ("post", {}, {**MEET_WEB, "owner": 422, "editor": 422}),
    ],
    "meetingplace:compare": [
        ("get", None, WEB_POST_ONLY),
        ("post", {}, {**MEET_WEB, "owner": 422, "editor": 422}),
    ],
    # Nobody confirmed at the round table yet: the owner is told so on the page; the invited
    # editor speaks for another organisation and may not start it.
    "meetingplace:start": [
        ("get", None, WEB_POST_ONLY),
        ("post", None, {**MEET_WEB, "owner": 302, "editor": 403}),
    ],
    # Closing is posted by the owner only (tests/meetingplace/test_closing.py).
    "meetingplace:close": [("get", None, WEB_POST_ONLY)],
    # The digest's signed link needs no sign-in; the matrix's token is no signed one.
    "meetingplace:unsubscribe": [("get", None, dict.fromkeys(ROLES, 404))],
    "meetingplace:seats": [("get", None, WEB_READ)],
    "api-meetingplace:problems": [("get", None, API_SIGNED_IN)],
    "api-meetingplace:problem": [("get", None, MEET_API)],
    "api-meetingplace:answers": [("get", None, MEET_API)],
    "api-meetingplace:matches": [("get", None, MEET_API)],
    "api-meetingplace:start": [("post", None, {**MEET_API, "owner": 409, "editor": 403})],
    "api-meetingplace:comparison": [("get", None, API_POST_ONLY)],
    "api-meetingplace:close": [("get", None, API_POST_ONLY)],
    "api-meetingplace:missing-seats": [("get", None, API_READ)],
    # Processes: anyone in the collaboration reads; editors add and move items (a form with a
    # reason); owners copy and adapt templates. The templates themselves are for all signed in.
    "processes:index": [
        ("get", None, WEB_READ),
        (
            "post",
            {"template": "funnel-triumvirate"},
            {**WEB_READ, "owner": 302, "editor": 403, "viewer": 403},
        ),
    ],
    "processes:board": [
        ("get", None, WEB_READ),
        ("post", {"name": "Nieuw"}, {**WEB_READ, "owner": 302, "editor": 302, "viewer": 403}),
    ],
    "processes:funnel": [("get", None, WEB_READ)],
    "processes:item": [
        ("get", None, WEB_READ),
        ("post", "stop", {**WEB_READ, "owner": 302, "editor": 302, "viewer": 403}),
    ],
    # Turning a closed item into a case: owners only; the world's item is still open (409).
    "processes:item_case": [
        ("get", None, {**WEB_READ, "owner": 405, "editor": 405, "viewer": 405}),
        ("post", "case", {**WEB_READ, "owner": 409, "editor": 403, "viewer": 403}),
    ],
    # Challenges: members read and submit; editors put one out; the services keep the owner's,
    # the assessors' and the submitters' parts apart (tests/processes/test_challenge*.py).
    "processes:challenges": [
        ("get", None, WEB_READ),
        ("post", "call", {**WEB_READ, "owner": 302, "editor": 302, "viewer": 403}),
    ],
    # Vera (the viewer) is the contact person of the organisation the submission is sent for;
    # the others are refused on the page (422, saying who may send for it).
    "processes:challenge": [
        ("get", None, WEB_READ),
        (
            "post",
            "submission",
            {**WEB_READ, "owner": 422, "editor": 422, "reviewer": 422, "commenter": 422}
            | {"viewer": 302},
        ),
    ],
    # A submission's file: its sender (the viewer) and the challenge's owner read it; an
    # assessor without a conflict would too (tests/processes/test_challenge_submissions.py);
    # every other member gets 404, like an outsider.
    "processes:challenge_attachment": [("get", None, CHALLENGE_FILE)],
    # The ranking and decision as a file: nobody has scored in this world, so 409 for readers.
    "processes:challenge_export": [
        ("get", None, {**WEB_READ, "owner": 409, "editor": 409, "viewer": 409})
    ],
    "api-processes:challenges": [("get", None, API_READ)],
    "api-processes:challenge": [("get", None, API_READ)],
    "api-processes:challenge-scores": [("get", None, API_READ)],
    "api-processes:challenge-submissions": [
        ("get", None, API_READ),
        (
            "post",
            "submission",
            {**API_READ, "owner": 403, "editor": 403, "reviewer": 403, "commenter": 403}
            | {"viewer": 201},
        ),
    ],
    "api-processes:submission-attachments": [("get", None, CHALLENGE_FILE_API)],
    "api-processes:challenge-attachment": [("get", None, CHALLENGE_FILE_API)],
    # Nobody has scored in the matrix's world: the ranking is not shown yet (409).
    "api-processes:challenge-ranking": [
        ("get", None, {**API_READ, "owner": 409, "editor": 409, "viewer": 409})
    ],
    "api-processes:templates": [("get", None, API_SIGNED_IN)],
    "api-processes:processes": [
        ("get", None, API_READ),
        (
            "post",
            {"template": "funnel-triumvirate"},
            {**API_READ, "owner": 201, "editor": 403, "viewer": 403},
        ),
    ],
    # A PUT without a document is refused (400) for the owner, who may adapt.
    "api-processes:process": [
        ("get", None, API_READ),
        ("put", None, {**API_READ, "owner": 400, "editor": 403, "viewer": 403}),
    ],
    "api-processes:items": [
        ("get", None, API_READ),
        ("post", {"name": "Nieuw"}, {**API_READ, "owner": 201, "editor": 201, "viewer": 403}),
    ],
    "api-processes:funnel": [("get", None, API_READ)],
    "api-processes:item": [("get", None, API_READ)],
    "api-processes:moves": [
        ("post", "gate", {**API_READ, "owner": 201, "editor": 201, "viewer": 403}),
    ],
    "api-processes:close": [
        ("post", "stop", {**API_READ, "owner": 201, "editor": 201, "viewer": 403}),
    ],
    "api-processes:item-case": [
        ("post", "case", {**API_READ, "owner": 409, "editor": 403, "viewer": 403}),
    ],
}


def _as_viewer(expected: dict[str, list[tuple[str, Any, dict[str, int]]]]) -> None:
    """Give the reviewer and the commenter the viewer's answer wherever a row names neither."""
    for checks in expected.values():
        for _method, _data, statuses in checks:
            for role in READERS_BEYOND_VIEWER:
                statuses.setdefault(role, statuses["viewer"])


_as_viewer(EXPECTED)


def _routes() -> dict[str, str]:
    """Every named route of the product: name → pattern."""
    found: dict[str, str] = {}

    def walk(patterns: Any, prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in IGNORED_NAMESPACES:
                    continue
                inner = pattern.namespace or namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found[name] = prefix + str(pattern.pattern)

    walk(get_resolver().url_patterns, "", None)
    return found


def test_every_route_has_a_declared_expectation():
    routes = _routes()
    missing = sorted(set(routes) - set(EXPECTED))
    assert not missing, f"routes without a declared permission expectation: {missing}"
    stale = sorted(set(EXPECTED) - set(routes))
    assert not stale, f"expectations for routes that no longer exist: {stale}"
    for name, checks in EXPECTED.items():
        for _method, _data, statuses in checks:
            assert set(statuses) == set(ROLES), f"{name}: declare every role"


def _build_world() -> dict[str, Any]:
    """The people of tests/conftest.py's ``people`` fixture plus a member of another
    collaboration, staff, an assessment and a record of every capability the routes name."""
    people = {
        "owner": UserFactory(username="olga"),
        "editor": UserFactory(username="eddy"),
        "viewer": UserFactory(username="vera"),
        "stranger": UserFactory(username="sam"),
    }
    people["collaboration"] = CanvasFactory(
        owner=people["owner"],
        document=load_fixture("canvas-rich.json"),
        editors=[people["editor"]],
        viewers=[people["viewer"]],
    )
    answers = example_answers()

    def make_user(username: str, **extra: Any) -> Any:
        return UserFactory(username=username, **extra)

    other = make_user("otto")
    canvas_services.create_collaboration(actor=other, document=load_fixture("canvas-minimal.json"))
    make_user("nina")
    staff = make_user("beheer", is_staff=True)
    collaboration = people["collaboration"]
    reviewer, commenter = make_user("rita"), make_user("cees")
    Membership.objects.create(collaboration=collaboration, user=reviewer, role=Role.REVIEWER)
    Membership.objects.create(collaboration=collaboration, user=commenter, role=Role.COMMENTER)
    canvas_services.update_fields(
        actor=people["owner"], collaboration=collaboration, changes={"pitch": "x"}, base_revision=1
    )
    assessment = legal_services.create_assessment(
        actor=people["owner"], collaboration=collaboration, answers=answers
    )
    case_services.import_library(actor=None)
    steering = governance_services.create_body(
        actor=people["owner"],
        collaboration_id=collaboration.pk,
        name="Stuurgroep",
        kind="steering_group",
    )
    for person in ("owner", "editor"):
        governance_services.add_seat(
            actor=people["owner"], body_id=steering.pk, name=person, user=people[person]
        )
    decision = governance_services.propose(
        actor=people["owner"], body_id=steering.pk, title="Begroting"
    )
    comment = governance_services.add_comment(
        actor=people["editor"], collaboration_id=collaboration.pk, box="dream", text="Mooi."
    )
    process = process_services.copy_template(
        actor=people["owner"],
        collaboration_id=collaboration.pk,
        template_key="scaling-hop-step-jump",
    )
    process_item = process_services.add_item(
        actor=people["owner"], process_id=process.pk, name="Warmtepomp"
    )
    challenge = challenge_services.create_challenge(
        actor=people["owner"],
        collaboration_id=collaboration.pk,
        title="Volle afvalbakken",
        theme="Schone stad",
        problem="Bakken raken te vol.",
        budget=Decimal("20000"),
        deadline=dt.date(2099, 1, 1),
        owner_role="Probleemeigenaar",
        owner_hours=Decimal("40"),
        reserved_budget=Decimal("20000"),
    )
    invitation = collaboration_services.invite(
        actor=people["owner"],
        collaboration=collaboration,
        email="uitgenodigd@example.org",
        role="viewer",
    )
    workshop = workshop_services.start(
        actor=people["editor"],
        workshop_id=workshop_services.create_workshop(
            actor=people["editor"],
            collaboration_id=collaboration.pk,
            title="Start session",
            steps=[workshop_services.StepInput(box="dream")],
        ).pk,
    )
    note, _created = workshop_services.add_note(
        participant=workshop_services.join(actor=people["owner"], workshop_id=workshop.pk),
        key="matrix",
        text="A note",
    )
    return {
        "workshop": workshop,
        "note": note,
        "users": {
            "owner": people["owner"],
            "editor": people["editor"],
            "viewer": people["viewer"],
            "reviewer": reviewer,
            "commenter": commenter,
            "other": other,
            "staff": staff,
            "anonymous": None,
        },
        "collaboration": collaboration,
        "assessment": assessment,
        "answers": answers,
        "invitation": invitation,
        "governance": {"body": steering.pk, "decision": decision.pk, "comment": comment.pk},
        "process": process,
        "process_item": process_item,
        "challenge": challenge,
    }


@pytest.fixture
def world(permission_matrix_world: dict[str, Any], db: None) -> dict[str, Any]:
    """The world of ``_build_world``, made once per module (tests/conftest.py's
    ``permission_matrix_world``); each test runs in a savepoint of its own and gets its own
    copy of the records, so what it changes or adds is gone after it."""
    return copy.deepcopy(permission_matrix_world)


def _meeting_place(owner: Any, editor: Any) -> tuple[Any, Any]:
    """A statement of the owner's organisation shared only with the editor's, and its answer."""
    from grenzeloos.meetingplace import services as meet
    from tests.organisations.factories import ContactPersonFactory, OrganisationFactory

    mine = OrganisationFactory(name="Matrix Gemeente", sector="government", created_by=None)
    theirs = OrganisationFactory(name="Matrix Partner", sector="business", created_by=None)
    ContactPersonFactory(organisation=mine, user=owner)
    ContactPersonFactory(organisation=theirs, user=editor)
    statement = meet.publish(
        actor=owner,
        organisation=mine,
        data=meet.StatementData(
            title="Gedeeld probleem", hurts="x", visibility="invited", invited=[theirs.pk]
        ),
    )
    answer = meet.answer(
        actor=editor, statement=statement, organisation=theirs, kind="shared", framing="y"
    )
    return statement, answer


def _speaks_for(user: Any, name: str) -> Any:
    from tests.organisations.factories import ContactPersonFactory, OrganisationFactory

    organisation = OrganisationFactory(name=name, created_by=None)
    ContactPersonFactory(organisation=organisation, user=user)
    return organisation


def _challenge_file(world: dict[str, Any]) -> Any:
    """The viewer's submission to the world's challenge, with a PNG (made for the routes of
    submissions and their files only, as the meeting place's organisations are)."""
    import io

    viewer = world["users"]["viewer"]
    submission = challenge_services.submit(
        actor=viewer,
        challenge_id=world["challenge"].pk,
        organisation_id=_speaks_for(viewer, "Matrix Start-up").pk,
        title="Idee",
        summary="Zo",
    )
    return challenge_services.attach(
        actor=viewer,
        submission_id=submission.pk,
        name="schets.png",
        content=io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
    )


def _kwargs(name: str, pattern: str, world: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {
        "number": 1,
        "a": 1,
        "b": 2,
        "name": "dream",
        "index": 0,
        "fmt": "md"
        if name.startswith(("legal:", "workshop:"))
        else "csv"
        if "ledger" in name or name.startswith("api-governance:")
        else "json",
        "key": "on_date",
        "username": "vera",
        "slug": "cumulus-park",
        "item": 1,
        "token": "no-such-invitation",
        "invitation": world["invitation"].pk,
        "uidb64": "MQ",
        "workshop": world["workshop"].pk,
        "note": world["note"].pk,
        "code": world["workshop"].guest_code,
        "what": "start",
    }
    if name.startswith(("processes:", "api-processes:")):
        if ("attachment" in name or "submission" in pattern) and "attachment" not in world:
            world["attachment"] = _challenge_file(world)
        if "attachment" in world:
            values["attachment"] = world["attachment"].pk
            values["submission"] = world["attachment"].submission_id
        values["process"] = world["process"].pk
        values["item"] = world["process_item"].pk
        values["challenge"] = world["challenge"].pk
        values["fmt"] = "csv"
    if "example" in name and name.startswith(("canvas:", "api-canvas:")):
        values["key"] = "case-cumulus-park"
    if name.startswith(("governance:", "api-governance:")):
        governed = world["governance"]
        values["item"] = governed[
            "body"
            if name.endswith(("seat_add", "propose", "seats"))
            else "comment"
            if name.endswith("resolve")
            else "decision"
        ]
    kwargs = {key: value for key, value in values.items() if f":{key}>" in pattern}
    if "<int:pk>" in pattern:
        is_assessment = name.startswith("legal:") and name not in (
            "legal:collaboration",
            "legal:new",
        )
        is_assessment |= (
            name.startswith("api-legal:assessment") and name != "api-legal:assessments"
        ) or name in (
            "api-legal:sign-off",
            "api-legal:reopen",
            "api-legal:send-back",
            "api-legal:reason",
        )
        kwargs["pk"] = (world["assessment"] if is_assessment else world["collaboration"]).pk
        if name.startswith("workshop:") and name != "workshop:list":
            kwargs["pk"] = world["workshop"].pk
        if name.startswith(("meetingplace:", "api-meetingplace:")) and "meet_answer" not in world:
            # Made for the meeting place's routes only: its organisations would otherwise
            # be found under the ids the registry's routes are checked with.
            users = world["users"]
            world["meet_statement"], world["meet_answer"] = _meeting_place(
                users["owner"], users["editor"]
            )
        if name in ("meetingplace:compare", "api-meetingplace:comparison"):
            kwargs["pk"] = world["meet_answer"].pk
        elif name.startswith(("meetingplace:", "api-meetingplace:")) and "seats" not in name:
            kwargs["pk"] = world["meet_statement"].pk
    return kwargs


QUERY = {
    "api-legal:report": "?format=md",
    "api-legal:assessment-report": "?format=md",
    "api-canvas:diff": "?from=1&to=2",
    "api-canvas:export": "?format=md",
    "canvas:export_choice": "?format=md&revision=1",
    "api-ledger:report": "?start=2026-01-01&end=2026-12-31",
    "api-ledger:report-file": "?start=2026-01-01&end=2026-12-31",
}


def _request(world: dict[str, Any], name: str, index: int, role: str) -> tuple[str, int]:
    method, data, _statuses = EXPECTED[name][index]
    routes = _routes()
    url = reverse(name, kwargs=_kwargs(name, routes[name], world)) + QUERY.get(name, "")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    if data == "canvas":
        data = load_fixture("canvas-rich.json")
    elif data == "answers":
        data = world["answers"]
    elif data == "stop":
        data = {"to_stage": "close:stopped", "outcome": "stopped", "reason": "Geen partners"}
        data |= {"lessons": "Eerst de vraag scherp.", "revision": 1}
    elif data == "call":
        data = {"title": "Afval", "theme": "Stad", "problem": "Vol", "budget": "20000"}
        data |= {"deadline": "2099-01-01", "owner_role": "Eigenaar", "owner_hours": "8"}
        data |= {"reserved_budget": "20000"}
    elif data == "submission":
        start_up = _speaks_for(world["users"]["viewer"], "Start bv").pk
        data = {"action": "submit", "organisation": start_up, "title": "Idee", "summary": "Zo"}
    elif data == "case":
        data = {"theme": "sustainability", "condition": "independence"}
    elif data == "gate":
        aspects = ("technology", "business_model", "regulation", "public")
        data = {"to_stage": "lab", "reason": "Intake rond", "revision": 1}
        data["criteria"] = dict.fromkeys(aspects, "beantwoord")
    if name.startswith("api") or name == "openapi":
        response = getattr(client, method)(url, data=data, content_type="application/json")
    else:
        response = getattr(client, method)(url, data=data or {})
    return f"{method.upper()} {url} as {role}", response.status_code


# Reading changes nothing, so one world serves every visitor; each write gets a fresh world.
READS = [
    (name, index)
    for name, checks in EXPECTED.items()
    for index, check in enumerate(checks)
    if check[0] == "get"
]
WRITES = [
    (name, index, role)
    for name, checks in EXPECTED.items()
    for index, check in enumerate(checks)
    if check[0] != "get"
    for role in ROLES
]


@pytest.mark.parametrize(("name", "index"), READS)
def test_reading_a_route_answers_each_visitor_as_declared(world, name, index):
    statuses = EXPECTED[name][index][2]
    wrong = []
    for role in ROLES:
        what, status = _request(world, name, index, role)
        if status != statuses[role]:
            wrong.append(f"{what}: {status}, declared {statuses[role]}")
    assert not wrong, wrong


@pytest.mark.parametrize(("name", "index", "role"), WRITES)
def test_writing_to_a_route_answers_each_visitor_as_declared(world, name, index, role):
    statuses = EXPECTED[name][index][2]
    what, status = _request(world, name, index, role)
    assert status == statuses[role], f"{what}: {status}, declared {statuses[role]}"


def test_a_statement_shared_with_one_organisation_reaches_no_other_digest(world):
    """The meeting place's digest: every visitor's organisation follows the theme (its own
    statement names it), the owner's organisation shares a new statement on it only with the
    editor's; only the editor's digest names it."""
    from django.utils import timezone

    from grenzeloos.meetingplace import services as meet
    from tests.organisations.factories import ContactPersonFactory, OrganisationFactory

    organisations = {}
    for role, user in world["users"].items():
        if user is None:
            continue
        organisations[role] = OrganisationFactory(name=f"Matrix {role}", created_by=None)
        ContactPersonFactory(organisation=organisations[role], user=user)
        meet.publish(
            actor=user,
            organisation=organisations[role],
            data=meet.StatementData(title=f"Thema van {role}", hurts="x", themes="matrixthema"),
        )
    since = timezone.now()
    shared = meet.publish(
        actor=world["users"]["owner"],
        organisation=organisations["owner"],
        data=meet.StatementData(
            title="Alleen voor de partner",
            hurts="y",
            themes="matrixthema",
            visibility="invited",
            invited=[organisations["editor"].pk],
        ),
    )
    reached = {
        role: shared.pk in [s.pk for s in meet.digest_statements(user=user, since=since)]
        for role, user in world["users"].items()
        if user is not None
    }
    assert reached == {role: role == "editor" for role in reached}
