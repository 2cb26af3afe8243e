"""OpenAPI links between the API's operations (a drf-spectacular post-processing hook).

Links say how the answer of one operation feeds the next (create → read → update), so clients
and the stateful fuzzing in the tests can follow them. They join operations of several apps,
so they live here at the top, next to ``api_urls``.
"""

from __future__ import annotations

from typing import Any

_ID = "$response.body#/id"
#: operationId of a creating operation -> (link name, target operationId, parameters)
LINKS: dict[str, list[tuple[str, str, dict[str, str]]]] = {
    "collaborations_create": [
        ("GetCollaboration", "collaborations_retrieve", {"id": _ID}),
        ("GetCanvas", "canvas_retrieve", {"id": _ID}),
        (
            "UpdateCanvas",
            "canvas_update",
            {"id": _ID, "base_revision": "$response.body#/revision"},
        ),
        ("ListRevisions", "revisions_list", {"id": _ID}),
        ("ListMembers", "members_list", {"id": _ID}),
        ("CreateAssessment", "assessments_create", {"id": _ID}),
        ("ListAssessments", "assessments_list", {"id": _ID}),
    ],
    "assessments_create": [
        ("GetAssessment", "assessments_retrieve", {"id": _ID}),
        ("UpdateAnswers", "assessments_answers_update", {"id": _ID}),
        ("SignOff", "assessments_sign_off", {"id": _ID}),
    ],
}


def add_links(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            links = LINKS.get(operation.get("operationId", ""))
            if not links:
                continue
            created = operation.get("responses", {}).get("201")
            if created is None:
                continue
            created["links"] = {
                name: {"operationId": target, "parameters": dict(parameters)}
                for name, target, parameters in links
            }
    return result
