"""What the OpenAPI document says beyond drf-spectacular's defaults, so that outside linters
(Spectral's OpenAPI rules and the NLGov REST API Design Rules in ``.spectral.yaml``) accept it:
the ``API-Version`` header on every response, e-mail fields with an e-mail example, and a
description on every operation. A drf-spectacular post-processing hook, next to
:mod:`grenzeloos.openapi_links`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

#: The header every answer under ``/api/`` carries (``core.api.ApiVersionMiddleware``).
VERSION_HEADER = "API-Version"

#: Descriptions of the operations whose views give none of their own (no docstring).
DESCRIPTIONS = {
    "account_tokens_list": (
        "Your own API tokens: name, first characters, when made and last used. The token "
        "itself is shown only once, when it is made."
    ),
    "account_tokens_revoke": (
        "Revoke one of your own API tokens: requests made with it are refused from now on."
    ),
    "assessments_retrieve": (
        "One legal route check: its answers, outcome, status and who signed it off. Members of "
        "the collaboration who may view it read it."
    ),
    "cases_read": (
        "One case of the library with its story and, where it has one, its example canvas. "
        "Shared cases are readable by everyone signed in; private ones by their author."
    ),
    "contacts_erase_create": (
        "Erase a contact person's personal data (AVG/GDPR right to erasure). The person's "
        "contributions stay, without their name; the erasure is audited."
    ),
    "contacts_export_create": (
        "Everything stored about a contact person, as JSON (AVG/GDPR right of access)."
    ),
    "organisations_list": (
        "The organisations in the partners ledger, in pages, optionally searched by name."
    ),
    "organisations_update": (
        "Change an organisation's name, sector, KvK number or size figures. Only the people who "
        "manage the organisation, and staff, may change it."
    ),
    "organisations_contacts_create": (
        "Add a contact person to an organisation; naming their account makes them one of the "
        "organisation's managers."
    ),
}


def add_conventions(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    components = result.setdefault("components", {})
    components.setdefault("headers", {})[VERSION_HEADER] = {
        "description": "The version of the API that answered (semantic versioning).",
        "schema": {"type": "string", "example": settings.API_VERSION},
    }
    reference = {"$ref": f"#/components/headers/{VERSION_HEADER}"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            if not operation.get("description"):
                description = DESCRIPTIONS.get(operation.get("operationId", ""))
                if description:
                    operation["description"] = description
            for response in operation["responses"].values():
                response.setdefault("headers", {})[VERSION_HEADER] = reference
    for schema in components.get("schemas", {}).values():
        _email_examples(schema)
    return result


def _email_examples(node: Any) -> None:
    """An optional e-mail field (``EmailField(allow_blank=True, default="")``) is a ``oneOf`` of
    an e-mail address and the empty text; the empty default belongs to the field, not to the
    e-mail branch it does not match, and that branch gets an address as its example."""
    if isinstance(node, list):
        for item in node:
            _email_examples(item)
        return
    if not isinstance(node, dict):
        return
    for branch in node.get("oneOf", []):
        if isinstance(branch, dict) and branch.get("format") == "email":
            if "default" in branch:
                node.setdefault("default", branch.pop("default"))
            branch.setdefault("example", "naam@example.org")
    if node.get("format") == "email" and node.get("type") == "string":
        node.setdefault("example", "naam@example.org")
    for value in node.values():
        if isinstance(value, dict | list):
            _email_examples(value)
